"""File ▸ Recent: the last articles opened (Settings.recent, newest first), and the start page's list.

The App records each file it opens (`Settings.with_recent`, through its Preferences, so the
theme and window size saved by the same object are never overwritten). Choosing a file that is
gone says so in one line and drops it from the list.
"""

from __future__ import annotations

import os
import tkinter as tk
from dataclasses import replace
from pathlib import Path
from typing import Callable

import ttkbootstrap as ttk

from companion.store.settings import MAX_RECENT
from companion.ui import events
from companion.ui.kit.prefs import Preferences


def short_folder(path: str) -> str:
    """The folder of `path` as a reader knows it: "~/news" rather than "/home/ada/news"."""
    folder = Path(path).parent
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


def label_of(path: str) -> str:
    """"talks.txt — ~/news": the name first, since that is what a reader looks for."""
    return f"{Path(path).name} — {short_folder(path)}"


class RecentArticles:
    """The recent list, its menu, and opening one of it; events.RECENT_CHANGED when it shrinks."""

    def __init__(self, root: tk.Misc, prefs: Preferences, *, open_path: Callable[[str], bool]) -> None:
        self.root, self.prefs = root, prefs
        self._open_path = open_path
        self.menu: tk.Menu | None = None

    @property
    def paths(self) -> list[str]:
        return list(self.prefs.settings.recent[:MAX_RECENT])

    def open(self, path: str) -> bool:
        """Open a recent article; a file that is no longer there is dropped from the list."""
        if not os.path.exists(path):
            events.say(self.root, f"{path}: no such file (moved or deleted?); it was taken off the recent list.",
                       error=True)
            self.forget(path)
            return False
        return self._open_path(path)

    def forget(self, path: str) -> None:
        settings = self.prefs.settings
        self.prefs.replace(replace(settings, recent=tuple(p for p in settings.recent if p != path)))
        self.refresh()
        events.fire(self.root, events.RECENT_CHANGED)

    # -- the menu ------------------------------------------------------------------------------
    def add_menu(self, parent: tk.Menu, label: str = "Open recent") -> tk.Menu:
        """A cascade in `parent`, rebuilt from the settings each time it is posted."""
        self.menu = ttk.Menu(parent, tearoff=False, postcommand=self.refresh)
        parent.add_cascade(label=label, menu=self.menu)
        self.refresh()
        return self.menu

    def refresh(self) -> None:
        menu = self.menu
        if menu is None:
            return
        try:
            menu.delete(0, "end")
        except tk.TclError:  # the window is gone
            return
        paths = self.paths
        for i, path in enumerate(paths, start=1):
            menu.add_command(label=f"{i}  {label_of(path)}" if i < 10 else f"    {label_of(path)}",
                             underline=0 if i < 10 else -1, command=lambda p=path: self.open(p))
        if not paths:
            menu.add_command(label="No recent articles", state="disabled")
        else:
            menu.add_separator()
            menu.add_command(label="Clear the list", command=self.clear)

    def clear(self) -> None:
        self.prefs.replace(replace(self.prefs.settings, recent=()))
        self.refresh()
        events.fire(self.root, events.RECENT_CHANGED)
