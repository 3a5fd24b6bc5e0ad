"""Anchors: where a note sits in an article, stored so it can be found again after edits.

An anchor keeps the quoted passage, some context on each side and the offsets. Finding it again:
exact position → the exact quote nearest the old position, scored by its context → nothing.
A note that cannot be placed with confidence is detached; a wrong placement is worse.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def anchor_for(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end]. Raises ValueError for an empty or out-of-range selection."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}-{end} is outside the article (0-{len(text)})")
    return Anchor(start, end, text[start:end], text[max(0, start - CONTEXT_CHARS):start],
                  text[end:end + CONTEXT_CHARS])


def locate(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Where the anchored passage is in `text` now, or None when it cannot be placed with confidence."""
    quote = anchor.quote
    if not quote:
        return None
    if text[anchor.start:anchor.end] == quote:
        return anchor.start, anchor.end
    candidates = _all_occurrences(text, quote)
    if not candidates:
        return None
    scored = sorted(((_context_score(anchor, text, pos), -abs(pos - anchor.start), pos)
                     for pos in candidates), reverse=True)
    best_score, _, best = scored[0]
    unique = len(candidates) == 1
    # A unique, long quote is its own evidence; a short or repeated one needs its context to agree.
    if (unique and len(quote) >= 12) or best_score >= 0.5:
        if len(scored) > 1 and scored[1][0] == best_score and best_score < 1.0:
            return None  # two places fit equally well: detached, not guessed
        return best, best + len(quote)
    return None


def _all_occurrences(text: str, quote: str) -> list[int]:
    found, pos = [], text.find(quote)
    while pos != -1:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def _context_score(anchor: Anchor, text: str, pos: int) -> float:
    """Share of the stored context (both sides) that still surrounds the quote at `pos`."""
    before = text[max(0, pos - len(anchor.prefix)):pos]
    after = text[pos + len(anchor.quote):pos + len(anchor.quote) + len(anchor.suffix)]
    total = len(anchor.prefix) + len(anchor.suffix)
    if total == 0:
        return 1.0
    return (_common_suffix(before, anchor.prefix) + _common_prefix(after, anchor.suffix)) / total


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
