"""The reader's glossary file as it may be found (edited by hand, imported from someone else):
each entry checked; a bad one skipped with one line, the others used; analyses never fail."""

from __future__ import annotations

import json
import os
import threading

import pytest

from companion.core.glossary import UserEntry, build_glossary
from companion.errors import UserError
from companion.store.paths import data_dir
from companion.store.user_glossary import UserGlossary, user_entries

GOOD = {"term": "CUSMA", "definition": "A trade deal.", "aliases": ["USMCA"]}
BAD = [  # (entry, words of its line)
    ({"term": 5, "definition": "x"}, "term: 5 is not of type 'string'"),
    ({"term": "CBP", "aliases": "abc"}, "aliases: 'abc' is not of type 'array'"),
    ({"term": "CBP", "aliases": [1, 2]}, "is not of type 'string'"),
    ({"term": "CBP", "definition": ["x"]}, "definition"),
    ({"term": "   ", "definition": "x"}, "term"),
    ({"term": "CBP"}, "needs an expansion or a definition"),
    ({"definition": "no term"}, "'term' is a required property"),
    ({"term": "x" * 1000, "definition": "long"}, "term"),
    ("just text", "the record"),
    (None, "the record"),
]


def write(entries: list) -> None:
    (data_dir() / "glossary.json").write_text(json.dumps({"format": "companion-glossary", "version": 1,
                                                          "entries": entries}))


@pytest.mark.parametrize("entry, words", BAD, ids=[str(i) for i in range(len(BAD))])
def test_a_bad_entry_is_skipped_with_one_line_and_the_others_used(entry, words):
    write([GOOD, entry])
    glossary = UserGlossary()
    assert glossary.entries() == [UserEntry("CUSMA", definition="A trade deal.", aliases=("USMCA",))]
    (line,) = glossary.skipped
    assert line.startswith("Glossary entry 2 in ") and words in line and "\n" not in line
    glossary_of_text = build_glossary("The CUSMA and the CBP were discussed.", user=user_entries())
    assert any(g.term == "CUSMA" and g.source == "user" for g in glossary_of_text)


def test_aliases_given_as_text_never_become_letters():
    write([{"term": "CBP", "definition": "Border agency.", "aliases": "abc"}])
    assert UserGlossary().entries() == [] and user_entries() == []


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, '{"format": "companion-glossary", '
                                     '"entries": ' + "[" * 50 + "]" * 50 + "}", "\xff", "{"])
def test_a_hostile_file_gives_no_entries_for_an_analysis_and_one_line_for_an_import(tmp_path, content):
    (data_dir() / "glossary.json").write_text(content, encoding="utf-8", errors="surrogateescape")
    assert user_entries() == []
    other = tmp_path / "other.json"
    other.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(UserError) as error:
        UserGlossary(tmp_path / "mine.json").import_file(other)
    assert "\n" not in str(error.value)


def test_an_import_takes_the_good_entries_and_names_the_bad(tmp_path):
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps({"format": "companion-glossary", "entries": [GOOD, {"term": 5}]}))
    mine = UserGlossary()
    assert mine.import_file(source) == 1 and [e.term for e in mine.entries()] == ["CUSMA"]
    assert len(mine.skipped) == 0  # the reader's own file is clean now
    source.write_text(json.dumps({"format": "companion-glossary", "entries": [{"term": 5}]}))
    with pytest.raises(UserError) as error:
        mine.import_file(source)
    assert "no entry could be imported" in str(error.value)


def test_a_fifo_in_place_of_the_glossary_does_not_block_an_analysis():
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(data_dir() / "glossary.json")
    got: list = []
    worker = threading.Thread(target=lambda: got.append(user_entries()), daemon=True)
    worker.start()
    worker.join(20)
    assert got == [[]]
