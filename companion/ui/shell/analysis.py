"""Running the analysis for the window: start it in the worker, poll the worker with `after()`,
show progress in the status bar, and hand what comes back to the App's views.

The first analysis of an article waits for the window to be on screen (mapped, then idle), so the
text is readable before the worker imports spaCy. A quiet re-analysis (after a correction or a
glossary change) keeps the old highlights until the new ones are ready, then says its message.
"""

from __future__ import annotations

import logging
import tkinter as tk
from typing import TYPE_CHECKING, Callable

from companion.errors import UserError
from companion.ui.shell.worker import Analyse, AnalysisWorker, Cancelled, Failed, Finished, Partial, Progress

if TYPE_CHECKING:  # pragma: no cover
    from companion.core.analysis import Analysis
    from companion.core.document import Document
    from companion.ui.panel.corrections import CorrectionsController
    from companion.ui.panel.side_panel import SidePanel
    from companion.ui.reading.reader import ReaderView
    from companion.ui.shell.status import StatusBar

log = logging.getLogger(__name__)

POLL_MS = 50
UNMAPPED_START_MS = 2000  # analyse anyway if the window is never mapped (started iconified)
READY = "Ready. Hover a highlighted name to see who it is; right-click it to correct it."


class AnalysisRunner:
    """Runs `analyse` on the shown document and draws the result on the reader, the panel and the
    corrections; `counted()` is called when there is something new to count in the status bar.
    `notice` (a settings problem) stays pinned while the first analysis runs, then replaces "Ready."."""

    def __init__(self, root: tk.Misc, analyse: Analyse, status: "StatusBar", *, reader: "ReaderView",
                 panel: "SidePanel", corrections: "CorrectionsController", counted: Callable[[], None],
                 notice: str | None = None) -> None:
        self.root, self.status, self.reader, self.panel, self.corrections = root, status, reader, panel, corrections
        self.analyse = analyse
        self.worker = AnalysisWorker(analyse)
        self._counted = counted
        self.notice = notice
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._poll_after: str | None = None
        self._start_after: str | None = None
        self._mapped = False
        self._done_message: str | None = None  # a quiet re-analysis says this when it is done
        root.bind("<Map>", self._on_map, add=True)

    @property
    def busy(self) -> bool:
        """An analysis is scheduled or running."""
        return self._start_after is not None or self.worker.running

    def schedule(self, document: "Document") -> None:
        """The first analysis of a newly shown article: once the window is on screen and drawn."""
        self.cancel()
        self.document, self.analysis = document, None
        if self._mapped:
            self._start_after = self.root.after_idle(self.start)
        else:
            self._start_after = self.root.after(UNMAPPED_START_MS, self.start)

    def start(self, done_message: str | None = None) -> None:
        """(Re)start the analysis of the document; quietly when `done_message` is given."""
        self._unschedule()
        if self.document is None:
            return
        self._done_message = done_message
        self.worker.start(self.document)
        if done_message is None:
            self.status.show_message("Analysing…")
            self.status.show_progress(None)
        else:
            self.status.show_message("Updating…")
        if self._poll_after is None:
            self._poll_after = self.root.after(POLL_MS, self._poll)

    def cancel(self, *, quiet: bool = True) -> None:
        """Stop a scheduled or running analysis; unless `quiet`, say so where its results would be."""
        self._unschedule()
        if not self.worker.running:
            return
        self.worker.cancel()
        self.status.hide_progress()
        if quiet:
            return
        if self.analysis is None:  # the preliminary highlights go with it
            self.reader.show_mentions([])
        self.panel.clear_analysis("The analysis was cancelled. Article ▸ Analyse again (F5) restarts it.")
        self.status.show_message("Analysis cancelled; the article stays readable. Press F5 to analyse it again.")

    def close(self) -> None:
        if self._poll_after:
            self.root.after_cancel(self._poll_after)
            self._poll_after = None
        self.cancel()

    # -- internals -----------------------------------------------------------------------------
    def _unschedule(self) -> None:
        if self._start_after:
            self.root.after_cancel(self._start_after)
        self._start_after = None

    def _on_map(self, event: tk.Event) -> None:
        if event.widget is self.root and not self._mapped:
            self._mapped = True
            if self._start_after:  # the analysis was waiting for the window to be on screen
                self.root.after_cancel(self._start_after)
                self._start_after = self.root.after_idle(self.start)

    def _poll(self) -> None:
        self._poll_after = None
        for message in self.worker.drain():
            if isinstance(message, Progress):
                if self._done_message is not None and message.percent >= 100:
                    continue  # a quick re-analysis: no progress bar flashing by
                self.status.show_progress(message.percent)
                self.status.show_message(f"Analysing… {message.percent}%")
            elif isinstance(message, Partial):
                if self._done_message is None:  # a quiet re-analysis keeps the old highlights meanwhile
                    self.reader.add_mentions(message.mentions)
            elif isinstance(message, Finished):
                self.status.hide_progress()
                done, self._done_message = self._done_message, None
                self._show(message.analysis, done)
            elif isinstance(message, Failed):
                self.status.hide_progress()
                self.panel.clear_analysis("No analysis: see the message at the bottom of the window.")
                self.status.show_message(_failure_message(message.error), error=True)
            elif isinstance(message, Cancelled):
                self.status.hide_progress()
        if self.worker.running:
            self._poll_after = self.root.after(POLL_MS, self._poll)

    def _show(self, analysis: "Analysis", message: str | None) -> None:
        self.analysis = analysis
        self.reader.show_mentions(analysis.mentions, {e.name: e.role for e in analysis.entities if e.role})
        self.reader.show_glossary(analysis.glossary)
        self.panel.show_analysis(analysis)
        self.corrections.show_analysis(analysis)
        notice, self.notice = self.notice, None
        if notice:
            self.status.unpin()
            self.status.show_message(notice, error=True)
        else:
            self.status.show_message(message or READY)
        self._counted()


def _failure_message(error: BaseException) -> str:
    """One line for the status bar; an unexpected error is logged with its traceback."""
    if isinstance(error, UserError):
        log.info("Analysis not possible: %s", error)
        return f"{error} (The article stays readable.)"
    log.error("The analysis failed", exc_info=(type(error), error, error.__traceback__))
    return (f"The analysis failed ({type(error).__name__}: {error}); the article stays readable. "
            "Details are in the log.")
