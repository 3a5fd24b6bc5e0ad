"""The dialog for one of the reader's own glossary entries: term, expansion, definition."""

from __future__ import annotations

import tkinter as tk
from typing import Callable

import ttkbootstrap as ttk

from companion.ui.kit.dialogs import Dialog
from companion.ui.look import theme


class GlossaryEntryDialog(Dialog):
    """Term, expansion and definition of one of the reader's own glossary entries."""

    def __init__(self, master: tk.Misc, *, title: str, term: str = "", expansion: str = "",
                 definition: str = "", note: str = "",
                 on_save: Callable[[str, str, str], object],
                 on_close: Callable[[], None] | None = None) -> None:
        super().__init__(master, title=title, minsize=(460, 340), on_close=on_close)
        if note:
            ttk.Label(self.body, text=note, style=theme.MUTED_LABEL, wraplength=440,
                      justify="left").pack(anchor="w", pady=(0, 10))
        self.term_entry = self._entry("Term", term, "The word or abbreviation as it appears, e.g. CUSMA")
        self.expansion_entry = self._entry("Expansion", expansion, "What an abbreviation stands for (optional)")
        ttk.Label(self.body, text="Definition").pack(anchor="w")
        self.definition_text = ttk.Text(self.body, height=5, width=54, wrap="word", undo=True, padx=8,
                                       pady=6, relief="solid", borderwidth=1, highlightthickness=0,
                                       font="TkTextFont")
        self.definition_text.pack(fill="both", expand=True, pady=(4, 0))
        self.definition_text.insert("1.0", definition)
        self.save_button = self.add_button("Save", lambda: self.attempt(
            lambda: on_save(self.term, self.expansion, self.definition)), primary=True)
        self.cancel_button = self.add_button("Cancel", self.cancel)
        ttk.Label(self.buttons, text="Ctrl+Enter saves", style=theme.MUTED_LABEL).pack(side="left")
        self.bind("<Control-Return>", lambda e: (self.save_button.invoke(), "break")[1])
        self._show(master, self.term_entry if not term else self.definition_text)

    def _entry(self, label: str, value: str, help_text: str) -> ttk.Entry:
        row = ttk.Frame(self.body)
        row.pack(fill="x", pady=(0, 10))
        ttk.Label(row, text=label).pack(anchor="w")
        entry = ttk.Entry(row)
        entry.pack(fill="x", pady=(4, 2))
        entry.insert(0, value)
        ttk.Label(row, text=help_text, style=theme.MUTED_LABEL).pack(anchor="w")
        return entry

    @property
    def term(self) -> str:
        return self.term_entry.get().strip()

    @property
    def expansion(self) -> str:
        return self.expansion_entry.get().strip()

    @property
    def definition(self) -> str:
        return self.definition_text.get("1.0", "end-1c").strip()

    def fill(self, *, term: str | None = None, expansion: str | None = None,
             definition: str | None = None) -> None:
        """Replace the fields that are given (for tests and scripts)."""
        for entry, value in ((self.term_entry, term), (self.expansion_entry, expansion)):
            if value is not None:
                entry.delete(0, "end")
                entry.insert(0, value)
        if definition is not None:
            self.definition_text.delete("1.0", "end")
            self.definition_text.insert("1.0", definition)
