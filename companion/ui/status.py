"""The status bar: one message, the analysis progress with Cancel, and what is on screen."""

from __future__ import annotations

import tkinter as tk
from typing import Callable

import ttkbootstrap as ttk

from companion.ui import theme


class StatusBar(ttk.Frame):
    def __init__(self, master: tk.Misc, *, on_cancel: Callable[[], None]) -> None:
        super().__init__(master, padding=(12, 5, 12, 6))
        self.message_label = ttk.Label(self, text="", anchor="w")
        self.message_label.pack(side="left")
        self.counts_label = ttk.Label(self, text="", foreground=theme.MUTED_FOREGROUND, anchor="e")
        self.counts_label.pack(side="right")
        self._busy = ttk.Frame(self)
        self.progress = ttk.Progressbar(self._busy, length=150, maximum=100, mode="determinate",
                                        bootstyle="info")
        self.progress.pack(side="left", padx=(0, 8))
        self.cancel_button = ttk.Button(self._busy, text="Cancel", bootstyle="secondary-link",
                                        command=on_cancel, padding=(6, 0))
        self.cancel_button.pack(side="left")

    @property
    def message(self) -> str:
        return str(self.message_label.cget("text"))

    def show_message(self, text: str, *, error: bool = False) -> None:
        """One line; an error is shown in red until the next message."""
        line = text.strip().splitlines()[0] if text.strip() else ""
        self.message_label.configure(text=line, foreground=theme.ERROR_FOREGROUND if error
                                     else theme.TEXT_FOREGROUND)

    def show_progress(self, percent: int | None) -> None:
        """Show the bar (indeterminate while `percent` is None) with its Cancel button."""
        if not self._busy.winfo_manager():
            self._busy.pack(side="left", padx=(14, 0), after=self.message_label)
        if percent is None:
            if str(self.progress.cget("mode")) != "indeterminate":
                self.progress.configure(mode="indeterminate")
                self.progress.start(15)
        else:
            self.progress.stop()
            self.progress.configure(mode="determinate", value=percent)

    def hide_progress(self) -> None:
        self.progress.stop()
        self._busy.pack_forget()

    @property
    def busy(self) -> bool:
        return bool(self._busy.winfo_manager())

    def show_counts(self, text: str) -> None:
        self.counts_label.configure(text=text)
