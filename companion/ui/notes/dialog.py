"""The dialog that asks for a note's comment, colour and tags. A thin shell: saving is the
caller's `on_save`."""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from typing import Callable, Sequence

import ttkbootstrap as ttk


from companion.ui.look import theme
from companion.ui.kit.dialogs import Dialog
from companion.ui.notes.placement import parse_tags, snippet
from companion.ui.look.theme import Palette


@dataclass(frozen=True)
class NoteInput:
    """What the reader typed and chose."""
    comment: str
    color: str
    tags: tuple[str, ...]


class NoteDialog(Dialog):
    """A small window with the quoted passage (in the note's colour), a comment box, the colour,
    the tags, Save and Cancel.

    Not modal: it does not block the event loop (tests and the analysis keep running); the
    passage it is about was fixed when it opened. Ctrl+Return saves, Escape cancels.
    """

    def __init__(self, master: tk.Misc, *, title: str, quote: str, comment: str = "",
                 color: str = theme.DEFAULT_COLOR, tags: Sequence[str] = (),
                 on_save: Callable[[NoteInput], bool | None],
                 on_close: Callable[[], None] | None = None) -> None:
        super().__init__(master, title=title, minsize=(440, 340), on_close=on_close)
        self._on_save = on_save
        # A plain Tcl variable (no Python Variable whose __del__ could run in another thread).
        self._color_variable = f"companion_note_color{str(self).replace('.', '_')}"
        self.setvar(self._color_variable, theme.color_name(color))
        body = self.body
        # The passage as it will look in the article: on the note's colour.
        self.quote_label = ttk.TkLabel(body, autostyle=False, text=f"“{snippet(quote, 160)}”",
                                       wraplength=440, justify="left", anchor="w", padx=8, pady=5)
        self.quote_label.pack(fill="x", pady=(0, 10))
        ttk.Label(body, text="Your note").pack(anchor="w")
        self.text = ttk.Text(body, height=6, width=54, wrap="word", undo=True, padx=8, pady=6,
                             relief="solid", borderwidth=1, highlightthickness=0,
                             font="TkTextFont")
        self.text.pack(fill="both", expand=True, pady=(4, 10))
        self.text.insert("1.0", comment)

        colors = ttk.Frame(body)
        colors.pack(fill="x", pady=(0, 8))
        ttk.Label(colors, text="Colour", width=7).pack(side="left")
        self.color_buttons: dict[str, ttk.Radiobutton] = {}
        for name in theme.NOTE_COLORS:
            button = ttk.Radiobutton(colors, text=theme.color_label(name), value=name,
                                     variable=self._color_variable, command=self._show_color)
            button.pack(side="left", padx=(0, 12))
            self.color_buttons[name] = button

        tag_row = ttk.Frame(body)
        tag_row.pack(fill="x")
        ttk.Label(tag_row, text="Tags", width=7).pack(side="left")
        self.tags_entry = ttk.Entry(tag_row)
        self.tags_entry.pack(side="left", fill="x", expand=True)
        self.tags_entry.insert(0, ", ".join(tags))
        ttk.Label(body, text="Separate tags with commas, e.g. polls, follow up",
                  style=theme.MUTED_LABEL).pack(anchor="w", padx=(62, 0), pady=(2, 12))

        self.save_button = self.add_button("Save", self.save, primary=True)
        self.cancel_button = self.add_button("Cancel", self.cancel)
        ttk.Label(self.buttons, text="Ctrl+Enter saves", style=theme.MUTED_LABEL).pack(side="left")
        # On the Text first: its own Return binding must not add a line before the window's runs.
        self.text.bind("<Control-Return>", lambda e: (self.save(), "break")[1])
        self.bind("<Control-Return>", lambda e: self.save())
        self.tags_entry.bind("<Return>", lambda e: (self.save(), "break")[1])
        self.apply_palette(theme.current_palette(self))
        self._show(master, self.text)

    # -- what was typed and chosen -------------------------------------------------------------
    @property
    def comment(self) -> str:
        return self.text.get("1.0", "end-1c").strip()

    @property
    def color(self) -> str:
        return theme.color_name(str(self.getvar(self._color_variable)))

    @property
    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_entry.get())

    @property
    def input(self) -> NoteInput:
        return NoteInput(self.comment, self.color, self.tags)

    def choose_color(self, name: str) -> None:
        self.color_buttons[theme.color_name(name)].invoke()

    def set_tags(self, text: str) -> None:
        self.tags_entry.delete(0, "end")
        self.tags_entry.insert(0, text)

    # -- colours -------------------------------------------------------------------------------
    def apply_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._show_color()

    def _show_color(self) -> None:
        self.quote_label.configure(background=theme.note_background(self._palette, self.color),
                                   foreground=self._palette.text)

    # -- closing -------------------------------------------------------------------------------
    def save(self) -> None:
        # on_save returns False when saving failed: keep the dialog so the text is not lost.
        if self._on_save(self.input) is not False:
            self.close()

    def close(self) -> None:
        super().close()
        self.tk.call("unset", "-nocomplain", self._color_variable)
