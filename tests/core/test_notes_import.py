"""Importing notes from someone else's file: each note checked (schema and bounds), a bad one
skipped with one line naming it, the rest saved; ids out of range renumbered, never stored;
paths untrusted until located; progress and cancel for a worker; Markdown that cannot inject."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from companion.core.anchoring import anchor_for
from companion.store.export import NotesFileError, export_json, import_json, notes_to_markdown
from companion.store.notes import Note, NoteStore

TEXT = "Prime Minister Mark Carney will meet his U.S. counterpart Tuesday."


def good(i: int, **changes) -> dict:
    a = anchor_for(TEXT, 15, 26)
    item = {"id": i, "fingerprint": f"fp{i}", "path": f"/news/{i}.txt", "title": "T",
            "comment": f"note {i}", "color": "yellow", "tags": [], "created": "", "updated": "",
            "anchor": {"start": a.start, "end": a.end, "quote": a.quote, "prefix": a.prefix,
                       "suffix": a.suffix, "squeezed_start": a.squeezed_start, "text_length": a.text_length}}
    for key, value in changes.items():
        if key.startswith("anchor_"):
            item["anchor"][key[7:]] = value
        else:
            item[key] = value
    return item


def write(tmp_path: Path, notes: list) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "companion-notes", "version": 1, "notes": notes}))
    return path


BAD = [  # (what, the note's changes, words of the line naming it)
    ("negative start", {"anchor_start": -5}, "anchor.start: -5 is less than the minimum of 0"),
    ("negative end", {"anchor_end": -1}, "anchor.end"),
    ("end before start", {"anchor_start": 20, "anchor_end": 10}, "is not a passage"),
    ("span longer than quote", {"anchor_end": 40}, "not as long as its quote"),
    ("past the text", {"anchor_text_length": 20}, "ends after the article"),
    ("offset beyond 2^31", {"anchor_start": 2**40}, "anchor.start"),
    ("offset is a bool", {"anchor_start": True}, "not a whole number"),
    ("offset is text", {"anchor_start": "15"}, "anchor.start"),
    ("empty quote", {"anchor_quote": ""}, "anchor.quote"),
    ("comment not text", {"comment": 5}, "comment: 5 is not of type 'string'"),
    ("tags not a list", {"tags": "abc"}, "tags"),
    ("huge fingerprint", {"fingerprint": "x" * 10_000}, "fingerprint"),
    ("no anchor", {"anchor": None}, "anchor"),
]


@pytest.mark.parametrize("what, changes, words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_note_is_skipped_with_one_line_and_the_rest_imported(tmp_path, what, changes, words):
    path = write(tmp_path, [good(1), good(2, **changes), good(3)])
    store = NoteStore()
    result = import_json(path, store)
    assert result.added == 2 and store.count() == 2 and {n.id for n in store.all_notes()} == {1, 3}
    (line,) = result.skipped
    assert line.startswith(f"Note 2 in {path} was skipped: ") and words in line
    assert "\n" not in result.message and "1 damaged was skipped" in result.message
    store.close()
    again = NoteStore()  # the app starts, and every note placed and read without a crash
    assert again.problems == [] and len(again.all_notes()) == 2


@pytest.mark.parametrize("note_id", [2**63 - 1, 2**63, 2**64 + 7, -3, 0, 2**53])
def test_an_id_out_of_range_gets_a_new_number_and_later_saves_work(tmp_path, note_id):
    store = NoteStore()
    result = import_json(write(tmp_path, [good(note_id)]), store)
    assert (result.added, result.renumbered) == (0, 1)
    (saved,) = store.all_notes()
    assert saved.id == 1 and saved.comment == f"note {note_id}"
    assert store.add(Note("fp", anchor_for(TEXT, 0, 5))).id == 2  # no false "disk is full"


def test_a_fifo_in_place_of_the_import_file_is_refused_at_once(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "in.json"
    os.mkfifo(path)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(_import_error(path)), daemon=True)
    worker.start()
    worker.join(20)
    assert done and "is not a regular file" in done[0] and "\n" not in done[0]


def _import_error(path: Path) -> str:
    try:
        import_json(path, NoteStore())
    except NotesFileError as exc:
        return str(exc)
    return "imported"


def test_progress_is_reported_and_cancel_stops_between_notes(tmp_path):
    path = write(tmp_path, [good(i) for i in range(1, 21)])
    seen: list[tuple[int, int]] = []
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 5:
            stop.set()
    store = NoteStore()
    result = import_json(path, store, progress=progress, cancelled=stop.is_set)
    assert result.cancelled and result.added == 5 and store.count() == 5
    assert seen == [(i, 20) for i in range(1, 6)]
    assert "before the import was cancelled" in result.message
    rest = import_json(path, store, progress=lambda d, t: seen.append((d, t)))
    assert (rest.added, rest.unchanged) == (15, 5) and seen[-1] == (20, 20)


def test_an_imported_path_is_untrusted_until_located(tmp_path):
    store = NoteStore()
    import_json(write(tmp_path, [good(1, path="/etc/passwd", fingerprint="theirs")]), store)
    (note,) = store.all_notes()
    assert note.path == "/etc/passwd" and note.path_untrusted  # the window must not open it
    located = store.locate(note.id, "/home/me/article.txt")
    assert located.path == "/home/me/article.txt" and not located.path_untrusted
    assert store.get(note.id) == located and store.verify() == []
    assert [n.id for n in store.notes_for("changed", "/home/me/article.txt")] == [note.id]


def test_a_comment_cannot_forge_markdown_or_html():
    store = NoteStore()
    evil = "fine\n## Note 999\n<script>alert(1)</script>\n- [x](javascript:alert(1))\n    code"
    store.add(Note("fp", anchor_for(TEXT, 15, 26), comment=evil, title="# <b>T</b>",
                   path="/a`b.txt", tags=("<i>",), color="<u>"))
    text = notes_to_markdown(store.all_notes())
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Notes", "## \\# &lt;b&gt;T&lt;/b&gt;", "### Note 1"]
    assert "<" not in text.replace("&lt;", "") and "&lt;script&gt;" in text
    assert "\\- \\[x\\](javascript:alert(1))" in text and "\n    code" not in text
    assert "/a\\`b.txt" in text


def test_an_export_of_imported_notes_imports_again(tmp_path):
    store = NoteStore()
    import_json(write(tmp_path, [good(1)]), store)
    out = export_json(store.all_notes(), tmp_path / "out.json")
    again = import_json(out, store)
    assert again.unchanged == 1 and store.count() == 1


def test_a_row_with_negative_offsets_already_in_the_database_is_set_aside(tmp_path):
    import sqlite3
    store = NoteStore()
    store.add(Note("fp", anchor_for(TEXT, 15, 26), comment="fine"))
    bad = store.add(Note("fp", anchor_for(TEXT, 0, 5), comment="bad"))
    store.close()
    from companion.store.paths import notes_db_path
    conn = sqlite3.connect(notes_db_path())
    conn.execute('UPDATE notes SET start = -5, "end" = 0 WHERE id = ?', (bad.id,))  # an old import
    conn.commit()
    conn.close()
    again = NoteStore()
    assert [n.comment for n in again.notes_for("fp")] == ["fine"]
    assert [n.comment for n in again.all_notes()] == ["fine"] and again.get(bad.id) is None
    assert any(f"Note {bad.id} was set aside" in p for p in again.problems)


def test_a_note_numbered_at_the_end_of_the_range_already_saved_is_renumbered_at_start():
    import sqlite3
    from companion.store.paths import notes_db_path
    store = NoteStore()
    kept = store.add(Note("fp", anchor_for(TEXT, 15, 26), comment="old import"))
    store.close()
    conn = sqlite3.connect(notes_db_path())  # as an import before issue 16 could leave it
    conn.execute("UPDATE notes SET id = ? WHERE id = ?", (2**63 - 1, kept.id))
    conn.commit()
    conn.close()
    again = NoteStore()
    assert [n.comment for n in again.all_notes()] == ["old import"]
    assert again.all_notes()[0].id == 1
    assert again.problems == [f"Note {2**63 - 1} had a number out of range; it is note 1 now."]
    assert again.add(Note("fp", anchor_for(TEXT, 0, 5), comment="new")).id == 2  # no "disk full"
