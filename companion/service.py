"""The analysis as this reader sees it, in one recipe for every caller (the CLI, the window's
worker, and later the library and the exporter):

    the model's mentions (from the cache when this text was analysed before)
    + the reader's corrections of this article   (store.corrections.corrections_for)
    + the reader's own glossary entries          (store.user_glossary.user_entries)
    → core.pipeline's who-is-who and glossary    → Analysis

`ReaderAnalysis` holds one core `Analyzer` (so one spaCy model, loaded on first need, never when
the cache answers); make one per process and call it for each document. Nothing here imports
spaCy or Tk at import time.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from companion.core.analysis import Analysis, Mention
    from companion.core.corrections import Correction
    from companion.core.document import Document
    from companion.core.glossary import UserEntry
    from companion.core.pipeline import Analyzer

log = logging.getLogger(__name__)


class ReaderAnalysis:
    """`ReaderAnalysis()(document)` → the document's Analysis with the reader's corrections and
    glossary, read again at each call (a correction saved a moment ago counts).

    `use_cache=False` always runs the model. `user_glossary`, when given, is used instead of the
    reader's saved entries (the CLI reads them once, so every file of a run sees the same).
    A corrections store that cannot be read is logged and the analysis goes on without them.
    """

    def __init__(self, *, use_cache: bool = True, user_glossary: Sequence["UserEntry"] | None = None) -> None:
        self._use_cache = use_cache
        self._user_glossary = None if user_glossary is None else tuple(user_glossary)
        self._analyzer: Analyzer | None = None
        self._lock = threading.Lock()  # two quick analyses (worker threads) must not build two

    @property
    def model_loaded(self) -> bool:
        return self._analyzer is not None and self._analyzer.model_loaded

    def analyzer(self) -> "Analyzer":
        """The core Analyzer (with the mention cache unless use_cache=False), made on first need."""
        with self._lock:
            if self._analyzer is None:
                from companion.core.pipeline import Analyzer
                from companion.store.cache import MentionCache
                self._analyzer = Analyzer(cache=MentionCache() if self._use_cache else None)
            return self._analyzer

    def __call__(self, document: "Document", *, progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 partial: Callable[[list["Mention"]], None] | None = None) -> "Analysis":
        """Raises InterruptedError when `cancelled()` turns true, UserError (e.g. no model) with
        a one-line message; `partial(mentions)` gets each chunk's preliminary highlights."""
        return self.analyzer()(document, corrections=reader_corrections(document),
                               user_glossary=self._glossary(), progress=progress,
                               cancelled=cancelled, partial=partial)

    def _glossary(self) -> Sequence["UserEntry"]:
        if self._user_glossary is not None:
            return self._user_glossary
        from companion.store.user_glossary import user_entries
        return user_entries()


def reader_corrections(document: "Document") -> list["Correction"]:
    """The reader's saved corrections of this article, in the order they were made; none (and a
    warning in the log) when the corrections cannot be read."""
    from companion.errors import UserError
    from companion.store.corrections import corrections_for
    try:
        return list(corrections_for(document.fingerprint, document.path))
    except UserError as exc:
        log.warning("corrections were not applied: %s", exc)
        return []
