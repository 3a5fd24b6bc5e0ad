"""Character offsets into an article ↔ Tk text indices ("line.col"). No Tk here.

Tk 8.6 counts columns in UTF-16 code units: a character outside the Basic Multilingual Plane
(an emoji, some CJK) takes two columns, so `col` is not simply `offset - line_start`.
Precomputing indices lets the reader tag thousands of spans in a few calls instead of asking
Tk to resolve "1.0+Nc" once per span.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Sequence

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def astral_offsets(text: str) -> list[int]:
    """Offsets of the characters that Tk counts as two columns (sorted; usually empty)."""
    if text.isascii():
        return []
    return [m.start() for m in _ASTRAL.finditer(text)]


def line_col_indices(text: str, offsets: Sequence[int], *,
                     astral: Sequence[int] | None = None) -> list[str]:
    """The Tk index of each offset, in one pass over `text`.

    `offsets` must be sorted ascending and lie in 0..len(text) (ValueError otherwise);
    `astral` is `astral_offsets(text)` when the caller already has it.
    """
    if astral is None:
        astral = astral_offsets(text)
    result: list[str] = []
    line, line_start, previous = 1, 0, 0
    for offset in offsets:
        if offset < previous:
            raise ValueError(f"offsets must be sorted: {offset} comes after {previous}")
        if offset > len(text):
            raise ValueError(f"offset {offset} is past the end of the text ({len(text)})")
        newlines = text.count("\n", previous, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", previous, offset) + 1
        column = offset - line_start
        if astral:
            column += bisect_left(astral, offset) - bisect_left(astral, line_start)
        result.append(f"{line}.{column}")
        previous = offset
    return result


class OffsetIndex:
    """Converts between offsets into one text and Tk indices; built once per article."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._astral = astral_offsets(text)

    def indices(self, offsets: Sequence[int]) -> list[str]:
        """Tk indices of sorted offsets (one pass)."""
        return line_col_indices(self.text, offsets, astral=self._astral)

    def index(self, offset: int) -> str:
        """The Tk index of one offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._line_starts, offset)
        start = self._line_starts[line - 1]
        column = offset - start
        if self._astral:
            column += bisect_left(self._astral, offset) - bisect_left(self._astral, start)
        return f"{line}.{column}"

    def offset(self, index: str) -> int:
        """The offset of a Tk index ("line.col", as returned by `Text.index`)."""
        line_text, _, column_text = index.partition(".")
        line, column = int(line_text), int(column_text)
        if line < 1:
            return 0
        if line > len(self._line_starts):
            return len(self.text)
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        offset = start + column
        # Each two-column character before the target shifts it back by one character.
        for position in self._astral[bisect_left(self._astral, start):]:
            if position >= offset:
                break
            offset -= 1
        return min(offset, end)
