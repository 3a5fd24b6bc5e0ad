"""Where each saved note sits in the article on screen. No Tk here.

A note whose passage cannot be found with confidence is detached: listed with its quote and
comment, never guessed into a wrong place and never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from companion.core.anchoring import anchor_for, locate
from companion.core.document import Document
from companion.store.notes import Note


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


def snippet(text: str, limit: int = 60) -> str:
    """One line of at most `limit` characters, for a list row."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"
