"""Anchors: where a note sits in an article, stored so it can be found again after edits.

An anchor keeps the quoted passage, ~32 characters of context on each side and the offsets.
Finding it again, in this order:

1. the quote at its old offsets with its context intact (the text did not change there);
2. the quote found again word for word: at its old place (offsets, or offsets with whitespace
   ignored) if its context still agrees, else the one place whose context agrees clearly better
   than anywhere else and well enough;
3. the quote itself edited: an approximate match between context that still agrees on both
   sides, with a high similarity and no close rival.

A note that cannot be placed with confidence is detached (None): a wrong placement is worse.
Text is compared through a squeezed view (each whitespace run is one space) with a map back to
the real offsets, so CRLF, doubled spaces and re-wrapped lines neither move nor detach a note.
Context is read in characters that agree, outwards from the quote; context beyond a paragraph
break counts for less, because paragraphs are inserted, deleted and moved whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

CONTEXT_CHARS = 32

# The evidence a placement needs. News repeats itself ("the two countries needed a new
# arrangement on …"), so a short quote with half its context is not enough: quote and agreeing
# context together must be long, and a quote of a word or two that moved needs all of its context.
CONTEXT_AGREES = 0.5          # share of the quote's own-paragraph context that must still agree
CONTEXT_MOSTLY = 0.75         # the same for a quote that moved and is shorter than LONG_QUOTE
EVIDENCE_CHARS = 64           # characters that must agree in all (quote + context) ...
EVIDENCE_MIN = 48             # ... or, when the context is cut short by a paragraph break, this many
SHORT_QUOTE = 16              # a shorter quote, moved, needs all the context of its paragraph
LONG_QUOTE = 32               # a longer one may count context across paragraph breaks
SELF_EVIDENT_QUOTE = 100      # a passage this long, found once word for word, needs no context
SIDE_AGREES = 4               # context characters a moved quote needs on each side
CLEAR_MARGIN = 6              # context characters by which the best place must beat the next
FAR_MOVE = 0.2                # a quote that moved by more than this share of the text ...
FAR_EVIDENCE = 80             # ... needs this many characters of quote and context that agree,
FAR_SIDE = 8                  # and this many on each side
TEXT_END_EVIDENCE = 16        # context characters that being still at the text's start (end) is worth
SPLIT_SIDE = 32               # a quote across paragraphs: each end paragraph's part + its context
FUZZY_MIN_QUOTE = 12          # shorter quotes are only placed when found word for word
FUZZY_MAX_QUOTE = 2_000       # longer edited quotes are detached rather than aligned (slow)
FUZZY_SIMILARITY = 0.85       # similarity an edited quote needs with convincing context ...
FUZZY_SIMILARITY_BRACKETED = 0.65  # ... or with its context agreeing on both sides
BRACKET_CHARS = 24            # context characters that must agree to call a quote bracketed
FUZZY_RIVAL_MARGIN = 12       # evidence (characters) by which the best place must beat the next
FUZZY_EDGE_BLOCK = 8          # a run of matching characters this long is not a stray match
FUZZY_ANCHOR = 16             # context characters that must agree at each end of an edited quote
CONTEXT_PIECE = 16            # context characters looked up to find a much edited quote


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    # Where the quote starts in the text with whitespace squeezed (see module doc), and the length
    # of the text it was made in; None for anchors made before these were stored. The first finds
    # the old place after whitespace-only edits; the second says how far a passage moved.
    squeezed_start: int | None = None
    text_length: int | None = None


def anchor_for(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end]. Raises ValueError for an empty or out-of-range selection."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}-{end} is outside the article (0-{len(text)})")
    quote = text[start:end]
    lead = len(quote) - len(quote.lstrip())
    return Anchor(start, end, quote, text[max(0, start - CONTEXT_CHARS):start],
                  text[end:end + CONTEXT_CHARS],
                  squeezed_start=len(_squeeze(text[:start + lead].lstrip())), text_length=len(text))


def locate(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Where the anchored passage is in `text` now, or None when it cannot be placed with confidence."""
    quote = anchor.quote
    if not quote.strip():
        return None
    if (0 <= anchor.start <= anchor.end and text[anchor.start:anchor.end] == quote
            and text[max(0, anchor.start - len(anchor.prefix)):anchor.start] == anchor.prefix
            and text[anchor.end:anchor.end + len(anchor.suffix)] == anchor.suffix):
        return anchor.start, anchor.end  # nothing changed here: the common case, and cheap
    target = _Target.of(anchor)
    view, index = _squeezed(text)
    exact = _all_occurrences(view, target.quote)
    found = _best_exact(target, view, index, exact) if exact else None
    if (found is None and FUZZY_MIN_QUOTE <= len(target.quote) <= FUZZY_MAX_QUOTE
            and target.head is None):  # an edited quote across paragraphs is not guessed at
        found = _best_approximate(target, view, index)  # the quote itself may have been edited
    if found is None:
        return None
    start, end = found
    return index[start], index[end - 1] + 1


# -- the anchor and the text, whitespace squeezed -----------------------------------------------
# The ends of the text, as context: a note at the very start still has the start before it.
TEXT_START, TEXT_END = "\x02", "\x03"
_WHITESPACE = re.compile(r"\s+")
_BREAK = re.compile(r"\s*[\r\n]\s*")  # a whitespace run with a line break: a paragraph break


@dataclass(frozen=True)
class _Target:
    quote: str       # squeezed, no whitespace at either end
    prefix: str      # squeezed, with any whitespace the reader selected before the quote
    suffix: str
    prefix_own: int  # characters of the prefix in the quote's own paragraph (with the break)
    suffix_own: int
    head: int | None  # for a quote across paragraphs: the length of its first and last parts
    tail: int | None
    start: int       # old offset of the quote's first non-space character
    squeezed_start: int | None
    where: float | None  # old place as a share of the text (0 start, 1 end)

    @classmethod
    def of(cls, anchor: Anchor) -> _Target:
        text = anchor.quote
        lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
        inner = text[lead:len(text) - trail]
        prefix, prefix_own = _context_before(anchor.prefix + text[:lead],
                                             at_text_start=len(anchor.prefix) < CONTEXT_CHARS)
        suffix, suffix_own = _context_after(text[len(text) - trail:] + anchor.suffix,
                                            at_text_end=len(anchor.suffix) < CONTEXT_CHARS)
        breaks = list(_BREAK.finditer(inner))
        head = len(_squeeze(inner[:breaks[0].start()])) if breaks else None
        tail = len(_squeeze(inner[breaks[-1].end():])) if breaks else None
        squeezed_start = None if anchor.squeezed_start is None else anchor.squeezed_start + 1
        where = anchor.start / anchor.text_length if anchor.text_length else None
        return cls(_squeeze(inner), prefix, suffix, prefix_own, suffix_own, head, tail,
                   anchor.start + lead, squeezed_start, where)  # +1: TEXT_START begins the view

    @property
    def own_context(self) -> int:
        return self.prefix_own + self.suffix_own


def _context_before(raw: str, *, at_text_start: bool) -> tuple[str, int]:
    """The squeezed prefix, and how much of it lies in the quote's paragraph (with the break
    before it; the start of the text is a break that a paragraph added before it takes away)."""
    squeezed = TEXT_START + _squeeze(raw.lstrip()) if at_text_start else _squeeze(raw)
    breaks = list(_BREAK.finditer(raw))
    if breaks and raw[:breaks[-1].start()].strip():
        return squeezed, len(_squeeze(raw[breaks[-1].start():]))
    return squeezed, len(squeezed) - at_text_start


def _context_after(raw: str, *, at_text_end: bool) -> tuple[str, int]:
    squeezed = _squeeze(raw.rstrip()) + TEXT_END if at_text_end else _squeeze(raw)
    breaks = list(_BREAK.finditer(raw))
    if breaks and raw[breaks[0].end():].strip():
        return squeezed, len(_squeeze(raw[:breaks[0].start()])) + 1
    return squeezed, len(squeezed) - at_text_end


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


class _Offsets:
    """For each position of the squeezed view, the offset in the text it stands for. Kept as the
    few places where the difference changes (after each whitespace run that was not one space),
    not one number per character: articles can be large."""

    def __init__(self, starts: list[int], shifts: list[int], length: int) -> None:
        self._starts, self._shifts, self.length = starts, shifts, length

    def __getitem__(self, pos: int) -> int:
        shift = self._shifts[bisect.bisect_right(self._starts, pos) - 1]
        return min(max(0, pos + shift), self.length)


_IRREGULAR_SPACE = re.compile(r" \s+|[^\S ]\s*")  # whitespace runs other than one plain space


@lru_cache(maxsize=2)  # place_notes() locates every note of one article in the same text
def _squeezed(text: str) -> tuple[str, _Offsets]:
    """The text with each whitespace run as one space (none at either end) between TEXT_START and
    TEXT_END, and where each of its characters is in `text`."""
    first = len(text) - len(text.lstrip())
    body = text.strip()
    starts, shifts, removed = [0], [first - 1], 0  # view position 1 is text[first]
    for match in _IRREGULAR_SPACE.finditer(body):
        start, end = match.span()
        space_at = 1 + start - removed
        removed += end - start - 1
        starts.append(space_at + 1)
        shifts.append(first - 1 + removed)
    view = TEXT_START + _IRREGULAR_SPACE.sub(" ", body) + TEXT_END
    return view, _Offsets(starts, shifts, len(text))


# -- the quote found word for word ---------------------------------------------------------------
def _best_exact(target: _Target, view: str, index: _Offsets,
                candidates: list[int]) -> tuple[int, int] | None:
    length = len(target.quote)
    unique = len(candidates) == 1
    scored = sorted(((_context_match(target, view, pos, pos + length), pos) for pos in candidates),
                    key=lambda c: (_own_matched(target, c[0]), sum(c[0]), -c[1]), reverse=True)
    best_matched, best = scored[0]
    for matched, pos in scored:
        if index[pos] == target.start or pos == target.squeezed_start:
            # The old place is kept while its context still agrees and no other fits clearly better
            # (an edit can bring a sibling sentence to the very offsets the quote had).
            if (_share(target, matched) >= (CONTEXT_AGREES if length >= SHORT_QUOTE else CONTEXT_MOSTLY)
                    and _both_ends_hold(target, matched)
                    and _own_matched(target, best_matched) < _own_matched(target, matched) + CLEAR_MARGIN
                    and (unique or not _reads_closer_elsewhere(target, view, pos, length, candidates))):
                return pos, pos + length
            break
    if not _both_ends_hold(target, best_matched):
        return None
    if not (unique and length >= SELF_EVIDENT_QUOTE):
        if not _convincing_move(target, length, best_matched):
            return None
        if _far(target, index[best], index.length) and not _far_enough(target, length, best_matched):
            return None  # moved far across the article: only with more evidence
    if len(scored) > 1:
        second = scored[1][0]
        if (_own_matched(target, second) > _own_matched(target, best_matched) - CLEAR_MARGIN
                and sum(second) > sum(best_matched) - CLEAR_MARGIN):
            return None  # two places fit about equally well: detached, not guessed
        closer = _closest_reading(target, view, [pos for _, pos in scored], length)
        if closer is None:
            return None  # the places read about as alike: detached, not guessed
        if closer != best:
            matched = _context_match(target, view, closer, closer + length)
            if not (_both_ends_hold(target, matched) and not _far(target, index[closer], index.length)):
                return None
            best = closer
        if _reads_closer_elsewhere(target, view, best, length, [pos for _, pos in scored], margin=-CLEAR_MARGIN):
            return None  # its own paragraph reads about as well elsewhere: a sibling sentence
    return best, best + length


def _closest_reading(target: _Target, view: str, places: list[int], length: int) -> int | None:
    """Of places where the quote is word for word (the best by unbroken context first), the one
    whose context, read with room for a word or two edited, agrees clearly best; None when two
    read about as well. Unbroken context stops at the first difference, so a word changed right
    beside the quote hides all the agreeing context behind it, and a sibling sentence ("Trump
    said …" beside "Carney said …") can win on a few characters: that alone is a guess."""
    readings = sorted(((_context_reading(target, view, pos, pos + length), -i, pos)
                       for i, pos in enumerate(places)), reverse=True)
    (first, _, pos), (second, _, _) = readings[0], readings[1]
    if pos == places[0]:
        return pos if first > second else None
    enough = (len(target.prefix) + len(target.suffix)) // 2
    return pos if first >= second + FUZZY_RIVAL_MARGIN and first >= enough else None


def _reads_closer_elsewhere(target: _Target, view: str, pos: int, length: int,
                            places: list[int], *, margin: int = CLEAR_MARGIN) -> bool:
    """Another place's context in the quote's paragraph, read with room for edits, agrees better
    than at `pos` by `margin` characters (a negative margin: almost as well)."""
    mine = _context_reading(target, view, pos, pos + length, own=True)
    return any(_context_reading(target, view, other, other + length, own=True) >= mine + margin
               for other in places if other != pos)


def _context_reading(target: _Target, view: str, start: int, end: int, *, own: bool = False) -> int:
    """Characters of the stored context (`own`: only of the quote's own paragraph) found around
    view[start:end] in runs of 3 or more, in order, with room for words edited there (not just
    the unbroken run next to the quote)."""
    room = CONTEXT_CHARS // 2
    prefix, suffix = target.prefix, target.suffix
    if own:  # beyond a paragraph break, paragraphs move whole (a duplicated one reads as well)
        prefix = prefix[len(prefix) - target.prefix_own:] if target.prefix_own else ""
        suffix = suffix[:target.suffix_own]
    before = view[max(0, start - len(prefix) - room):max(0, start)]
    after = view[max(0, end):max(0, end) + len(suffix) + room]
    total = 0
    for stored, found in ((prefix, before), (suffix, after)):
        if stored:
            blocks = SequenceMatcher(None, stored, found, autojunk=False).get_matching_blocks()
            total += sum(b.size for b in blocks if b.size >= 3)
    return total


def _far_enough(target: _Target, quote_matched: int, matched: tuple[int, int]) -> bool:
    """Evidence for a move across the article: much agreeing, and on both sides of the quote."""
    return quote_matched + sum(matched) >= FAR_EVIDENCE and min(matched) >= FAR_SIDE


def _far(target: _Target, offset: int, text_length: int) -> bool:
    """The passage at `offset` is far from where the quote was, as shares of the two texts."""
    if target.where is None:
        return False
    return abs(offset / max(1, text_length) - target.where) > FAR_MOVE


def _context_match(target: _Target, view: str, start: int, end: int) -> tuple[int, int]:
    """How many characters of the stored prefix and suffix still touch the passage view[start:end]."""
    before = view[max(0, start - len(target.prefix)):max(0, start)]
    after = view[max(0, end):max(0, end) + len(target.suffix)]
    return _common_suffix(before, target.prefix), _common_prefix(after, target.suffix)


def _own_matched(target: _Target, matched: tuple[int, int]) -> int:
    """Characters of context that agree within the quote's own paragraph."""
    return min(matched[0], target.prefix_own) + min(matched[1], target.suffix_own)


def _share(target: _Target, matched: tuple[int, int]) -> float:
    """The share of the context in the quote's own paragraph that still agrees; for a long quote,
    the share of all of the context if that is more."""
    share = _own_matched(target, matched) / target.own_context if target.own_context else 1.0
    if len(target.quote) >= LONG_QUOTE:
        share = max(share, sum(matched) / (len(target.prefix) + len(target.suffix)))
    return share


def _convincing(target: _Target, quote_matched: int, context_matched: tuple[int, int]) -> bool:
    """Half the context agrees, and quote and context together agree on enough characters."""
    needed = min(EVIDENCE_CHARS,
                 max(EVIDENCE_MIN, 0.9 * (len(target.quote) + target.own_context)))
    return (_share(target, context_matched) >= CONTEXT_AGREES
            and quote_matched + sum(context_matched) + _ends_of_text(target, context_matched) >= needed)


def _ends_of_text(target: _Target, matched: tuple[int, int]) -> int:
    """Evidence from the quote being still at the very start (end) of the text, as it was: one
    place only can be there, so it counts as much as a run of context characters."""
    at_start = target.prefix.startswith(TEXT_START) and matched[0] == len(target.prefix)
    at_end = target.suffix.endswith(TEXT_END) and matched[1] == len(target.suffix)
    return TEXT_END_EVIDENCE * (at_start + at_end)


def _convincing_move(target: _Target, quote_matched: int, matched: tuple[int, int]) -> bool:
    """Enough evidence that the passage moved to where its context `matched` as much."""
    length = len(target.quote)
    if not _convincing(target, quote_matched, matched):
        return False
    if length < LONG_QUOTE and _share(target, matched) < CONTEXT_MOSTLY:
        return False  # a phrase of a few words: most of its context must still agree
    if matched[0] < min(SIDE_AGREES, target.prefix_own) or matched[1] < min(SIDE_AGREES, target.suffix_own):
        return False  # context gone on one side: the quote may have been cut out there
    return length >= SHORT_QUOTE or _bracketed(target, matched)  # a word or two: all its context


def _bracketed(target: _Target, matched: tuple[int, int]) -> bool:
    """Both sides of the context agree up to the quote's paragraph breaks (or fully)."""
    return (matched[0] >= target.prefix_own and matched[1] >= target.suffix_own
            and sum(matched) >= min(BRACKET_CHARS, target.own_context))


def _both_ends_hold(target: _Target, matched: tuple[int, int]) -> bool:
    """A quote across paragraphs is only where both its end paragraphs are: a paragraph inserted
    inside it leaves text that reads the same but is half somewhere else."""
    if target.head is None or target.tail is None:
        return True
    return (target.head + matched[0] >= min(SPLIT_SIDE, target.head + len(target.prefix))
            and target.tail + matched[1] >= min(SPLIT_SIDE, target.tail + len(target.suffix)))


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


# -- the quote edited ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Alignment:
    similarity: float
    start: int                # the matched passage, in the squeezed view
    end: int
    matched: int              # characters of the quote found in it
    context: tuple[int, int]  # characters of prefix and suffix that agree around it

    @property
    def evidence(self) -> int:
        return self.matched + sum(self.context)


def _best_approximate(target: _Target, view: str, index: _Offsets) -> tuple[int, int] | None:
    """The one place where an edited version of the quote clearly is, or None."""
    found = [a for a in (_align(target, view, guess) for guess in _likely_starts(target, view))
             if a is not None]
    if not found:
        return None
    found.sort(key=lambda a: a.evidence, reverse=True)
    best = found[0]
    rivals = [a for a in found[1:] if a.end <= best.start or a.start >= best.end]  # elsewhere
    if rivals and rivals[0].evidence > best.evidence - FUZZY_RIVAL_MARGIN:
        return None
    mine = _context_reading(target, view, best.start, best.end, own=True)
    if any(_context_reading(target, view, r.start, r.end, own=True) >= mine - CLEAR_MARGIN for r in rivals):
        return None  # a rival reads about as well once edits beside the quote are allowed for
    if not _both_ends_hold(target, best.context):
        return None
    if _far(target, index[best.start], index.length) and not _far_enough(target, best.matched, best.context):
        return None
    if view[best.start:best.end] == target.quote:
        return None  # found word for word after all, and already judged so
    if ((best.similarity >= FUZZY_SIMILARITY and _convincing_move(target, best.matched, best.context)
         and _share(target, best.context) >= CONTEXT_MOSTLY)
            or (best.similarity >= FUZZY_SIMILARITY_BRACKETED and _bracketed(target, best.context))):
        return best.start, best.end
    return None


def _likely_starts(target: _Target, view: str, limit: int = 6) -> list[int]:
    """Where the quote may start: voted for by the pieces of it still found word for word, and
    by its context (which finds a quote edited beyond recognition by its pieces)."""
    quote = target.quote
    piece = max(5, min(24, len(quote) // 6))
    votes: dict[int, int] = {}

    def vote(text: str, shift: int, weight: int) -> None:
        found = _all_occurrences(view, text)
        if len(found) <= 50:  # a piece this common says nothing about where the quote is
            for pos in found:
                votes[pos + shift] = votes.get(pos + shift, 0) + weight

    for offset in range(0, len(quote) - piece + 1, piece):
        vote(quote[offset:offset + piece], -offset, 1)
    before, after = target.prefix[-CONTEXT_PIECE:], target.suffix[:CONTEXT_PIECE]
    if len(before) == CONTEXT_PIECE:
        vote(before, len(before), 2)
    if len(after) == CONTEXT_PIECE:
        vote(after, -len(quote), 2)
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
    """The passage of `view` near `guess` that best matches the quote, if its context agrees on
    both sides of it (which fixes where it starts and ends: an edit may have changed its ends)."""
    quote = target.quote
    slack = max(8, len(quote) // 4)
    lo = max(0, guess - slack)
    window = view[lo:guess + len(quote) + slack]
    blocks = [(b.a, lo + b.b, b.size)
              for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks()
              if b.size >= 3]

    # Where the quote would start (end) if the first (last) run found is where it seems to be.
    def start_if_first() -> int:
        return blocks[0][1] - blocks[0][0]

    def end_if_last() -> int:
        return blocks[-1][1] + len(quote) - blocks[-1][0]

    def context_before() -> int:
        pos = start_if_first()
        return _common_suffix(view[max(0, pos - len(target.prefix)):max(0, pos)], target.prefix)

    def context_after() -> int:
        pos = end_if_last()
        return _common_prefix(view[pos:pos + len(target.suffix)], target.suffix)

    pin_before = min(FUZZY_ANCHOR, len(target.prefix))
    pin_after = min(FUZZY_ANCHOR, len(target.suffix))
    # A short run at either end with no context agreeing there is likely a few letters that
    # happened to match in the text around: dropped.
    while blocks and blocks[0][2] < FUZZY_EDGE_BLOCK and context_before() < pin_before:
        blocks.pop(0)
    while blocks and blocks[-1][2] < FUZZY_EDGE_BLOCK and context_after() < pin_after:
        blocks.pop()
    if not blocks:
        return None
    before, after = context_before(), context_after()
    if before < pin_before or after < pin_after:
        return None  # an edited quote is only recognised between context that still agrees
    start, end = start_if_first(), end_if_last()
    while start < end and view[start] in (" ", TEXT_START):
        start += 1
    while end > start and view[end - 1] in (" ", TEXT_END):
        end -= 1
    if end <= start:
        return None
    matched = sum(max(0, min(end, b + size) - max(start, b)) for _, b, size in blocks)
    return _Alignment(2 * matched / (len(quote) + end - start), start, end, matched, (before, after))
