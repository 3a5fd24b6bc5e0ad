"""Fonts, sizes, the reading column and line spacing (View ▸ …). No Tk here: plain numbers."""

from __future__ import annotations

from typing import Iterable

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
