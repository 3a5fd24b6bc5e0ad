"""The toolbar's legend: a checkbox per highlight type and for glossary terms, with its colour."""

from __future__ import annotations

import tkinter as tk
from typing import Iterable

import ttkbootstrap as ttk


from companion.ui import events
from companion.ui.look import theme
from companion.ui.reading.reader import ReaderView
from companion.ui.look.theme import Palette


class Legend(ttk.Frame):
    """A checkbox per highlight type (and for glossary terms), with its colour, toggling it in the
    reader; a tick fires events.HIGHLIGHTS_SHOWN with `shown` (appearance remembers it)."""

    def __init__(self, master: tk.Misc, reader: ReaderView) -> None:
        super().__init__(master)
        self.reader = reader
        self.buttons: dict[str, ttk.Checkbutton] = {}
        self._swatches: dict[str, tk.Label] = {}
        ttk.Label(self, text="Highlight", style=theme.MUTED_LABEL).pack(side="left", padx=(0, 8))
        for style in theme.HIGHLIGHTS.values():
            swatch = ttk.TkLabel(self, autostyle=False, width=2, relief="flat", borderwidth=0)
            swatch.pack(side="left", padx=(8, 4), ipady=1)
            self._swatches[style.label] = swatch
            self._add_button(style.label, style.plural)
        # Glossary terms: their swatch is a word with the reader's thin coloured underline.
        self._term_swatch = ttk.Canvas(self, autostyle=False, width=22, height=18,
                                       highlightthickness=0, borderwidth=0)
        self._term_swatch.pack(side="left", padx=(12, 4))
        self._add_button("glossary", "Glossary terms")
        self.apply_palette(reader.palette)

    def _add_button(self, label: str, text: str) -> None:
        # A plain Tcl variable, not a tk.BooleanVar: a Python Variable freed by the garbage
        # collector in the analysis thread would call into Tk from the wrong thread.
        variable = f"{self}.show-{label}"
        self.setvar(variable, 1)
        button = ttk.Checkbutton(self, text=text, variable=variable, onvalue=1, offvalue=0,
                                 command=lambda: (self._show(label), events.fire(self, events.HIGHLIGHTS_SHOWN, self.shown)))
        button.pack(side="left")
        self.buttons[label] = button

    def is_shown(self, label: str) -> bool:
        return self.buttons[label].instate(["selected"])

    @property
    def shown(self) -> tuple[str, ...]:
        """The highlight types ticked, as Settings.shown keeps them."""
        return tuple(label for label in self.buttons if self.is_shown(label))

    def set_shown(self, labels: Iterable[str]) -> None:
        """Tick exactly `labels` and show or hide the reader's highlights to match."""
        wanted = set(labels)
        for label in self.buttons:
            self.setvar(f"{self}.show-{label}", 1 if label in wanted else 0)
            self._show(label)

    def _show(self, label: str) -> None:
        if label == "glossary":
            self.reader.set_glossary_visible(self.is_shown(label))
        else:
            self.reader.set_highlight_visible(label, self.is_shown(label))

    def apply_palette(self, palette: Palette) -> None:
        for label, swatch in self._swatches.items():
            swatch.configure(background=palette.highlight(label))
        canvas = self._term_swatch
        canvas.delete("all")
        canvas.configure(background=ttk.Style().lookup("TFrame", "background") or palette.background)
        foreground = ttk.Style().lookup("TLabel", "foreground") or palette.text
        canvas.create_text(11, 8, text="Aa", fill=foreground, font="TkDefaultFont")
        canvas.create_line(2, 16, 20, 16, fill=palette.glossary_underline, width=1)
