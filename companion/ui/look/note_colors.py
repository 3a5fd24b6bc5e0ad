"""The colours a note can have, per palette. No Tk here, so the contrast is testable.

A note's colour is stored by name (`Note.color`); each name has its own Tk tag in the reader
("note-yellow"…) and a background per palette, chosen so that the reader's text on it keeps a
WCAG AA contrast (4.5:1). They are a shade stronger than the names' highlights, and a note is
also underlined, so a note on a name still reads as a note.
"""

from __future__ import annotations

from companion.ui.look.theme import Palette

DEFAULT_COLOR = "yellow"
NOTE_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")

_BACKGROUNDS: dict[str, dict[str, str]] = {
    "light": {"yellow": "#fff1a8", "green": "#c5eca0", "blue": "#a8c8ff", "pink": "#ffc8dd"},
    "dark": {"yellow": "#4b4018", "green": "#34481a", "blue": "#2a3d7a", "pink": "#5c2744"},
}


def color_name(name: str | None) -> str:
    """A known colour name: `name` itself, or the default for an unknown one (an imported
    note may carry a colour this version does not have; it is kept in the store as it is)."""
    return name if name in NOTE_COLORS else DEFAULT_COLOR


def color_tag(name: str | None) -> str:
    """The reader's Tk tag for notes of this colour: "note-yellow"."""
    return f"note-{color_name(name)}"


def note_background(palette: Palette, name: str | None) -> str:
    """The background of a note of colour `name` in `palette`."""
    return _BACKGROUNDS.get(palette.mode, _BACKGROUNDS["light"])[color_name(name)]


def row_background(palette: Palette, name: str | None) -> str:
    """A lighter tint of the note's colour for a list row: the row's selection must stand out."""
    return _mix(note_background(palette, name), palette.background, 0.45)


def _mix(colour: str, other: str, share: float) -> str:
    """`share` of `other` mixed into `colour` ("#rrggbb")."""
    a, b = colour.lstrip("#"), other.lstrip("#")
    channels = (round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share) for i in (0, 2, 4))
    return "#" + "".join(f"{c:02x}" for c in channels)


def label(name: str) -> str:
    """"Yellow", for menus and the dialog."""
    return color_name(name).capitalize()
