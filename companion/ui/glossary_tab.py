"""Glossary tab: terms with their meaning and source; the selected term's evidence below."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from companion.core.analysis import GlossaryEntry
from companion.ui import theme
from companion.ui.widgets import Column, DetailText, hint, scrolled_tree


class GlossaryTab(ttk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(10, 4, 10, 10))
        self.hint = hint(self, "Terms appear when the analysis is done.")
        self.tree = scrolled_tree(self, [Column("#0", "Term", 150),
                                         Column("meaning", "Meaning", 200, stretch=True),
                                         Column("source", "Source", 86)], height=12)
        self.detail = DetailText(self, height=6,
                                  placeholder="Select a term to see its meaning and where it comes from.")
        self.detail.pack(fill="x", pady=(8, 0))
        self._entries: dict[str, GlossaryEntry] = {}
        self.tree.bind("<<TreeviewSelect>>", self._on_select, add=True)

    def show_entries(self, entries: list[GlossaryEntry]) -> None:
        self.clear()
        for entry in sorted(entries, key=lambda e: e.term.lower()):
            meaning = entry.expansion or entry.definition or ""
            row = self.tree.insert("", "end", text=entry.term,
                                   values=(meaning, theme.SOURCE_NAMES.get(entry.source, entry.source)))
            self._entries[row] = entry
        self.hint.configure(text="Select a term to see where its meaning comes from." if entries
                            else "No abbreviations or terms to explain were found in this article.")

    def clear(self, message: str | None = None) -> None:
        self.tree.delete(*self.tree.get_children())
        self._entries.clear()
        self.detail.show()
        if message:
            self.hint.configure(text=message)

    def select(self, term: str) -> None:
        row = next((r for r, e in self._entries.items() if e.term == term), None)
        if row is not None:
            self.tree.selection_set(row)
            self.tree.see(row)

    def _on_select(self, event: tk.Event) -> None:
        entry = next((self._entries[r] for r in self.tree.selection() if r in self._entries), None)
        if entry is None:
            self.detail.show()
            return
        parts: list[tuple[str, str]] = [(entry.term, "strong")]
        if entry.expansion:
            parts.append((f" — {entry.expansion}", ""))
        if entry.definition and entry.definition != entry.expansion:
            parts.append((f"\n{entry.definition}", ""))
        if entry.evidence:
            parts.append((f"\n\nIn this article: “{entry.evidence}”", "muted"))
        else:
            parts.append((f"\n\nSource: {theme.SOURCE_NAMES.get(entry.source, entry.source)}", "muted"))
        self.detail.show(*parts)
