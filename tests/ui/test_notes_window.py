"""Notes that are never lost, in the window: search and filters, colours and tags, detached
notes re-attached, the "article changed" line, undo of a delete, All notes across articles,
export and import, and a damaged or unusable notes database at start."""

from __future__ import annotations

import json
import sqlite3

import pytest

from companion.core.analysis import Analysis
from companion.core.anchoring import anchor_for
from companion.store.export import export_json
from companion.store.notes import Note, NoteStore
from companion.store.paths import notes_db_path
from companion.ui.look import theme
from companion.ui.kit import notices
from companion.ui.notes.controller import ARTICLE_NOTICE, STORE_NOTICE
from companion.ui.look.theme import DARK, LIGHT, contrast_ratio
from drive import note_on_selection

pytestmark = pytest.mark.ui

STORY = ("Minister quits\n\n"
         "The minister resigned on Friday after a week of pressure over the budget figures.\n\n"
         "The budget passed anyway, with the votes of two independents from the north.\n\n"
         "Polls suggest the governing party has lost ground among younger voters since May.\n")
OTHER = ("Rail strike ends\n\n"
         "Train drivers voted to accept the offer on Tuesday, ending a strike of nine days.\n")


def quick(document, *, progress, cancelled, partial=None):
    """No names: these tests are about notes, and spaCy would only slow them down."""
    progress(1, 1)
    return Analysis(document, [], [], [], model="quick")


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.fixture
def other(tmp_path):
    path = tmp_path / "rail.txt"
    path.write_text(OTHER, encoding="utf-8")
    return path


@pytest.fixture
def open_app(make_app):
    return lambda path=None, **options: make_app(path, analyzer=quick, **options)


def select(app, passage: str) -> None:
    start = app.document.text.index(passage)
    text = app.reader.text
    text.tag_remove("sel", "1.0", "end")
    text.tag_add("sel", app.reader.index(start), app.reader.index(start + len(passage)))


def add(app, passage: str, comment: str, **options) -> Note:
    select(app, passage)
    note = note_on_selection(app, comment, **options)
    assert note is not None, app.status.message
    return note


def db_rows() -> list[sqlite3.Row]:
    connection = sqlite3.connect(notes_db_path())  # a second connection: what is really on disk
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute("SELECT * FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()


def menu_of(app, name: str):
    return app.root.nametowidget(app.menubar.entrycget(app.menubar.index(name), "menu"))


def invoke(menu, label: str) -> None:
    menu.invoke(menu.index(label))


def choose_row(tab_or_window, note_id: int) -> None:
    tree = tab_or_window.tree
    tree.selection_set(str(note_id))
    tree.update()


def tagged(app, tag: str) -> list[str]:
    text = app.reader.text
    ranges = text.tag_ranges(tag)
    return [text.get(a, b) for a, b in zip(ranges[::2], ranges[1::2])]


def assert_one_line(message: str, *words: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message, message
    for word in words:
        assert word in message, message


# -- search, filters, colours, tags ----------------------------------------------------------------
def test_search_and_the_tag_and_colour_filters_narrow_the_rows(open_app, story):
    app = open_app(story)
    add(app, "resigned on Friday", "Who pushed him?", tags=("people", "follow up"))
    add(app, "The budget passed anyway", "Check the vote count.", color="green", tags=("budget",))
    add(app, "lost ground among younger voters", "Which poll?", color="blue", tags=("polls", "Follow up"))
    tab = app.panel.notes
    assert len(tab.rows()) == 3
    assert tab.tags == ["budget", "follow up", "people", "polls"]  # "Follow up" is the same tag

    tab.search_entry.insert(0, "VOTE")  # typed: the comment "Check the vote count." and a quote's "voters"
    tab.update()
    assert [r[1] for r in tab.rows()] == ["Check the vote count.", "Which poll?"]
    assert tab.hint.cget("text") == "Showing 2 of 3 notes."
    tab.set_query("friday")  # a word of the quote only
    assert [r[1] for r in tab.rows()] == ["Who pushed him?"]
    tab.set_query("polls")  # a tag only
    assert [r[1] for r in tab.rows()] == ["Which poll?"]
    tab.set_query("")

    tab.set_filters(tag="follow up")  # any case
    assert [r[1] for r in tab.rows()] == ["Who pushed him?", "Which poll?"]
    tab.set_filters(tag="follow up", color="blue")
    assert [r[1] for r in tab.rows()] == ["Which poll?"]
    tab.set_filters(color="green")
    assert [r[1] for r in tab.rows()] == ["Check the vote count."]
    tab.color_filter.set("Pink")  # as the drop-down does it
    tab.color_filter.event_generate("<<ComboboxSelected>>")
    assert tab.rows() == [] and "No note matches" in tab.hint.cget("text")
    tab.set_filters()
    assert len(tab.rows()) == 3


def test_colour_and_tags_are_saved_shown_and_kept_by_an_edit(open_app, story, wait_until):
    app = open_app(story)
    select(app, "The budget passed anyway")
    dialog = app.notes.request_note()
    dialog.text.insert("1.0", "Two independents?")
    dialog.choose_color("green")
    dialog.set_tags("budget, #north, Budget")
    assert dialog.quote_label.cget("background") == theme.note_background(LIGHT, "green")
    dialog.save_button.invoke()

    [row] = db_rows()
    assert (row["color"], json.loads(row["tags"])) == ("green", ["budget", "north"])
    assert tagged(app, "note-green") == ["The budget passed anyway"]
    assert tagged(app, "note-yellow") == []
    tab = app.panel.notes
    tab.update()  # the new note is selected: its details show below the list
    [row_id] = tab.tree.get_children()
    assert tab.tree.item(row_id, "tags") == ("color-green",)
    assert tab.tags_shown(int(row_id)) == "budget, north"
    assert "Green · budget, north" in tab.detail.content

    tab.edit_button.invoke()
    dialog = app.notes.dialog
    assert (dialog.comment, dialog.color, dialog.tags) == ("Two independents?", "green", ("budget", "north"))
    dialog.text.insert("end", " From the north.")
    dialog.save_button.invoke()
    [row] = db_rows()
    assert row["comment"] == "Two independents? From the north."
    assert (row["color"], json.loads(row["tags"])) == ("green", ["budget", "north"])


def test_note_colours_keep_the_text_readable_in_both_palettes():
    for palette in (LIGHT, DARK):
        for name in theme.NOTE_COLORS:
            assert contrast_ratio(palette.text, theme.note_background(palette, name)) >= 4.5, name
            assert contrast_ratio(palette.text, theme.row_background(palette, name)) >= 4.5, name
        tint = notices.BACKGROUNDS[palette.mode]
        assert contrast_ratio(palette.text, tint) >= 4.5
        assert contrast_ratio(palette.error, tint) >= 4.5
    assert len({theme.color_tag(n) for n in theme.NOTE_COLORS}) == 4
    assert theme.color_tag("purple") == "note-yellow"  # an unknown colour shows, as yellow


def test_the_dark_theme_recolours_the_note_marks_and_rows(open_app, story):
    app = open_app(story)
    add(app, "resigned on Friday", "", color="pink")
    app.appearance.set_theme("dark")
    app.root.update()
    assert app.reader.text.tag_cget("note-pink", "background") == theme.note_background(DARK, "pink")
    assert str(app.panel.notes.tree.tag_configure("color-pink", "background")) == \
        theme.row_background(DARK, "pink")


# -- detached notes --------------------------------------------------------------------------------
def test_a_note_whose_passage_was_edited_away_is_detached_and_reattached_through_a_selection(
        open_app, story):
    first = open_app(story)
    kept = add(first, "The budget passed anyway", "fine")
    lost = add(first, "resigned on Friday", "Why Friday?", color="blue", tags=("people",))
    first.destroy()
    story.write_text(STORY.replace("resigned on Friday after", "stepped down at the weekend after"),
                     encoding="utf-8")

    app = open_app(story)
    tab = app.panel.notes
    assert tab.rows() == [("The budget passed anyway", "fine"), ("(detached) resigned on Friday", "Why Friday?")]
    assert tab.is_detached(lost.id) and not tab.is_detached(kept.id)
    assert tagged(app, "note") == ["The budget passed anyway"]
    assert len(db_rows()) == 2  # never deleted
    message = "This article changed since your notes were written: 1 placed, 1 detached."
    assert app.notes.notices.messages[ARTICLE_NOTICE] == message
    assert tab.hint.cget("text") == message

    choose_row(tab, lost.id)
    assert tab.reattach_button.winfo_manager()  # offered for the detached note only
    assert "Detached" in tab.detail.content and "Why Friday?" in tab.detail.content
    tab.reattach_button.invoke()  # nothing selected in the article yet: it says what to do
    assert "Select the passage" in app.status.message and tab.is_detached(lost.id)

    select(app, "stepped down at the weekend")
    tab.reattach_button.invoke()
    assert not tab.is_detached(lost.id)
    assert tagged(app, "note-blue") == ["stepped down at the weekend"]
    assert "re-attached" in app.status.message
    assert not tab.reattach_button.winfo_manager()
    assert app.notes.notices.messages[ARTICLE_NOTICE].endswith("1 placed, 0 detached.")
    row = next(r for r in db_rows() if r["id"] == lost.id)
    assert (row["quote"], row["comment"], row["color"]) == ("stepped down at the weekend", "Why Friday?", "blue")
    assert row["fingerprint"] == app.document.fingerprint
    app.destroy()

    again = open_app(story)  # it persisted: placed at the new passage
    assert ("stepped down at the weekend", "Why Friday?") in again.panel.notes.rows()
    assert tagged(again, "note-blue") == ["stepped down at the weekend"]


def test_the_right_click_menu_reattaches_a_detached_note_and_ctrl_z_detaches_it_again(open_app, story):
    app = open_app(story)
    lost = add(app, "resigned on Friday", "Why Friday?")
    story.write_text(STORY.replace("resigned on Friday", "quit on Saturday"), encoding="utf-8")
    app.open_path(story)
    assert app.panel.notes.is_detached(lost.id)
    select(app, "quit on Saturday")
    menu = app.notes.context_menu(app.document.text.index("quit on Saturday"))
    cascade = app.root.nametowidget(menu.entrycget(menu.index("Re-attach a detached note here"), "menu"))
    cascade.invoke(0)
    assert tagged(app, "note") == ["quit on Saturday"]
    app.reader.text.focus_force()
    app.root.update()
    app.root.event_generate("<Control-z>")
    assert app.panel.notes.is_detached(lost.id)
    assert db_rows()[0]["quote"] == "resigned on Friday"


def test_an_unchanged_article_says_nothing_about_changes(open_app, story):
    app = open_app(story)
    add(app, "resigned on Friday", "")
    app.open_path(story)
    assert ARTICLE_NOTICE not in app.notes.notices.messages
    assert not app.notes.notices.winfo_manager()


# -- delete and undo -------------------------------------------------------------------------------
def test_delete_then_ctrl_z_brings_the_same_note_back_with_its_id(open_app, story):
    app = open_app(story)
    note = add(app, "resigned on Friday", "Why?", color="pink", tags=("people",))
    later = add(app, "The budget passed anyway", "")  # a new note would get the next id
    before = db_rows()
    tab = app.panel.notes
    choose_row(tab, note.id)
    tab.delete_button.invoke()
    assert [r["id"] for r in db_rows()] == [later.id] and tab.shown_ids() == [later.id]
    app.reader.text.focus_force()
    app.root.update()
    app.root.event_generate("<Control-z>")
    assert [dict(r) for r in db_rows()] == [dict(r) for r in before]  # the same id, times, colour, tags
    assert tab.shown_ids() == [note.id, later.id]
    assert app.status.message == "Note restored."


# -- All notes -------------------------------------------------------------------------------------
def test_all_notes_lists_every_article_and_opens_the_other_one(open_app, story, other, tmp_path):
    app = open_app(other)
    rail = add(app, "ending a strike of nine days", "Longest since 2019?")
    app.open_path(story)
    add(app, "resigned on Friday", "Why Friday?")
    gone = tmp_path / "gone.txt"
    gone.write_text("A story that will be deleted, with a sentence to note.\n", encoding="utf-8")
    app.open_path(gone)
    lost = add(app, "a sentence to note", "orphan")
    app.open_path(story)
    gone.unlink()

    invoke(menu_of(app, "Notes"), "All notes…")
    window = app.notes.library.window
    assert window is not None
    articles = sorted(r[0] for r in window.rows())
    assert articles == ["Minister quits", "Rail strike ends", "gone"]
    assert {r[2] for r in window.rows()} == {"Longest since 2019?", "Why Friday?", "orphan"}
    window.set_query("rail")  # the article's title
    assert [r[2] for r in window.rows()] == ["Longest since 2019?"]
    window.set_query("")

    choose_row(window, rail.id)
    window.open_button.invoke()
    app.root.update()
    assert app.document.path == str(other)
    assert app.panel.notes.chosen_id == rail.id
    start = app.document.text.index("ending a strike")
    assert app.reader.text.index("insert") == app.reader.index(start)
    assert "Rail strike ends" in window.message

    choose_row(window, lost.id)
    window.open_button.invoke()
    assert_one_line(window.message, "no longer at", str(gone))
    assert app.document.path == str(other)  # the article shown stays

    add(app, "Train drivers voted", "new one")  # the window follows the store
    assert "new one" in {r[2] for r in window.rows()}
    window.close_button.invoke()
    assert app.notes.library.window is None


def test_the_notes_tab_button_opens_all_notes(open_app, story):
    app = open_app(story)
    app.panel.notes.all_notes_button.invoke()
    assert app.notes.library.window is not None
    assert app.notes.library.window.rows() == []


# -- export and import -----------------------------------------------------------------------------
def test_export_markdown_and_json_and_ask_before_replacing(open_app, story, other, tmp_path, monkeypatch):
    app = open_app(other)
    add(app, "ending a strike of nine days", "Longest since 2019?")
    app.open_path(story)
    add(app, "resigned on Friday", "Why Friday?", tags=("people",))
    target = {"path": str(tmp_path / "out.md")}
    monkeypatch.setattr("companion.ui.notes.transfer.filedialog.asksaveasfilename", lambda **o: target["path"])

    invoke(menu_of(app, "Notes"), "Export this article's notes…")
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "# Notes on Minister quits" in markdown and "> resigned on Friday" in markdown
    assert "Why Friday?" in markdown and "*Tags:* people" in markdown and "nine days" not in markdown
    assert app.status.message == f"Exported 1 note as Markdown to {tmp_path / 'out.md'}."

    target["path"] = str(tmp_path / "all.json")
    invoke(menu_of(app, "Notes"), "Export all notes…")
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert data["format"] == "companion-notes"
    assert {n["comment"] for n in data["notes"]} == {"Longest since 2019?", "Why Friday?"}

    asked = []
    monkeypatch.setattr("ttkbootstrap.dialogs.Messagebox.yesno",
                        lambda message, title, **o: (asked.append(message), "No")[1])
    (tmp_path / "all.json").write_text("keep me", encoding="utf-8")
    invoke(menu_of(app, "Notes"), "Export all notes…")
    assert asked == ["all.json already exists. Replace it?"]
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == "keep me"
    assert "cancelled" in app.status.message
    monkeypatch.setattr("ttkbootstrap.dialogs.Messagebox.yesno", lambda message, title, **o: "Yes")
    invoke(menu_of(app, "Notes"), "Export all notes…")
    assert len(json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["notes"]) == 2


def test_import_shows_the_count_and_the_notes(open_app, story, tmp_path, monkeypatch, wait_until):
    text = story.read_text(encoding="utf-8")
    elsewhere = NoteStore(tmp_path / "elsewhere.sqlite3")  # notes from another computer
    for passage, comment in [("resigned on Friday", "Why?"), ("The budget passed anyway", "How?")]:
        start = text.index(passage)
        elsewhere.add(Note(fingerprint="another", anchor=anchor_for(text, start, start + len(passage)),
                           comment=comment, path=str(story), title="Minister quits"))
    export_json(elsewhere.all_notes(), tmp_path / "notes.json")
    elsewhere.close()

    app = open_app(story)
    monkeypatch.setattr("companion.ui.notes.transfer.filedialog.askopenfilename",
                        lambda **o: str(tmp_path / "notes.json"))
    transfer = app.notes.library.transfer

    def import_and_wait():
        invoke(menu_of(app, "Notes"), "Import notes…")
        wait_until(app.root, lambda: not transfer.running, what="the import")  # it runs in a thread

    import_and_wait()
    assert app.status.message == "Imported 2 notes."
    assert [r[1] for r in app.panel.notes.rows()] == ["Why?", "How?"]
    import_and_wait()
    assert app.status.message == "Imported 0 notes; 2 were there already."
    assert len(db_rows()) == 2

    (tmp_path / "notes.json").write_text("{not json", encoding="utf-8")
    import_and_wait()
    assert_one_line(app.status.message, "notes.json", "not a companion notes export")
    assert app.status.is_error and len(db_rows()) == 2


# -- the notes database at start -------------------------------------------------------------------
def test_a_damaged_notes_database_is_restored_and_the_window_says_so(open_app, story):
    app = open_app(story)
    add(app, "resigned on Friday", "Why Friday?")  # the day's first save makes the backup
    app.destroy()
    notes_db_path().write_bytes(b"this is not a database" * 100)

    app = open_app(story)
    message = app.notes.notices.messages[STORE_NOTICE]
    assert message == app.store.recovery.message  # exactly the store's words: the counts, no "restored"
    assert_one_line(message, "damaged", "1 note recovered, 0 could not be")  # issue 16: the count
    assert app.notes.notices.winfo_ismapped()
    assert app.panel.notes.rows() == [("resigned on Friday", "Why Friday?")]  # from the backup
    app.notes.notices.dismiss_button(STORE_NOTICE).event_generate("<Button-1>")
    assert STORE_NOTICE not in app.notes.notices.messages and not app.notes.notices.winfo_manager()


def test_a_notes_database_that_cannot_be_opened_still_opens_the_article(open_app, story, caplog):
    notes_db_path().mkdir(parents=True)  # a folder where the database should be: a StoreError
    app = open_app(story)
    assert app.document is not None and app.document.path == str(story)
    message = app.notes.notices.messages[STORE_NOTICE]
    assert_one_line(message, "Notes are off for this session", "is a folder")
    select(app, "resigned on Friday")
    assert app.notes.request_note() is None  # no dialog to type into for nothing
    assert app.notes.dialog is None
    assert_one_line(app.status.message, "Notes are off")
    assert app.status.is_error
    assert "cannot be shown or saved" in app.panel.notes.hint.cget("text")
    invoke(menu_of(app, "Notes"), "All notes…")
    assert app.notes.library.window.rows() == []
    assert_one_line(app.notes.library.window.message, "Notes are off")
    invoke(menu_of(app, "Notes"), "Import notes…")  # says why before asking for a file
    assert_one_line(app.status.message, "Notes are off")
