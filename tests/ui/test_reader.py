"""The reading view with the real analysis: highlights, hover, legend, People tab, flash."""

from __future__ import annotations

import re
import time

import pytest

from companion.core.analysis import Analysis, Entity, Mention

pytestmark = pytest.mark.ui


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    return app


def first(app, name: str) -> tuple[str, str]:
    """Tk indices of the first occurrence of `name` in the article."""
    start = app.document.text.index(name)
    return app.reader.index(start), app.reader.index(start + len(name))


def test_the_article_is_shown_as_loaded(app):
    text = app.reader.text
    assert text.get("1.0", "end-1c") == app.document.text
    assert str(text.cget("state")) == "disabled"
    assert str(text.cget("wrap")) == "word"
    # the seed has no headline of its own: no big heading, its file name is in the line below
    assert app.document.title_guessed
    assert app.reader.title_label.cget("text") == "" and not app.reader.title_label.winfo_manager()
    assert app.document.title in app.reader.meta_label.cget("text")


def test_an_article_with_a_headline_shows_it(app, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("Carney and Trump meet at the White House\nThe two leaders met on Tuesday.\n",
                       encoding="utf-8")
    assert app.open_path(article)
    app.root.update()
    assert app.reader.title_label.cget("text") == "Carney and Trump meet at the White House"
    assert app.reader.title_label.winfo_manager() == "pack"


def test_mark_carney_is_highlighted_as_a_person(app):
    text = app.reader.text
    start, end = first(app, "Mark Carney")
    assert "ent-PERSON" in text.tag_names(start)
    assert "ent-ORG" not in text.tag_names(start)
    found = text.tag_nextrange("ent-PERSON", start)
    assert [str(i) for i in found] == [start, end]
    assert text.get(*found) == "Mark Carney"
    assert text.tag_cget("ent-PERSON", "background") != text.tag_cget("ent-ORG", "background")


def test_every_mention_is_tagged_with_its_type(app):
    text = app.reader.text
    for label in ("PERSON", "ORG"):
        ranges = text.tag_ranges(f"ent-{label}")
        spans = [(str(a), str(b)) for a, b in zip(ranges[::2], ranges[1::2])]
        expected = [m for m in app.analysis.mentions if m.label == label]
        # Adjacent mentions of a type merge into one Tk range; each mention lies inside one.
        assert len(spans) <= len(expected)
        for m in expected:
            assert f"ent-{label}" in text.tag_names(app.reader.index(m.start))


def test_hovering_a_name_shows_its_type_and_entity(app, wait_until):
    text = app.reader.text
    start, _ = first(app, "Mark Carney")
    text.see(start)
    wait_until(app.root, lambda: text.bbox(start) is not None, what="the name to be visible")
    x, y, width, height = text.bbox(start)
    text.event_generate("<Motion>", x=x + 2, y=y + height // 2)
    assert app.reader.hover.text.startswith("Person · Mark Carney")
    text.event_generate("<Leave>")
    assert app.reader.hover.text == ""
    app.legend.buttons["PERSON"].invoke()  # a hidden type has no hover either
    text.event_generate("<Motion>", x=x + 2, y=y + height // 2)
    assert app.reader.hover.text == ""


def test_legend_checkbox_toggles_the_highlight_colour(app):
    text = app.reader.text
    colour = text.tag_cget("ent-PERSON", "background")
    assert colour and app.legend.is_shown("PERSON")
    app.legend.buttons["PERSON"].invoke()
    assert app.legend.is_shown("PERSON") is False
    assert text.tag_cget("ent-PERSON", "background") == ""
    assert text.tag_cget("ent-ORG", "background") != ""  # the other type is untouched
    start, _ = first(app, "Mark Carney")
    assert "ent-PERSON" in text.tag_names(start)  # hidden, not removed
    app.legend.buttons["PERSON"].invoke()
    assert app.legend.is_shown("PERSON")
    assert text.tag_cget("ent-PERSON", "background") == colour


def click_row(tree, row) -> None:
    tree.see(row)
    tree.update()
    x, y, width, height = tree.bbox(row, "#0")
    tree.event_generate("<ButtonPress-1>", x=x + 10, y=y + height // 2)
    tree.event_generate("<ButtonRelease-1>", x=x + 10, y=y + height // 2)


def test_clicking_a_person_goes_to_the_next_mention_and_flashes_it(app, wait_until):
    app.panel.show_tab("people")
    tab = app.panel.people
    row = tab.row_of("Mark Carney")
    assert row is not None
    wait_until(app.root, lambda: bool(tab.tree.bbox(row)), what="the People list to be drawn")
    text = app.reader.text
    mentions = sorted(app.analysis.entity("Mark Carney").mentions, key=lambda m: m.start)
    assert len(mentions) >= 2

    for expected in mentions[:2]:
        click_row(tab.tree, row)
        index = app.reader.index(expected.start)
        assert text.index("insert") == index
        assert "flash" in text.tag_names(index)
        assert text.get(*text.tag_ranges("flash")) == expected.text
        assert text.bbox(index) is not None  # scrolled into view

    wait_until(app.root, lambda: not text.tag_ranges("flash"), timeout=3, what="the flash to end")


def test_people_tab_lists_each_entity_once_with_counts(app):
    tree = app.panel.people.tree
    names = [tree.item(r, "text") for section in tree.get_children() for r in tree.get_children(section)]
    assert len(names) == len(set(names))
    assert "Mark Carney" in names
    row = app.panel.people.row_of("Mark Carney")
    count = int(tree.item(row, "values")[0])
    assert count == len(app.analysis.entity("Mark Carney").mentions)


def test_status_bar_counts_what_is_shown(app):
    counts = app.status.counts_label.cget("text")
    people = sum(e.label == "PERSON" for e in app.analysis.entities)
    assert app.analysis.model in counts
    assert f"{people} people" in counts or people == 1
    assert "0 notes" in counts


class Fixed:
    """An analyzer that returns mentions found by a regular expression: fast and predictable."""

    def __init__(self, pattern: str, label: str = "PERSON") -> None:
        self.pattern, self.label = re.compile(pattern), label

    def __call__(self, document, *, progress, cancelled, partial=None) -> Analysis:
        mentions = [Mention(m.start(), m.end(), m.group(), self.label, m.group())
                    for m in self.pattern.finditer(document.text)]
        progress(len(document.text), len(document.text))
        entity = Entity(mentions[0].text, self.label, mentions=mentions) if mentions else None
        return Analysis(document, mentions, [entity] if entity else [], [], model="fixed")


def test_offsets_after_emoji_land_on_the_right_characters(make_app, tmp_path, analysed):
    article = tmp_path / "emoji.txt"
    article.write_text("Thumbs 👍 up for Ada Lovelace 🎉🎉 and Ada Lovelace again.\nAda Lovelace.\n",
                       encoding="utf-8")
    app = make_app(article, analyzer=Fixed("Ada Lovelace"))
    analysed(app)
    text = app.reader.text
    ranges = text.tag_ranges("ent-PERSON")
    assert len(ranges) == 6
    for a, b in zip(ranges[::2], ranges[1::2]):
        assert text.get(a, b) == "Ada Lovelace"


def test_thousands_of_mentions_are_tagged_quickly(make_app, seed, tmp_path, analysed):
    article = tmp_path / "long.txt"
    article.write_text(seed.read_text(encoding="utf-8") * 40, encoding="utf-8")
    app = make_app(article, analyzer=Fixed(r"\b[A-Z][a-z]+\b"))
    analysis = analysed(app)
    assert len(analysis.mentions) > 5000
    began = time.perf_counter()
    app.reader.show_mentions(analysis.mentions)
    assert time.perf_counter() - began < 1.5
    last = analysis.mentions[-1]
    assert "ent-PERSON" in app.reader.text.tag_names(app.reader.index(last.start))
