import json
from dataclasses import dataclass

import pytest

from companion.core.analysis import GlossaryEntry
from companion.core.glossary import UserEntry, build_glossary
from companion.core.reference import Reference, ReferenceEntry
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


# ----------------------------------------------------------------------------- evidence
@dataclass(frozen=True)
class Raw:
    start: int
    end: int
    label: str


def _ref(*entries: ReferenceEntry) -> Reference:
    return Reference(entries)


SUPREME = (ReferenceEntry("Supreme Court of Canada", ("Supreme Court",), "court", "CA", "Canada's top court.",
                          "2026-12", "active", None, None, "https://www.scc-csc.ca/"),
           ReferenceEntry("Supreme Court of the United States", ("Supreme Court",), "court", "US",
                          "The top U.S. court.", "2026-12", "active", None, None,
                          "https://www.supremecourt.gov/"))


def _one(entries: list[GlossaryEntry], written: str, text: str) -> GlossaryEntry:
    [entry] = [g for g in entries if any(text[s:e] == written for s, e in g.mentions)]
    return entry


def test_the_articles_region_picks_the_body_and_says_so():
    text = "In Ottawa, the Supreme Court struck down the law."
    entry = _one(build_glossary(text, _ref(*SUPREME)), "Supreme Court", text)
    assert (entry.reference_term, entry.region, entry.basis) == ("Supreme Court of Canada", "CA", "region")
    assert (entry.as_of, entry.status, entry.source_url) == ("2026-12", "active", "https://www.scc-csc.ca/")


def test_two_bodies_that_fit_are_candidates_without_a_definition():
    text = "The Supreme Court agreed to hear the case."
    entry = _one(build_glossary(text, _ref(*SUPREME)), "Supreme Court", text)
    assert entry.definition is None and entry.reference_term is None
    assert [(c.term, c.region) for c in entry.candidates] == [
        ("Supreme Court of Canada", "CA"), ("Supreme Court of the United States", "US")]
    assert entry.could_be == ("could be: Supreme Court of Canada (CA) · "
                              "Supreme Court of the United States (US)")
    assert entry.to_json()["candidates"] == [{"term": "Supreme Court of Canada", "region": "CA"},
                                             {"term": "Supreme Court of the United States", "region": "US"}]


def test_a_country_before_the_name_binds_it_and_an_unknown_country_gets_nothing():
    ref = _ref(*SUPREME)
    text = "Canada's Supreme Court ruled. Brazil's Supreme Court ruled too."
    [entry] = build_glossary(text, ref)
    assert entry.reference_term == "Supreme Court of Canada" and entry.basis == "qualified"
    assert [text[s:e] for s, e in entry.mentions] == ["Supreme Court"]     # not Brazil's


def test_the_articles_own_long_form_decides_and_another_bodys_definition_is_not_borrowed():
    ref = _ref(ReferenceEntry("European Central Bank", ("ECB",), "central-bank", "EU", "The euro's bank."))
    text = "The England and Wales Cricket Board (ECB) named a coach. The ECB said so."
    [entry] = build_glossary(text, ref)
    assert (entry.term, entry.expansion, entry.source) == ("ECB", "England and Wales Cricket Board", "article")
    assert entry.definition is None and entry.as_of is None
    assert len(entry.mentions) == 3


def test_a_long_form_broken_across_a_line_is_found_and_written_on_one_line():
    text = "The Canadian International Trade\nTribunal (CITT) ruled. The CITT will hear appeals."
    entry = next(g for g in build_glossary(text) if g.term == "CITT")
    assert entry.expansion == "Canadian International Trade Tribunal"
    assert entry.definition and entry.reference_term == "Canadian International Trade Tribunal"
    assert [text[s:e] for s, e in entry.mentions][0] == "Canadian International Trade\nTribunal"


def test_one_word_names_need_support_at_a_sentence_start_but_not_elsewhere():
    ref = _ref(ReferenceEntry("Shell plc", ("Shell",), "company", "UK", "An oil company."))
    assert build_glossary("Shell casings littered the street.", ref) == []
    text = "Oil major Shell reported profits."
    assert build_glossary(text, ref)[0].reference_term == "Shell plc"
    # the model calls a sentence-initial word ORG anyway: that is no support
    assert build_glossary("Shell casings littered the street.", ref,
                          mentions=[Raw(0, 5, "ORG")]) == []
    # the model saying PERSON, or a first name before it, is a person
    assert build_glossary("Reporters met Ann Shell today.", ref) == []
    assert build_glossary("They met Shell today.", ref, mentions=[Raw(9, 14, "PERSON")]) == []


def test_headline_acronyms_and_photo_credits_are_not_read():
    assert build_glossary("WHO WILL PAY FOR THE BRIDGE?\nNobody knows.") == []
    assert build_glossary("Crowds in Paris. (Photo: AFP)") == []
    text = "WHO WARNS OF MEASLES\nThe WHO said cases doubled."
    [entry] = build_glossary(text)
    assert [text[s:e] for s, e in entry.mentions] == ["WHO", "WHO"]


def test_dated_entries_carry_their_status_into_the_json():
    [entry] = build_glossary("The interview aired on MSNBC.")
    assert (entry.status, entry.ended, entry.renamed_to) == ("renamed", 2025, "MS NOW")
    assert entry.to_json() == {"term": "MSNBC", "expansion": None, "definition": entry.definition,
                               "source": "reference", "as_of": "2026-12", "status": "renamed",
                               "ended": 2025, "renamed_to": "MS NOW"}
    assert entry.dating == "renamed MS NOW in 2025 · checked 2026-12"
    [pact] = build_glossary("The Auto Pact shaped Ontario's car industry.")
    assert pact.dating == "ended 2001 · checked 2026-12" and pact.could_be is None
    [user] = build_glossary("The interview aired on MSNBC.", user=[UserEntry("MSNBC", definition="TV.")])
    assert user.dating is None
    assert set(user.to_json()) == {"term", "expansion", "definition", "source"}


def test_a_body_named_in_full_decides_its_short_name_elsewhere():
    # the places alone point to the U.S. (Washington, New York, Texas)
    text = ("The Supreme Court of Canada heard the firm from Washington, New York and Texas. "
            "The Supreme Court ruled.")
    entries = build_glossary(text, _ref(*SUPREME))
    assert [(g.reference_term, [text[s:e] for s, e in g.mentions]) for g in entries] == [
        ("Supreme Court of Canada", ["Supreme Court of Canada", "Supreme Court"])]
