"""Offsets ↔ Tk indices, without a display (the pure helper the reader tags with)."""

from __future__ import annotations

import random

import pytest

from companion.ui.reading.indices import OffsetIndex, astral_offsets, line_col_indices


def reference_index(text: str, offset: int) -> str:
    """Tk 8.6's index of `offset`, the slow way: line number and UTF-16 column."""
    before = text[:offset]
    line = before.count("\n") + 1
    column_text = before[before.rfind("\n") + 1:]
    return f"{line}.{len(column_text.encode('utf-16-le')) // 2}"


SAMPLES = [
    "",
    "one line",
    "Prime Minister Mark Carney will meet\nTrump on Tuesday.\n\nCBC News reports.\n",
    "\n\n\nleading blank lines",
    "emoji 😀 before Mark Carney\nand 😀😀 twice — then text",
    "é, ü and ñ are one column each\nbut 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters are two",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_offset_matches_the_reference(text):
    offsets = list(range(len(text) + 1))
    assert line_col_indices(text, offsets) == [reference_index(text, o) for o in offsets]


@pytest.mark.parametrize("text", SAMPLES)
def test_offset_index_round_trips(text):
    index = OffsetIndex(text)
    for offset in range(len(text) + 1):
        tk_index = index.index(offset)
        assert tk_index == reference_index(text, offset)
        assert index.offset(tk_index) == offset


def test_random_sorted_offsets_with_repeats():
    rng = random.Random(7)
    text = "".join(rng.choice("ab \n😀é") for _ in range(2000))
    offsets = sorted(rng.randrange(len(text) + 1) for _ in range(500))
    assert line_col_indices(text, offsets) == [reference_index(text, o) for o in offsets]


def test_unsorted_or_out_of_range_offsets_are_refused():
    with pytest.raises(ValueError, match="sorted"):
        line_col_indices("abc\ndef", [5, 2])
    with pytest.raises(ValueError, match="past the end"):
        line_col_indices("abc", [4])


def test_offset_of_indices_outside_the_text_is_clamped():
    index = OffsetIndex("ab\ncd")
    assert index.offset("1.99") == 2      # past the end of line 1: its newline
    assert index.offset("9.0") == 5       # past the last line: the end
    assert index.offset("0.0") == 0


def test_ascii_text_has_no_astral_offsets():
    assert astral_offsets("plain ascii\n") == []
    assert astral_offsets("a😀b") == [1]
