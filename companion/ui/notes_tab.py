"""Notes tab: this article's notes in reading order, detached ones last; edit and delete."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from companion.ui import theme
from companion.ui.placement import PlacedNote, snippet
from companion.ui.widgets import Column, DetailText, hint, scrolled_tree

NOTE_CHOSEN = "<<NoteChosen>>"                    # the note id is in `chosen_id`
NOTE_EDIT_REQUESTED = "<<NoteEditRequested>>"
NOTE_DELETE_REQUESTED = "<<NoteDeleteRequested>>"


class NotesTab(ttk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(10, 4, 10, 10))
        self.hint = hint(self, "Select a passage, then press Ctrl+N (or right-click) to add a note.")
        self.tree = scrolled_tree(self, [Column("quote", "Passage", 200, stretch=True),
                                         Column("comment", "Note", 200, stretch=True)], height=10)
        self.tree.tag_configure("detached", foreground=theme.MUTED_FOREGROUND)
        self.detail = DetailText(self, height=6,
                                  placeholder="Select a note to read it in full and to go to its passage.")
        self.detail.pack(fill="x", pady=(8, 6))
        buttons = ttk.Frame(self)
        buttons.pack(fill="x")
        self.delete_button = ttk.Button(buttons, text="Delete", bootstyle="danger-outline",
                                        command=lambda: self._request(NOTE_DELETE_REQUESTED))
        self.delete_button.pack(side="right")
        self.edit_button = ttk.Button(buttons, text="Edit…", bootstyle="secondary-outline",
                                      command=lambda: self._request(NOTE_EDIT_REQUESTED))
        self.edit_button.pack(side="right", padx=(0, 6))
        self.chosen_id: int | None = None
        self._notes: dict[str, PlacedNote] = {}
        self.tree.bind("<<TreeviewSelect>>", self._on_select, add=True)
        self.tree.bind("<Double-Button-1>", lambda e: self._request(NOTE_EDIT_REQUESTED), add=True)
        self.tree.bind("<Delete>", lambda e: self._request(NOTE_DELETE_REQUESTED), add=True)
        self._update_buttons()

    def show_notes(self, notes: list[PlacedNote]) -> None:
        """List the notes (already in reading order); keeps the selection when the note is still there."""
        selected = self.tree.selection()
        self.tree.delete(*self.tree.get_children())
        self._notes = {str(p.id): p for p in notes}
        for placed in notes:
            quote = snippet(placed.note.anchor.quote, 48)
            if placed.detached:
                quote = f"(detached) {quote}"
            self.tree.insert("", "end", iid=str(placed.id), values=(quote, snippet(placed.note.comment, 60)),
                             tags=("detached",) if placed.detached else ())
        keep = [row for row in selected if row in self._notes]
        if keep:
            self.tree.selection_set(keep)
        else:
            self.chosen_id = None
            self.detail.show()
        detached = sum(p.detached for p in notes)
        if detached:
            self.hint.configure(text=f"{detached} note(s) could not be placed in this version of the "
                                     "article; they are kept and listed last.")
        else:
            self.hint.configure(text="Select a passage, then press Ctrl+N (or right-click) to add a note.")
        self._update_buttons()

    def rows(self) -> list[tuple[str, str]]:
        """(passage, note) of each row, as shown."""
        return [tuple(self.tree.item(row, "values")) for row in self.tree.get_children()]

    def select(self, note_id: int) -> None:
        if str(note_id) in self._notes:
            self.tree.selection_set(str(note_id))
            self.tree.see(str(note_id))

    def _on_select(self, event: tk.Event) -> None:
        placed = next((self._notes[r] for r in self.tree.selection() if r in self._notes), None)
        self._update_buttons()
        if placed is None:
            self.chosen_id = None
            self.detail.show()
            return
        self.chosen_id = placed.id
        status = "Detached: this passage is no longer in the article.\n" if placed.detached else ""
        self.detail.show((status, "muted"), (f"“{placed.note.anchor.quote}”", "muted"),
                         (f"\n\n{placed.note.comment}" if placed.note.comment else "", ""))
        self.event_generate(NOTE_CHOSEN)

    def _request(self, event_name: str) -> None:
        if self.chosen_id is not None:
            self.event_generate(event_name)

    def _update_buttons(self) -> None:
        state = ["!disabled"] if self.tree.selection() else ["disabled"]
        self.edit_button.state(state)
        self.delete_button.state(state)
