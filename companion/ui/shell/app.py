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
from companion.core.decoding import encoding_label
from companion.core.document import Document, load_document
from companion.core.fetch import is_url
from companion.errors import StoreError, UserError
from companion.resources import DEFAULT_ARTICLE, SEEDS_DIR
from companion.store.corrections import CorrectionStore
from companion.store.notes import NoteStore
from companion.store.paths import data_dir
from companion.store.settings import Settings, load_settings, settings_path
from companion.store.user_glossary import UserGlossary
from companion.ui.kit import shortcuts
from companion.ui.look import theme
from companion.ui.look.appearance import Appearance
from companion.ui.panel.corrections import CorrectionsController
from companion.ui.shell.dnd import enable_drop
from companion.ui.panel.glossary_edit import GlossaryController
from companion.ui.panel.glossary_tab import TERM_CHOSEN
from companion.ui.shell.help import AboutWindow, ShortcutsWindow
from companion.ui.notes.controller import NotesController
from companion.ui.shell.opening import ArticleOpener
from companion.ui.panel.side_panel import SidePanel
from companion.ui.panel.people_tab import ENTITY_CHOSEN
from companion.ui.kit.prefs import Preferences, restore_geometry, startup_article
from companion.ui.reading.legend import Legend
from companion.ui.reading.reader import ReaderView
from companion.ui.shell.recent import RecentArticles
from companion.ui.shell.start_page import StartPage
from companion.ui.shell.status import StatusBar
from companion.ui.kit.undo import UndoStack
from companion.ui.kit.unavailable import UnavailableStore
from companion.ui.kit.widgets import configure_lists
from companion.ui.shell.worker import (Analyzer, AnalysisWorker, Cancelled, DefaultAnalyzer, Failed, Finished,
                                 Partial, Progress)

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


class App:
    """The reading companion window.

    `store`, `analyzer` and `settings` are for tests and embedding: by default notes go to the
    user's NoteStore, the analysis is `worker.DefaultAnalyzer` (what `companion annotate` does,
    with the reader's corrections and own glossary entries, read again at each analysis) and the
    settings are read from the user's config folder.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, store: NoteStore | None = None,
                 analyzer: Analyzer | None = None, settings: Settings | None = None) -> None:
        self.prefs = Preferences(settings)
        self.root = create_root(self.prefs.settings.theme)
        restore_geometry(self.root, self.prefs.settings.geometry, theme.MIN_SIZE)
        self.root.report_callback_exception = self._report_callback_exception
        configure_lists(self.root)
        # A store that cannot be opened does not stop the window: the article opens, and the
        # notes say why they are off (ui.notes shows the message; each use of it says it again).
        try:
            self.store = store or NoteStore()
        except StoreError as exc:
            self.store = UnavailableStore(exc)
        try:
            self.correction_store = CorrectionStore()
        except StoreError as exc:
            self.correction_store = UnavailableStore(exc)
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
        say = lambda message, error=False: self.status.show_message(message, error=error)  # noqa: E731
        self.opener = ArticleOpener(self.root, open_path=self.open_path, show_document=self.show_document, say=say)
        self.recent = RecentArticles(self.prefs, open_path=self.open_path, say=say)
        self._build()
        self.notes = NotesController(self.root, self.store, self.reader, self.panel, self.status,
                                     on_change=self._update_counts, undo=self.undo_stack,
                                     open_path=self.open_path, notices_before=self.paned)
        notes_menu = ttk.Menu(self.menubar, tearoff=False)
        self.notes.fill_menu(notes_menu)
        self.menubar.insert_cascade(self.menubar.index("Help"), label="Notes", menu=notes_menu)
        self.corrections = CorrectionsController(self.root, self.correction_store, self.reader,
                                                 self.panel.people, self.status, self.undo_stack,
                                                 reanalyse=self.reanalyse)
        self.glossary = GlossaryController(self.root, self.user_glossary, self.reader, self.panel.glossary,
                                           self.status, self.undo_stack, reanalyse=self.reanalyse)
        self.notes.menu_sections += [self.glossary.add_menu_entries, self.corrections.add_menu_entries]
        self._bind_keys()
        self.prefs.on_error = lambda message: self.status.show_message(message, error=True)
        self._notice = self.prefs.problem  # stays while the analysis runs, then instead of "Ready."
        self.drop_enabled = enable_drop(self.root, self.opener.open_dropped)
        self.start_page = StartPage(
            self.root, over=self.paned, recent=lambda: self.recent.paths, open_file=self.choose_file,
            open_url=self.opener.ask_url, from_clipboard=self.opener.from_clipboard,
            open_sample=lambda: self.open_path(DEFAULT_ARTICLE), open_recent=self.recent.open,
            title_font=(self.reader.default_family, 26, "bold"), drop_hint=self.drop_enabled)
        self.recent.on_change.append(self.start_page.refresh)
        if path is not None:
            self.opener.open_target(path)  # a web address arrives later, over the start page
        if self.document is None:
            self.reader.show_placeholder("No article open", "Open one with File ▸ Open… (Ctrl+O).")
            self.start_page.show()
        if self._notice:
            self.status.pin(self._notice)

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
        self.appearance = Appearance(root, self.reader, self.legend, self.prefs,
                                     say=self.status.show_message)
        self._build_menu()

        self.panel.people.bind(ENTITY_CHOSEN, self._on_entity_chosen, add=True)
        self.panel.glossary.bind(TERM_CHOSEN, self._on_term_chosen, add=True)

    @property
    def actions(self) -> dict[str, object]:
        """What each shortcut of `shortcuts.SHORTCUTS` does (its keys, menu entry and help line)."""
        return {
            "open": self.choose_file, "quit": self.quit, "undo": self.undo, **self.opener.actions,
            "copy": lambda: self.reader.text.event_generate("<<Copy>>"),
            "add-note": lambda: self.notes.request_note(),
            "add-glossary": lambda: self.glossary.new_entry_from_selection(),
            "find": self.find, "find-next": lambda: self.find_again(True),
            "find-previous": lambda: self.find_again(False),
            "dark-theme": self.appearance.toggle_dark,
            "larger": lambda: self.appearance.zoom(1), "smaller": lambda: self.appearance.zoom(-1),
            "default-size": lambda: self.appearance.zoom(0),
            "narrower": lambda: self.appearance.widen(-1), "wider": lambda: self.appearance.widen(1),
            "show-glossary": lambda: self.panel.show_tab("glossary"),
            "show-people": lambda: self.panel.show_tab("people"),
            "show-notes": lambda: self.panel.show_tab("notes"),
            "analyse": self.analyse, "cancel": self._escape,
            "shortcuts": self.show_shortcuts,
        }

    def _build_menu(self) -> None:
        menubar = ttk.Menu(self.root)
        act, add = self.actions, shortcuts.add_entry
        file_menu = ttk.Menu(menubar, tearoff=False)
        add(file_menu, "open", act["open"])
        self.opener.add_menu_entries(file_menu)  # Open URL…, New from clipboard
        self.recent.add_menu(file_menu)
        file_menu.add_separator()
        file_menu.add_command(label="Export glossary…", command=lambda: self.glossary.export())
        file_menu.add_command(label="Import glossary…", command=lambda: self.glossary.import_())
        file_menu.add_separator()
        add(file_menu, "quit", act["quit"])
        menubar.add_cascade(label="File", menu=file_menu)
        edit_menu = ttk.Menu(menubar, tearoff=False, postcommand=self._update_undo_entry)
        add(edit_menu, "undo", act["undo"])
        edit_menu.add_separator()
        for action in ("copy", "add-note", "add-glossary"):
            add(edit_menu, action, act[action])
        edit_menu.add_separator()
        for action in ("find", "find-next", "find-previous"):
            add(edit_menu, action, act[action])
        menubar.add_cascade(label="Edit", menu=edit_menu)
        view_menu = ttk.Menu(menubar, tearoff=False)
        self.appearance.fill_menu(view_menu)
        view_menu.add_separator()
        for action in ("show-glossary", "show-people", "show-notes"):
            add(view_menu, action, act[action])
        menubar.add_cascade(label="View", menu=view_menu)
        article_menu = ttk.Menu(menubar, tearoff=False)
        add(article_menu, "analyse", act["analyse"])
        add(article_menu, "cancel", self.cancel_analysis)
        article_menu.add_separator()
        article_menu.add_command(label="Corrections…", command=lambda: self.corrections.show_list())
        menubar.add_cascade(label="Article", menu=article_menu)
        help_menu = ttk.Menu(menubar, tearoff=False)
        add(help_menu, "shortcuts", act["shortcuts"])
        help_menu.add_command(label="About companion", command=self.show_about)
        menubar.add_cascade(label="Help", menu=help_menu)
        self.edit_menu = edit_menu
        self.root.configure(menu=menubar)
        self.menubar = menubar

    def _bind_keys(self) -> None:
        root, text = self.root, self.reader.text
        shortcuts.bind_window(root, text, self.actions)
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
        if document.path:  # `companion` with no argument opens it next time
            self.prefs.replace(self.prefs.settings.with_recent(str(Path(document.path).resolve())))
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
            if self.analysis is None:  # the preliminary highlights go with it
                self.reader.show_mentions([])
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
            elif isinstance(message, Partial):
                if self._done_message is None:  # a quiet re-analysis keeps the old highlights meanwhile
                    self.reader.add_mentions(message.mentions)
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
        notice, self._notice = self._notice, None
        if notice:
            self.status.unpin()
            self.status.show_message(notice, error=True)
        else:
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

    # -- find, help --------------------------------------------------------------------------
    def find(self) -> None:
        """Ctrl+F: the find bar, holding the selected words when a few are selected."""
        selected = self.reader.selection()
        words = self.document.text[selected[0]:selected[1]] if selected and self.document else ""
        self.reader.find_bar.open(words if words and len(words) <= 80 and "\n" not in words else None)

    def find_again(self, forward: bool) -> None:
        """F3 / Shift+F3: the next or previous match (the bar opens when it is closed)."""
        bar = self.reader.find_bar
        if not bar.is_open or not bar.query:
            self.find()
        else:
            bar.step(forward)

    def _escape(self) -> None:
        """Esc: close the find bar when it is open, else cancel the analysis."""
        if self.reader.find_bar.is_open:
            self.reader.find_bar.close()
        else:
            self.cancel_analysis()

    def show_shortcuts(self) -> ShortcutsWindow:
        return ShortcutsWindow(self.root)

    def show_about(self) -> AboutWindow:
        return AboutWindow(self.root, data_folder=data_dir(), settings_file=settings_path())

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
            if self.document.encoding:  # "Windows-1252": how the file's bytes were read
                parts.append(encoding_label(self.document.encoding))
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
        """Close the window (its size and place are remembered); a running analysis is abandoned.
        Safe to call twice."""
        try:
            if self.root.winfo_exists() and self.root.state() == "normal":
                self.prefs.change(geometry=self.root.geometry())
        except tk.TclError:  # already gone
            pass
        if self._poll_after:
            self.root.after_cancel(self._poll_after)
            self._poll_after = None
        self.cancel_analysis(quiet=True)
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


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def run_app(path: str | None = None) -> int:
    """Open the window on `path` — a file or an http(s) address (default: the last article read
    if it is still there, else the bundled sample article); the exit status.

    2 when there is no display (the CLI's user-error status, with one line on stderr: the
    article's problem when it has one), else 0 once the window is closed. An article that cannot
    be opened is said in the window, over the start page.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="companion: %(levelname)s: %(message)s")
    try:
        app = open_app(path)
    except NoDisplayError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    return app.run()


def open_app(path: str | os.PathLike | None = None, **options) -> App:
    """The window on `path`, or on the last article (else the sample) when `path` is None.

    A bad `path` is said in the window, over the start page (or, with no display, raised as the
    UserError it is); a web address is downloaded once the window is up. A remembered article
    that no longer loads gives way to the sample, and a missing sample to the start page.
    """
    settings = options.pop("settings", None) or load_settings()
    problem: UserError | None = None
    if path is not None:
        target = path
        if not is_url(str(path)):
            try:
                load_document(target)
            except UserError as exc:
                problem = exc
    else:
        target = startup_article(settings)
        try:
            load_document(target)
        except UserError as exc:
            log.info("The last article is not opened again: %s", exc)
            target = DEFAULT_ARTICLE if target != DEFAULT_ARTICLE and DEFAULT_ARTICLE.is_file() else None
    try:
        return App(target, settings=settings, **options)
    except NoDisplayError:
        if problem is not None:  # the article's problem is the one to fix first
            raise problem from None
        raise
