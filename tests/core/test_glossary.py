import json

import pytest

from companion.core.glossary import UserEntry, build_glossary
from companion.errors import UserError
from companion.resources import DEFAULT_ARTICLE
from companion.store.user_glossary import UserGlossary

SEED = DEFAULT_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_glossary():
    return {g.term: g for g in build_glossary(SEED)}


def test_seed_acronyms_come_from_the_article_with_full_long_forms(seed_glossary):
    cusma, cbp = seed_glossary["CUSMA"], seed_glossary["CBP"]
    assert (cusma.expansion, cusma.source) == ("Canada-U.S.-Mexico Agreement", "article")
    assert (cbp.expansion, cbp.source) == ("U.S. Customs and Border Protection", "article")
    assert "U.S. Customs and Border Protection (CBP)" in cbp.evidence
    # the short form is linked at each mention, the long form too
    assert [SEED[s:e] for s, e in cbp.mentions] == ["U.S. Customs and Border Protection", "CBP"]


@pytest.mark.parametrize("term", ["Future Borders Coalition", "Canadian Chamber of Commerce",
                                  "National Economic Council", "CBC News", "Fox Business", "White House"])
def test_seed_institutions_have_a_definition(seed_glossary, term):
    entry = seed_glossary[term]
    assert entry.definition and entry.source == "reference" and entry.mentions


def test_entries_are_in_order_of_first_mention(seed_glossary):
    firsts = [g.mentions[0][0] for g in seed_glossary.values()]
    assert firsts == sorted(firsts)


def test_readers_entry_replaces_article_and_reference():
    mine = [UserEntry("CBP", definition="My own words.", expansion="Customs and Border Protection"),
            UserEntry("White House", definition="Where the president works.")]
    entries = {g.term: g for g in build_glossary(SEED, user=mine)}
    assert (entries["CBP"].source, entries["CBP"].definition) == ("user", "My own words.")
    assert entries["White House"].source == "user"
    assert sum(1 for g in entries.values() if g.term == "CBP") == 1
    assert entries["CUSMA"].source == "article"


def test_user_glossary_add_edit_delete_and_round_trip(tmp_path):
    store = UserGlossary()
    store.put(UserEntry("CUSMA", definition="Trade deal.", aliases=("USMCA",)))
    store.put(UserEntry("cusma", definition="The trade deal."))  # same term: replaced
    store.put(UserEntry("NEC", expansion="National Economic Council"))
    assert [(e.term, e.definition) for e in store.entries()] == [("cusma", "The trade deal."), ("NEC", None)]
    out = store.export(tmp_path / "mine.json")
    with pytest.raises(UserError):
        store.export(out)  # never overwrites without asking
    assert store.delete("NEC") and not store.delete("NEC")
    other = UserGlossary(tmp_path / "other.json")
    assert other.import_file(out) == 2
    assert other.entries() == [UserEntry("cusma", definition="The trade deal."),
                               UserEntry("NEC", expansion="National Economic Council")]
    assert json.loads(out.read_text())["format"] == "companion-glossary"


@pytest.mark.parametrize("content", ["", "[]", '{"format": "other"}', '{"format": "companion-glossary"}',
                                     '{"format": "companion-glossary", "entries": [{"term": ""}]}'])
def test_importing_a_bad_file_is_one_clear_error(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(UserError) as err:
        UserGlossary().import_file(bad)
    assert "\n" not in str(err.value)
    assert UserGlossary().entries() == []


def test_entry_needs_a_term_and_an_explanation():
    with pytest.raises(UserError):
        UserEntry("  ", definition="x")
    with pytest.raises(UserError):
        UserEntry("CBP")
