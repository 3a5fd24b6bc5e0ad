"""Exports: Markdown to read, JSON that imports back losing nothing; written atomically, never
over an existing file unless asked."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from companion.core.anchoring import anchor_for
from companion.errors import UserError
from companion.store.export import (ExportExistsError, NotesFileError, export_json, export_markdown,
                                    import_json, notes_to_markdown)
from companion.store.notes import Note, NoteStore

TEXT = ("Prime Minister Mark Carney will meet his U.S. counterpart Tuesday.\n"
        "“I’m not pretending these discussions will be easy,” he said.\n")


def saved_notes(store: NoteStore) -> list[Note]:
    carney = anchor_for(TEXT, 15, 26)
    quote = anchor_for(TEXT, TEXT.index("“I’m"), TEXT.index(" he said"))
    store.add(Note("fp1", carney, comment="Who is he?\nSee **profile**.", path="/news/carney.txt",
                   title="Carney to meet Trump", tags=("people", "canada"), color="green"))
    store.add(Note("fp1", quote, comment="", path="/news/carney.txt", title="Carney to meet Trump"))
    store.add(Note("fp2", anchor_for("Tariffs rise again. Markets fall.", 0, 12), comment="Dates?",
                   path=None, title="", tags=()))
    store.add(Note("fp3", anchor_for("Line one\nline two\n\nline three", 5, 22),
                   comment="multi-line ✓ ünïcode", path="C:\\Users\\me\\a.txt", title="A | B # C"))
    return store.all_notes()


def test_json_round_trip_loses_nothing(tmp_path):
    source = NoteStore(tmp_path / "a.sqlite3")
    notes = saved_notes(source)
    source.delete(notes[1].id)  # ids with a gap
    notes = source.all_notes()
    out = export_json(notes, tmp_path / "notes.json")
    target = NoteStore(tmp_path / "b.sqlite3")
    result = import_json(out, target)
    assert (result.added, result.renumbered, result.unchanged) == (3, 0, 0)
    imported = target.all_notes()
    assert [n.path_untrusted for n in imported] == [n.path is not None for n in notes]
    assert [replace(n, path_untrusted=False) for n in imported] == notes  # ids, times, anchors, …
    assert [n.anchor for n in target.all_notes()] == [n.anchor for n in notes]
    again = import_json(out, target)  # importing twice adds nothing
    assert (again.added, again.unchanged) == (0, 3) and target.count() == 3
    assert "3 were there already" in again.message


def test_import_into_a_store_whose_ids_are_taken_renumbers(tmp_path):
    source = NoteStore(tmp_path / "a.sqlite3")
    notes = saved_notes(source)
    out = export_json(notes, tmp_path / "notes.json")
    other = NoteStore(tmp_path / "b.sqlite3")
    mine = other.add(Note("mine", anchor_for("my own text", 0, 6), comment="mine"))
    result = import_json(out, other)
    assert result.renumbered == 1 and result.added == 3
    assert other.count() == 5 and other.get(mine.id).comment == "mine"
    moved = [n for n in other.all_notes() if n.id not in {x.id for x in notes} and n.fingerprint != "mine"]
    assert [replace(n, id=None, path_untrusted=False) for n in moved] == \
        [replace(n, id=None) for n in notes if n.id == mine.id]


def test_markdown_says_what_where_and_why(tmp_path):
    store = NoteStore()
    text = notes_to_markdown(saved_notes(store))
    assert text.startswith("# Notes\n")
    assert "## Carney to meet Trump" in text and "File: /news/carney.txt" in text
    assert "> Mark Carney" in text and "*Where:* characters 15–26 of 129" in text
    assert "Who is he?\nSee \\*\\*profile\\*\\*." in text  # shown as typed, not as bold
    assert "*Tags:* people, canada" in text and "*Colour:* green" in text
    assert "> one\n> line two\n>\n> lin\n" in text  # a quote over paragraphs stays quoted
    assert "## Tariffs rise again. Markets fall." not in text and "## Untitled article" in text
    out = export_markdown(store.all_notes(), tmp_path / "notes.md")
    assert out.read_text(encoding="utf-8").split("\n", 3)[3] == text.split("\n", 3)[3]


@pytest.mark.parametrize("export", [export_json, export_markdown])
def test_an_existing_file_is_not_overwritten_unless_asked(tmp_path, export):
    store = NoteStore()
    notes = saved_notes(store)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.txt"
    target.write_text("precious")
    with pytest.raises(ExportExistsError) as error:
        export(notes, target)
    assert isinstance(error.value, UserError) and isinstance(error.value, FileExistsError)
    assert target.read_text() == "precious"
    export(notes, target, overwrite=True)
    assert "Carney" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    store = NoteStore()
    notes = saved_notes(store)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "notes.json"
    target.write_text("old export")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(UserError) as error:
        export_json(notes, target, overwrite=True)
    assert "No space left" in str(error.value)
    assert target.read_text() == "old export"
    assert sorted(p.name for p in target.parent.iterdir()) == ["notes.json"]


@pytest.mark.parametrize("content, words", [
    ("not json", "not JSON"),
    ('{"format": "something else", "notes": []}', "not a companion notes export"),
    ('{"format": "companion-notes", "version": 99, "notes": []}', "newer companion"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format": "companion-notes", "version": 1, "notes": ' + "[" * 40 + "]" * 40 + "}",
     "nested more than 32 levels"),
])
def test_importing_a_file_that_is_not_an_export_says_so(tmp_path, content, words):
    path = tmp_path / "in.json"
    path.write_text(content)
    store = NoteStore()
    with pytest.raises(NotesFileError) as error:
        import_json(path, store)
    assert words in str(error.value) and "\n" not in str(error.value)
    assert store.count() == 0


def test_the_json_is_plain_and_readable(tmp_path):
    store = NoteStore()
    out = export_json(saved_notes(store), tmp_path / "n.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "companion-notes" and data["version"] == 1
    (carney,) = [n for n in data["notes"] if n["anchor"]["quote"] == "Mark Carney"]
    assert carney["tags"] == ["people", "canada"] and carney["title"] == "Carney to meet Trump"
