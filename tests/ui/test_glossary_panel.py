"""The glossary in the window: search, click to a mention, the underline and its hover, the
reader's own entries (dialog, edit, delete, undo), export and import through the File menu."""

from __future__ import annotations

import json

import pytest

from companion.core.glossary import UserEntry
from companion.store.user_glossary import UserGlossary

pytestmark = pytest.mark.ui

CUSMA_DEFINITION = "The free trade agreement between Canada, the United States and Mexico"


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    app.panel.show_tab("glossary")
    app.root.update()
    return app


def row_values(tab, term: str) -> tuple[str, ...]:
    return tab.cells.values(tab.row_of(term))


def click_row(tree, row) -> None:
    tree.see(row)
    tree.update()
    x, y, width, height = tree.bbox(row)
    tree.event_generate("<ButtonPress-1>", x=x + 10, y=y + height // 2)
    tree.event_generate("<ButtonRelease-1>", x=x + 10, y=y + height // 2)


def hover(app, offset: int, wait_until) -> str:
    text = app.reader.text
    index = app.reader.index(offset)
    text.see(index)
    wait_until(app.root, lambda: text.bbox(index) is not None, what="the term to be visible")
    x, y, _, height = text.bbox(index)
    text.event_generate("<Motion>", x=x + 2, y=y + height // 2)
    return app.reader.hover.text


def file_menu(app):
    return app.root.nametowidget(app.menubar.entrycget(0, "menu"))


def invoke(menu, label: str) -> None:
    labels = [menu.entrycget(i, "label") if menu.type(i) == "command" else None
              for i in range(menu.index("end") + 1)]
    menu.invoke(labels.index(label))


def test_search_filters_the_rows_as_you_type(app):
    tab = app.panel.glossary
    everything = tab.terms()
    assert len(everything) == len(app.analysis.glossary) > 3
    tab.search_entry.insert(0, "trade")  # typed into the box: the list follows at once
    assert tab.terms() == ["Canadian Chamber of Commerce", "CUSMA", "Future Borders Coalition"]
    assert tab.hint.cget("text") == f"3 of {len(everything)} terms match “trade”."
    tab.set_query("MEXICO")  # the expansion, in any case
    assert tab.terms() == ["CUSMA"]
    tab.set_query("no such thing")
    assert tab.terms() == [] and "No term matches" in tab.hint.cget("text")
    tab.search_entry.focus_force()
    tab.update()
    tab.search_entry.event_generate("<Escape>")
    assert tab.terms() == everything


def test_each_entry_shows_meaning_source_and_mentions(app):
    tab = app.panel.glossary
    term, meaning, source, mentions = row_values(tab, "CUSMA")
    assert (term, meaning, source) == ("CUSMA", "Canada-U.S.-Mexico Agreement", "this article")
    cusma = next(e for e in app.analysis.glossary if e.term == "CUSMA")
    assert int(mentions) == len(cusma.mentions) >= 2
    assert row_values(tab, "White House")[2] == "reference"
    tab.select("CUSMA")
    tab.update()
    assert CUSMA_DEFINITION in tab.detail.content
    assert "From the article: “" in tab.detail.content and "(CUSMA)" in tab.detail.content
    tab.select("White House")
    tab.update()
    assert "From the bundled reference." in tab.detail.content


def test_clicking_an_entry_goes_to_its_next_mention_and_flashes_it(app, wait_until):
    tab, text = app.panel.glossary, app.reader.text
    mentions = sorted(next(e for e in app.analysis.glossary if e.term == "CUSMA").mentions)
    row = tab.row_of("CUSMA")
    wait_until(app.root, lambda: bool(tab.tree.bbox(row)), what="the glossary list to be drawn")
    for start, end in mentions[:2]:
        click_row(tab.tree, row)
        index = app.reader.index(start)
        assert text.index("insert") == index
        assert text.get(*text.tag_ranges("flash")) == app.document.text[start:end]
        assert text.bbox(index) is not None
    assert app.document.text[mentions[1][0]:mentions[1][1]] in ("CUSMA", "Canada-U.S.-Mexico Agreement")


def test_glossary_terms_are_underlined_under_the_names(app):
    text = app.reader.text
    start = app.document.text.index("CUSMA")
    index = app.reader.index(start)
    assert "glossary" in text.tag_names(index)
    assert text.get(*text.tag_nextrange("glossary", index)) == "CUSMA"
    assert text.tag_cget("glossary", "underline") in ("1", 1, True)
    # "White House" is a name and a term: the name's colour must win over the underline's tag.
    house = app.reader.index(app.document.text.index("White House"))
    names = text.tag_names(house)
    assert "ent-ORG" in names and "glossary" in names
    assert names.index("glossary") < names.index("ent-ORG")


def test_hovering_a_term_shows_its_definition_and_a_name_shows_both(app, wait_until):
    assert CUSMA_DEFINITION in hover(app, app.document.text.index("CUSMA") + 1, wait_until)
    both = hover(app, app.document.text.index("White House") + 1, wait_until)
    assert both.startswith("Organization · White House")
    assert "official residence" in both
    app.reader.text.event_generate("<Leave>")
    app.legend.buttons["glossary"].invoke()  # hidden: no underline, no definition in the hover
    assert str(app.reader.text.tag_cget("glossary", "underline")) in ("0", "False")
    assert hover(app, app.document.text.index("CUSMA") + 1, wait_until) == ""
    assert "official residence" not in hover(app, app.document.text.index("White House") + 1, wait_until)


def add_through_the_reader(app, word: str, definition: str, settled):
    start = app.document.text.index(word)
    text = app.reader.text
    text.tag_add("sel", app.reader.index(start), app.reader.index(start + len(word)))
    invoke(app.notes.context_menu(start), "Add to glossary…")
    dialog = app.glossary.dialog
    assert dialog is not None and dialog.term == word
    dialog.fill(definition=definition)
    dialog.save_button.invoke()
    assert app.glossary.dialog is None
    return settled(app)


def test_an_entry_added_from_a_selection_is_mine_and_persists(app, make_app, seed, analysed, settled):
    analysis = add_through_the_reader(app, "tariffs", "Taxes on imported goods.", settled)
    assert UserGlossary().get("tariffs") == UserEntry("tariffs", definition="Taxes on imported goods.")
    entry = next(e for e in analysis.glossary if e.term == "tariffs")
    assert entry.source == "user" and entry.mentions
    tab = app.panel.glossary
    assert row_values(tab, "tariffs")[1:3] == ("Taxes on imported goods.", "mine")
    assert "glossary" in app.reader.text.tag_names(app.reader.index(entry.mentions[0][0]))
    assert app.status.message == "Saved “tariffs” to your glossary."

    app.destroy()
    again = make_app(seed)
    analysed(again)
    assert row_values(again.panel.glossary, "tariffs")[2] == "mine"


def test_an_invalid_entry_keeps_the_dialog_open_with_one_line(app):
    tab = app.panel.glossary
    tab.new_button.invoke()
    dialog = app.glossary.dialog
    assert dialog is not None
    dialog.fill(term="GDP")
    dialog.save_button.invoke()
    assert dialog.winfo_exists() and app.glossary.dialog is dialog
    assert dialog.error == "“GDP” needs an expansion or a definition."
    assert UserGlossary().entries() == []
    dialog.fill(term="  ", definition="Gross domestic product.")
    dialog.save_button.invoke()
    assert dialog.error == "A glossary entry needs a term."
    dialog.cancel_button.invoke()
    assert app.glossary.dialog is None and UserGlossary().entries() == []


def test_edit_makes_an_entry_mine_then_delete_and_undo(app, settled):
    tab = app.panel.glossary
    tab.select("CUSMA")
    tab.update()
    assert tab.delete_button.instate(["disabled"])  # not the reader's own: nothing to delete
    tab.edit_button.invoke()
    dialog = app.glossary.dialog
    assert dialog.expansion == "Canada-U.S.-Mexico Agreement"
    dialog.fill(definition="The new NAFTA.")
    dialog.save_button.invoke()
    settled(app)
    assert row_values(tab, "CUSMA")[2] == "mine"
    assert tab.selected.term == "CUSMA" and "Your entry." in tab.detail.content
    assert "The new NAFTA." in app.reader.hover_text(app.document.text.index("CUSMA"))

    assert tab.delete_button.instate(["!disabled"])
    tab.delete_button.invoke()
    settled(app)
    assert UserGlossary().entries() == []
    assert row_values(tab, "CUSMA")[2] == "this article"
    app.reader.text.focus_force()
    app.root.update()
    app.root.event_generate("<Control-z>")
    settled(app)
    assert UserGlossary().get("CUSMA").definition == "The new NAFTA."
    assert row_values(tab, "CUSMA")[2] == "mine"


def test_export_then_import_into_a_fresh_data_folder(app, make_app, seed, analysed, settled, tmp_path,
                                                     monkeypatch):
    add_through_the_reader(app, "tariffs", "Taxes on imported goods.", settled)
    target = tmp_path / "exported.json"
    monkeypatch.setattr("companion.ui.panel.glossary_edit.filedialog.asksaveasfilename", lambda **o: str(target))
    invoke(file_menu(app), "Export glossary…")
    assert json.loads(target.read_text(encoding="utf-8"))["entries"][0]["term"] == "tariffs"
    assert app.status.message.startswith("Exported 1 glossary entry to ")
    app.destroy()

    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "fresh"))
    fresh = make_app(seed)
    analysed(fresh)
    assert "tariffs" not in fresh.panel.glossary.terms()
    monkeypatch.setattr("companion.ui.panel.glossary_edit.filedialog.askopenfilename", lambda **o: str(target))
    invoke(file_menu(fresh), "Import glossary…")
    settled(fresh)
    assert UserGlossary().entries() == [UserEntry("tariffs", definition="Taxes on imported goods.")]
    assert row_values(fresh.panel.glossary, "tariffs")[2] == "mine"
    assert fresh.status.message == "Imported 1 glossary entry from exported.json."


def test_export_asks_before_replacing_a_file(app, tmp_path, monkeypatch):
    UserGlossary().put(UserEntry("GDP", expansion="gross domestic product"))
    target = tmp_path / "there.json"
    target.write_text("keep me", encoding="utf-8")
    answers = []
    monkeypatch.setattr("ttkbootstrap.dialogs.Messagebox.yesno",
                        lambda message, title, **o: (answers.append(message), "No")[1])
    assert app.glossary.export_to(target) is None
    assert target.read_text(encoding="utf-8") == "keep me" and "there.json already exists" in answers[0]
    assert "cancelled" in app.status.message
    monkeypatch.setattr("ttkbootstrap.dialogs.Messagebox.yesno", lambda message, title, **o: "Yes")
    assert app.glossary.export_to(target) == target
    assert json.loads(target.read_text(encoding="utf-8"))["entries"][0]["term"] == "GDP"


@pytest.mark.parametrize("content", ["not json at all", json.dumps({"format": "something-else"}),
                                     json.dumps({"format": "companion-glossary", "entries": [{"term": ""}]})])
def test_a_bad_import_file_is_one_line_and_changes_nothing(app, tmp_path, monkeypatch, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr("companion.ui.panel.glossary_edit.filedialog.askopenfilename", lambda **o: str(bad))
    invoke(file_menu(app), "Import glossary…")
    message = app.status.message
    assert "bad.json" in message and "Nothing was imported." in message and "\n" not in message
    assert "Traceback" not in message
    assert str(app.status.message_label.cget("foreground")) == "#b42318"
    assert not app.busy and UserGlossary().entries() == []
