"""The notes store's honesty, wired into the window (issue 16): rows set aside at start, an
imported note's path located before it is opened, an import off the Tk thread with progress and
Cancel, and a save that fails said above the article, never "saved"."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from companion.core.anchoring import anchor_for
from companion.errors import StoreError
from companion.store.export import export_json, import_json
from companion.store.notes import Note, NoteStore
from companion.store.paths import notes_db_path
from companion.ui.notes import transfer as transfer_module
from companion.ui.notes.controller import PROBLEMS_NOTICE, SAVE_NOTICE
from companion.ui.notes.transfer import IMPORT_NOTICE
from test_notes_window import (OTHER, STORY, add, assert_one_line, db_rows, invoke, menu_of,
                               open_app, select, story)  # noqa: F401 (open_app, story: fixtures)

pytestmark = pytest.mark.ui


def export_from_elsewhere(tmp_path, notes: list[tuple[str, str, str, str]]):
    """A JSON export made on another computer: (text, passage, comment, path) per note."""
    elsewhere = NoteStore(tmp_path / "elsewhere.sqlite3")
    for text, passage, comment, path in notes:
        start = text.index(passage)
        elsewhere.add(Note(fingerprint="another", anchor=anchor_for(text, start, start + len(passage)),
                           comment=comment, path=path, title=text.split("\n", 1)[0]))
    target = export_json(elsewhere.all_notes(), tmp_path / "notes.json")
    elsewhere.close()
    return target


# -- 1. rows set aside at start ------------------------------------------------------------------
def test_a_note_changed_outside_companion_is_counted_above_the_article(open_app, story):
    app = open_app(story)
    add(app, "resigned on Friday", "Why Friday?")
    app.destroy()
    connection = sqlite3.connect(notes_db_path())  # bytes changed where the checksum sees it
    connection.execute("UPDATE notes SET comment = 'tampered'")
    connection.commit()
    connection.close()

    app = open_app(story)
    assert len(app.store.problems) == 1
    assert_one_line(app.notes.notices.messages[PROBLEMS_NOTICE], "1 note set aside", "see log")
    assert app.notes.notices.winfo_ismapped()


def test_a_sound_database_says_nothing_at_start(open_app, story):
    app = open_app(story)
    assert app.notes.notices.messages == {}


# -- 2. Locate… ----------------------------------------------------------------------------------
def test_an_imported_note_asks_for_its_file_and_never_opens_the_path_it_came_with(
        open_app, story, tmp_path, monkeypatch):
    theirs = tmp_path / "their" / "rail.txt"  # the path on the other computer: exists, never opened
    theirs.parent.mkdir()
    theirs.write_text(OTHER, encoding="utf-8")
    mine = tmp_path / "mine.txt"
    mine.write_text(OTHER, encoding="utf-8")
    exported = export_from_elsewhere(tmp_path, [(OTHER, "ending a strike", "Long!", str(theirs))])

    app = open_app(story)
    result = import_json(exported, app.store)
    assert result.added == 1
    note = app.store.all_notes()[0]
    assert note.path_untrusted
    opened = []
    real_open = app.notes.library._open_path
    monkeypatch.setattr(app.notes.library, "_open_path", lambda p: (opened.append(str(p)), real_open(p))[1])
    asked = []
    answer = {"path": ""}
    monkeypatch.setattr("companion.ui.notes.library.filedialog.askopenfilename",
                        lambda **o: (asked.append(o.get("title")), answer["path"])[1])

    invoke(menu_of(app, "Notes"), "All notes…")
    window = app.notes.library.window
    window.tree.selection_set(str(note.id))
    window.tree.update()
    window.open_button.invoke()  # the reader cancels the dialog: nothing opened
    assert len(asked) == 1 and "Locate" in asked[0]
    assert opened == [] and app.document.path == str(story)
    assert_one_line(window.message, "locate its file")

    answer["path"] = str(mine)
    window.open_button.invoke()
    app.root.update()
    assert len(asked) == 2
    assert opened == [str(mine)] and app.document.path == str(mine)
    row = db_rows()[0]
    assert row["path"] == str(mine) and not row["path_untrusted"]
    assert app.panel.notes.chosen_id == note.id


# -- 3. import off the Tk thread -----------------------------------------------------------------
def test_import_runs_in_a_worker_with_its_own_store_and_says_what_was_skipped(
        open_app, story, tmp_path, monkeypatch, wait_until):
    exported = export_from_elsewhere(tmp_path, [(STORY, "resigned on Friday", "Why?", str(story)),
                                                (STORY, "The budget passed", "How?", str(story))])
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["notes"].append({"id": "three"})  # a damaged note: skipped, the others saved
    exported.write_text(json.dumps(data), encoding="utf-8")
    app = open_app(story)
    seen = []
    real = transfer_module.import_json

    def watched(path, store, **hooks):
        seen.append((threading.current_thread() is threading.main_thread(), store is app.store))
        return real(path, store, **hooks)

    monkeypatch.setattr(transfer_module, "import_json", watched)
    monkeypatch.setattr("companion.ui.notes.transfer.filedialog.askopenfilename", lambda **o: str(exported))
    invoke(menu_of(app, "Notes"), "Import notes…")
    transfer = app.notes.library.transfer
    wait_until(app.root, lambda: not transfer.running, what="the import")
    assert seen == [(False, False)]  # a worker thread, its own NoteStore
    assert_one_line(app.status.message, "Imported 2 notes", "1 damaged was skipped")
    assert app.status.message == transfer.result.message
    assert sorted(r[1] for r in app.panel.notes.rows()) == ["How?", "Why?"]
    assert IMPORT_NOTICE not in app.notes.notices.messages


def test_cancel_above_the_article_stops_the_import(open_app, story, tmp_path, monkeypatch, wait_until):
    exported = export_from_elsewhere(tmp_path, [(STORY, "resigned on Friday", "Why?", str(story)),
                                                (STORY, "The budget passed", "How?", str(story))])
    app = open_app(story)
    go = threading.Event()
    real = transfer_module.import_json

    def held(path, store, **hooks):
        go.wait(20)  # until the test has pressed Cancel
        return real(path, store, **hooks)

    monkeypatch.setattr(transfer_module, "import_json", held)
    transfer = app.notes.library.transfer
    assert transfer.import_from(exported)
    assert "Importing notes" in app.notes.notices.messages[IMPORT_NOTICE]
    assert "Importing notes" in app.status.message
    app.root.update()
    cancel = app.notes.notices.dismiss_button(IMPORT_NOTICE)
    assert cancel.cget("text") == "Cancel"
    cancel.event_generate("<Button-1>")
    go.set()
    wait_until(app.root, lambda: not transfer.running, what="the import")
    assert transfer.result.cancelled
    # the import stops between two notes: the first is saved, whole, the second not
    assert app.status.message == "Imported 1 note before the import was cancelled."
    assert len(db_rows()) == 1 and [r[1] for r in app.panel.notes.rows()] == ["Why?"]


# -- 4. a save that fails ------------------------------------------------------------------------
def test_a_failed_save_is_said_above_the_article_never_saved(open_app, story, monkeypatch):
    app = open_app(story)

    def full(note):
        raise StoreError("The disk is full; free some space.")

    monkeypatch.setattr(app.store, "add", full)
    select(app, "resigned on Friday")
    assert app.notes.add_note(*span_of(app, "resigned on Friday"), "Why?") is None
    notice = app.notes.notices.messages[SAVE_NOTICE]
    assert_one_line(notice, "The disk is full", "not saved")
    assert "Note saved" not in app.status.message and "not saved" in app.status.message
    assert app.status.is_error and db_rows() == []

    monkeypatch.undo()
    add(app, "resigned on Friday", "Why?")  # a save that works takes the failure away
    assert SAVE_NOTICE not in app.notes.notices.messages
    assert app.status.message.startswith("Note saved.")


def span_of(app, passage: str) -> tuple[int, int]:
    start = app.document.text.index(passage)
    return start, start + len(passage)
