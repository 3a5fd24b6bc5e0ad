"""The colours of the note marks in the reader, one Tk tag per colour."""

from __future__ import annotations


from companion.ui.look import theme
from companion.ui.notes.placement import PlacedNote
from companion.ui.reading.reader import NOTE_TAG, ReaderView
from companion.ui.look.theme import Palette


class NoteMarks:
    """The colours of the note marks in the reader: one Tk tag per colour ("note-yellow"…)
    over the reader's own note tag (which keeps the underline and says where notes are)."""

    def __init__(self, reader: ReaderView) -> None:
        self.reader, self.text = reader, reader.text
        for name in theme.NOTE_COLORS:
            tag = theme.color_tag(name)
            self.text.tag_configure(tag)
            self.text.tag_raise(tag, NOTE_TAG)  # above the plain note, under find and flash
        self.apply_palette(theme.current_palette(self.text))
        # After a theme switch (theme.use_palette), when the new theme is in use.
        self.text.bind("<<ThemeChanged>>", lambda e: self.apply_palette(theme.current_palette(self.text)),
                       add=True)

    def apply_palette(self, palette: Palette) -> None:
        for name in theme.NOTE_COLORS:
            self.text.tag_configure(theme.color_tag(name),
                                    background=theme.note_background(palette, name))

    def show(self, placed: list[PlacedNote]) -> None:
        for name in theme.NOTE_COLORS:
            tag = theme.color_tag(name)
            self.text.tag_remove(tag, "1.0", "end")
            spans = [p.span for p in placed if p.span and theme.color_name(p.note.color) == name]
            if spans:
                self.text.tag_add(tag, *(self.reader.index(o) for span in spans for o in span))
