"""Where saved notes go in the article shown, without a display."""

from __future__ import annotations

from companion.core.anchoring import anchor_for
from companion.core.document import document_from_text
from companion.store.notes import Note
from companion.ui.notes.placement import place_notes, reanchored, snippet

TEXT = "Mark Carney met Donald Trump.\nThe talks were about tariffs and steel.\n"


def note(text: str, quote: str, note_id: int, comment: str = "") -> Note:
    start = text.index(quote)
    return Note(fingerprint="f", anchor=anchor_for(text, start, start + len(quote)),
                comment=comment, id=note_id)


def test_notes_are_in_reading_order_and_detached_ones_last():
    notes = [note(TEXT, "tariffs", 1), note(TEXT, "Mark Carney", 2),
             note("Something else entirely, not in this text.", "not in this text", 3)]
    placed = place_notes(notes, TEXT)
    assert [p.id for p in placed] == [2, 1, 3]
    assert placed[0].span == (0, 11)
    assert placed[2].detached and placed[2].note.detached and placed[2].span is None


def test_a_note_follows_its_passage_when_the_text_moves():
    old = note(TEXT, "tariffs and steel", 1)
    new_text = "Breaking: " + TEXT
    [placed] = place_notes([old], new_text)
    assert new_text[slice(*placed.span)] == "tariffs and steel"
    document = document_from_text(new_text, path="/tmp/a.txt")
    moved = reanchored(placed, document)
    assert moved.anchor.start == placed.span[0] and moved.fingerprint == document.fingerprint


def test_snippet_is_one_short_line():
    assert snippet("a\n  b   c") == "a b c"
    assert snippet("x" * 100, 10) == "x" * 9 + "…"
