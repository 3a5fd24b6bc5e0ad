"""Switching between the light and the dark palette at run time.

ttkbootstrap repaints its own widgets when the theme changes, but it paints plain Tk widgets
(the reader's Text, the detail boxes, canvases) with the theme's input colours and knows nothing
of our tags. So after `theme_use`, every widget with an `apply_palette(palette)` method is
called, top-down; widgets made later read `current_palette(self)` when they are built.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from companion.ui.look import theme
from companion.ui.look.theme import Palette

# ttk styles of our own, configured per theme (each ttkbootstrap theme has its own style table).
READER_FRAME = "Reader.TFrame"
READER_TITLE = "ReaderTitle.TLabel"
READER_META = "ReaderMeta.TLabel"
MUTED_LABEL = "Muted.TLabel"
ERROR_LABEL = "Error.TLabel"


def current_palette(widget: tk.Misc) -> Palette:
    """The palette of the ttk theme in use in `widget`'s interpreter."""
    return theme.palette_of_ttk_theme(str(widget.tk.call("ttk::style", "theme", "use")))


def configure_styles(palette: Palette) -> None:
    """Our named ttk styles, for the theme in use."""
    style = ttk.Style()
    style.configure(READER_FRAME, background=palette.background)
    style.configure(READER_TITLE, background=palette.background, foreground=palette.text)
    style.configure(READER_META, background=palette.background, foreground=palette.muted)
    style.configure(MUTED_LABEL, foreground=palette.muted)
    style.configure(ERROR_LABEL, foreground=palette.error)
    # The lists' selected row in the reader's selection colour: the theme's own is a glaring
    # light grey bar on the dark theme (and a heavy dark one on the light theme).
    disabled = [m for m in style.map("Treeview", "foreground") if m[0] == "disabled"]
    style.map("Treeview", background=[("selected", palette.selection)],
              foreground=disabled + [("selected", palette.text)])


def use_palette(root: tk.Misc, palette: Palette) -> None:
    """Switch the ttk theme (when it differs) and repaint the widgets that hold colours of ours."""
    if str(root.tk.call("ttk::style", "theme", "use")) != palette.ttk_theme:
        ttk.Style().theme_use(palette.ttk_theme)
    configure_styles(palette)
    repaint(root, palette)


def repaint(widget: tk.Misc, palette: Palette) -> None:
    """Call `apply_palette(palette)` on `widget` and every widget under it that has one."""
    stack = [widget]
    while stack:
        current = stack.pop()
        apply = getattr(current, "apply_palette", None)
        if callable(apply):
            apply(palette)
        try:
            stack.extend(current.winfo_children())
        except tk.TclError:  # destroyed meanwhile
            pass
