"""All notes: every note of every article in one searchable list; each opens its article.

A thin shell over the store's notes: what Open, Export and Import do is the caller's. Not modal.
"""

from __future__ import annotations

import tkinter as tk
from datetime import datetime
from typing import Callable, Sequence

import ttkbootstrap as ttk

from companion.store.notes import Note
from companion.ui.look import theme
from companion.ui.kit.dialogs import place_over
from companion.ui.notes.placement import note_matches, snippet
from companion.ui.look.theme import Palette
from companion.ui.kit.widgets import Column, DetailText, FittedTree, SearchEntry, scrolled_tree


def article_name(note: Note) -> str:
    """The article's title, else its file name, else "Untitled article"."""
    if note.title.strip():
        return " ".join(note.title.split())
    if note.path:
        return note.path.replace("\\", "/").rsplit("/", 1)[-1]
    return "Untitled article"


class AllNotesWindow(ttk.Toplevel):
    """`notes()` gives every note, newest change first; `open_note(note)` opens its article
    and returns whether it could; `export(notes)` / `import_()` are the buttons'."""

    def __init__(self, master: tk.Misc, *, notes: Callable[[], Sequence[Note]],
                 open_note: Callable[[Note], bool], export: Callable[[Sequence[Note]], object],
                 import_: Callable[[], object], on_close: Callable[[], None] | None = None) -> None:
        super().__init__(title="All notes", master=master, transient=master.winfo_toplevel(),
                         minsize=(640, 420))
        self.geometry("880x600")
        self._notes_source, self._open_note, self._on_closed = notes, open_note, on_close
        body = ttk.Frame(self, padding=(16, 14, 16, 8))
        search = ttk.Frame(body)
        search.pack(fill="x", pady=(0, 8))
        ttk.Label(search, text="Search").pack(side="left", padx=(0, 8))
        self.search_entry = SearchEntry(search, lambda: self._refilter())
        self.search_entry.pack(side="left", fill="x", expand=True)
        self.count_label = ttk.Label(search, text="", style=theme.MUTED_LABEL)
        self.count_label.pack(side="right", padx=(12, 0))
        self.tree = scrolled_tree(body, [Column("article", "Article", 180, stretch=True),
                                         Column("quote", "Passage", 210, stretch=True),
                                         Column("comment", "Note", 210, stretch=True),
                                         Column("updated", "Updated", 140)], height=10)
        self.tree.column("updated", minwidth=140)
        self.cells = FittedTree(self.tree, ("article", "quote", "comment"))
        self.detail = DetailText(self, height=4, max_height=8,
                                  placeholder="Select a note to read it; double-click or press Open "
                                              "to go to it in its article.")
        self.message_label = ttk.Label(self, text="", anchor="w", wraplength=800, justify="left")
        buttons = ttk.Frame(self, padding=(16, 8, 16, 14))
        # The list gets what room is left once the detail, the message and the buttons have theirs.
        buttons.pack(side="bottom", fill="x")
        self.message_label.pack(side="bottom", fill="x", padx=16, pady=(6, 0))
        self.detail.pack(side="bottom", fill="x", padx=16)
        body.pack(fill="both", expand=True)
        self.close_button = ttk.Button(buttons, text="Close", bootstyle="secondary-outline",
                                       command=self.close)
        self.close_button.pack(side="right")
        self.open_button = ttk.Button(buttons, text="Open article", bootstyle="primary",
                                      command=self.open_selected)
        self.open_button.pack(side="right", padx=(0, 8))
        self.export_button = ttk.Button(buttons, text="Export…", bootstyle="secondary-outline",
                                        command=lambda: export(self.shown_notes()))
        self.export_button.pack(side="left")
        self.import_button = ttk.Button(buttons, text="Import…", bootstyle="secondary-outline",
                                        command=import_)
        self.import_button.pack(side="left", padx=(8, 0))
        self._all: list[Note] = []
        self._rows: dict[str, Note] = {}
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._on_select(), add=True)
        self.tree.bind("<Double-Button-1>", lambda e: self.open_selected(), add=True)
        self.tree.bind("<Return>", lambda e: self.open_selected(), add=True)
        self.bind("<Escape>", lambda e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.apply_palette(theme.current_palette(self))
        self.refresh()
        place_over(self, master)
        self.search_entry.focus_set()

    def apply_palette(self, palette: Palette) -> None:
        for name in theme.NOTE_COLORS:
            self.tree.tag_configure(f"color-{name}", background=theme.row_background(palette, name))
        self._palette = palette
        self._show_message(self.message, self._error if hasattr(self, "_error") else False)

    # -- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the notes again (after a change in the main window)."""
        self._all = list(self._notes_source())
        self._refilter()

    @property
    def query(self) -> str:
        return self.search_entry.query

    def set_query(self, text: str) -> None:
        self.search_entry.set_query(text)

    def _refilter(self) -> None:
        selected = self.tree.selection()
        self.cells.clear()
        shown = [n for n in self._all if note_matches(n, self.query,
                                                      also=(article_name(n), n.path or ""))]
        self._rows = {}
        for note in shown:
            row = self.cells.insert("", values=(article_name(note), snippet(note.anchor.quote, 200),
                                                snippet(note.comment, 200), _when(note.updated)),
                                    iid=str(note.id), tags=(f"color-{theme.color_name(note.color)}",))
            self._rows[row] = note
        keep = [row for row in selected if row in self._rows]
        if keep:
            self.tree.selection_set(keep)
        total = len(self._all)
        self.count_label.configure(text=f"{len(shown)} of {total} notes" if len(shown) != total
                                   else f"{total} note{'s' if total != 1 else ''}")
        if not total:
            self.detail.show(("No notes yet. Select a passage in an article and press Ctrl+N.", "muted"))
        elif not keep:
            self.detail.show()
        self._update_buttons()

    def rows(self) -> list[tuple[str, ...]]:
        """(article, passage, note, updated) of each row, in full."""
        return [self.cells.values(row) for row in self.tree.get_children()]

    def shown_notes(self) -> list[Note]:
        return [self._rows[row] for row in self.tree.get_children()]

    @property
    def selected(self) -> Note | None:
        return next((self._rows[r] for r in self.tree.selection() if r in self._rows), None)

    def select(self, note_id: int) -> None:
        if str(note_id) in self._rows:
            self.tree.selection_set(str(note_id))
            self.tree.see(str(note_id))
            self.tree.update_idletasks()

    # -- opening -------------------------------------------------------------------------------
    def open_selected(self) -> bool:
        note = self.selected
        if note is None:
            self.show_message("Select a note first.")
            return False
        return self._open_note(note)

    @property
    def message(self) -> str:
        return str(self.message_label.cget("text"))

    def show_message(self, text: str, *, error: bool = False) -> None:
        """One line under the list (a note whose article cannot be opened…)."""
        self._show_message(text.strip().splitlines()[0] if text.strip() else "", error)

    def _show_message(self, text: str, error: bool) -> None:
        self._error = error
        self.message_label.configure(text=text, foreground=self._palette.error if error else "")

    def close(self) -> None:
        if self._on_closed:
            self._on_closed()
            self._on_closed = None
        self.destroy()

    # -- internals -----------------------------------------------------------------------------
    def _on_select(self) -> None:
        self._update_buttons()
        note = self.selected
        if note is None:
            return
        where = note.path or "pasted or downloaded, not from a file"
        details = [theme.color_label(note.color), *([", ".join(note.tags)] if note.tags else []),
                   f"saved {_when(note.updated)}"]
        self.detail.show((f"{article_name(note)}\n", "strong"), (f"{where}\n\n", "muted"),
                         (f"“{note.anchor.quote}”", "muted"),
                         (f"\n\n{note.comment}" if note.comment else "", ""),
                         ("\n\n" + " · ".join(details), "muted"))

    def _update_buttons(self) -> None:
        self.open_button.state(["!disabled"] if self.tree.selection() else ["disabled"])
        self.export_button.state(["!disabled"] if self.tree.get_children() else ["disabled"])


def _when(stamp: str) -> str:
    """"2026-11-26 14:03", local time, from a stored ISO time (as it is when it does not parse)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
