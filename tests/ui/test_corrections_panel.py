"""Corrections to who is who, driven through the window: the People tab's menu, the reader's
right-click menu, the merge and split questions, Undo, the list of corrections; each one saved
at once and still applied when the article is opened again."""

from __future__ import annotations

import pytest

from companion.store.corrections import CorrectionStore

pytestmark = pytest.mark.ui


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    return app


def saved(app) -> list[str]:
    store = CorrectionStore()  # a second connection: what is really on disk
    try:
        return [c.describe() for _, c in store.for_article(app.document.fingerprint, app.document.path)]
    finally:
        store.close()


def tags_at(app, offset: int) -> tuple[str, ...]:
    return app.reader.text.tag_names(app.reader.index(offset))


def first_mention(app, name: str):
    return min(app.analysis.entity(name).mentions, key=lambda m: m.start)


def invoke(menu, label: str) -> None:
    labels = [menu.entrycget(i, "label") if menu.type(i) == "command" else None
              for i in range(menu.index("end") + 1)]
    assert label in labels, labels
    assert menu.entrycget(labels.index(label), "state") == "normal"
    menu.invoke(labels.index(label))


def panel_menu(app, name: str):
    tab = app.panel.people
    app.panel.show_tab("people")
    tab.tree.selection_set(tab.row_of(name))
    tab.update()
    return tab.fill_menu()


def right_click(app, offset: int, wait_until):
    """Right-click the character at `offset` in the reader; the menu that pops up."""
    text = app.reader.text
    index = app.reader.index(offset)
    text.see(index)
    wait_until(app.root, lambda: text.bbox(index) is not None, what="the name to be visible")
    x, y, _, height = text.bbox(index)
    x, y = x + 2, y + height // 2
    text.event_generate("<Button-3>", x=x, y=y, rootx=text.winfo_rootx() + x, rooty=text.winfo_rooty() + y)
    menu = app.notes.menu
    assert menu is not None and menu.winfo_ismapped()
    return menu


def close(menu) -> None:
    menu.unpost()
    menu.grab_release()


def test_relabel_from_the_people_tab_is_saved_and_applied_again_on_reopening(
        app, make_app, seed, analysed, settled):
    mention = first_mention(app, "Mark Carney")
    assert "ent-PERSON" in tags_at(app, mention.start)
    invoke(panel_menu(app, "Mark Carney"), "Relabel as organization")
    assert saved(app) == ["Mark Carney is an organization"]  # saved at once, before the redraw
    analysis = settled(app)
    assert analysis.entity("Mark Carney").label == "ORG"
    assert "ent-ORG" in tags_at(app, mention.start) and "ent-PERSON" not in tags_at(app, mention.start)
    tree = app.panel.people.tree
    assert app.panel.people.row_of("Mark Carney") in tree.get_children("ORG")
    assert tree.selection() == (app.panel.people.row_of("Mark Carney"),)  # still selected
    assert app.status.message.startswith("Saved: Mark Carney is an organization")
    assert app.panel.people.corrections_button.cget("text") == "Corrections (1)…"

    app.destroy()
    again = make_app(seed)
    analysed(again)
    assert again.analysis.entity("Mark Carney").label == "ORG"
    assert "ent-ORG" in tags_at(again, mention.start)


def test_relabel_from_the_reader_right_click_menu(app, make_app, seed, analysed, settled, wait_until):
    mention = first_mention(app, "Donald Trump")
    menu = right_click(app, mention.start + 1, wait_until)
    labels = [menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) == "command"]
    assert "Donald Trump · Person" in labels
    invoke(menu, "Relabel as organization")
    close(menu)
    settled(app)
    assert "ent-ORG" in tags_at(app, mention.start)
    assert app.reader.hover_text(mention.start).startswith("Organization · Donald Trump")
    assert saved(app) == ["Donald Trump is an organization"]

    app.destroy()
    again = make_app(seed)
    analysed(again)
    assert "ent-ORG" in tags_at(again, mention.start)
    assert "ent-PERSON" not in tags_at(again, mention.start)


def test_a_plain_word_has_no_correction_entries(app, wait_until):
    offset = app.document.text.index("triumphed")
    menu = right_click(app, offset, wait_until)
    labels = [menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) == "command"]
    close(menu)
    assert "Relabel as organization" not in labels and "Relabel as person" not in labels


def test_merge_asks_for_the_target_and_joins_the_mentions(app, settled):
    dawson = len(app.analysis.entity("Laura Dawson").mentions)
    carney = len(app.analysis.entity("Mark Carney").mentions)
    invoke(panel_menu(app, "Laura Dawson"), "Merge into…")
    dialog = app.corrections.dialog
    assert dialog is not None and "Mark Carney" in dialog.choices and "Laura Dawson" not in dialog.choices
    dialog.choose("Mark Carney")
    dialog.ok_button.invoke()
    assert app.corrections.dialog is None
    analysis = settled(app)
    assert analysis.entity("Laura Dawson") is None
    assert len(analysis.entity("Mark Carney").mentions) == carney + dawson
    offset = app.document.text.index("Laura Dawson")
    assert app.reader.mention_at(offset).entity == "Mark Carney"
    assert app.panel.people.row_of("Laura Dawson") is None
    assert saved(app) == ["Laura Dawson is Mark Carney"]


def test_split_asks_which_alias_and_makes_it_a_name_of_its_own(app, settled):
    entity = app.analysis.entity("Mark Carney")
    carneys = [m for m in entity.mentions if m.text == "Carney"]
    assert carneys and "Carney" in entity.aliases
    invoke(panel_menu(app, "Mark Carney"), "Split off an alias…")
    dialog = app.corrections.dialog
    assert dialog.choices == [a for a in entity.aliases if a != "Mark Carney"]
    dialog.choose("Carney")
    dialog.ok_button.invoke()
    analysis = settled(app)
    assert len(analysis.entity("Carney").mentions) == len(carneys)
    assert len(analysis.entity("Mark Carney").mentions) == len(entity.mentions) - len(carneys)
    assert app.reader.mention_at(carneys[0].start).entity == "Carney"
    assert app.panel.people.row_of("Carney") is not None
    assert saved(app) == ["“Carney” is not Mark Carney"]


def test_split_is_disabled_for_a_name_without_aliases(app):
    entity = next(e for e in app.analysis.entities if not [a for a in e.aliases if a != e.name])
    menu = panel_menu(app, entity.name)
    labels = [menu.entrycget(i, "label") if menu.type(i) == "command" else None
              for i in range(menu.index("end") + 1)]
    assert menu.entrycget(labels.index("Split off an alias…"), "state") == "disabled"


def test_hide_from_the_reader_removes_the_highlight_and_the_row(app, settled, wait_until):
    mention = first_mention(app, "Fox Business")
    menu = right_click(app, mention.start, wait_until)
    invoke(menu, "Hide: not a name")
    close(menu)
    analysis = settled(app)
    assert analysis.entity("Fox Business") is None
    assert not {"ent-ORG", "ent-PERSON"} & set(tags_at(app, mention.start))
    assert app.panel.people.row_of("Fox Business") is None
    assert saved(app) == ["Fox Business is hidden"]


def test_undo_removes_the_last_correction(app, settled):
    mention = first_mention(app, "Mark Carney")
    invoke(panel_menu(app, "Mark Carney"), "Relabel as organization")
    settled(app)
    invoke(panel_menu(app, "Fox Business"), "Hide: not a name")
    settled(app)
    assert saved(app) == ["Mark Carney is an organization", "Fox Business is hidden"]

    app.root.event_generate("<Control-z>")
    assert saved(app) == ["Mark Carney is an organization"]
    settled(app)
    assert app.analysis.entity("Fox Business") is not None
    assert app.status.message == "Undone: “Fox Business is hidden”."

    app.edit_menu.invoke(0)  # Edit ▸ Undo, the same as Ctrl+Z
    assert saved(app) == []
    settled(app)
    assert "ent-PERSON" in tags_at(app, mention.start)
    app.root.event_generate("<Control-z>")
    assert app.status.message == "Nothing to undo."


def test_the_corrections_list_shows_each_one_and_removes_it(app, settled):
    invoke(panel_menu(app, "Mark Carney"), "Relabel as organization")
    settled(app)
    invoke(panel_menu(app, "Fox Business"), "Hide: not a name")
    settled(app)
    tab = app.panel.people
    assert tab.corrections_button.cget("text") == "Corrections (2)…"
    tab.corrections_button.invoke()
    dialog = app.corrections.list_dialog
    assert dialog is not None
    assert dialog.rows() == ["Mark Carney is an organization", "Fox Business is hidden"]
    assert dialog.remove_button.instate(["disabled"])

    dialog.tree.selection_set(dialog.tree.get_children()[0])
    dialog.update()
    dialog.remove_button.invoke()
    assert saved(app) == ["Fox Business is hidden"]
    assert dialog.rows() == ["Fox Business is hidden"]
    analysis = settled(app)
    assert analysis.entity("Mark Carney").label == "PERSON"
    assert analysis.entity("Fox Business") is None
    assert tab.corrections_button.cget("text") == "Corrections (1)…"
    dialog.close_button.invoke()
    assert app.corrections.list_dialog is None


def test_right_click_on_a_row_of_the_people_tab_offers_the_corrections(app, settled, wait_until):
    tab = app.panel.people
    app.panel.show_tab("people")
    row = tab.row_of("Fox Business")
    tab.tree.see(row)
    wait_until(app.root, lambda: bool(tab.tree.bbox(row)), what="the row to be drawn")
    x, y, _, height = tab.tree.bbox(row, "#0")
    tab.tree.event_generate("<Button-3>", x=x + 20, y=y + height // 2,
                            rootx=tab.tree.winfo_rootx() + x + 20, rooty=tab.tree.winfo_rooty() + y + height // 2)
    assert tab.selected.name == "Fox Business"
    assert tab.menu.winfo_ismapped()
    invoke(tab.menu, "Relabel as person")
    close(tab.menu)
    assert settled(app).entity("Fox Business").label == "PERSON"
