"""Notes in the window: add, edit, colour, tag, delete, re-attach through the NoteStore, then
redraw what is saved; All notes, export and import.

Every change is written to the store first and the screen is redrawn from the store, so what
the reader sees is what is on disk.
"""

from __future__ import annotations

import logging
import os
import tkinter as tk
from dataclasses import replace
from typing import Callable

import ttkbootstrap as ttk

from companion.core.anchoring import anchor_for
from companion.core.document import Document
from companion.errors import UserError
from companion.store.notes import Note, NoteStore
from companion.ui import events
from companion.ui.look import theme
from companion.ui.kit.dialogs import OneAtATime
from companion.ui.notes.dialog import NoteDialog, NoteInput
from companion.ui.notes.library import NotesLibrary
from companion.ui.notes.marks import NoteMarks
from companion.ui.kit.notices import NoticeBar
from companion.ui.panel.side_panel import SidePanel
from companion.ui.notes.placement import PlacedNote, article_changed, place_notes, reanchored, snippet
from companion.ui.reading.reader import ReaderView
from companion.ui.kit.undo import UndoStack
from companion.ui.kit.unavailable import UnavailableStore

log = logging.getLogger(__name__)

# Keys of the notice bar's lines.
STORE_NOTICE, ARTICLE_NOTICE = "notes-store", "notes-article"
PROBLEMS_NOTICE, SAVE_NOTICE = "notes-problems", "notes-save"


class NotesController:
    def __init__(self, root: tk.Misc, store: NoteStore | UnavailableStore, reader: ReaderView,
                 panel: SidePanel, *, undo: UndoStack | None = None,
                 open_path: Callable[[str | os.PathLike], bool] | None = None,
                 notices_before: tk.Misc | None = None) -> None:
        self.root, self.store, self.reader, self.panel = root, store, reader, panel
        self.undo = undo
        self.document: Document | None = None
        self.placed: list[PlacedNote] = []
        self.notice: str | None = None  # "This article changed since your notes were written: …"
        self._dialogs = OneAtATime(root, "Save or cancel the open note first.")
        self._menu: tk.Menu | None = None
        self.marks = NoteMarks(reader)
        self.notices = NoticeBar(root, before=notices_before)
        self.library = NotesLibrary(self, open_path)
        tab = panel.notes
        events.listen(tab, events.NOTE_CHOSEN, self.jump_to)
        events.listen(tab, events.NOTE_EDIT_REQUESTED, self.edit_note)
        events.listen(tab, events.NOTE_DELETE_REQUESTED, self.delete_note)
        events.listen(tab, events.NOTE_REATTACH_REQUESTED, self.reattach)
        events.listen(tab, events.ALL_NOTES_REQUESTED, lambda _: self.library.show())
        self._announce_store()

    @property
    def available(self) -> bool:
        """Whether notes can be read and saved (the store opened)."""
        return not isinstance(self.store, UnavailableStore)

    def _announce_store(self) -> None:
        if not self.available:
            log.warning("%s", self.store.message)
            self.notices.show(STORE_NOTICE, self.store.message, error=True)
            return
        if self.store.recovery is not None:  # its message counts what was recovered and lost
            log.warning("The notes database was repaired: %s", self.store.recovery)
            self.notices.show(STORE_NOTICE, self.store.recovery.message)
        problems = list(getattr(self.store, "problems", None) or ())
        for line in problems:  # the details go to the log; the window says how many
            log.warning("%s", line)
        if problems:
            count = len(problems)
            self.notices.show(PROBLEMS_NOTICE, f"{count} note{'s' if count != 1 else ''} set aside — see log.")

    # -- showing -------------------------------------------------------------------------------
    def show_document(self, document: Document) -> None:
        self.close_dialog()
        self.document = document
        self.notices.hide(ARTICLE_NOTICE)
        self.reload()
        if self.notice:
            self.notices.show(ARTICLE_NOTICE, self.notice)

    def reload(self) -> None:
        """Read this article's notes from the store and place them in the text."""
        notes: list[Note] = []
        if self.document is not None and self.available:
            try:
                notes = self.store.notes_for(self.document.fingerprint, self.document.path)
            except UserError as exc:
                events.say(self.root, str(exc), error=True)
        self.placed = place_notes(notes, self.document.text) if self.document else []
        self.reader.show_notes([(*p.span, p.id) for p in self.placed if p.span])
        self.marks.show(self.placed)
        self.notice = article_changed(self.placed, self.document.fingerprint) if self.document else None
        if ARTICLE_NOTICE in self.notices.messages:  # shown at opening, not dismissed: keep it true
            if self.notice:
                self.notices.show(ARTICLE_NOTICE, self.notice)
            else:
                self.notices.hide(ARTICLE_NOTICE)
        self.panel.show_notes(self.placed, self.notice if self.available else
                              "Notes cannot be shown or saved in this session; the line above the "
                              "article says why.")
        self.library.refresh()
        events.fire(self.root, events.NOTES_CHANGED, len(self.placed))

    def find(self, note_id: int | None) -> PlacedNote | None:
        return next((p for p in self.placed if p.id == note_id), None)

    def jump_to(self, note_id: int | None) -> None:
        placed = self.find(note_id)
        if placed is None:
            return
        if placed.span:
            self.reader.reveal(*placed.span)
        else:
            events.say(self.root, "This note is detached: its passage is not in this version of the article.")

    # -- adding --------------------------------------------------------------------------------
    def request_note(self) -> NoteDialog | None:
        """Ask for a comment on the selected passage (Ctrl+N, toolbar, context menu)."""
        span = self._selected_span()
        if span is None:
            return None
        start, end = span
        return self._open_dialog("Add note", self.document.text[start:end],
                                 lambda given: self.add_note(start, end, given.comment, color=given.color,
                                                             tags=given.tags) is not None)

    def add_note(self, start: int, end: int, comment: str, *, color: str = theme.DEFAULT_COLOR,
                 tags: tuple[str, ...] = ()) -> Note | None:
        document = self.document
        if document is None:
            return None
        note = Note(fingerprint=document.fingerprint, anchor=anchor_for(document.text, start, end),
                    comment=comment, path=document.path, title=document.title,
                    color=theme.color_name(color), tags=tuple(tags))
        try:
            saved = self.store.add(note)
        except UserError as exc:
            self._save_failed(f"{exc} The note was not saved.")
            return None
        self.reader.clear_selection()  # so the new note's mark shows, not the selection over it
        self.reload()
        self.panel.show_tab("notes")
        self.panel.notes.select(saved.id)  # shows it in full below the list
        self._saved("Note saved.")
        return saved

    # -- editing and deleting ------------------------------------------------------------------
    def edit_note(self, note_id: int | None) -> NoteDialog | None:
        placed = self.find(note_id)
        if placed is None:
            return None
        note = placed.note
        return self._open_dialog("Edit note", note.anchor.quote,
                                 lambda given: self.update_note(placed.id, given.comment, color=given.color,
                                                                tags=given.tags) is not None,
                                 comment=note.comment, color=note.color, tags=note.tags)

    def update_note(self, note_id: int, comment: str, *, color: str | None = None,
                    tags: tuple[str, ...] | None = None) -> Note | None:
        """Save a new comment (and colour and tags, when given) of a note of this article."""
        placed = self.find(note_id)
        if placed is None or self.document is None:
            return None
        note = replace(reanchored(placed, self.document), comment=comment)
        if color is not None:
            note = replace(note, color=theme.color_name(color))
        if tags is not None:
            note = replace(note, tags=tuple(tags))
        return self._save(note, "Note saved.")

    def delete_note(self, note_id: int | None) -> bool:
        placed = self.find(note_id)
        if placed is None:
            return False
        try:
            self.store.delete(placed.id)
        except UserError as exc:
            events.say(self.root, f"{exc} The note was not deleted.", error=True)
            return False
        if self.undo is not None:
            self.undo.push("delete note", lambda note=placed.note: self._restore(note))
        self.reload()
        events.say(self.root, "Note deleted. Press Ctrl+Z to bring it back.")
        return True

    def _restore(self, note: Note) -> Note | None:
        """Put a deleted note back as it was, with its id (NoteStore.restore)."""
        try:
            restored = self.store.restore(note)
        except UserError as exc:
            events.say(self.root, f"{exc} The note was not restored.", error=True)
            return None
        self.reload()
        self.panel.notes.select(restored.id)
        events.say(self.root, "Note restored.")
        return restored

    # -- re-attaching --------------------------------------------------------------------------
    def reattach(self, note_id: int | None) -> Note | None:
        """Anchor a (detached) note to the passage selected in the reader."""
        placed = self.find(note_id)
        document = self.document
        if placed is None or document is None:
            return None
        span = self.reader.selection()
        if span is None:
            events.say(self.root, "Select the passage this note belongs to in the article, then "
                                     "press Re-attach to selection.")
            return None
        start, end = span
        old = placed.note
        note = replace(old, anchor=anchor_for(document.text, start, end), fingerprint=document.fingerprint,
                       path=document.path or old.path, title=document.title or old.title)
        saved = self._save(note, f"Note re-attached to “{snippet(note.anchor.quote, 40)}”.")
        if saved is None:
            return None
        if self.undo is not None:
            self.undo.push("re-attach note", lambda: self._save(old, "The note is detached again."))
        self.reader.clear_selection()
        self.panel.notes.select(saved.id)
        self.jump_to(saved.id)
        return saved

    def fill_menu(self, menu: tk.Menu) -> None:
        """The Notes menu (ui.notes_library)."""
        self.library.fill_menu(menu)

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
        detached = [p for p in self.placed if p.detached]
        if detached and has_selection:
            attach = ttk.Menu(menu, tearoff=False)
            for placed in detached:
                attach.add_command(label=snippet(placed.note.comment or placed.note.anchor.quote, 50),
                                   command=lambda i=placed.id: self.reattach(i))
            menu.add_cascade(label="Re-attach a detached note here", menu=attach)
        events.fire(self.root, events.CONTEXT_MENU, events.ContextMenu(menu, offset))  # the panel's entries
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
    def _save(self, note: Note, message: str) -> Note | None:
        try:
            saved = self.store.update(note)
        except UserError as exc:
            self._save_failed(f"{exc} The change was not saved.")
            return None
        self.reload()
        self._saved(message)
        return saved

    def _save_failed(self, message: str) -> None:
        """A save that failed stays said above the article (until dismissed or a save works)."""
        log.warning("%s", message)
        self.notices.show(SAVE_NOTICE, message, error=True)
        events.say(self.root, message, error=True)

    def _saved(self, message: str) -> None:
        self.notices.hide(SAVE_NOTICE)
        problem = getattr(self.store, "backup_problem", None)
        events.say(self.root, f"{message} {problem}" if problem else message)

    def refuse_when_off(self) -> bool:
        """True (and the reason in the status bar) when the store could not be opened."""
        if not self.available:
            events.say(self.root, self.store.message, error=True)
        return not self.available

    def _selected_span(self) -> tuple[int, int] | None:
        if self.document is None:
            events.say(self.root, "Open an article first.")
            return None
        if self.refuse_when_off():
            return None
        span = self.reader.selection()
        if span is None:
            events.say(self.root, "Select a passage first, then add a note (Ctrl+N).")
        return span

    def _open_dialog(self, title: str, quote: str, on_save: Callable[[NoteInput], bool], *,
                     comment: str = "", color: str = theme.DEFAULT_COLOR,
                     tags: tuple[str, ...] = ()) -> NoteDialog | None:
        return self._dialogs.open(lambda closed: NoteDialog(
            self.root, title=title, quote=quote, comment=comment, color=color, tags=tags,
            on_save=on_save, on_close=closed))

    @property
    def dialog(self) -> NoteDialog | None:
        """The note dialog, while it is open."""
        return self._dialogs.dialog

    def close_dialog(self) -> None:
        self._dialogs.close()

    def close(self) -> None:
        self.close_dialog()
        self.library.close()

