"""The window's hold on the reader's settings: the current `Settings`, saved whenever they change.

A settings file that cannot be read gives the defaults and `problem` (shown in the status bar);
one that cannot be written is said in one line in the status bar of `window` (events.say), and
the window goes on.
"""

from __future__ import annotations

import logging
import re
import tkinter as tk
from dataclasses import replace
from pathlib import Path

from companion.resources import DEFAULT_ARTICLE
from companion.store.settings import Settings, load_settings, save_settings
from companion.ui import events

log = logging.getLogger(__name__)

_GEOMETRY = re.compile(r"^(\d+)x(\d+)(?:\+(-?\d+)\+(-?\d+))?$")  # what `wm geometry` gives


class Preferences:
    def __init__(self, settings: Settings | None = None, *, path: Path | None = None) -> None:
        self.settings = settings if settings is not None else load_settings(path)
        self.problem = self.settings.problem  # one line for the status bar, or None
        self.path = path
        self.window: tk.Misc | None = None  # set once the window exists: it hears a failed save

    def change(self, **changes) -> Settings:
        """Replace some fields and save when anything changed."""
        return self.replace(replace(self.settings, **changes))

    def replace(self, settings: Settings) -> Settings:
        if settings != self.settings:
            self.settings = settings
            self.save()
        return self.settings

    def save(self) -> bool:
        try:
            save_settings(self.settings, self.path)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            if self.window is not None:
                events.say(self.window, f"Your settings could not be saved ({exc.strerror or exc}); "
                           "they apply until the window is closed.", error=True)
            return False
        return True


def startup_article(settings: Settings) -> Path:
    """What `companion` with no argument opens: the last article if it is still there, else the seed."""
    if settings.last_article:
        last = Path(settings.last_article)
        if last.is_file():
            return last
    return DEFAULT_ARTICLE


def restore_geometry(window: tk.Wm, geometry: str, minimum: tuple[int, int]) -> bool:
    """Give `window` a saved "WxH+X+Y", kept within the screen (a monitor may be gone since)."""
    match = _GEOMETRY.match(geometry.strip())
    if not match:
        return False
    screen_w, screen_h = window.winfo_screenwidth(), window.winfo_screenheight()
    width = min(max(int(match[1]), minimum[0]), screen_w)
    height = min(max(int(match[2]), minimum[1]), screen_h)
    spec = f"{width}x{height}"
    if match[3] is not None:
        x, y = int(match[3]), int(match[4])
        if 0 <= x <= screen_w - 100 and 0 <= y <= screen_h - 60:  # still reachable
            spec += f"+{x}+{y}"
    window.geometry(spec)
    return True
