"""Colours, fonts and labels of the window, in one place. No Tk here, so the contrast is testable.

Two palettes, light and dark, each paired with a ttkbootstrap theme. Every colour a text is drawn
on (a highlight, a note, the find matches…) is chosen per palette so that the reader's text on it
keeps a WCAG AA contrast (4.5:1); `text_styles()` lists those pairs for the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

WINDOW_SIZE = (1280, 800)
MIN_SIZE = (820, 520)
READER_SHARE = 0.58  # of the window width; the side panel gets the rest (~530 px at 1280)

GLOSSARY_TAG = "glossary"

# Serif faces that read well on screen, best first; the last is on nearly every Linux.
READER_FONTS = ("Charter", "Georgia", "Source Serif 4", "Source Serif Pro", "Noto Serif",
                "Literata", "P052", "DejaVu Serif")
# What View ▸ Font offers, when installed: the serifs above, then a few calm sans faces.
FONT_CHOICES = READER_FONTS + ("C059", "Inter", "Source Sans 3", "Noto Sans", "Open Sans",
                               "Nimbus Sans", "DejaVu Sans")
MAX_FONT_CHOICES = 8
READER_SIZE = 12
FONT_SIZES = (8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32)  # Ctrl+plus / Ctrl+minus steps
TITLE_EXTRA = 5  # the title is this many points larger than the text

# Reading column, in average characters (Settings.column_width); View ▸ Narrower / Wider.
COLUMN_WIDTH = 72
COLUMN_STEP = 8
COLUMN_RANGE = (40, 120)
MIN_MARGIN = 28  # pixels left and right of the text when the pane is narrower than the column

# View ▸ Line spacing: the line height as a multiple of the font size (Settings.line_spacing).
LINE_SPACINGS = {"compact": 1.25, "comfortable": 1.5, "airy": 1.8}
PARAGRAPH_GAP = 0.75  # the space after a paragraph, as a multiple of the font size


@dataclass(frozen=True)
class HighlightStyle:
    label: str        # spaCy's label
    tag: str          # the one Tk tag of this style
    name: str         # "Person", for the hover text
    plural: str       # "People", for the legend and the side panel
    background: str   # in the light palette; Palette.highlight(label) for the one in use


HIGHLIGHTS: dict[str, HighlightStyle] = {
    "PERSON": HighlightStyle("PERSON", "ent-PERSON", "Person", "People", "#d6e6fb"),
    "ORG": HighlightStyle("ORG", "ent-ORG", "Organization", "Organizations", "#d5efdd"),
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

# The light palette's colours under their older names (a widget made before any switch).
TEXT_FOREGROUND = LIGHT.text
TEXT_BACKGROUND = LIGHT.background
MUTED_FOREGROUND = LIGHT.muted
ERROR_FOREGROUND = LIGHT.error
NOTE_BACKGROUND = LIGHT.note
FLASH_BACKGROUND = LIGHT.flash
SELECT_BACKGROUND = LIGHT.selection
GLOSSARY_UNDERLINE = LIGHT.glossary_underline
DETAIL_BACKGROUND = LIGHT.detail

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


def pick_font(available: Iterable[str], preferred: Iterable[str] = READER_FONTS) -> str | None:
    """The first preferred family that is installed (case-insensitive), or None."""
    installed = {name.lower(): name for name in available}
    return next((installed[p.lower()] for p in preferred if p.lower() in installed), None)


def font_choices(available: Iterable[str], current: str = "") -> list[str]:
    """The families View ▸ Font offers: installed ones of FONT_CHOICES, and the current one."""
    installed = {name.lower(): name for name in available}
    chosen = [installed[f.lower()] for f in FONT_CHOICES if f.lower() in installed][:MAX_FONT_CHOICES]
    if current and current.lower() in installed and installed[current.lower()] not in chosen:
        chosen.append(installed[current.lower()])
    return chosen


def step_font_size(size: int, steps: int) -> int:
    """The next size up (steps > 0) or down in FONT_SIZES from `size`."""
    if steps > 0:
        return next((s for s in FONT_SIZES if s > size), FONT_SIZES[-1])
    if steps < 0:
        return next((s for s in reversed(FONT_SIZES) if s < size), FONT_SIZES[0])
    return size


def step_column(width: int, steps: int) -> int:
    low, high = COLUMN_RANGE
    return min(high, max(low, width + steps * COLUMN_STEP))


def spacing_name(factor: float) -> str:
    """The View ▸ Line spacing entry nearest to a saved factor."""
    return min(LINE_SPACINGS, key=lambda name: abs(LINE_SPACINGS[name] - factor))


def line_spacing(factor: float, size_px: int, linespace_px: int) -> tuple[int, int, int]:
    """Tk's (spacing1, spacing2, spacing3) in pixels for lines `factor` × the font size apart."""
    extra = max(0, round(factor * size_px) - linespace_px)
    above = extra // 2
    return above, extra, extra - above + round(PARAGRAPH_GAP * size_px)


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
