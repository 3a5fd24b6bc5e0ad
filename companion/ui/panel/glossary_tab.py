"""Glossary tab: search, the terms with their meaning, source and mentions; the selected term's
definition and evidence below; the reader's own entries added, edited and deleted from here.

A click goes to the term's next mention in the article, like a name in the People tab. The tab
says what the reader asked for through virtual events; `ui.glossary_edit` does it.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from companion.core.analysis import GlossaryEntry
from companion.ui import events
from companion.ui.look import theme
from companion.ui.kit.widgets import (Column, DetailText, FittedTree, SearchEntry, button_row,
                                      edit_delete_buttons, hint, scrolled_tree)


SOURCE_EVIDENCE = {"reference": "From the bundled reference.", "user": "Your entry."}


def matches(entry: GlossaryEntry, query: str) -> bool:
    """Whether the search text is in the entry's term, expansion or definition (any case)."""
    query = query.strip().casefold()
    return not query or any(query in (field or "").casefold()
                            for field in (entry.term, entry.expansion, entry.definition))


class GlossaryTab(ttk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(10, 8, 10, 10))
        search = ttk.Frame(self)
        search.pack(fill="x", pady=(0, 2))
        ttk.Label(search, text="Search").pack(side="left", padx=(2, 8))
        self.search_entry = SearchEntry(search, lambda: self._refilter())
        self.search_entry.pack(side="left", fill="x", expand=True)
        self.hint = hint(self, "Terms appear when the analysis is done.")
        self.tree = scrolled_tree(self, [Column("term", "Term", 120, stretch=True),
                                         Column("meaning", "Meaning", 160, stretch=True),
                                         Column("source", "Source", 88),
                                         Column("mentions", "Mentions", 84, anchor="e")], height=12)
        self.tree.column("term", minwidth=80)
        self.cells = FittedTree(self.tree, ("term", "meaning"))
        self.detail = DetailText(self, height=5, max_height=11,
                                  placeholder="Select a term to see its meaning and where it comes from.")
        self.detail.pack(fill="x", pady=(8, 0))
        buttons = button_row(self)
        self.new_button = ttk.Button(buttons, text="New…", bootstyle="secondary-outline",
                                     command=lambda: events.fire(self, events.ENTRY_NEW_REQUESTED))
        self.new_button.pack(side="left")
        self.edit_button, self.delete_button = edit_delete_buttons(
            buttons, edit=lambda: self._request(events.ENTRY_EDIT_REQUESTED),
            delete=lambda: self._request(events.ENTRY_DELETE_REQUESTED))
        self.chosen: tuple[int, int] | None = None
        self._all: list[GlossaryEntry] = []
        self._entries: dict[str, GlossaryEntry] = {}   # row id → entry, of the rows shown
        self._cursor: dict[str, int] = {}               # term → index of the next mention to show
        self._empty_message = "Terms appear when the analysis is done."
        self.tree.bind("<ButtonRelease-1>", self._on_click, add=True)
        self.tree.bind("<Return>", self._on_key, add=True)
        self.tree.bind("<Double-Button-1>", lambda e: self._request(events.ENTRY_EDIT_REQUESTED), add=True)
        self.tree.bind("<Delete>", lambda e: self._request(events.ENTRY_DELETE_REQUESTED), add=True)
        self.tree.bind("<<TreeviewSelect>>", self._on_select, add=True)
        self._update_buttons()

    # -- showing -------------------------------------------------------------------------------
    def show_entries(self, entries: list[GlossaryEntry]) -> None:
        """List the entries that match the search; the selected term stays selected."""
        self._all = sorted(entries, key=lambda e: e.term.casefold())
        self._empty_message = "No abbreviations or terms to explain were found in this article."
        self._refilter()

    def clear(self, message: str | None = None) -> None:
        self._all = []
        self._cursor.clear()
        self._fill([])
        if message:
            self._empty_message = message
            self.hint.configure(text=message)

    @property
    def query(self) -> str:
        return self.search_entry.query

    def set_query(self, text: str) -> None:
        self.search_entry.set_query(text)

    def terms(self) -> list[str]:
        """The terms listed, in order (full, not cut to the column)."""
        return [self._entries[row].term for row in self.tree.get_children() if row in self._entries]

    def row_of(self, term: str) -> str | None:
        return next((r for r, e in self._entries.items() if e.term == term), None)

    @property
    def selected(self) -> GlossaryEntry | None:
        return next((self._entries[r] for r in self.tree.selection() if r in self._entries), None)

    def select(self, term: str) -> None:
        row = self.row_of(term)
        if row is not None:
            self.tree.selection_set(row)
            self.tree.see(row)

    def choose(self, term: str) -> tuple[int, int] | None:
        """Select the term and announce its next mention in the article (cycling through them)."""
        row = self.row_of(term)
        if row is None:
            return None
        self.select(term)
        entry = self._entries[row]
        mentions = sorted(entry.mentions)
        if not mentions:
            return None
        i = self._cursor.get(entry.term, 0) % len(mentions)
        self._cursor[entry.term] = i + 1
        self.chosen = mentions[i]
        events.fire(self, events.TERM_CHOSEN, self.chosen)
        return self.chosen

    # -- internals -----------------------------------------------------------------------------
    def _refilter(self) -> None:
        query = self.query
        shown = [e for e in self._all if matches(e, query)]
        self._fill(shown)
        if not self._all:
            self.hint.configure(text=self._empty_message)
        elif query.strip():
            self.hint.configure(text=f"{len(shown)} of {len(self._all)} terms match “{query.strip()}”."
                                if shown else f"No term matches “{query.strip()}”. Esc clears the search.")
        else:
            self.hint.configure(text="Click a term to go to its next mention in the article.")

    def _fill(self, entries: list[GlossaryEntry]) -> None:
        selected = self.selected.term if self.selected else None
        self.cells.clear()
        self._entries.clear()
        for entry in entries:
            meaning = entry.expansion or entry.definition or ""
            row = self.cells.insert("", values=(
                entry.term, meaning, theme.SOURCE_NAMES.get(entry.source, entry.source), len(entry.mentions)))
            self._entries[row] = entry
        row = self.row_of(selected) if selected else None
        if row is not None:
            self.tree.selection_set(row)
            self.tree.see(row)
        else:
            self.detail.show()
        self._update_buttons()

    def _on_click(self, event: tk.Event) -> None:
        if self.tree.identify_region(event.x, event.y) == "separator":
            return
        row = self.tree.identify_row(event.y)
        if row in self._entries:
            self.choose(self._entries[row].term)

    def _on_key(self, event: tk.Event) -> None:
        entry = self.selected
        if entry is not None:
            self.choose(entry.term)

    def _on_select(self, event: tk.Event) -> None:
        self._update_buttons()
        entry = self.selected
        if entry is None:
            self.detail.show()
            return
        parts: list[tuple[str, str]] = [(entry.term, "strong")]
        if entry.expansion:
            parts.append((f" — {entry.expansion}", ""))
        if entry.definition and entry.definition != entry.expansion:
            parts.append((f"\n{entry.definition}", ""))
        if entry.could_be:
            parts.append((f"\n{entry.could_be}", ""))
        if entry.source == "article" and entry.evidence:
            parts.append((f"\n\nFrom the article: “{entry.evidence}”", "muted"))
        else:
            source = SOURCE_EVIDENCE.get(entry.source, f"Source: {entry.source}")
            parts.append((f"\n\n{source}", "muted"))
        # Where the facts come from and how old they are: the reader judges a dated entry.
        reference = " · ".join(p for p in (entry.dating, entry.source_url) if p)
        if reference:
            parts.append((f"\n{reference}", "muted"))
        self.detail.show(*parts)

    def _request(self, event_name: str) -> None:
        entry = self.selected
        if entry is None:
            return
        if event_name == events.ENTRY_DELETE_REQUESTED and entry.source != "user":
            return
        events.fire(self, event_name, entry)

    def _update_buttons(self) -> None:
        entry = self.selected
        self.edit_button.state(["!disabled"] if entry else ["disabled"])
        # Only the reader's own entries can be deleted; Edit on another makes one of the reader's own.
        self.delete_button.state(["!disabled"] if entry and entry.source == "user" else ["disabled"])
