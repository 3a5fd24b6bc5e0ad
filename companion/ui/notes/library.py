"""Notes across articles: the All notes window, export and import, and the Notes menu."""

from __future__ import annotations

import os
import tkinter as tk
from functools import partial
from pathlib import Path
from tkinter import filedialog
from typing import TYPE_CHECKING, Callable

from companion.errors import UserError
from companion.ui import events
from companion.store.notes import Note

if TYPE_CHECKING:  # pragma: no cover
    from companion.ui.notes.all_notes import AllNotesWindow
    from companion.ui.notes.transfer import NotesTransfer
    from companion.ui.notes.controller import NotesController


class NotesLibrary:
    """`open_path(path)` opens an article in the window (the App's) and says whether it could."""

    def __init__(self, notes: "NotesController",
                 open_path: Callable[[str | os.PathLike], bool] | None = None) -> None:
        self.notes, self._open_path = notes, open_path
        self.window: AllNotesWindow | None = None
        self._transfer: NotesTransfer | None = None

    @property
    def transfer(self) -> "NotesTransfer":
        """Export and import (made on first use: the window starts without them)."""
        if self._transfer is None:
            from companion.ui.notes.transfer import NotesTransfer
            self._transfer = NotesTransfer(self.notes.root, self.notes.store, imported=self.notes.reload,
                                           notices=self.notes.notices)
        return self._transfer

    def show(self) -> "AllNotesWindow":
        """The All notes window (raised when it is open already)."""
        from companion.ui.notes.all_notes import AllNotesWindow
        if self.window is not None:
            self.window.refresh()
            self.window.lift()
            return self.window
        self.window = AllNotesWindow(
            self.notes.root, notes=self.all_notes, open_note=self.open_note,
            export=lambda notes: self.transfer.export(notes, title="Notes", name="notes.md"),
            import_=self.import_notes, on_close=self._closed)
        if not self.notes.available:
            self.window.show_message(self.notes.store.message, error=True)
        return self.window

    def open_note(self, note: Note) -> bool:
        """Open the note's article (unless it is the one shown) and go to the note."""
        from companion.ui.notes.all_notes import article_name
        window = self.window
        say = window.show_message if window is not None else partial(events.say, self.notes.root)
        document = self.notes.document
        same = document is not None and (note.fingerprint == document.fingerprint
                                         or (note.path is not None and not note.path_untrusted
                                             and note.path == document.path))
        if not same and note.path_untrusted:  # someone else's path: never opened as it is
            located = self.locate(note)
            if located is None:
                return False
            note = located
        if not same:
            if not note.path:
                say(f"“{article_name(note)}” was not opened from a file (pasted or downloaded); open "
                    "it again the same way to see this note.", error=True)
                return False
            if not Path(note.path).is_file():
                say(f"The file of “{article_name(note)}” is no longer at {note.path}; the note is "
                    "kept here (and in exports).", error=True)
                return False
            if self._open_path is None or not self._open_path(note.path):
                say(f"“{article_name(note)}” could not be opened; see the message in the main window.",
                    error=True)
                return False
        placed = self.notes.find(note.id)
        if placed is None:
            say(f"Opened “{article_name(note)}”, but this note is not among its notes any more.", error=True)
            return False
        self.notes.panel.show_tab("notes")
        self.notes.panel.notes.select(placed.id)
        self.notes.jump_to(placed.id)
        say(f"Opened “{article_name(note)}”." + (" This note is detached there." if placed.detached else ""))
        return True

    def locate(self, note: Note) -> Note | None:
        """The "Locate…" step for an imported note: ask the reader for its article's file and
        save that path (NoteStore.locate); None when they cancel or it cannot be saved."""
        from companion.ui.notes.all_notes import article_name
        window = self.window
        say = window.show_message if window is not None else partial(events.say, self.notes.root)
        path = filedialog.askopenfilename(parent=window or self.notes.root,
                                          title=f"Locate the file of “{article_name(note)}”")
        if not path:
            say(f"“{article_name(note)}” was imported from another computer; locate its file "
                "to open it.")
            return None
        try:
            located = self.notes.store.locate(note.id, str(path))
        except UserError as exc:
            say(f"{exc} The file was not located.", error=True)
            return None
        self.refresh()
        return located

    def export_article(self) -> None:
        if self.notes.document is None:
            self.notes.status.show_message("Open an article first.")
            return
        title = self.notes.document.title or "this article"
        self.transfer.export([p.note for p in self.notes.placed], title=f"Notes on {title}",
                             name=f"{_file_stem(title)} notes.md")

    def export_all(self) -> None:
        if self.notes.refuse_when_off():
            return
        self.transfer.export(self.all_notes(), title="Notes", name="notes.md")

    def import_notes(self) -> None:
        if not self.notes.refuse_when_off():
            self.transfer.import_()

    def fill_menu(self, menu: tk.Menu) -> None:
        """The Notes menu."""
        menu.add_command(label="All notes…", command=self.show)
        menu.add_separator()
        menu.add_command(label="Export this article's notes…", command=self.export_article)
        menu.add_command(label="Export all notes…", command=self.export_all)
        menu.add_command(label="Import notes…", command=self.import_notes)

    def all_notes(self) -> list[Note]:
        if not self.notes.available:
            return []
        try:
            return self.notes.store.all_notes()
        except UserError as exc:
            self.notes.status.show_message(str(exc), error=True)
            return []

    def _closed(self) -> None:
        self.window = None

    def refresh(self) -> None:
        """Redraw the window's list after a change in the main window."""
        if self.window is not None:
            self.window.refresh()

    def close(self) -> None:
        if self._transfer is not None:
            self._transfer.close()
        if self.window is not None:
            self.window.close()


def _file_stem(title: str) -> str:
    """A title made safe for a file name: "Carney wins: what next?" → "Carney wins what next"."""
    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return " ".join(kept.split())[:60] or "article"
