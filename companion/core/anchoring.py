"""Anchors: where a note sits in an article, stored so it can be found again after edits.

An anchor keeps the quoted passage, ~32 characters of context on each side and the offsets.
Finding it again, in this order:

1. the quote at its old offsets with its context intact (the text did not change there);
2. the quote found again (whitespace and line endings ignored): the old place if its context
   still agrees, else the one place whose context agrees clearly better than any other;
3. no exact quote anywhere: an approximate match (the quote lightly edited) with a high
   similarity, context that agrees, and no rival of similar score.

A note that cannot be placed with confidence is detached (None): a wrong placement is worse.
Whitespace is compared through a squeezed view of the text (every run of whitespace becomes one
space) with a map back to the real offsets, so CRLF, doubled spaces and re-wrapped lines do not
move or detach a note.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

CONTEXT_CHARS = 32

# How much evidence a placement needs. Context is scored in characters: how much of the stored
# prefix and suffix still touches the passage, read outwards from it. News repeats itself ("the
# two countries needed a new arrangement on …"), so a short quote with half its context is not
# enough: the quote and its agreeing context together must be long.
CONTEXT_AGREES = 0.5          # at least half the stored context still around the passage ...
EVIDENCE_CHARS = 64           # ... and this many characters agree in all (quote + context)
SELF_EVIDENT_QUOTE = 100      # a passage this long, found once word for word, needs no context
OLD_PLACE_QUOTE = 8           # at its old offset, a unique quote this long needs no context
CLEAR_MARGIN = 6              # context characters by which the best place must beat the next
FUZZY_MIN_QUOTE = 12          # shorter quotes are only placed when found exactly
FUZZY_MAX_QUOTE = 2_000       # longer quotes are compared by pieces only, never as a whole
FUZZY_SIMILARITY = 0.85       # similarity an edited quote needs (with context that agrees)
FUZZY_RIVAL_GAP = 0.06        # a second place this close in similarity makes it ambiguous
FUZZY_EDGE_BLOCK = 8          # an end of the alignment is trusted on a run this long, or context


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
    if not quote.strip():
        return None
    if (text[anchor.start:anchor.end] == quote
            and text[max(0, anchor.start - len(anchor.prefix)):anchor.start] == anchor.prefix
            and text[anchor.end:anchor.end + len(anchor.suffix)] == anchor.suffix):
        return anchor.start, anchor.end  # nothing changed here: the common case, and cheap
    target = _Target.of(anchor)
    view, index = _squeezed(text)
    exact = _all_occurrences(view, target.quote)
    if exact:
        found = _best_exact(target, view, index, exact)
    elif FUZZY_MIN_QUOTE <= len(target.quote) <= FUZZY_MAX_QUOTE:
        found = _best_approximate(target, view)
    else:
        found = None
    if found is None:
        return None
    start, end = found
    return index[start], index[end - 1] + 1


# -- the anchor and the text, whitespace squeezed -----------------------------------------------
@dataclass(frozen=True)
class _Target:
    quote: str   # squeezed, no whitespace at either end
    prefix: str  # squeezed, including any whitespace the reader selected before the quote
    suffix: str
    start: int   # old offset of the quote's first non-space character

    @classmethod
    def of(cls, anchor: Anchor) -> _Target:
        lead = len(anchor.quote) - len(anchor.quote.lstrip())
        trail = len(anchor.quote) - len(anchor.quote.rstrip())
        inner = anchor.quote[lead:len(anchor.quote) - trail]
        return cls(_squeeze(inner), _squeeze(anchor.prefix + anchor.quote[:lead]),
                   _squeeze(anchor.quote[len(anchor.quote) - trail:] + anchor.suffix),
                   anchor.start + lead)

    @property
    def context_chars(self) -> int:
        return len(self.prefix) + len(self.suffix)


_WHITESPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


@lru_cache(maxsize=4)  # place_notes() locates every note of one article in the same text
def _squeezed(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with each whitespace run as one space, and for each of its characters the offset
    in `text` it came from (one extra entry: len(text))."""
    parts: list[str] = []
    index: list[int] = []
    last = 0
    for match in _WHITESPACE.finditer(text):
        start, end = match.span()
        parts.append(text[last:start])
        index.extend(range(last, start))
        parts.append(" ")
        index.append(start)
        last = end
    parts.append(text[last:])
    index.extend(range(last, len(text)))
    index.append(len(text))
    return "".join(parts), tuple(index)


# -- the quote found exactly ---------------------------------------------------------------------
def _best_exact(target: _Target, view: str, index: tuple[int, ...],
                candidates: list[int]) -> tuple[int, int] | None:
    length = len(target.quote)
    unique = len(candidates) == 1
    scored = sorted(((_context_match(target, view, pos, pos + length), pos) for pos in candidates),
                    reverse=True)
    old = next(((m, p) for m, p in scored if index[p] == target.start), None)
    if old is not None:  # the old place is kept whenever its context still agrees
        matched, pos = old
        if _context_share(target, matched) >= CONTEXT_AGREES or (unique and length >= OLD_PLACE_QUOTE):
            return pos, pos + length
    best_matched, best = scored[0]
    if not (_convincing(target, length, best_matched) or (unique and length >= SELF_EVIDENT_QUOTE)):
        return None
    if len(scored) > 1 and scored[1][0] > best_matched - CLEAR_MARGIN:
        return None  # two places fit about equally well: detached, not guessed
    return best, best + length


def _context_share(target: _Target, matched: int) -> float:
    return matched / target.context_chars if target.context_chars else 1.0


def _convincing(target: _Target, quote_matched: int, context_matched: int) -> bool:
    """Half the context agrees, and quote and context together agree on enough characters."""
    needed = min(EVIDENCE_CHARS, 0.9 * (len(target.quote) + target.context_chars))
    return (_context_share(target, context_matched) >= CONTEXT_AGREES
            and quote_matched + context_matched >= needed)


def _context_match(target: _Target, view: str, start: int, end: int) -> int:
    """How many characters of the stored context still touch the passage view[start:end]."""
    before = view[max(0, start - len(target.prefix)):max(0, start)]
    after = view[max(0, end):max(0, end) + len(target.suffix)]
    return _common_suffix(before, target.prefix) + _common_prefix(after, target.suffix)


def _all_occurrences(text: str, quote: str) -> list[int]:
    found, pos = [], text.find(quote)
    while pos != -1:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


# -- the quote lightly edited --------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class _Alignment:
    similarity: float
    start: int            # the matched passage, in the squeezed view
    end: int
    matched: int          # characters of the quote found in it
    context: int          # characters of context that agree around where the quote would be


def _best_approximate(target: _Target, view: str) -> tuple[int, int] | None:
    """The one place where an edited version of the quote clearly is, or None."""
    found = [a for a in (_align(target, view, guess) for guess in _likely_starts(target.quote, view))
             if a is not None]
    if not found:
        return None
    found.sort(reverse=True)
    best = found[0]
    rivals = [a for a in found[1:] if a.end <= best.start or a.start >= best.end]  # elsewhere
    if rivals and rivals[0].similarity > best.similarity - FUZZY_RIVAL_GAP:
        return None
    if best.similarity >= FUZZY_SIMILARITY and _convincing(target, best.matched, best.context):
        return best.start, best.end
    return None


def _likely_starts(quote: str, view: str, limit: int = 6) -> list[int]:
    """Where the quote may start, voted for by the pieces of it still found word for word."""
    piece = max(5, min(24, len(quote) // 6))
    votes: dict[int, int] = {}
    for offset in range(0, len(quote) - piece + 1, piece):
        found = _all_occurrences(view, quote[offset:offset + piece])
        if len(found) > 50:
            continue  # a piece this common says nothing about where the quote is
        for pos in found:
            votes[pos - offset] = votes.get(pos - offset, 0) + 1
    if not votes:
        return []
    slack = max(4, len(quote) // 4)
    clusters: list[tuple[int, int]] = []  # (votes, most voted start) of starts near each other
    starts = sorted(votes)
    group = [starts[0]]
    for pos in starts[1:] + [None]:
        if pos is not None and pos - group[-1] <= slack:
            group.append(pos)
            continue
        clusters.append((sum(votes[p] for p in group), max(group, key=votes.__getitem__)))
        if pos is not None:
            group = [pos]
    needed = 2 if len(quote) >= 3 * piece else 1
    clusters = sorted((c for c in clusters if c[0] >= needed), reverse=True)
    return [start for _, start in clusters[:limit]]


def _align(target: _Target, view: str, guess: int) -> _Alignment | None:
    """The passage of `view` near `guess` that best matches the quote, trimmed to what is sure."""
    quote = target.quote
    slack = max(8, len(quote) // 4)
    lo = max(0, guess - slack)
    window = view[lo:guess + len(quote) + slack]
    blocks = [(b.a, lo + b.b, b.size)
              for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks()
              if b.size >= 3]
    # Where the quote would start and end if its first and last runs are where they seem to be.
    def context_before() -> int:
        a, b, _ = blocks[0]
        return _common_suffix(view[max(0, b - a - len(target.prefix)):max(0, b - a)], target.prefix)

    def context_after() -> int:
        a, b, size = blocks[-1]
        end = b + size + len(quote) - a - size
        return _common_prefix(view[end:end + len(target.suffix)], target.suffix)

    # An end of the alignment is trusted when its run is long or the context there agrees;
    # otherwise it may be a stray match of a few letters in the text around (dropped).
    while blocks and blocks[0][2] < FUZZY_EDGE_BLOCK and context_before() < FUZZY_EDGE_BLOCK:
        blocks.pop(0)
    while blocks and blocks[-1][2] < FUZZY_EDGE_BLOCK and context_after() < FUZZY_EDGE_BLOCK:
        blocks.pop()
    if not blocks:
        return None
    start, end = blocks[0][1], blocks[-1][1] + blocks[-1][2]
    # Where the quote's own first (last) characters were not found, begin (end) on a whole word
    # rather than on letters or punctuation that happened to match.
    if blocks[0][0] > 0:
        while start < end and not _word_starts_at(view, start):
            start += 1
    if blocks[-1][0] + blocks[-1][2] < len(quote):
        while end > start and not _word_ends_at(view, end):
            end -= 1
    while start < end and view[start] == " ":
        start += 1
    while end > start and view[end - 1] == " ":
        end -= 1
    if end <= start:
        return None
    matched = sum(max(0, min(end, b + size) - max(start, b)) for _, b, size in blocks)
    return _Alignment(2 * matched / (len(quote) + end - start), start, end, matched,
                      context_before() + context_after())


def _word_starts_at(text: str, pos: int) -> bool:
    return text[pos].isalnum() and (pos == 0 or not text[pos - 1].isalnum())


def _word_ends_at(text: str, pos: int) -> bool:
    return text[pos - 1].isalnum() and (pos == len(text) or not text[pos].isalnum())
