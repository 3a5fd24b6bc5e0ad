"""Analysis off the Tk thread: the worker returns data through a queue and never touches a widget.

The window polls `AnalysisWorker.drain()` with `after()`. Each run is a numbered job, so the
result of an analysis that was cancelled (another article opened) is recognised and dropped.
"""

from __future__ import annotations

import inspect
import logging
import queue
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

from companion.errors import UserError

if TYPE_CHECKING:  # pragma: no cover
    from companion.core.analysis import Analysis, Mention
    from companion.core.document import Document


log = logging.getLogger(__name__)


class Analyzer(Protocol):
    """`partial(mentions)`, when the analyzer takes it, receives each chunk's preliminary
    mentions as the model goes; an analyzer without it simply has no preliminary highlights."""

    def __call__(self, document: "Document", *, progress: Callable[[int, int], None],
                 cancelled: Callable[[], bool],
                 partial: Callable[[list["Mention"]], None] | None = None) -> "Analysis": ...


def takes_partial(analyzer: Callable) -> bool:
    """Whether `analyzer` accepts `partial=` (test doubles and older embedders may not)."""
    try:
        parameters = inspect.signature(analyzer).parameters.values()
    except (TypeError, ValueError):  # a builtin or C callable without a signature
        return False
    return any(p.name == "partial" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


class DefaultAnalyzer:
    """What `companion annotate` does, for the window: core's `pipeline.Analyzer` (the spaCy
    model loaded once, on first need; cached mentions reused) with the reader's corrections and
    own glossary entries.

    Called in the worker thread only, so spaCy is imported there, after the window and the
    article are on screen.
    """

    def __init__(self) -> None:
        self._analyzer = None
        self._lock = threading.Lock()  # two quick analyses must not build two analyzers

    @property
    def model_loaded(self) -> bool:
        return self._analyzer is not None and self._analyzer.model_loaded

    def __call__(self, document: "Document", *, progress: Callable[[int, int], None],
                 cancelled: Callable[[], bool],
                 partial: Callable[[list["Mention"]], None] | None = None) -> "Analysis":
        from companion.core.pipeline import Analyzer
        from companion.store.cache import MentionCache
        from companion.store.corrections import corrections_for
        from companion.store.user_glossary import user_entries

        with self._lock:
            if self._analyzer is None:
                self._analyzer = Analyzer(cache=MentionCache())
        try:
            corrections = corrections_for(document.fingerprint, document.path)
        except UserError as exc:  # the database is unusable: analyse without the reader's corrections
            log.warning("corrections were not applied: %s", exc)
            corrections = []
        user_glossary = user_entries()
        return self._analyzer(document, corrections=corrections, user_glossary=user_glossary,
                              progress=progress, cancelled=cancelled, partial=partial)


@dataclass(frozen=True)
class Progress:
    job: int
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class Partial:
    """Preliminary mentions of one chunk, to highlight before the analysis ends (additive)."""
    job: int
    mentions: list["Mention"]


@dataclass(frozen=True)
class Finished:
    job: int
    analysis: "Analysis"


@dataclass(frozen=True)
class Failed:
    job: int
    error: BaseException  # carries its traceback for the log


@dataclass(frozen=True)
class Cancelled:
    job: int


Message = Progress | Partial | Finished | Failed | Cancelled


class AnalysisWorker:
    """Runs one analysis at a time in a daemon thread; starting a new one cancels the last."""

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._partial = takes_partial(analyzer)
        self._queue: queue.Queue[Message] = queue.Queue()
        self._last_job = 0
        self._current: int | None = None  # the job whose messages are still wanted
        self._cancel = threading.Event()

    @property
    def running(self) -> bool:
        """An analysis was started and its result has not been drained (nor abandoned) yet."""
        return self._current is not None

    def start(self, document: "Document") -> int:
        """Analyse `document` in a new thread; returns the job number its messages carry."""
        self.cancel()
        self._last_job += 1
        job, cancel = self._last_job, threading.Event()
        self._current, self._cancel = job, cancel
        thread = threading.Thread(target=self._run, args=(job, document, cancel),
                                  name=f"analysis-{job}", daemon=True)
        thread.start()
        return job

    def cancel(self) -> None:
        """Abandon the running analysis: it is asked to stop, and whatever it still sends is dropped."""
        self._cancel.set()
        self._current = None

    def drain(self) -> list[Message]:
        """Messages of the current job that arrived since the last call (stale jobs are dropped)."""
        messages: list[Message] = []
        while True:
            try:
                message = self._queue.get_nowait()
            except queue.Empty:
                return messages
            if message.job != self._current:
                continue
            if not isinstance(message, (Progress, Partial)):  # the job's last message
                self._current = None
            messages.append(message)

    def _run(self, job: int, document: "Document", cancel: threading.Event) -> None:
        put = self._queue.put
        options = {}
        if self._partial:
            options["partial"] = lambda mentions: None if cancel.is_set() else put(Partial(job, list(mentions)))
        try:
            analysis = self._analyzer(document, progress=lambda done, total: put(Progress(job, done, total)),
                                      cancelled=cancel.is_set, **options)
        except InterruptedError:
            put(Cancelled(job))
        except Exception as exc:  # reported on the Tk thread: a UserError as its message, else logged
            put(Failed(job, exc))
        else:
            put(Cancelled(job) if cancel.is_set() else Finished(job, analysis))
