"""Notes in the window: add, edit, delete through the NoteStore, then redraw what is saved.

Every change is written to the store first and the screen is redrawn from the store, so what
the reader sees is what is on disk.
"""

from __future__ import annotations

import logging
import tkinter as tk
from dataclasses import replace
from typing import Callable

import ttkbootstrap as ttk

from companion.core.anchoring import anchor_for
from companion.core.document import Document
from companion.errors import UserError
from companion.store.notes import Note, NoteStore
from companion.ui.note_dialog import NoteDialog
from companion.ui.notes_tab import NOTE_CHOSEN, NOTE_DELETE_REQUESTED, NOTE_EDIT_REQUESTED
from companion.ui.panel import SidePanel
from companion.ui.placement import PlacedNote, place_notes, reanchored
from companion.ui.reader import ReaderView
from companion.ui.status import StatusBar
from companion.ui.undo import UndoStack

log = logging.getLogger(__name__)

# Virtual events generated on the root window after the store changed; bind them with add=True.
NOTE_ADDED = "<<NoteAdded>>"
NOTES_CHANGED = "<<NotesChanged>>"


class NotesController:
    def __init__(self, root: tk.Misc, store: NoteStore, reader: ReaderView, panel: SidePanel,
                 status: StatusBar, *, on_change: Callable[[], None], undo: UndoStack | None = None) -> None:
        self.root, self.store, self.reader, self.panel, self.status = root, store, reader, panel, status
        self._on_change = on_change
        self.undo = undo
        # Other rooms add their entries to the reader's right-click menu: f(menu, offset).
        self.menu_sections: list[Callable[[tk.Menu, int | None], None]] = []
        self.document: Document | None = None
        self.placed: list[PlacedNote] = []
        self.dialog: NoteDialog | None = None
        self.last_deleted: Note | None = None
        self._menu: tk.Menu | None = None
        tab = panel.notes
        tab.bind(NOTE_CHOSEN, lambda e: self.jump_to(tab.chosen_id), add=True)
        tab.bind(NOTE_EDIT_REQUESTED, lambda e: self.edit_note(tab.chosen_id), add=True)
        tab.bind(NOTE_DELETE_REQUESTED, lambda e: self.delete_note(tab.chosen_id), add=True)

    # -- showing -------------------------------------------------------------------------------
    def show_document(self, document: Document) -> None:
        self.close_dialog()
        self.document, self.last_deleted = document, None
        self.reload()

    def reload(self) -> None:
        """Read this article's notes from the store and place them in the text."""
        notes: list[Note] = []
        if self.document is not None:
            try:
                notes = self.store.notes_for(self.document.fingerprint, self.document.path)
            except UserError as exc:
                self.status.show_message(str(exc), error=True)
        self.placed = place_notes(notes, self.document.text) if self.document else []
        self.reader.show_notes([(*p.span, p.id) for p in self.placed if p.span])
        self.panel.show_notes(self.placed)
        self._on_change()

    def find(self, note_id: int | None) -> PlacedNote | None:
        return next((p for p in self.placed if p.id == note_id), None)

    def jump_to(self, note_id: int | None) -> None:
        placed = self.find(note_id)
        if placed is None:
            return
        if placed.span:
            self.reader.reveal(*placed.span)
        else:
            self.status.show_message("This note is detached: its passage is no longer in the article.")

    # -- adding --------------------------------------------------------------------------------
    def request_note(self) -> NoteDialog | None:
        """Ask for a comment on the selected passage (Ctrl+N, toolbar, context menu)."""
        span = self._selected_span()
        if span is None:
            return None
        start, end = span
        return self._open_dialog("Add note", self.document.text[start:end], "",
                                 lambda comment: self.add_note(start, end, comment) is not None)

    def add_note_for_selection(self, comment: str) -> Note | None:
        """Save a note on the selected passage without the dialog."""
        span = self._selected_span()
        return self.add_note(*span, comment) if span else None

    def add_note(self, start: int, end: int, comment: str) -> Note | None:
        document = self.document
        if document is None:
            return None
        note = Note(fingerprint=document.fingerprint, anchor=anchor_for(document.text, start, end),
                    comment=comment, path=document.path, title=document.title)
        try:
            saved = self.store.add(note)
        except UserError as exc:
            self.status.show_message(f"{exc} The note was not saved.", error=True)
            return None
        self.reader.clear_selection()  # so the new note's mark shows, not the selection over it
        self.reload()
        self.panel.show_tab("notes")
        self.panel.notes.select(saved.id)  # shows it in full below the list
        self.status.show_message("Note saved.")
        self.root.event_generate(NOTE_ADDED)
        return saved

    # -- editing and deleting ------------------------------------------------------------------
    def edit_note(self, note_id: int | None) -> NoteDialog | None:
        placed = self.find(note_id)
        if placed is None:
            return None
        return self._open_dialog("Edit note", placed.note.anchor.quote, placed.note.comment,
                                 lambda comment: self.update_note(placed.id, comment) is not None)

    def update_note(self, note_id: int, comment: str) -> Note | None:
        placed = self.find(note_id)
        if placed is None or self.document is None:
            return None
        note = replace(reanchored(placed, self.document), comment=comment)
        try:
            saved = self.store.update(note)
        except UserError as exc:
            self.status.show_message(f"{exc} The change was not saved.", error=True)
            return None
        self.reload()
        self.status.show_message("Note saved.")
        self.root.event_generate(NOTES_CHANGED)
        return saved

    def delete_note(self, note_id: int | None) -> bool:
        placed = self.find(note_id)
        if placed is None:
            return False
        try:
            self.store.delete(placed.id)
        except UserError as exc:
            self.status.show_message(f"{exc} The note was not deleted.", error=True)
            return False
        self.last_deleted = placed.note
        if self.undo is not None:
            self.undo.push("delete note", lambda note=placed.note: self._restore(note))
        self.reload()
        self.status.show_message("Note deleted. Press Ctrl+Z to bring it back.")
        self.root.event_generate(NOTES_CHANGED)
        return True

    def undo_delete(self) -> Note | None:
        note = self.last_deleted
        if note is None:
            self.status.show_message("There is no deleted note to bring back.")
            return None
        return self._restore(note)

    def _restore(self, note: Note) -> Note | None:
        if note is self.last_deleted:
            self.last_deleted = None
        try:
            restored = self.store.add(replace(note, id=None, detached=False))
        except UserError as exc:
            self.last_deleted = note
            self.status.show_message(f"{exc} The note was not restored.", error=True)
            return None
        self.reload()
        self.status.show_message("Note restored.")
        self.root.event_generate(NOTES_CHANGED)
        return restored

    # -- context menu --------------------------------------------------------------------------
    def context_menu(self, offset: int | None) -> tk.Menu:
        """The reader's right-click menu for the character at `offset` (None: off the text)."""
        if self._menu is not None:
            self._menu.destroy()
        menu = self._menu = ttk.Menu(self.root, tearoff=False)
        has_selection = self.reader.selection() is not None
        menu.add_command(label="Add note…", accelerator="Ctrl+N", command=self.request_note,
                         state="normal" if has_selection else "disabled")
        note_ids = self.reader.notes_at(offset) if offset is not None else []
        if note_ids:
            menu.add_command(label="Edit note…", command=lambda: self.edit_note(note_ids[0]))
            menu.add_command(label="Delete note", command=lambda: self.delete_note(note_ids[0]))
        for add_section in self.menu_sections:
            add_section(menu, offset)
        menu.add_separator()
        menu.add_command(label="Copy", accelerator="Ctrl+C",
                         command=lambda: self.reader.text.event_generate("<<Copy>>"),
                         state="normal" if has_selection else "disabled")
        return menu

    @property
    def menu(self) -> tk.Menu | None:
        """The last right-click menu (it stays until the next one)."""
        return self._menu

    def popup_context_menu(self, event: tk.Event) -> str:
        menu = self.context_menu(self.reader.offset_at(event.x, event.y))
        menu.tk_popup(event.x_root, event.y_root)
        return "break"

    # -- internals -----------------------------------------------------------------------------
    def _selected_span(self) -> tuple[int, int] | None:
        if self.document is None:
            self.status.show_message("Open an article first.")
            return None
        span = self.reader.selection()
        if span is None:
            self.status.show_message("Select a passage first, then add a note (Ctrl+N).")
        return span

    def _open_dialog(self, title: str, quote: str, comment: str,
                     on_save: Callable[[str], bool]) -> NoteDialog | None:
        if self.dialog is not None:
            self.dialog.lift()
            self.status.show_message("Save or cancel the open note first.")
            return None
        self.dialog = NoteDialog(self.root, title=title, quote=quote, comment=comment,
                                 on_save=on_save, on_close=self._dialog_closed)
        return self.dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.cancel()

    def close(self) -> None:
        self.close_dialog()
