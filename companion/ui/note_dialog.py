"""The dialog that asks for a note's comment. A thin shell: saving is the caller's `on_save`."""

from __future__ import annotations

import tkinter as tk
from typing import Callable

import ttkbootstrap as ttk

from companion.ui import theme
from companion.ui.dialogs import place_over
from companion.ui.placement import snippet


class NoteDialog(ttk.Toplevel):
    """A small window with the quoted passage, a comment box, Save and Cancel.

    Not modal: it does not block the event loop (tests and the analysis keep running); the
    passage it is about was fixed when it opened. Ctrl+Return saves, Escape cancels.
    """

    def __init__(self, master: tk.Misc, *, title: str, quote: str, comment: str = "",
                 on_save: Callable[[str], bool | None], on_close: Callable[[], None] | None = None) -> None:
        super().__init__(title=title, master=master, transient=master.winfo_toplevel(),
                         minsize=(420, 260))
        self._on_save = on_save
        self._on_closed = on_close
        body = ttk.Frame(self, padding=16)
        body.pack(fill="both", expand=True)
        self.quote_label = ttk.Label(body, text=f"“{snippet(quote, 160)}”", wraplength=440,
                                     foreground=theme.MUTED_FOREGROUND, justify="left")
        self.quote_label.pack(fill="x", pady=(0, 10))
        ttk.Label(body, text="Your note").pack(anchor="w")
        self.text = tk.Text(body, height=7, width=54, wrap="word", undo=True, padx=8, pady=6,
                            relief="solid", borderwidth=1, highlightthickness=0,
                            font="TkTextFont")
        self.text.pack(fill="both", expand=True, pady=(4, 12))
        self.text.insert("1.0", comment)
        buttons = ttk.Frame(body)
        buttons.pack(fill="x")
        self.save_button = ttk.Button(buttons, text="Save", bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        self.cancel_button = ttk.Button(buttons, text="Cancel", bootstyle="secondary-outline",
                                        command=self.cancel)
        self.cancel_button.pack(side="right", padx=(0, 8))
        ttk.Label(buttons, text="Ctrl+Enter saves", foreground=theme.MUTED_FOREGROUND).pack(side="left")
        self.text.bind("<Control-Return>", lambda e: (self.save(), "break")[1])
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        place_over(self, master)
        self.text.focus_set()

    @property
    def comment(self) -> str:
        return self.text.get("1.0", "end-1c").strip()

    def save(self) -> None:
        # on_save returns False when saving failed: keep the dialog so the text is not lost.
        if self._on_save(self.comment) is not False:
            self._close()

    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        if self._on_closed:
            self._on_closed()
        self.destroy()
