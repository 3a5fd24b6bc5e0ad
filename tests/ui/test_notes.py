"""Notes driven through the window: select, Ctrl+N, type, Save; then edit, delete, reopen."""

from __future__ import annotations

import sqlite3

import pytest

from companion.core.anchoring import anchor_for
from companion.store.notes import Note, NoteStore
from companion.store.paths import notes_db_path

pytestmark = pytest.mark.ui

PASSAGE = "Carney triumphed in last week’s election"
COMMENT = "Check the turnout figures."


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    return app


def select(app, passage: str) -> tuple[str, str]:
    start = app.document.text.index(passage)
    first, last = app.reader.index(start), app.reader.index(start + len(passage))
    text = app.reader.text
    text.tag_remove("sel", "1.0", "end")
    text.tag_add("sel", first, last)
    text.focus_force()
    text.update()
    return first, last


def add_note_through_the_dialog(app, passage: str, comment: str, wait_until) -> tuple[str, str]:
    first, last = select(app, passage)
    app.reader.text.event_generate("<Control-n>")
    wait_until(app.root, lambda: app.notes.dialog is not None, what="the note dialog")
    dialog = app.notes.dialog
    assert passage in dialog.quote_label.cget("text")
    dialog.text.insert("1.0", comment)
    dialog.save_button.invoke()
    assert app.notes.dialog is None
    return first, last


def db_rows() -> list[sqlite3.Row]:
    connection = sqlite3.connect(notes_db_path())  # a second connection: what is really on disk
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute("SELECT * FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()


def test_ctrl_n_on_a_selection_saves_a_note(app, wait_until):
    first, last = add_note_through_the_dialog(app, PASSAGE, COMMENT, wait_until)
    text = app.reader.text
    assert "note" in text.tag_names(first)
    assert text.get(*text.tag_nextrange("note", "1.0")) == PASSAGE
    assert app.panel.notes.rows() == [(PASSAGE, COMMENT)]
    assert text.tag_ranges("sel") == ()  # the note's mark is what shows now
    [row] = db_rows()
    assert (row["quote"], row["comment"]) == (PASSAGE, COMMENT)
    assert row["fingerprint"] == app.document.fingerprint
    assert "1 note" in app.status.counts_label.cget("text")


def test_ctrl_n_without_a_selection_says_what_to_do(app):
    app.reader.text.tag_remove("sel", "1.0", "end")
    app.reader.text.focus_force()
    app.reader.text.event_generate("<Control-n>")
    assert app.notes.dialog is None
    assert "Select a passage" in app.status.message
    assert db_rows() == []


def test_cancel_saves_nothing(app, wait_until):
    select(app, PASSAGE)
    app.add_note_button.invoke()
    wait_until(app.root, lambda: app.notes.dialog is not None, what="the note dialog")
    app.notes.dialog.text.insert("1.0", "never mind")
    app.notes.dialog.cancel_button.invoke()
    assert app.notes.dialog is None
    assert db_rows() == [] and app.panel.notes.rows() == []


def test_notes_come_back_when_the_article_is_opened_again(make_app, seed, wait_until, analysed):
    first = make_app(seed)
    analysed(first)
    index, _ = add_note_through_the_dialog(first, PASSAGE, COMMENT, wait_until)
    first.destroy()

    second = make_app(seed)
    assert second.panel.notes.rows() == [(PASSAGE, COMMENT)]
    assert "note" in second.reader.text.tag_names(index)
    analysed(second)  # the analysis does not wipe the note marks
    assert "note" in second.reader.text.tag_names(index)


def test_edit_and_delete_from_the_notes_tab(app, wait_until):
    add_note_through_the_dialog(app, PASSAGE, COMMENT, wait_until)
    tab = app.panel.notes
    app.panel.show_tab("notes")
    [row] = tab.tree.get_children()
    tab.tree.selection_set(row)
    tab.update()
    assert tab.chosen_id == int(row)
    assert str(app.reader.text.index("insert")) == app.reader.index(app.document.text.index(PASSAGE))

    tab.edit_button.invoke()
    wait_until(app.root, lambda: app.notes.dialog is not None, what="the edit dialog")
    assert app.notes.dialog.comment == COMMENT
    app.notes.dialog.text.delete("1.0", "end")
    app.notes.dialog.text.insert("1.0", "Turnout was 69%.")
    app.notes.dialog.save_button.invoke()
    assert tab.rows() == [(PASSAGE, "Turnout was 69%.")]
    assert [r["comment"] for r in db_rows()] == ["Turnout was 69%."]

    tab.tree.selection_set(row)
    tab.update()
    tab.delete_button.invoke()
    assert tab.rows() == []
    assert app.reader.text.tag_ranges("note") == ()
    assert db_rows() == []
    assert "Ctrl+Z" in app.status.message

    app.root.event_generate("<Control-z>")
    assert tab.rows() == [(PASSAGE, "Turnout was 69%.")]
    assert len(db_rows()) == 1


def test_right_click_menu_adds_edits_and_deletes(app, wait_until):
    first, _ = select(app, PASSAGE)
    offset = app.document.text.index(PASSAGE)
    menu = app.notes.context_menu(offset)
    assert menu.entrycget(0, "label") == "Add note…" and menu.entrycget(0, "state") == "normal"
    menu.invoke(0)
    wait_until(app.root, lambda: app.notes.dialog is not None, what="the note dialog")
    app.notes.dialog.text.insert("1.0", COMMENT)
    app.notes.dialog.save_button.invoke()

    menu = app.notes.context_menu(offset + 3)
    labels = [menu.entrycget(i, "label") for i in range(menu.index("end") + 1)
              if menu.type(i) == "command"]
    assert labels[:3] == ["Add note…", "Edit note…", "Delete note"] and labels[-1] == "Copy"
    assert menu.entrycget(0, "state") == "disabled"  # no selection now
    menu.invoke(labels.index("Delete note"))
    assert db_rows() == [] and app.reader.text.tag_ranges("note") == ()


def test_a_note_whose_passage_is_gone_is_listed_as_detached(make_app, tmp_path, wait_until):
    article = tmp_path / "story.txt"
    article.write_text("The minister resigned on Friday.\nThe budget passed anyway.\n", encoding="utf-8")
    store = NoteStore()
    text = article.read_text(encoding="utf-8")
    start = text.index("resigned on Friday")
    store.add(Note(fingerprint="old", anchor=anchor_for(text, start, start + 18), comment="why?",
                   path=str(article), title="story"))
    store.close()
    article.write_text("The minister stayed.\nThe budget passed anyway.\n", encoding="utf-8")

    app = make_app(article)
    rows = app.panel.notes.rows()
    assert rows == [("(detached) resigned on Friday", "why?")]
    assert app.reader.text.tag_ranges("note") == ()
    assert len(db_rows()) == 1  # kept, never deleted

