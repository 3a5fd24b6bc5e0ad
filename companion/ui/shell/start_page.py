"""The start page: what the window shows when there is no article to read.

The recent articles (click to open), and the ways to open one: a file, a web address, the
clipboard, the sample article. It lies over the reader and the side panel and hides as soon as
an article is shown (events.DOCUMENT_OPENED); its recent list follows events.RECENT_CHANGED.
"""

from __future__ import annotations

import tkinter as tk
from typing import Callable, Sequence

import ttkbootstrap as ttk

from companion.ui import events
from companion.ui.look import theme
from companion.ui.shell.recent import short_folder

SHOWN_RECENT = 8  # the page stays calm; File ▸ Open recent has all of them


class StartPage(ttk.Frame):
    """`over` is the widget it covers; `recent()` gives the paths to list, newest first."""

    def __init__(self, master: tk.Misc, *, over: tk.Misc, recent: Callable[[], Sequence[str]],
                 open_file: Callable[[], object], open_url: Callable[[], object],
                 from_clipboard: Callable[[], object], open_sample: Callable[[], object],
                 open_recent: Callable[[str], object], title_font: tuple | str = "TkHeadingFont",
                 drop_hint: bool = False) -> None:
        super().__init__(master, style=theme.READER_FRAME)
        self._over, self._recent, self._open_recent = over, recent, open_recent
        column = ttk.Frame(self, style=theme.READER_FRAME)
        column.pack(anchor="n", pady=(70, 20), padx=40)
        ttk.Label(column, text="companion", style=theme.READER_TITLE, font=title_font).pack(anchor="w")
        ttk.Label(column, text="A calm reading companion for news: who is who, a glossary, and your notes.",
                  style=theme.READER_META).pack(anchor="w", pady=(4, 22))

        buttons = ttk.Frame(column, style=theme.READER_FRAME)
        buttons.pack(anchor="w")
        self.buttons: dict[str, ttk.Button] = {}
        for key, text, command, style in (
                ("file", "Open file…", open_file, "primary"),
                ("url", "Open URL…", open_url, "secondary-outline"),
                ("clipboard", "From clipboard", from_clipboard, "secondary-outline"),
                ("sample", "Open the sample article", open_sample, "secondary-outline")):
            button = ttk.Button(buttons, text=text, command=command, bootstyle=style)
            button.pack(side="left", padx=(0, 8))
            self.buttons[key] = button
        hint = "Ctrl+O opens a file, Ctrl+L a web address, Ctrl+Shift+V the copied text"
        if drop_hint:
            hint += "; or drop a file on this window"
        ttk.Label(column, text=hint + ".", style=theme.READER_META).pack(anchor="w", pady=(10, 28))

        ttk.Label(column, text="Recent articles", style=theme.READER_TITLE,
                  font=_bold(title_font)).pack(anchor="w", pady=(0, 6))
        self._list = ttk.Frame(column, style=theme.READER_FRAME)
        self._list.pack(anchor="w", fill="x")
        self.recent_buttons: list[tuple[str, ttk.Button]] = []
        events.listen(master, events.DOCUMENT_OPENED, lambda _: self.hide())
        events.listen(master, events.RECENT_CHANGED, lambda _: self.refresh())

    @property
    def shown(self) -> bool:
        return bool(self.winfo_manager())

    def show(self) -> None:
        """Cover the reader and the panel, with the recent list as it is now."""
        self.refresh()
        self.place(in_=self._over, x=0, y=0, relwidth=1, relheight=1)
        self.lift()

    def hide(self) -> None:
        if self.shown:
            self.place_forget()

    def refresh(self) -> None:
        for child in self._list.winfo_children():
            child.destroy()
        self.recent_buttons = []
        paths = list(self._recent())[:SHOWN_RECENT]
        if not paths:
            ttk.Label(self._list, text="None yet: the articles you open will be listed here.",
                      style=theme.READER_META).grid(row=0, column=0, sticky="w")
            return
        for row, path in enumerate(paths):
            name = path.replace("\\", "/").rsplit("/", 1)[-1]
            button = ttk.Button(self._list, text=name, bootstyle="primary-link", padding=(0, 2),
                                command=lambda p=path: self._open_recent(p))
            button.grid(row=row, column=0, sticky="w")
            ttk.Label(self._list, text=short_folder(path), style=theme.READER_META).grid(
                row=row, column=1, sticky="w", padx=(16, 0))
            self.recent_buttons.append((path, button))


def _bold(font: tuple | str) -> tuple | str:
    """The page's title family at a list heading's size."""
    if isinstance(font, tuple) and font:
        return (font[0], 13, "bold")
    return "TkHeadingFont"
