"""The small pieces the panel is made of: cutting long cells, the undo stack, the glossary search."""

from __future__ import annotations

import pytest

from companion.core.analysis import Entity, GlossaryEntry
from companion.ui.panel.glossary_tab import matches
from companion.ui.panel.people_tab import entity_actions
from companion.ui.kit.undo import UndoStack
from companion.ui.kit.widgets import elide


def test_elide_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis():
    assert elide("Mark Carney", 20, len) == "Mark Carney"
    assert elide("U.S. Customs and Border Protection", 12, len) == "U.S. Custom…"
    assert elide("U.S. Customs", 6, len) == "U.S.…"  # no blank before the ellipsis
    assert elide("anything", 0, len) == "…"


def test_undo_stack_is_newest_first_and_bounded():
    stack = UndoStack(limit=2)
    done = []
    for name in ("a", "b", "c"):
        stack.push(name, lambda n=name: done.append(n))
    assert len(stack) == 2 and stack.last.what == "c"
    stack.pop().undo()
    stack.pop().undo()
    assert done == ["c", "b"] and stack.pop() is None


def test_glossary_search_matches_term_expansion_and_definition_in_any_case():
    entry = GlossaryEntry("CUSMA", "Canada-U.S.-Mexico Agreement", "A free trade pact.", "article")
    assert all(matches(entry, q) for q in ("cusma", "MEXICO", "trade pact", "", "  "))
    assert not matches(entry, "tariff")


@pytest.mark.parametrize("label, relabel", [("PERSON", "Relabel as organization"),
                                            ("ORG", "Relabel as person")])
def test_entity_actions_offer_what_makes_sense(label, relabel):
    alone = Entity("Mark Carney", label)
    actions = {a.label: a.enabled for a in entity_actions(alone, others=0)}
    assert actions == {relabel: True, "Merge into…": False, "Split off an alias…": False,
                       "Hide: not a name": True, f"{relabel} in every article": True,
                       "Hide in every article": True}
    assert [a.scope for a in entity_actions(alone, others=0)] == ["article"] * 4 + ["everywhere"] * 2
    known = Entity("Mark Carney", label, aliases=["Carney"])
    assert all(a.enabled for a in entity_actions(known, others=3))


@pytest.mark.ui
def test_long_names_end_in_an_ellipsis_and_keep_their_full_text(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    tab = app.panel.people
    app.panel.show_tab("people")
    app.root.update()
    name = "U.S. Customs and Border Protection"
    row = tab.row_of(name)
    tab.tree.column("#0", width=160)
    tab.cells.refit()
    assert str(tab.tree.item(row, "text")).endswith("…")
    assert name.startswith(str(tab.tree.item(row, "text"))[:-1])
    assert tab.cells.text(row) == name and name in tab.names()
    tab.tree.column("#0", width=600)
    tab.cells.refit()
    assert tab.tree.item(row, "text") == name
