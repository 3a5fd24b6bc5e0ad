"""The main window, assembled: toolbar, reader, side panel, status bar, and the rooms that act on
them (notes, corrections, the reader's glossary, appearance, opening, the analysis runner).

`shell.launch.run_app(path)` is what the CLI calls. The App holds no NLP and no SQL, and little logic of its
own: the rooms talk through the events of `companion.ui.events`; the App shows a new document
and a new analysis on its views.
"""

from __future__ import annotations

import logging
import os
import sys
import tkinter as tk
from pathlib import Path
from tkinter import filedialog

import ttkbootstrap as ttk

from companion.core.document import Document, load_document
from companion.errors import UserError
from companion.resources import DEFAULT_ARTICLE, SEEDS_DIR
from companion.store.corrections import CorrectionStore
from companion.store.notes import NoteStore
from companion.store.settings import Settings
from companion.store.user_glossary import UserGlossary
from companion.ui import events
from companion.ui.kit import shortcuts
from companion.ui.kit.prefs import Preferences, restore_geometry
from companion.ui.kit.undo import UndoStack
from companion.ui.kit.unavailable import open_or_unavailable
from companion.ui.kit.widgets import configure_lists
from companion.ui.look import theme
from companion.ui.look.appearance import Appearance
from companion.ui.notes.controller import NotesController
from companion.ui.panel.corrections import CorrectionsController
from companion.ui.panel.glossary_edit import GlossaryController
from companion.ui.panel.side_panel import SidePanel
from companion.ui.reading.legend import Legend
from companion.ui.reading.reader import ReaderView
from companion.ui.shell import menus
from companion.ui.shell.analysis import AnalysisRunner
from companion.ui.shell.dnd import enable_drop
from companion.ui.shell.opening import ArticleOpener
from companion.ui.shell.recent import RecentArticles
from companion.ui.shell.start_page import StartPage
from companion.ui.shell.status import StatusBar, counts_text
from companion.ui.shell.worker import Analyse

log = logging.getLogger(__name__)

OPEN_TYPES = [("Articles", "*.txt *.md *.markdown *.html *.htm"), ("Text", "*.txt"),
              ("Markdown", "*.md *.markdown"), ("Web pages", "*.html *.htm"), ("All files", "*")]


class NoDisplayError(UserError):
    """Tk cannot open a window here."""


def create_root(mode: str = "light") -> ttk.App:
    """The themed root window ("light" or "dark"). Raises NoDisplayError when there is no display."""
    try:
        return ttk.App(title="companion", theme=theme.palette(mode).ttk_theme, size=theme.WINDOW_SIZE,
                       minsize=theme.MIN_SIZE, iconphoto=None)
    except tk.TclError as exc:
        if "display" not in str(exc).lower():
            raise
        unset = sys.platform not in ("win32", "darwin") and not os.environ.get("DISPLAY")
        reason = "DISPLAY is not set" if unset else str(exc)
        raise NoDisplayError(f"no display available ({reason}); use `companion annotate FILE` "
                             "to analyse without a window.") from None


def callback_failed(exc_type: type[BaseException], exc: BaseException, tb) -> None:
    """Where every exception of a window callback ends (after its line in the status bar): logged.
    The tests replace this function to fail the test that raised."""
    if isinstance(exc, UserError):
        log.info("%s", exc)
    else:
        log.error("Error in a window callback", exc_info=(exc_type, exc, tb))


class App:
    """The reading companion window on `target`: a Document, a path or a web address (or None).

    `store`, `analyzer` and `settings` are for tests and embedding: by default notes go to the
    user's NoteStore, the analysis is `companion.service.ReaderAnalysis` (what `companion
    annotate` does) and the settings are read from the user's config folder. `problem` is why
    the article asked for could not be opened; the window says it.
    """

    def __init__(self, target: Document | str | os.PathLike | None = None, *, store: NoteStore | None = None,
                 analyzer: Analyse | None = None, settings: Settings | None = None,
                 problem: UserError | None = None) -> None:
        self.prefs = Preferences(settings)
        self.root = create_root(self.prefs.settings.theme)
        self.prefs.window = self.root
        restore_geometry(self.root, self.prefs.settings.geometry, theme.MIN_SIZE)
        self.root.report_callback_exception = self._report_callback_exception
        configure_lists(self.root)
        self.store, self._owns_store = open_or_unavailable(lambda: store or NoteStore()), store is None
        self.correction_store = open_or_unavailable(CorrectionStore)
        self.user_glossary = UserGlossary()
        self.undo_stack = UndoStack()
        self.document: Document | None = None
        self._sash_placed = False
        self._build()
        if analyzer is None:
            from companion.service import ReaderAnalysis
            analyzer = ReaderAnalysis()
        self.runner = AnalysisRunner(self.root, analyzer, self.status, reader=self.reader, panel=self.panel,
                                     corrections=self.corrections, counted=self._update_counts,
                                     notice=self.prefs.problem)
        self._wire()
        if isinstance(target, Document):
            self.show_document(target)
        elif target is not None:
            self.opener.open_target(target)  # a web address arrives later, over the start page
        if problem is not None:
            self.status.show_message(str(problem), error=True)
        if self.document is None:
            self.reader.show_placeholder("No article open", "Open one with File ▸ Open… (Ctrl+O).")
            self.start_page.show()
        if self.runner.notice:
            self.status.pin(self.runner.notice)

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
        self.appearance = Appearance(root, self.reader, self.legend, self.prefs)
        self.opener = ArticleOpener(root, open_path=self.open_path, show_document=self.show_document)
        self.recent = RecentArticles(root, self.prefs, open_path=self.open_path)
        self.notes = NotesController(root, self.store, self.reader, self.panel, undo=self.undo_stack,
                                     open_path=self.open_path, notices_before=self.paned)
        # The glossary's entries come before the corrections' in the reader's right-click menu.
        self.glossary = GlossaryController(root, self.user_glossary, self.reader, self.panel.glossary,
                                           self.undo_stack)
        self.corrections = CorrectionsController(root, self.correction_store, self.reader,
                                                 self.panel.people, self.undo_stack)
        self.actions = menus.actions(self)
        self.menubar = menus.build_menubar(self, self.actions)
        self.edit_menu = self.menubar.nametowidget(self.menubar.entrycget("Edit", "menu"))
        self.drop_enabled = enable_drop(root, self.opener.open_dropped)
        self.start_page = StartPage(
            root, over=self.paned, recent=lambda: self.recent.paths, open_file=self.choose_file,
            open_url=self.opener.ask_url, from_clipboard=self.opener.from_clipboard,
            open_sample=lambda: self.open_path(DEFAULT_ARTICLE), open_recent=self.recent.open,
            title_font=(self.reader.default_family, 26, "bold"), drop_hint=self.drop_enabled)

    def _wire(self) -> None:
        root, text = self.root, self.reader.text
        shortcuts.bind_window(root, text, self.actions)
        text.bind("<Button-3>", self.notes.popup_context_menu, add=True)
        if root.tk.call("tk", "windowingsystem") == "aqua":
            text.bind("<Button-2>", self.notes.popup_context_menu, add=True)
        root.protocol("WM_DELETE_WINDOW", self.quit)
        events.listen(self.panel.people, events.ENTITY_CHOSEN, lambda m: self.reader.reveal(m.start, m.end))
        events.listen(self.panel.glossary, events.TERM_CHOSEN, lambda span: self.reader.reveal(*span))
        events.listen(root, events.NOTES_CHANGED, lambda _: self._update_counts())
        events.listen(root, events.REANALYSE, self.reanalyse)

    def _place_sash(self, event: tk.Event) -> None:
        if not self._sash_placed and event.width > 200:  # the first real size: reader's share, once
            self._sash_placed = True
            self.paned.sashpos(0, int(event.width * theme.READER_SHARE))

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
        self.runner.cancel()
        self.document = document
        self.undo_stack.clear()
        self.reader.show_document(document)
        self.panel.clear_analysis("Analysing the article…")
        self.notes.show_document(document)
        self.corrections.show_document(document)
        self.glossary.close_dialog()
        self.root.title(f"{document.title} — companion")
        self.status.show_message("")
        if document.path:  # `companion` with no argument opens it next time
            self.prefs.replace(self.prefs.settings.with_recent(str(Path(document.path).resolve())))
        self._update_counts()
        events.fire(self.root, events.DOCUMENT_OPENED, document)
        self.runner.schedule(document)

    # -- analysis ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """An analysis is scheduled or running."""
        return self.runner.busy

    @property
    def worker(self):
        return self.runner.worker

    @property
    def analysis(self):
        """The shown article's analysis, once it is done."""
        return self.runner.analysis

    def analyse(self) -> None:
        """(Re)start the analysis of the current article in the worker (F5)."""
        self.runner.start()

    def reanalyse(self, message: str) -> None:
        """Redo the analysis after a correction or a glossary change, quietly: the list and the
        highlights stay until the new ones are ready (the model's mentions come from the cache),
        then `message` is shown (events.REANALYSE)."""
        if self.document is None:  # a glossary entry saved with no article open
            self.status.show_message(message)
            return
        self.runner.start(message)

    def cancel_analysis(self) -> None:
        self.runner.cancel(quiet=False)

    def escape(self) -> None:
        """Esc: close the find bar when it is open, else cancel the analysis."""
        if self.reader.find_bar.is_open:
            self.reader.find_bar.close()
        else:
            self.cancel_analysis()

    def _update_counts(self) -> None:
        notes = len(self.notes.placed) if self.document is not None else None
        self.status.show_counts(counts_text(self.runner.analysis, self.document, notes))

    # -- help, undo, errors ----------------------------------------------------------------------
    def show_shortcuts(self):
        from companion.ui.shell.help import ShortcutsWindow
        return ShortcutsWindow(self.root)

    def show_about(self):
        from companion.store.paths import data_dir
        from companion.store.settings import settings_path
        from companion.ui.shell.help import AboutWindow
        return AboutWindow(self.root, data_folder=data_dir(), settings_file=settings_path())

    def undo(self) -> None:
        """Take back the last deleted note, correction or glossary change (Ctrl+Z)."""
        self.undo_stack.undo_last(self.root)

    def _report_callback_exception(self, exc_type: type[BaseException], exc: BaseException, tb) -> None:
        """A failing callback is said in one line, never as a traceback dialog; then callback_failed."""
        message = str(exc) if isinstance(exc, UserError) else (
            f"Something went wrong ({exc_type.__name__}: {exc}). Details are in the log; your notes are safe.")
        try:
            self.status.show_message(message, error=True)
        except tk.TclError:  # the window is being torn down
            pass
        callback_failed(exc_type, exc, tb)

    # -- lifetime ------------------------------------------------------------------------------
    def run(self) -> int:
        self.root.mainloop()
        return 0

    def quit(self) -> None:
        self.destroy()

    def destroy(self) -> None:
        """Close the window (its size and place are remembered); a running analysis is abandoned.
        Safe to call twice."""
        try:
            if self.root.winfo_exists() and self.root.state() == "normal":
                self.prefs.change(geometry=self.root.geometry())
        except tk.TclError:  # already gone
            pass
        self.runner.close()
        self.opener.close()
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
