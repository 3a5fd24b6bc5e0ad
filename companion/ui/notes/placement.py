"""Where each saved note sits in the article on screen. No Tk here.

A note whose passage cannot be found with confidence is detached: listed with its quote and
comment, never guessed into a wrong place and never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from companion.core.anchoring import anchor_for, locate
from companion.core.document import Document
from companion.store.notes import Note
from companion.ui.look.theme import color_name


@dataclass(frozen=True)
class PlacedNote:
    note: Note
    span: tuple[int, int] | None  # offsets into the article shown, None when detached

    @property
    def id(self) -> int:
        assert self.note.id is not None, "only saved notes are placed"
        return self.note.id

    @property
    def detached(self) -> bool:
        return self.span is None


def place_notes(notes: list[Note], text: str) -> list[PlacedNote]:
    """The notes in reading order, detached ones last."""
    placed = []
    for note in notes:
        span = locate(note.anchor, text)
        placed.append(PlacedNote(replace(note, detached=span is None), span))
    return sorted(placed, key=lambda p: (p.detached, p.span or (0, 0), p.note.id or 0))


def reanchored(placed: PlacedNote, document: Document) -> Note:
    """The note with its anchor moved to where it was found in this document (for saving an edit)."""
    if placed.span is None:
        return placed.note
    start, end = placed.span
    return replace(placed.note, anchor=anchor_for(document.text, start, end),
                   fingerprint=document.fingerprint, path=document.path or placed.note.path,
                   title=document.title)


def article_changed(placed: Iterable[PlacedNote], fingerprint: str) -> str | None:
    """One line for the reader when notes were found through the file's path but written on
    another version of its text (None when every note was written on this one)."""
    stale = [p for p in placed if p.note.fingerprint != fingerprint]
    if not stale:
        return None
    detached = sum(p.detached for p in stale)
    return (f"This article changed since your notes were written: {len(stale) - detached} placed, "
            f"{detached} detached.")


def parse_tags(text: str) -> tuple[str, ...]:
    """"Trade, #polls, trade" → ("Trade", "polls"): comma-separated, trimmed, a leading "#"
    dropped, each tag once (the first spelling wins)."""
    tags: dict[str, str] = {}
    for part in text.split(","):
        tag = " ".join(part.split()).lstrip("#").strip()
        if tag:
            tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def tags_in(notes: Iterable[Note]) -> list[str]:
    """Every tag of these notes once (any case), sorted, for a filter list."""
    tags: dict[str, str] = {}
    for note in notes:
        for tag in note.tags:
            tags.setdefault(tag.casefold(), tag)
    return sorted(tags.values(), key=str.casefold)


def note_matches(note: Note, query: str = "", *, tag: str | None = None, color: str | None = None,
                 also: Iterable[str] = ()) -> bool:
    """Whether each word of `query` is in the note's comment, quote or tags (or in `also`, e.g.
    the article's title), in any case; and the note has `tag` and `color` when they are given."""
    if tag and tag.casefold() not in {t.casefold() for t in note.tags}:
        return False
    if color and color_name(note.color) != color:
        return False
    words = query.casefold().split()
    if not words:
        return True
    haystack = " ".join([note.comment, note.anchor.quote, *note.tags, *also]).casefold()
    haystack = " ".join(haystack.split())  # a quote across lines matches as one line
    return all(word in haystack for word in words)


def snippet(text: str, limit: int = 60) -> str:
    """One line of at most `limit` characters, for a list row."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"
