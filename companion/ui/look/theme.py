"""Theme and colours of the window, in one place: the two palettes, the highlight styles, the
notes' colours, our ttk styles, and switching between light and dark at run time.

Two palettes, light and dark, each paired with a ttkbootstrap theme. Every colour a text is drawn
on (a highlight, a note, the find matches…) is chosen per palette so that the reader's text on it
keeps a WCAG AA contrast (4.5:1); `text_styles()` lists those pairs for the test.

ttkbootstrap repaints its own widgets when the theme changes, but it paints plain Tk widgets (the
reader's Text, the detail boxes, canvases) with the theme's input colours and knows nothing of
our tags. So after `theme_use`, every widget with an `apply_palette(palette)` method is called,
top-down; widgets made later read `current_palette(self)` when they are built. ttkbootstrap is
imported only by the functions that switch; the colours are testable without a display.
"""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

WINDOW_SIZE = (1280, 800)
MIN_SIZE = (820, 520)
READER_SHARE = 0.58  # of the window width; the side panel gets the rest (~530 px at 1280)

GLOSSARY_TAG = "glossary"


@dataclass(frozen=True)
class HighlightStyle:
    label: str        # spaCy's label
    tag: str          # the one Tk tag of this style
    name: str         # "Person", for the hover text
    plural: str       # "People", for the legend and the side panel (colours: Palette.highlight)


HIGHLIGHTS: dict[str, HighlightStyle] = {
    "PERSON": HighlightStyle("PERSON", "ent-PERSON", "Person", "People"),
    "ORG": HighlightStyle("ORG", "ent-ORG", "Organization", "Organizations"),
}


@dataclass(frozen=True)
class Palette:
    """The colours of one theme. `background`/`text` are the reader's page and ink."""

    mode: str                 # "light" | "dark" (Settings.theme)
    ttk_theme: str            # the ttkbootstrap 2.x theme it goes with
    text: str
    background: str
    muted: str                # secondary text: the article's path, hints, section rows
    error: str
    selection: str            # also the current find match
    note: str
    flash: str                # a revealed passage, for a second
    find: str                 # every match of the find bar
    find_current: str         # the match the find bar is on (also selected)
    glossary_underline: str   # glossary terms: a thin coloured underline, no background
    detail: str               # the side panel's detail boxes
    hover: str                # the hover tip
    hover_border: str
    highlights: Mapping[str, str] = field(default_factory=dict)  # label → background

    def highlight(self, label: str) -> str:
        return self.highlights[label]


LIGHT = Palette(
    mode="light", ttk_theme="bootstrap-light",
    text="#1f2328", background="#ffffff", muted="#5f6872", error="#b42318",
    selection="#a9c8f5", note="#fff1a8", flash="#ffc24d", find="#e4d5fb", find_current="#c9adf7",
    glossary_underline="#6f8fb0", detail="#f6f7f8", hover="#fbfbfa", hover_border="#c9ced4",
    highlights=MappingProxyType({"PERSON": "#d6e6fb", "ORG": "#d5efdd"}),
)
# Deep, desaturated tints on the theme's own charcoal: the page stays as quiet as the light one.
DARK = Palette(
    mode="dark", ttk_theme="bootstrap-dark",
    text="#dee2e6", background="#212529", muted="#9aa3ad", error="#ff8f85",
    selection="#35557f", note="#4b4018", flash="#7a5a10", find="#3d2f66", find_current="#5b4494",
    glossary_underline="#7b9cc4", detail="#2a2f35", hover="#2c3137", hover_border="#4a5058",
    highlights=MappingProxyType({"PERSON": "#223d5f", "ORG": "#1d4630"}),
)
PALETTES: dict[str, Palette] = {"light": LIGHT, "dark": DARK}

SOURCE_NAMES = {"article": "this article", "reference": "reference", "user": "mine"}


def palette(mode: str) -> Palette:
    """The palette of "light" or "dark"; anything else is light."""
    return PALETTES.get(mode, LIGHT)


def palette_of_ttk_theme(name: str) -> Palette:
    """The palette that goes with a ttkbootstrap theme name ("bootstrap-dark" → DARK)."""
    return next((p for p in PALETTES.values() if p.ttk_theme == name),
                DARK if name.endswith("-dark") else LIGHT)


def text_styles(p: Palette) -> dict[str, tuple[str, str]]:
    """Every style text is read on in the reader: name → (text colour, background colour)."""
    styles = {label: (p.text, p.highlight(label)) for label in HIGHLIGHTS}
    styles.update({
        "note": (p.text, p.note),
        "flash": (p.text, p.flash),
        "glossary": (p.text, p.background),   # its underline is checked apart (3:1, not text)
        "find": (p.text, p.find),
        "find-current": (p.text, p.find_current),
        "selection": (p.text, p.selection),
        "page": (p.text, p.background),
        "muted": (p.muted, p.background),
        "error": (p.error, p.background),
        "detail": (p.text, p.detail),
        "detail-muted": (p.muted, p.detail),
        "hover": (p.text, p.hover),
    })
    return styles


def _luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours (1.0 … 21.0)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# -- notes' colours ---------------------------------------------------------------------------
# A note's colour is stored by name (`Note.color`); each name has its own Tk tag in the reader
# ("note-yellow"…) and a background per palette that keeps the reader's text at AA contrast.
# They are a shade stronger than the names' highlights, and a note is also underlined.
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


def color_label(name: str) -> str:
    """"Yellow", for menus and the dialog."""
    return color_name(name).capitalize()


# -- switching at run time -----------------------------------------------------------------------
# ttk styles of our own, configured per theme (each ttkbootstrap theme has its own style table).
READER_FRAME = "Reader.TFrame"
READER_TITLE = "ReaderTitle.TLabel"
READER_META = "ReaderMeta.TLabel"
MUTED_LABEL = "Muted.TLabel"
ERROR_LABEL = "Error.TLabel"


def current_palette(widget: tk.Misc) -> Palette:
    """The palette of the ttk theme in use in `widget`'s interpreter."""
    return palette_of_ttk_theme(str(widget.tk.call("ttk::style", "theme", "use")))


def configure_styles(palette: Palette) -> None:
    """Our named ttk styles, for the theme in use."""
    import ttkbootstrap as ttk

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
        import ttkbootstrap as ttk

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
