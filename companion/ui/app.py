"""The main window: menus, toolbar, reader, side panel, status bar, the analysis worker, notes.

`run_app(path)` is what the CLI calls. The App holds no NLP and no SQL: it calls core/ and
store/ and hands what comes back to the views. Views tell the App what happened through
virtual events; the App calls their small methods.
"""

from __future__ import annotations

import logging
import os
import sys
import tkinter as tk
from pathlib import Path
from tkinter import filedialog

import ttkbootstrap as ttk

from companion.core.analysis import Analysis
from companion.core.document import Document, load_document
from companion.errors import UserError
from companion.resources import DEFAULT_ARTICLE, SEEDS_DIR
from companion.store.corrections import CorrectionStore
from companion.store.notes import NoteStore
from companion.store.user_glossary import UserGlossary
from companion.ui import theme
from companion.ui.corrections import CorrectionsController
from companion.ui.glossary_edit import GlossaryController
from companion.ui.glossary_tab import TERM_CHOSEN
from companion.ui.notes import NotesController
from companion.ui.panel import SidePanel
from companion.ui.people_tab import ENTITY_CHOSEN
from companion.ui.reader import Legend, ReaderView
from companion.ui.status import StatusBar
from companion.ui.undo import UndoStack
from companion.ui.widgets import configure_lists
from companion.ui.worker import (Analyzer, AnalysisWorker, Cancelled, DefaultAnalyzer, Failed, Finished,
                                 Progress)

log = logging.getLogger(__name__)

POLL_MS = 50
UNMAPPED_START_MS = 2000  # analyse anyway if the window is never mapped (started iconified)
OPEN_TYPES = [("Articles", "*.txt *.md *.markdown *.html *.htm"), ("Text", "*.txt"),
              ("Markdown", "*.md *.markdown"), ("Web pages", "*.html *.htm"), ("All files", "*")]

# Virtual events generated on the root window; bind them with add=True.
DOCUMENT_OPENED = "<<DocumentOpened>>"
ANALYSIS_DONE = "<<AnalysisDone>>"


class NoDisplayError(UserError):
    """Tk cannot open a window here."""


def create_root() -> ttk.App:
    """The themed root window. Raises NoDisplayError when there is no display to open it on."""
    try:
        return ttk.App(title="companion", theme=theme.THEME, size=theme.WINDOW_SIZE,
                       minsize=theme.MIN_SIZE, iconphoto=None)
    except tk.TclError as exc:
        if "display" not in str(exc).lower():
            raise
        unset = sys.platform not in ("win32", "darwin") and not os.environ.get("DISPLAY")
        reason = "DISPLAY is not set" if unset else str(exc)
        raise NoDisplayError(f"no display available ({reason}); use `companion annotate FILE` "
                             "to analyse without a window.") from None


class App:
    """The reading companion window.

    `store` and `analyzer` are for tests and embedding: by default notes go to the user's
    NoteStore and the analysis is `worker.DefaultAnalyzer` (what `companion annotate` does, with
    the reader's corrections and own glossary entries, read again at each analysis).
    """

    def __init__(self, path: str | os.PathLike | None = None, *, store: NoteStore | None = None,
                 analyzer: Analyzer | None = None) -> None:
        self.root = create_root()
        self.root.report_callback_exception = self._report_callback_exception
        configure_lists(self.root)
        try:
            self.store = store or NoteStore()
            self.correction_store = CorrectionStore()
        except UserError:
            if store is None and hasattr(self, "store"):
                self.store.close()
            self.root.destroy()
            raise
        self._owns_store = store is None
        self.user_glossary = UserGlossary()
        self.undo_stack = UndoStack()
        self.analyzer = analyzer or DefaultAnalyzer()
        self.worker = AnalysisWorker(self.analyzer)
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._poll_after: str | None = None
        self._start_after: str | None = None
        self._mapped = False
        self._sash_placed = False
        self._done_message: str | None = None  # a quiet re-analysis says this when it is done
        self._build()
        self.notes = NotesController(self.root, self.store, self.reader, self.panel, self.status,
                                     on_change=self._update_counts, undo=self.undo_stack)
        self.corrections = CorrectionsController(self.root, self.correction_store, self.reader,
                                                 self.panel.people, self.status, self.undo_stack,
                                                 reanalyse=self.reanalyse)
        self.glossary = GlossaryController(self.root, self.user_glossary, self.reader, self.panel.glossary,
                                           self.status, self.undo_stack, reanalyse=self.reanalyse)
        self.notes.menu_sections += [self.glossary.add_menu_entries, self.corrections.add_menu_entries]
        self._bind_keys()
        if path is None or not self.open_path(path):
            self.reader.show_placeholder("No article open", "Open one with File ▸ Open… (Ctrl+O).")

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        root = self.root
        toolbar = ttk.Frame(root, padding=(12, 8, 14, 8))
        toolbar.pack(side="top", fill="x")
        ttk.Separator(root).pack(side="top", fill="x")
        self.status = StatusBar(root, on_cancel=self.cancel_analysis)
        self.status.pack(side="bottom", fill="x")
        ttk.Separator(root).pack(side="bottom", fill="x")

        self.paned = ttk.Panedwindow(root, orient="horizontal")
        self.paned.pack(fill="both", expand=True)
        self.reader = ReaderView(self.paned)
        side = ttk.Frame(self.paned, padding=(10, 10, 12, 8))
        self.panel = SidePanel(side)
        self.panel.pack(fill="both", expand=True)
        self.paned.add(self.reader, weight=3)
        self.paned.add(side, weight=1)
        self.paned.bind("<Configure>", self._place_sash, add=True)

        self.open_button = ttk.Button(toolbar, text="Open…", bootstyle="secondary-outline",
                                      command=self.choose_file)
        self.open_button.pack(side="left")
        self.add_note_button = ttk.Button(toolbar, text="Add note", bootstyle="primary",
                                          command=lambda: self.notes.request_note())
        self.add_note_button.pack(side="left", padx=(8, 0))
        self.legend = Legend(toolbar, self.reader)
        self.legend.pack(side="right")
        self._build_menu()

        self.panel.people.bind(ENTITY_CHOSEN, self._on_entity_chosen, add=True)
        self.panel.glossary.bind(TERM_CHOSEN, self._on_term_chosen, add=True)

    def _build_menu(self) -> None:
        menubar = ttk.Menu(self.root)
        file_menu = ttk.Menu(menubar, tearoff=False)
        file_menu.add_command(label="Open…", accelerator="Ctrl+O", command=self.choose_file)
        file_menu.add_separator()
        file_menu.add_command(label="Export glossary…", command=lambda: self.glossary.export())
        file_menu.add_command(label="Import glossary…", command=lambda: self.glossary.import_())
        file_menu.add_separator()
        file_menu.add_command(label="Quit", accelerator="Ctrl+Q", command=self.quit)
        menubar.add_cascade(label="File", menu=file_menu)
        edit_menu = ttk.Menu(menubar, tearoff=False, postcommand=self._update_undo_entry)
        edit_menu.add_command(label="Undo", accelerator="Ctrl+Z", command=self.undo)
        edit_menu.add_separator()
        edit_menu.add_command(label="Copy", accelerator="Ctrl+C",
                              command=lambda: self.reader.text.event_generate("<<Copy>>"))
        edit_menu.add_command(label="Add note…", accelerator="Ctrl+N",
                              command=lambda: self.notes.request_note())
        edit_menu.add_command(label="Add to glossary…", command=lambda: self.glossary.new_entry_from_selection())
        menubar.add_cascade(label="Edit", menu=edit_menu)
        article_menu = ttk.Menu(menubar, tearoff=False)
        article_menu.add_command(label="Analyse again", accelerator="F5", command=self.analyse)
        article_menu.add_command(label="Cancel analysis", accelerator="Esc", command=self.cancel_analysis)
        article_menu.add_separator()
        article_menu.add_command(label="Corrections…", command=lambda: self.corrections.show_list())
        menubar.add_cascade(label="Article", menu=article_menu)
        self.edit_menu = edit_menu
        self.root.configure(menu=menubar)
        self.menubar = menubar

    def _bind_keys(self) -> None:
        root, text = self.root, self.reader.text
        for key, action in (("o", self.choose_file), ("q", self.quit),
                            ("n", lambda: self.notes.request_note()),
                            ("z", self.undo)):
            for sequence in (f"<Control-{key}>", f"<Control-{key.upper()}>"):
                root.bind(sequence, lambda e, a=action: a(), add=True)
                # The Text class binds Ctrl+N/O (cursor moves that drop the selection): we go first.
                text.bind(sequence, lambda e, a=action: (a(), "break")[1], add=True)
        root.bind("<F5>", lambda e: self.analyse(), add=True)
        root.bind("<Escape>", lambda e: self.cancel_analysis(), add=True)
        text.bind("<Button-3>", self.notes.popup_context_menu, add=True)
        if root.tk.call("tk", "windowingsystem") == "aqua":
            text.bind("<Button-2>", self.notes.popup_context_menu, add=True)
        root.bind("<Map>", self._on_map, add=True)
        root.protocol("WM_DELETE_WINDOW", self.quit)

    def _place_sash(self, event: tk.Event) -> None:
        if not self._sash_placed and event.width > 200:  # the first real size: reader's share, once
            self._sash_placed = True
            self.paned.sashpos(0, int(event.width * theme.READER_SHARE))

    def _on_map(self, event: tk.Event) -> None:
        if event.widget is self.root and not self._mapped:
            self._mapped = True
            if self._start_after:  # the analysis was waiting for the window to be on screen
                self.root.after_cancel(self._start_after)
                self._start_after = self.root.after_idle(self.analyse)

    # -- opening -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        folder = Path(self.document.path).parent if self.document and self.document.path else SEEDS_DIR
        path = filedialog.askopenfilename(parent=self.root, title="Open an article",
                                          filetypes=OPEN_TYPES, initialdir=str(folder))
        if path:
            self.open_path(path)

    def open_path(self, path: str | os.PathLike) -> bool:
        """Open an article. A bad file leaves the current article as it was and says why."""
        try:
            document = load_document(path)
        except UserError as exc:
            log.info("Not opened: %s", exc)
            self.status.show_message(str(exc), error=True)
            return False
        self.show_document(document)
        return True

    def show_document(self, document: Document) -> None:
        self.cancel_analysis(quiet=True)
        self.document, self.analysis = document, None
        self.undo_stack.clear()
        self.reader.show_document(document)
        self.panel.clear_analysis("Analysing the article…")
        self.notes.show_document(document)
        self.corrections.show_document(document)
        self.glossary.close_dialog()
        self.root.title(f"{document.title} — companion")
        self.status.show_message("")
        self._update_counts()
        self.root.event_generate(DOCUMENT_OPENED)
        # The window and the text are on screen before the worker imports spaCy: the first
        # analysis waits for the window to be mapped, and then for its first drawing (idle).
        if self._mapped:
            self._start_after = self.root.after_idle(self.analyse)
        else:
            self._start_after = self.root.after(UNMAPPED_START_MS, self.analyse)

    def add_note_for_selection(self, comment: str):
        """Save a note on the selected passage without the dialog (see NotesController)."""
        return self.notes.add_note_for_selection(comment)

    # -- analysis ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """An analysis is scheduled or running."""
        return self._start_after is not None or self.worker.running

    def analyse(self) -> None:
        """(Re)start the analysis of the current article in the worker."""
        self._start(None)

    def reanalyse(self, message: str) -> None:
        """Redo the analysis after a correction or a glossary change, quietly: the list and the
        highlights stay until the new ones are ready (the model's mentions come from the cache,
        so it is quick), then `message` is shown."""
        if self.document is None:  # a glossary entry saved with no article open
            self.status.show_message(message)
            return
        self._start(message)

    def _start(self, done_message: str | None) -> None:
        if self._start_after:
            self.root.after_cancel(self._start_after)
        self._start_after = None
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

    def cancel_analysis(self, *, quiet: bool = False) -> None:
        if self._start_after:
            self.root.after_cancel(self._start_after)
            self._start_after = None
        if not self.worker.running:
            return
        self.worker.cancel()
        self.status.hide_progress()
        if not quiet:
            self.panel.clear_analysis("The analysis was cancelled. Article ▸ Analyse again (F5) restarts it.")
            self.status.show_message("Analysis cancelled; the article stays readable. Press F5 to analyse it again.")

    def _poll(self) -> None:
        self._poll_after = None
        for message in self.worker.drain():
            if isinstance(message, Progress):
                if self._done_message is not None and message.percent >= 100:
                    continue  # a quick re-analysis: no progress bar flashing by
                self.status.show_progress(message.percent)
                self.status.show_message(f"Analysing… {message.percent}%")
            elif isinstance(message, Finished):
                self._show_analysis(message.analysis)
            elif isinstance(message, Failed):
                self._analysis_failed(message.error)
            elif isinstance(message, Cancelled):
                self.status.hide_progress()
        if self.worker.running:
            self._poll_after = self.root.after(POLL_MS, self._poll)

    def _show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        roles = {e.name: e.role for e in analysis.entities if e.role}
        self.reader.show_mentions(analysis.mentions, roles)
        self.reader.show_glossary(analysis.glossary)
        self.panel.show_analysis(analysis)
        self.corrections.show_analysis(analysis)
        self.status.hide_progress()
        message, self._done_message = self._done_message, None
        self.status.show_message(message or "Ready. Hover a highlighted name to see who it is; "
                                 "right-click it to correct it.")
        self._update_counts()
        self.root.event_generate(ANALYSIS_DONE)

    def _analysis_failed(self, error: BaseException) -> None:
        self.status.hide_progress()
        self.panel.clear_analysis("No analysis: see the message at the bottom of the window.")
        if isinstance(error, UserError):
            log.info("Analysis not possible: %s", error)
            self.status.show_message(f"{error} (The article stays readable.)", error=True)
        else:
            log.error("The analysis failed", exc_info=(type(error), error, error.__traceback__))
            self.status.show_message(f"The analysis failed ({type(error).__name__}: {error}); the article "
                                     "stays readable. Details are in the log.", error=True)

    # -- wiring --------------------------------------------------------------------------------
    def _on_entity_chosen(self, event: tk.Event) -> None:
        mention = self.panel.people.chosen
        if mention is not None:
            self.reader.reveal(mention.start, mention.end)

    def _on_term_chosen(self, event: tk.Event) -> None:
        span = self.panel.glossary.chosen
        if span is not None:
            self.reader.reveal(*span)

    def undo(self) -> None:
        """Take back the last deleted note, correction or glossary change (Ctrl+Z)."""
        item = self.undo_stack.pop()
        if item is None:
            self.status.show_message("Nothing to undo.")
            return
        try:
            item.undo()
        except UserError as exc:
            self.status.show_message(f"{exc} Could not undo {item.what}.", error=True)

    def _update_undo_entry(self) -> None:
        last = self.undo_stack.last
        self.edit_menu.entryconfigure(0, label=f"Undo {last.what}" if last else "Undo",
                                      state="normal" if last else "disabled")

    def _update_counts(self) -> None:
        parts = []
        if self.analysis is not None:
            entities = self.analysis.entities
            parts += [self.analysis.model,
                      _count(sum(e.label == "PERSON" for e in entities), "person", "people"),
                      _count(sum(e.label == "ORG" for e in entities), "organization"),
                      _count(len(self.analysis.glossary), "glossary term")]
        if self.document is not None:
            parts.append(_count(len(self.notes.placed), "note"))
        self.status.show_counts("  ·  ".join(parts))

    def _report_callback_exception(self, exc_type: type[BaseException], exc: BaseException, tb) -> None:
        """A failing callback is reported in one line (and logged), never as a traceback dialog."""
        if isinstance(exc, UserError):
            log.info("%s", exc)
            message = str(exc)
        else:
            log.error("Error in a window callback", exc_info=(exc_type, exc, tb))
            message = (f"Something went wrong ({exc_type.__name__}: {exc}). Details are in the log; "
                       "your notes are safe.")
        try:
            self.status.show_message(message, error=True)
        except tk.TclError:  # the window is being torn down
            pass

    # -- lifetime ------------------------------------------------------------------------------
    def run(self) -> int:
        self.root.mainloop()
        return 0

    def quit(self) -> None:
        self.destroy()

    def destroy(self) -> None:
        """Close the window; a running analysis is abandoned. Safe to call twice."""
        if self._poll_after:
            self.root.after_cancel(self._poll_after)
            self._poll_after = None
        self.cancel_analysis(quiet=True)
        self.notes.close()
        self.corrections.close_dialogs()
        self.glossary.close_dialog()
        if self._owns_store:
            self.store.close()
        self.correction_store.close()
        try:
            self.root.destroy()
        except tk.TclError:
            pass


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def run_app(path: str | None = None) -> int:
    """Open the window on `path` (default: the bundled sample article); the exit status.

    2 when there is no display or the article cannot be opened (the CLI's user-error status, with
    one line on stderr), else 0 once the window is closed.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="companion: %(levelname)s: %(message)s")
    target = path or str(DEFAULT_ARTICLE)
    try:
        load_document(target)  # a bad path is said in the terminal, before any window opens
        app = App(target)
    except NoDisplayError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    return app.run()
