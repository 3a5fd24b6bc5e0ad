import multiprocessing
import sqlite3
from dataclasses import replace

import pytest

from companion.core.anchoring import anchor_for
from companion.store.notes import Note, NoteStore
from companion.store.paths import data_dir, notes_db_path

TEXT = "Prime Minister Mark Carney will meet his U.S. counterpart Tuesday."


def make_note(comment="Worth a look", fingerprint="fp1", path="/a.txt"):
    return Note(fingerprint=fingerprint, anchor=anchor_for(TEXT, 15, 26), comment=comment, path=path, title="T")


def test_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere" and data_dir().is_dir()
    assert notes_db_path().parent == tmp_path / "elsewhere"


def test_a_saved_note_is_on_disk_for_a_second_connection():
    store = NoteStore()
    saved = store.add(make_note())
    assert saved.id is not None and saved.created
    # another connection, as another window would open it
    other = sqlite3.connect(notes_db_path())
    row = other.execute('SELECT quote, comment, start, "end" FROM notes').fetchone()
    assert row == ("Mark Carney", "Worth a look", 15, 26)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_notes_for_an_article_by_fingerprint_or_path_in_reading_order():
    store = NoteStore()
    late = store.add(Note(fingerprint="fp1", anchor=anchor_for(TEXT, 41, 45), comment="b", path="/a.txt"))
    early = store.add(make_note("a"))
    store.add(make_note("other article", fingerprint="fp2", path="/b.txt"))
    moved = store.add(make_note("same file, edited text", fingerprint="old", path="/a.txt"))
    assert [n.id for n in store.notes_for("fp1", "/a.txt")] == [early.id, moved.id, late.id]
    assert [n.comment for n in store.notes_for("fp2")] == ["other article"]


def test_edit_and_delete_persist_across_reopening():
    store = NoteStore()
    note = store.add(make_note())
    store.update(note.__class__(**{**note.__dict__, "comment": "Changed", "tags": ("trade",)}))
    store.close()
    again = NoteStore()
    (loaded,) = again.notes_for("fp1")
    assert loaded.comment == "Changed" and loaded.tags == ("trade",)
    again.delete(loaded.id)
    assert NoteStore().notes_for("fp1") == []


def test_migrations_are_recorded_once():
    NoteStore().close()
    store = NoteStore()
    assert store.schema_version() == ["0001_notes", "0002_corrections", "0003_anchor_position",
                                    "0004_note_checksum"]
    assert store.integrity_check() == "ok"


def _save_many(path, worker, count):
    store = NoteStore(path)
    for i in range(count):
        store.add(make_note(f"{worker}-{i}"))
    store.close()


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    NoteStore(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_save_many, args=(path, w, 2000)) for w in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    store = NoteStore(path)
    comments = [n.comment for n in store.all_notes()]
    assert len(comments) == 4000
    assert set(comments) == {f"{w}-{i}" for w in "ab" for i in range(2000)}
    assert store.integrity_check() == "ok" and store.recovery is None


def test_update_of_a_deleted_note_says_so():
    from companion.errors import StoreError
    store = NoteStore()
    note = store.add(make_note())
    store.delete(note.id)
    with pytest.raises(StoreError):
        store.update(note)


def _open_store(path):
    from companion.store.corrections import CorrectionStore
    try:
        CorrectionStore(path).close()
        NoteStore(path).close()
        return "ok"
    except Exception as exc:  # reported, so the assertion shows what went wrong
        return repr(exc)


def test_windows_opening_a_new_database_at_once_all_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for i in range(10):
        path = tmp_path / f"new{i}.sqlite3"
        with ctx.Pool(4) as pool:
            assert pool.map(_open_store, [path] * 4) == ["ok"] * 4


def test_a_deleted_note_is_restored_with_its_id_and_fields():
    store = NoteStore()
    kept = store.add(make_note("first"))
    note = store.add(replace(make_note("undo me"), tags=("a", "b"), color="green"))
    store.delete(note.id)
    assert store.get(note.id) is None
    assert store.restore(note) == note
    assert store.get(note.id) == note
    assert [n.id for n in store.notes_for("fp1")] == sorted([kept.id, note.id])
    assert store.restore(note) == note  # undo pressed twice: still one note
    assert store.count() == 2
    later = store.add(make_note("after"))
    assert later.id > note.id  # ids are never reused


def test_restoring_over_a_different_note_says_so():
    from companion.errors import StoreError
    store = NoteStore()
    note = store.add(make_note("one"))
    with pytest.raises(StoreError):
        store.restore(replace(note, comment="another"))
    assert store.get(note.id).comment == "one"


def test_anchor_positions_are_saved():
    store = NoteStore()
    note = store.add(make_note())
    assert note.anchor.squeezed_start == 15 and note.anchor.text_length == len(TEXT)
    assert store.get(note.id) == note


def test_an_old_database_is_migrated_and_its_notes_still_placed(tmp_path):
    from companion.core.anchoring import locate
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    from companion.store.db import MIGRATIONS
    old.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:2]:
        for statement in filter(str.strip, sql.split(";")):
            old.execute(statement)
        old.execute("INSERT INTO migrations VALUES (?, 'then')", (name,))
    old.execute('INSERT INTO notes (fingerprint, start, "end", quote, prefix, suffix, created, updated)'
                " VALUES ('fp', 15, 26, 'Mark Carney', 'Prime Minister ', ?, 'x', 'x')", (TEXT[26:58],))
    old.close()
    store = NoteStore(path)
    (note,) = store.all_notes()
    assert note.anchor.squeezed_start is None
    assert locate(note.anchor, "A new line.\n" + TEXT) == (27, 38)
