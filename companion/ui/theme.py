"""Colours, fonts and labels of the window, in one place. No Tk here, so the contrast is testable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

THEME = "bootstrap-light"  # ttkbootstrap 2.x: calm, neutral; pre-2.0 names ("litera") warn
WINDOW_SIZE = (1280, 800)
MIN_SIZE = (820, 520)
READER_SHARE = 0.58  # of the window width; the side panel gets the rest (~530 px at 1280)

TEXT_FOREGROUND = "#1f2328"
TEXT_BACKGROUND = "#ffffff"
MUTED_FOREGROUND = "#5f6872"
NOTE_BACKGROUND = "#fff1a8"
FLASH_BACKGROUND = "#ffc24d"
SELECT_BACKGROUND = "#b9d3f5"
ERROR_FOREGROUND = "#b42318"
# Glossary terms are quieter than names: a thin coloured underline, no background, so an
# entity's colour still shows on a term that is both.
GLOSSARY_TAG = "glossary"
GLOSSARY_UNDERLINE = "#6f8fb0"
DETAIL_BACKGROUND = "#f6f7f8"

# Serif faces that read well on screen, best first; the last is on nearly every Linux.
READER_FONTS = ("Charter", "Georgia", "Source Serif 4", "Source Serif Pro", "Noto Serif",
                "Literata", "P052", "DejaVu Serif")
READER_SIZE = 12
TITLE_SIZE = 17


@dataclass(frozen=True)
class HighlightStyle:
    label: str        # spaCy's label
    tag: str          # the one Tk tag of this style
    name: str         # "Person", for the hover text
    plural: str       # "People", for the legend and the side panel
    background: str


HIGHLIGHTS: dict[str, HighlightStyle] = {
    "PERSON": HighlightStyle("PERSON", "ent-PERSON", "Person", "People", "#d6e6fb"),
    "ORG": HighlightStyle("ORG", "ent-ORG", "Organization", "Organizations", "#d5efdd"),
}

SOURCE_NAMES = {"article": "this article", "reference": "reference", "user": "mine"}


def pick_font(available: Iterable[str], preferred: Iterable[str] = READER_FONTS) -> str | None:
    """The first preferred family that is installed (case-insensitive), or None."""
    installed = {name.lower(): name for name in available}
    return next((installed[p.lower()] for p in preferred if p.lower() in installed), None)


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
