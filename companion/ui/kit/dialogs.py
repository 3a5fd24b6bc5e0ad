"""Small dialogs: pick one of a list, the article's corrections, a glossary entry.

Thin shells, like the note dialog: what a button does is the caller's callback. None is modal
(the event loop and the analysis keep running). A callback that raises UserError keeps the
dialog open and shows the message on its error line; Escape cancels.
"""

from __future__ import annotations

import tkinter as tk
from typing import Callable, Sequence

import ttkbootstrap as ttk

from companion.core.corrections import Correction
from companion.errors import UserError
from companion.ui.look import theme
from companion.ui.kit.widgets import Column, scrolled_tree


def place_over(window: tk.Toplevel, master: tk.Misc) -> None:
    """Put `window` over the middle of `master`'s window, a third of the way down."""
    window.update_idletasks()
    top = master.winfo_toplevel()
    x = top.winfo_rootx() + max(0, (top.winfo_width() - window.winfo_reqwidth()) // 2)
    y = top.winfo_rooty() + max(0, (top.winfo_height() - window.winfo_reqheight()) // 3)
    window.geometry(f"+{x}+{y}")


class Dialog(ttk.Toplevel):
    """A titled window with a body, an error line and a row of buttons (primary on the right)."""

    def __init__(self, master: tk.Misc, *, title: str, minsize: tuple[int, int] = (380, 150),
                 on_close: Callable[[], None] | None = None) -> None:
        super().__init__(title=title, master=master, transient=master.winfo_toplevel(), minsize=minsize)
        self._on_closed = on_close
        self.body = ttk.Frame(self, padding=(18, 16, 18, 4))
        self.body.pack(fill="both", expand=True)
        self.error_label = ttk.Label(self, text="", style=theme.ERROR_LABEL, anchor="w",
                                     wraplength=420, justify="left")
        self.error_label.pack(fill="x", padx=18)
        self.buttons = ttk.Frame(self, padding=(18, 8, 18, 16))
        self.buttons.pack(fill="x")
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)

    @property
    def error(self) -> str:
        return str(self.error_label.cget("text"))

    def show_error(self, message: str) -> None:
        self.error_label.configure(text=message.strip().splitlines()[0] if message.strip() else "")

    def add_button(self, text: str, command: Callable[[], None], *, primary: bool = False) -> ttk.Button:
        button = ttk.Button(self.buttons, text=text, command=command,
                            bootstyle="primary" if primary else "secondary-outline")
        button.pack(side="right", padx=(8, 0))
        return button

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run `action`; close on success, keep the dialog with the message on a UserError."""
        try:
            action()
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self.close()
        return True

    def cancel(self) -> None:
        self.close()

    def close(self) -> None:
        if self._on_closed:
            self._on_closed()
            self._on_closed = None
        self.destroy()

    def _show(self, master: tk.Misc, focus: tk.Misc) -> None:
        place_over(self, master)
        focus.focus_set()


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


class CorrectionsDialog(Dialog):
    """The article's corrections in the order they were made; Remove takes the selected one back."""

    def __init__(self, master: tk.Misc, *, corrections: list[tuple[int, Correction]],
                 on_remove: Callable[[int], object], on_close: Callable[[], None] | None = None) -> None:
        super().__init__(master, title="Corrections to this article", minsize=(440, 300),
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
            self.tree.insert("", "end", iid=str(correction_id), values=(correction.describe(),))
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
