"""Analysis off the Tk thread: the worker returns data through a queue and never touches a widget.

The window polls `AnalysisWorker.drain()` with `after()`. Each run is a numbered job, so the
result of an analysis that was cancelled (another article opened) is recognised and dropped.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from companion.core.analysis import Analysis, Mention
    from companion.core.document import Document


class Analyse(Protocol):
    """What the worker runs: `companion.service.ReaderAnalysis` (the window's default) or a test
    double. `partial(mentions)` takes each chunk's preliminary mentions as the model goes."""

    def __call__(self, document: "Document", *, progress: Callable[[int, int], None],
                 cancelled: Callable[[], bool],
                 partial: Callable[[list["Mention"]], None] | None = None) -> "Analysis": ...


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

    def __init__(self, analyse: Analyse) -> None:
        self._analyse = analyse
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
        try:
            analysis = self._analyse(
                document, progress=lambda done, total: put(Progress(job, done, total)), cancelled=cancel.is_set,
                partial=lambda mentions: None if cancel.is_set() else put(Partial(job, list(mentions))))
        except InterruptedError:
            put(Cancelled(job))
        except Exception as exc:  # reported on the Tk thread: a UserError as its message, else logged
            put(Failed(job, exc))
        else:
            put(Cancelled(job) if cancel.is_set() else Finished(job, analysis))
