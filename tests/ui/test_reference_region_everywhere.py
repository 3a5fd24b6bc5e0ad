"""Issues 12 and 13 in the window: a reference term says how old its facts are (hover and the
Glossary tab's detail), the status bar says the article's region, and a correction made for
every article is applied to another article, listed there and removable."""

from __future__ import annotations

import pytest

from companion.core.region import region_label
from companion.store.corrections import CorrectionStore
from tests.ui.test_corrections_panel import invoke, panel_menu
from tests.ui.test_glossary_panel import hover

pytestmark = pytest.mark.ui

OTHER_ARTICLE = ("Mark Carney spoke to reporters in Ottawa on Tuesday about the economy.\n\n"
                 "Carney said the plan would be ready by spring, and Mark Carney took questions.\n")
CANADIAN_ARTICLE = ("Ottawa officials met on Tuesday to discuss the economy of Canada.\n\n"
                    "The mayors of Toronto and Vancouver agreed, Canadian officials said.\n")


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    return app


def dated_reference_term(app):
    """CBP: a reference entry of the seed article that carries its checking date."""
    entry = next(e for e in app.analysis.glossary if e.term == "CBP")
    assert entry.dating and entry.dating.startswith("checked ")
    return entry


def test_the_hover_of_a_reference_term_says_when_it_was_checked(app, wait_until):
    entry = dated_reference_term(app)
    text = hover(app, app.document.text.index("CBP") + 1, wait_until)
    assert "checked 2026-12" in text and entry.dating in text


def test_the_glossary_detail_says_when_checked_and_the_source_url(app):
    entry = dated_reference_term(app)
    tab = app.panel.glossary
    app.panel.show_tab("glossary")
    tab.select("CBP")
    tab.update()
    assert "checked 2026-12" in tab.detail.content
    if entry.source_url:
        assert entry.source_url in tab.detail.content


def counts(app) -> str:
    return str(app.status.counts_label.cget("text"))


def test_the_status_bar_shows_the_articles_region(make_app, analysed, tmp_path):
    article = tmp_path / "canada.txt"
    article.write_text(CANADIAN_ARTICLE, encoding="utf-8")
    app = make_app(article)
    country = analysed(app).region.country
    assert country is not None
    assert f"Region: {region_label(country)}" in counts(app)
    assert "Region: Canada" in counts(app)


def test_no_region_is_shown_when_no_country_clearly_leads(app):
    # The seed article is about Canada and the United States alike: say nothing rather than guess.
    assert app.analysis.region.country is None
    assert "Region" not in counts(app)


def test_a_relabel_made_for_every_article_applies_to_another_and_can_be_removed(
        app, make_app, analysed, settled, tmp_path):
    assert app.analysis.entity("Mark Carney").label == "PERSON"
    invoke(panel_menu(app, "Mark Carney"), "Relabel as organization in every article")
    assert settled(app).entity("Mark Carney").label == "ORG"
    store = CorrectionStore()
    try:
        assert [c.describe() for _, c in store.everywhere()] == ["Mark Carney is an organization (everywhere)"]
        assert store.for_article(app.document.fingerprint, app.document.path) == []
    finally:
        store.close()
    app.destroy()

    other = tmp_path / "other.txt"
    other.write_text(OTHER_ARTICLE, encoding="utf-8")
    second = make_app(other)
    assert analysed(second).entity("Mark Carney").label == "ORG"
    assert second.panel.people.corrections_button.cget("text") == "Corrections (1)…"
    second.panel.people.corrections_button.invoke()
    dialog = second.corrections.list_dialog
    assert dialog.rows() == ["Mark Carney is an organization · every article"]
    dialog.tree.selection_set(dialog.tree.get_children()[0])
    dialog.update()
    dialog.remove_button.invoke()
    assert dialog.rows() == []
    assert settled(second).entity("Mark Carney").label == "PERSON"


def test_undo_takes_back_a_correction_made_for_every_article(app, settled):
    invoke(panel_menu(app, "Fox Business"), "Hide in every article")
    assert settled(app).entity("Fox Business") is None
    app.root.event_generate("<Control-z>")
    assert settled(app).entity("Fox Business") is not None
    assert app.status.message == "Undone: “Fox Business is hidden (everywhere)”."


def test_the_hover_of_an_ambiguous_term_says_what_it_could_be():
    from companion.core.analysis import GlossaryCandidate, GlossaryEntry
    from companion.ui.reading.hover import SpanIndex
    entry = GlossaryEntry("Supreme Court", None, None, "reference", candidates=[
        GlossaryCandidate("Supreme Court of Canada", "CA", "", "court"),
        GlossaryCandidate("Supreme Court of the United States", "US", "", "court")])
    text = SpanIndex.describe_term(entry)
    assert text.splitlines() == ["Supreme Court", entry.could_be]
    assert "Supreme Court of Canada (CA)" in text
