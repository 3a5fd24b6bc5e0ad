"""The View menu's side of the window: light or dark, the reader's font and size, the width of
the reading column and the line spacing. Each change is shown at once and remembered in the
settings (`Preferences`)."""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from companion.ui import events
from companion.ui.kit import shortcuts
from companion.ui.look import fonts, theme
from companion.ui.kit.prefs import Preferences

if TYPE_CHECKING:  # pragma: no cover — it drives the reader and legend it is given
    from companion.ui.reading.legend import Legend
    from companion.ui.reading.reader import ReaderView

# Plain Tcl variables behind the menu's check and radio entries (no Python Variable objects:
# one freed by the garbage collector in the analysis thread would call Tk from that thread).
DARK_VARIABLE = "companion_dark_theme"
FONT_VARIABLE = "companion_font_family"
SPACING_VARIABLE = "companion_line_spacing"


class Appearance:
    def __init__(self, root: tk.Misc, reader: "ReaderView", legend: "Legend", prefs: Preferences) -> None:
        self.root, self.reader, self.legend, self.prefs = root, reader, legend, prefs
        settings = prefs.settings
        self.mode = settings.theme
        installed = {f.lower() for f in tkfont.families(root)}
        family = settings.font_family if settings.font_family.lower() in installed else ""
        self.reader.set_font(family, settings.font_size)
        self.reader.set_line_spacing(settings.line_spacing)
        self.reader.set_column_width(fonts.step_column(settings.column_width, 0))
        self.legend.set_shown(settings.shown)
        events.listen(legend, events.HIGHLIGHTS_SHOWN, lambda shown: self.prefs.change(shown=shown))
        theme.use_palette(root, theme.palette(self.mode))
        root.setvar(DARK_VARIABLE, 1 if self.mode == "dark" else 0)
        root.setvar(FONT_VARIABLE, family)
        root.setvar(SPACING_VARIABLE, fonts.spacing_name(settings.line_spacing))

    # -- theme ---------------------------------------------------------------------------------
    def set_theme(self, mode: str) -> None:
        """"light" or "dark": the whole window, the reader's page and its highlights."""
        palette = theme.palette(mode)
        self.mode = palette.mode
        theme.use_palette(self.root, palette)
        # The switch makes Tk send <<ThemeChanged>> when idle: now, not after a quick quit
        # (when the window is gone, that is a background error). Not at start-up: there it
        # would map the window before it is built.
        self.root.update_idletasks()
        self.root.setvar(DARK_VARIABLE, 1 if self.mode == "dark" else 0)
        self.prefs.change(theme=self.mode)

    def toggle_dark(self) -> None:
        self.set_theme("light" if self.mode == "dark" else "dark")

    # -- font ----------------------------------------------------------------------------------
    def set_font_family(self, family: str) -> None:
        """A family for the text; "" is the default serif."""
        self.reader.set_font(family=family)
        self.root.setvar(FONT_VARIABLE, family)
        self.prefs.change(font_family=family)

    def zoom(self, steps: int) -> None:
        """Ctrl+plus (1) / Ctrl+minus (-1) / Ctrl+0 (0: the default size)."""
        size = fonts.step_font_size(self.reader.font_size, steps) if steps else fonts.READER_SIZE
        self.reader.set_font(size=size)
        self.prefs.change(font_size=size)
        events.say(self.root, f"Text size {size} pt.")

    # -- column and spacing --------------------------------------------------------------------
    def widen(self, steps: int) -> None:
        """Wider (1) or narrower (-1) reading column."""
        width = fonts.step_column(self.reader.column_width, steps)
        self.reader.set_column_width(width)
        self.prefs.change(column_width=width)
        low, high = fonts.COLUMN_RANGE
        limit = " (the widest)" if width == high else " (the narrowest)" if width == low else ""
        events.say(self.root, f"Reading column {width} characters wide{limit}.")

    def set_line_spacing(self, name: str) -> None:
        """"compact", "comfortable" or "airy"."""
        factor = fonts.LINE_SPACINGS[name]
        self.reader.set_line_spacing(factor)
        self.root.setvar(SPACING_VARIABLE, name)
        self.prefs.change(line_spacing=factor)

    # -- the menu ------------------------------------------------------------------------------
    def fill_menu(self, menu: tk.Menu) -> None:
        """Add the View menu's entries for all of the above."""
        shortcuts.add_entry(menu, "dark-theme", lambda: self.set_theme("dark" if int(
            self.root.getvar(DARK_VARIABLE)) else "light"), kind="checkbutton",
            variable=DARK_VARIABLE, onvalue=1, offvalue=0)
        menu.add_separator()
        shortcuts.add_entry(menu, "larger", lambda: self.zoom(1))
        shortcuts.add_entry(menu, "smaller", lambda: self.zoom(-1))
        shortcuts.add_entry(menu, "default-size", lambda: self.zoom(0))
        font_menu = ttk.Menu(menu, tearoff=False)
        default = self.reader.default_family
        font_menu.add_radiobutton(label=f"Default ({default})", variable=FONT_VARIABLE, value="",
                              command=lambda: self.set_font_family(""))
        for family in fonts.font_choices(tkfont.families(self.root), self.prefs.settings.font_family):
            if family != default:
                font_menu.add_radiobutton(label=family, variable=FONT_VARIABLE, value=family,
                                      command=lambda f=family: self.set_font_family(f))
        menu.add_cascade(label="Font", menu=font_menu)
        menu.add_separator()
        shortcuts.add_entry(menu, "narrower", lambda: self.widen(-1))
        shortcuts.add_entry(menu, "wider", lambda: self.widen(1))
        spacing = ttk.Menu(menu, tearoff=False)
        for name in fonts.LINE_SPACINGS:
            spacing.add_radiobutton(label=name.capitalize(), variable=SPACING_VARIABLE, value=name,
                                    command=lambda n=name: self.set_line_spacing(n))
        menu.add_cascade(label="Line spacing", menu=spacing)
