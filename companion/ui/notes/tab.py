"""Notes tab: this article's notes in reading order, detached ones last, with a search box and
filters by tag and colour; edit, delete, re-attach a detached note, and the way to All notes.

The tab only draws and says what the reader asked for through virtual events; `ui.notes` does it.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont

import ttkbootstrap as ttk


from companion.ui import events
from companion.ui.look import theme
from companion.ui.notes.placement import PlacedNote, note_matches, snippet, tags_in
from companion.ui.look.theme import Palette
from companion.ui.kit.widgets import (Column, DetailText, FittedTree, SearchEntry, button_row,
                                      edit_delete_buttons, hint, scrolled_tree)


ALL_TAGS = "All tags"
ALL_COLORS = "All colours"
DETACHED = "(detached)"
EMPTY_HINT = "Select a passage, then press Ctrl+N (or right-click) to add a note."


class NotesTab(ttk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(10, 8, 10, 10))
        filters = ttk.Frame(self)
        filters.pack(fill="x", pady=(0, 2))
        ttk.Label(filters, text="Search").pack(side="left", padx=(2, 8))
        self.search_entry = SearchEntry(filters, lambda: self._refilter(), width=14)
        self.search_entry.pack(side="left", fill="x", expand=True)
        self.color_filter = ttk.Combobox(filters, state="readonly", width=11,
                                         values=[ALL_COLORS, *map(theme.color_label, theme.NOTE_COLORS)])
        self.color_filter.set(ALL_COLORS)
        self.color_filter.pack(side="right", padx=(6, 0))
        self.tag_filter = ttk.Combobox(filters, state="readonly", width=12, values=[ALL_TAGS])
        self.tag_filter.set(ALL_TAGS)
        self.tag_filter.pack(side="right", padx=(6, 0))
        for box in (self.tag_filter, self.color_filter):
            box.bind("<<ComboboxSelected>>", lambda e: self._refilter(), add=True)

        self.hint = hint(self, EMPTY_HINT)
        self.tree = scrolled_tree(self, [Column("quote", "Passage", 180, stretch=True),
                                         Column("comment", "Note", 180, stretch=True),
                                         Column("tags", "Tags", 90)], height=10)
        self.cells = FittedTree(self.tree, ("quote", "comment", "tags"))
        self.detail = DetailText(self, height=5, max_height=9,
                                  placeholder="Select a note to read it in full and to go to its passage.")
        self.detail.pack(fill="x", pady=(8, 0))
        buttons = button_row(self)
        self.all_notes_button = ttk.Button(buttons, text="All notes…", bootstyle="secondary-outline",
                                           command=lambda: events.fire(self, events.ALL_NOTES_REQUESTED))
        self.all_notes_button.pack(side="left")
        self.edit_button, self.delete_button = edit_delete_buttons(
            buttons, edit=lambda: self._request(events.NOTE_EDIT_REQUESTED),
            delete=lambda: self._request(events.NOTE_DELETE_REQUESTED))
        # Shown only while a detached note is selected: the one thing to do with it.
        self.reattach_button = ttk.Button(buttons, text="Re-attach to selection", bootstyle="primary",
                                          command=lambda: self._request(events.NOTE_REATTACH_REQUESTED))
        self.chosen_id: int | None = None
        self._all: list[PlacedNote] = []
        self._notes: dict[str, PlacedNote] = {}   # row id → note, of the rows shown
        self._notice: str | None = None
        self.tree.bind("<<TreeviewSelect>>", self._on_select, add=True)
        self.tree.bind("<Double-Button-1>", lambda e: self._request(events.NOTE_EDIT_REQUESTED), add=True)
        self.tree.bind("<Delete>", lambda e: self._request(events.NOTE_DELETE_REQUESTED), add=True)
        self.apply_palette(theme.current_palette(self))
        self._update_buttons()

    def apply_palette(self, palette: Palette) -> None:
        # A row is tinted with its note's colour, as its passage is in the article; a detached
        # note is plain and muted: it has no place to be coloured.
        for name in theme.NOTE_COLORS:
            self.tree.tag_configure(f"color-{name}", background=theme.row_background(palette, name))
        self.tree.tag_configure("detached", foreground=palette.muted, font=_italic(self))

    # -- showing -------------------------------------------------------------------------------
    def show_notes(self, notes: list[PlacedNote], notice: str | None = None) -> None:
        """List the notes (already in reading order) that pass the search and the filters; the
        selected note stays selected. `notice`: one line about them ("This article changed…")."""
        self._all, self._notice = list(notes), notice
        tags = tags_in(p.note for p in notes)
        self.tag_filter.configure(values=[ALL_TAGS, *tags])
        if self.tag_filter.get() not in tags:
            self.tag_filter.set(ALL_TAGS)
        self._refilter()

    def _refilter(self) -> None:
        selected = self.tree.selection()
        self.cells.clear()
        shown = [p for p in self._all if note_matches(p.note, self.query, tag=self.tag, color=self.color)]
        self._notes = {str(p.id): p for p in shown}
        for placed in shown:
            note = placed.note
            quote = snippet(note.anchor.quote, 48)
            if placed.detached:
                quote = f"{DETACHED} {quote}"
            row_tag = "detached" if placed.detached else f"color-{theme.color_name(note.color)}"
            self.cells.insert("", iid=str(placed.id), tags=(row_tag,),
                              values=(quote, snippet(note.comment, 60), ", ".join(note.tags)))
        keep = [row for row in selected if row in self._notes]
        if keep:
            self.tree.selection_set(keep)
        else:
            self.chosen_id = None
            self.detail.show()
        self.hint.configure(text=self._hint(len(shown)))
        self._update_buttons()

    def _hint(self, shown: int) -> str:
        total = len(self._all)
        if total and shown < total:
            return f"Showing {shown} of {total} notes." if shown else \
                "No note matches; clear the search or the filters to see them all."
        if self._notice:
            return self._notice
        detached = sum(p.detached for p in self._all)
        if detached:
            return (f"{detached} note{'s' if detached != 1 else ''} could not be placed in this "
                    "version of the article; kept and listed last. Select the passage, then "
                    "the note, and press Re-attach.")
        return EMPTY_HINT

    # -- search and filters --------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self.search_entry.query

    def set_query(self, text: str) -> None:
        self.search_entry.set_query(text)

    @property
    def tag(self) -> str | None:
        value = str(self.tag_filter.get())
        return None if value in ("", ALL_TAGS) else value

    @property
    def color(self) -> str | None:
        value = str(self.color_filter.get()).lower()
        return value if value in theme.NOTE_COLORS else None

    def set_filters(self, *, tag: str | None = None, color: str | None = None) -> None:
        """Choose a tag and a colour to show (None: all), as the drop-down lists do."""
        self.tag_filter.set(tag or ALL_TAGS)
        self.color_filter.set(theme.color_label(color) if color else ALL_COLORS)
        self._refilter()

    @property
    def tags(self) -> list[str]:
        """The tags the tag filter offers."""
        return [str(v) for v in self.tag_filter.cget("values")][1:]

    # -- reading the rows ----------------------------------------------------------------------
    def rows(self) -> list[tuple[str, str]]:
        """(passage, note) of each row, as shown."""
        return [self.cells.values(row)[:2] for row in self.tree.get_children()]

    def tags_shown(self, note_id: int) -> str:
        """The Tags cell of a note's row, in full."""
        return self.cells.values(str(note_id))[2]

    def shown_ids(self) -> list[int]:
        return [int(row) for row in self.tree.get_children()]

    def is_detached(self, note_id: int) -> bool:
        return "detached" in self.tree.item(str(note_id), "tags")

    def select(self, note_id: int) -> None:
        if str(note_id) in self._notes:
            self.tree.selection_set(str(note_id))
            self.tree.see(str(note_id))

    # -- internals -----------------------------------------------------------------------------
    def _on_select(self, event: tk.Event) -> None:
        placed = next((self._notes[r] for r in self.tree.selection() if r in self._notes), None)
        self._update_buttons()
        if placed is None:
            self.chosen_id = None
            self.detail.show()
            return
        # Only a newly chosen note is announced (and gone to): not the same one kept selected
        # while the list is filtered or redrawn.
        changed, self.chosen_id = placed.id != self.chosen_id, placed.id
        note = placed.note
        status = ("Detached: this passage is no longer in the article. Select where it belongs "
                  "now and press Re-attach to selection.\n") if placed.detached else ""
        details = [theme.color_label(note.color)] + ([", ".join(note.tags)] if note.tags else [])
        self.detail.show((status, "muted"), (f"“{note.anchor.quote}”", "muted"),
                         (f"\n\n{note.comment}" if note.comment else "", ""),
                         ("\n\n" + " · ".join(details), "muted"))
        if changed:
            events.fire(self, events.NOTE_CHOSEN, self.chosen_id)

    def _request(self, event_name: str) -> None:
        if self.chosen_id is not None:
            events.fire(self, event_name, self.chosen_id)

    def _update_buttons(self) -> None:
        rows = self.tree.selection()
        state = ["!disabled"] if rows else ["disabled"]
        self.edit_button.state(state)
        self.delete_button.state(state)
        detached = any(row in self._notes and self._notes[row].detached for row in rows)
        if detached and not self.reattach_button.winfo_manager():
            self.reattach_button.pack(side="right", padx=(0, 6))
        elif not detached and self.reattach_button.winfo_manager():
            self.reattach_button.pack_forget()


def _italic(widget: tk.Misc) -> tuple[str, int, str]:
    """The default font in italic, as a description (no Font object: see widgets.DetailText)."""
    actual = tkfont.nametofont("TkDefaultFont", root=widget).actual()
    return (actual["family"], actual["size"], "italic")
