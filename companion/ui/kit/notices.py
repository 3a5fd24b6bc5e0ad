"""A bar above the reader for what the reader must not miss, one line each, until dismissed:
the notes database was repaired at start, notes cannot be saved this session, this article
changed since its notes were written. The status bar's messages pass; these stay.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from typing import Callable

import ttkbootstrap as ttk

from companion.ui.look import theme
from companion.ui.look.theme import Palette

# A calm paper tint per palette; the text on it keeps 4.5:1 (tests/ui/test_notes_window.py).
BACKGROUNDS = {"light": "#fff6cc", "dark": "#3a3421"}


class NoticeBar(ttk.Frame):
    """Packs itself (before `before`) while it has a line, and forgets itself when it has none."""

    def __init__(self, master: tk.Misc, *, before: tk.Misc | None = None) -> None:
        super().__init__(master)
        self._before = before
        self._rows: dict[str, tuple[tk.Frame, tk.Label, tk.Label, bool]] = {}
        self._palette = theme.current_palette(self)

    @property
    def messages(self) -> dict[str, str]:
        """key → the line shown."""
        return {key: str(row[1].cget("text")) for key, row in self._rows.items()}

    def show(self, key: str, message: str, *, error: bool = False,
             action: tuple[str, Callable[[], object]] | None = None) -> None:
        """Show `message` (its first line) under `key`, replacing the line with that key.
        `action` (label, command) takes the place of Dismiss (an import's Cancel)."""
        self.hide(key)
        line = message.strip().splitlines()[0] if message.strip() else ""
        if not line:
            return
        # autostyle=False: our tint, not the theme's frame colours.
        row = ttk.TkFrame(self, autostyle=False, padx=14, pady=6)
        row.pack(fill="x")
        text = ttk.TkLabel(row, autostyle=False, text=line, anchor="w", justify="left")
        text.pack(side="left", fill="x", expand=True)
        label, command = action or ("Dismiss", lambda k=key: self.hide(k))
        dismiss = ttk.TkLabel(row, autostyle=False, text=label, cursor="hand2")
        dismiss.pack(side="right", padx=(12, 0))
        dismiss.bind("<Button-1>", lambda e: command(), add=True)
        row.bind("<Configure>", lambda e, t=text: t.configure(wraplength=max(200, e.width - 120)), add=True)
        self._rows[key] = (row, text, dismiss, error)
        self._paint(key)
        if not self.winfo_manager():
            options = {"before": self._before} if self._before is not None else {}
            self.pack(side="top", fill="x", **options)

    def hide(self, key: str) -> None:
        row = self._rows.pop(key, None)
        if row is not None:
            row[0].destroy()
        if not self._rows and self.winfo_manager():
            self.pack_forget()

    def dismiss_button(self, key: str) -> tk.Label:
        return self._rows[key][2]

    def apply_palette(self, palette: Palette) -> None:
        self._palette = palette
        for key in self._rows:
            self._paint(key)

    def _paint(self, key: str) -> None:
        row, text, dismiss, error = self._rows[key]
        p = self._palette
        background = BACKGROUNDS.get(p.mode, BACKGROUNDS["light"])
        row.configure(background=background, highlightthickness=1, highlightbackground=p.hover_border,
                      highlightcolor=p.hover_border)
        text.configure(background=background, foreground=p.error if error else p.text)
        font = tkfont.nametofont("TkDefaultFont", root=self).actual()
        dismiss.configure(background=background, foreground=p.text,
                          font=(font["family"], font["size"], "underline"))
