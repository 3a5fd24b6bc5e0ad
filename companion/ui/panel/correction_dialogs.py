"""The corrections' dialogs: pick a name of a list (merge into, split off) and the corrections
that apply to the article (those made for every article marked so) with Remove."""

from __future__ import annotations

import tkinter as tk
from dataclasses import replace
from typing import Callable, Sequence

import ttkbootstrap as ttk

from companion.core.corrections import Correction
from companion.errors import UserError
from companion.ui.kit.dialogs import Dialog
from companion.ui.kit.widgets import Column, scrolled_tree
from companion.ui.look import theme


class ChoiceDialog(Dialog):
    """Pick one of `choices` from a drop-down list: the merge target, the alias to split off."""

    def __init__(self, master: tk.Misc, *, title: str, prompt: str, choices: Sequence[str],
                 ok_text: str, on_choose: Callable[[str], object],
                 on_close: Callable[[], None] | None = None) -> None:
        super().__init__(master, title=title, on_close=on_close)
        self.choices = list(choices)
        ttk.Label(self.body, text=prompt, wraplength=420, justify="left").pack(anchor="w", pady=(0, 8))
        self.combobox = ttk.Combobox(self.body, values=self.choices, state="readonly", width=40)
        self.combobox.pack(fill="x")
        if self.choices:
            self.combobox.current(0)
        self.ok_button = self.add_button(ok_text, lambda: self.attempt(lambda: on_choose(self.choice)),
                                         primary=True)
        self.cancel_button = self.add_button("Cancel", self.cancel)
        self.bind("<Return>", lambda e: self.ok_button.invoke())
        self._show(master, self.combobox)

    @property
    def choice(self) -> str:
        return str(self.combobox.get())

    def choose(self, value: str) -> None:
        self.combobox.current(self.choices.index(value))


def list_text(correction: Correction) -> str:
    """"Arsenal is an organization · every article" for one made everywhere; else describe()."""
    if correction.everywhere:
        return f"{replace(correction, scope='article').describe()} · every article"
    return correction.describe()


class CorrectionsDialog(Dialog):
    """The corrections that apply to the article, those made for every article first;
    Remove takes the selected one back (from every article, for those)."""

    def __init__(self, master: tk.Misc, *, corrections: list[tuple[int, Correction]],
                 on_remove: Callable[[int], object], on_close: Callable[[], None] | None = None) -> None:
        super().__init__(master, title="Corrections (this article and every article)", minsize=(440, 300),
                         on_close=on_close)
        self.hint = ttk.Label(self.body, text="", style=theme.MUTED_LABEL, wraplength=420,
                              justify="left")
        self.hint.pack(anchor="w", pady=(0, 8))
        self.tree = scrolled_tree(self.body, [Column("correction", "Correction", 400, stretch=True)],
                                  height=8)
        self._on_remove = on_remove
        self.close_button = self.add_button("Close", self.close, primary=True)
        self.remove_button = ttk.Button(self.buttons, text="Remove", bootstyle="danger-outline",
                                        command=self.remove_selected)
        self.remove_button.pack(side="left")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._update_buttons(), add=True)
        self.tree.bind("<Delete>", lambda e: self.remove_selected(), add=True)
        self.show(corrections)
        self._show(master, self.tree)

    def show(self, corrections: list[tuple[int, Correction]]) -> None:
        self.tree.delete(*self.tree.get_children())
        for correction_id, correction in corrections:
            self.tree.insert("", "end", iid=str(correction_id), values=(list_text(correction),))
        self.hint.configure(text="Select one and press Remove to take it back." if corrections else
                            "No corrections yet. Right-click a name in the article or in the People "
                            "list to correct it.")
        self._update_buttons()

    def rows(self) -> list[str]:
        return [str(self.tree.item(row, "values")[0]) for row in self.tree.get_children()]

    def remove_selected(self) -> None:
        for row in self.tree.selection():
            try:
                self._on_remove(int(row))
            except UserError as exc:
                self.show_error(str(exc))

    def _update_buttons(self) -> None:
        self.remove_button.state(["!disabled"] if self.tree.selection() else ["disabled"])
