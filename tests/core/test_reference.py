"""The bundled reference glossary (assets/reference_glossary.json) and companion.core.reference."""

from __future__ import annotations

import copy
import dataclasses
import json
import time
from collections import Counter

import pytest

from companion.core.reference import (
    DEFAULT_PATH, KINDS, Reference, ReferenceEntry, is_acronym, load_reference, validate,
)


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


def _entry(term: str, aliases=(), kind="agency", region="CA", definition="A thing.") -> dict:
    return {"term": term, "aliases": list(aliases), "kind": kind, "region": region,
            "definition": definition}


def _doc(*entries: dict) -> dict:
    return {"version": 1, "entries": list(entries)}


# ----------------------------------------------------------------------------- the bundled file
def test_bundled_file_validates(data):
    assert validate(data) == []


def test_bundled_file_is_large_enough(ref):
    assert len(ref) >= 320


def test_every_kind_is_in_the_vocabulary(ref):
    assert {e.kind for e in ref} <= KINDS
    # the vocabulary is small and fixed, and the data actually uses most of it
    assert len({e.kind for e in ref}) >= 15


def test_regions_are_named_or_iso_codes(ref):
    for e in ref:
        assert e.region in {"CA", "US", "UK", "EU", "International"} or (
            len(e.region) == 2 and e.region.isupper()), e


def test_definitions_are_short_sentences(ref):
    for e in ref:
        assert e.definition.strip() == e.definition and e.definition.endswith("."), e.term
        assert 20 <= len(e.definition) <= 400, e.term
        assert e.definition[0].isupper(), e.term


GOVERNMENT = {"agency", "department", "ministry"}


@pytest.mark.parametrize("region, minimum", [("CA", 30), ("US", 40), ("UK", 20), ("EU", 12)])
def test_government_bodies_per_region(ref, region, minimum):
    count = sum(1 for e in ref if e.region == region and e.kind in GOVERNMENT)
    assert count >= minimum, (region, count)


@pytest.mark.parametrize("kinds, minimum", [
    ({"international-organization"}, 40),
    ({"agreement"}, 20),
    ({"central-bank"}, 20),
    ({"court"}, 20),
    ({"party"}, 35),
    ({"news-organization"}, 50),
    ({"ngo", "business-group"}, 60),
    ({"legislature"}, 15),
    ({"executive-office"}, 10),
    ({"military"}, 12),
])
def test_entries_per_category(ref, kinds, minimum):
    count = sum(1 for e in ref if e.kind in kinds)
    assert count >= minimum, (kinds, count)


@pytest.mark.parametrize("name, kind, region", [
    ("Canadian Chamber of Commerce", "business-group", "CA"),
    ("U.S. Chamber of Commerce", "business-group", "US"),
    ("Business Council of Canada", "business-group", "CA"),
    ("National Economic Council", "executive-office", "US"),
    ("National Security Council", "executive-office", "US"),
    ("White House", "executive-office", "US"),
    ("Oval Office", "place", "US"),
    ("CBC News", "news-organization", "CA"),
    ("Fox Business", "news-organization", "US"),
    ("Fox News", "news-organization", "US"),
    ("Future Borders Coalition", "business-group", "International"),
    ("Canada Border Services Agency", "agency", "CA"),
    ("Department of Homeland Security", "department", "US"),
    ("HM Treasury", "department", "UK"),
    ("European Commission", "executive-office", "EU"),
    ("Bank of Canada", "central-bank", "CA"),
    ("Federal Reserve", "central-bank", "US"),
    ("European Central Bank", "central-bank", "EU"),
    ("Bank of England", "central-bank", "UK"),
    ("Supreme Court of Canada", "court", "CA"),
    ("Supreme Court of the United States", "court", "US"),
    ("International Criminal Court", "court", "International"),
    ("International Court of Justice", "court", "International"),
    ("European Court of Justice", "court", "EU"),
    ("Liberal Party of Canada", "party", "CA"),
    ("Conservative Party of Canada", "party", "CA"),
    ("NDP", "party", "CA"),
    ("Bloc Québécois", "party", "CA"),
    ("Democratic Party", "party", "US"),
    ("GOP", "party", "US"),
    ("Labour Party", "party", "UK"),
    ("Conservative Party (UK)", "party", "UK"),
    ("Reuters", "news-organization", "UK"),
    ("AP", "news-organization", "US"),
    ("Amnesty International", "ngo", "International"),
    ("Red Cross", "ngo", "International"),
    ("NAFTA", "agreement", "International"),
    ("CETA", "agreement", "International"),
    ("G7", "international-organization", "International"),
    ("OPEC", "international-organization", "International"),
])
def test_required_entries_are_present(ref, name, kind, region):
    entry = ref.lookup(name)
    assert entry is not None, name
    assert (entry.kind, entry.region) == (kind, region)


def test_every_name_looks_up_its_own_entry(ref):
    """No alias is shadowed by another entry, exactly or after normalisation."""
    for entry in ref:
        for name in entry.names:
            assert entry in ref.lookup_all(name), name
            if not is_acronym(name):
                assert entry in ref.lookup_all(name.upper()), name
                assert entry in ref.lookup_all(name.lower()), name
                prefix = "" if name.casefold().startswith("the ") else "the "
                suffix = "" if name.endswith("'s") else "’s"
                assert entry in ref.lookup_all(f"{prefix}{name}{suffix}"), name


def test_a_shared_alias_points_to_entries_of_different_regions(data):
    owners: dict[str, list[str]] = {}
    for raw in data["entries"]:
        for name in [raw["term"], *raw["aliases"]]:
            owners.setdefault(name, []).append(raw["region"])
    shared = {n: r for n, r in owners.items() if len(r) > 1}
    assert all(len(set(r)) == len(r) for r in shared.values()), shared
    assert {"Supreme Court", "House of Commons", "Treasury"} <= set(shared)


def test_terms_are_unique(data):
    counts = Counter(raw["term"] for raw in data["entries"])
    assert [t for t, c in counts.items() if c > 1] == []


# ----------------------------------------------------------------------------- lookup
def test_lookup_cbp_forms_agree(ref):
    entry = ref.lookup("CBP")
    assert entry is not None and entry.term == "U.S. Customs and Border Protection"
    for name in ("U.S. Customs and Border Protection", "Customs and Border Protection",
                 "US Customs and Border Protection", "U.S Customs and Border Protection",
                 "u.s. customs and border protection", "the U.S. Customs and Border Protection's",
                 "  Customs   and\nBorder Protection "):
        assert ref.lookup(name) is entry, name


def test_lookup_cusma_is_one_entry(ref):
    cusma = ref.lookup("CUSMA")
    assert cusma is not None and cusma.kind == "agreement"
    assert ref.lookup("USMCA") is cusma
    assert ref.lookup("T-MEC") is cusma
    assert ref.lookup("Canada-U.S.-Mexico Agreement") is cusma
    assert ref.lookup("Canada–United States–Mexico Agreement") is cusma    # en dashes
    assert ref.lookup("NAFTA") is not cusma


def test_acronyms_are_case_sensitive(ref):
    assert ref.lookup("who") is None
    assert ref.lookup("Who") is None
    assert ref.lookup("WHO").term == "World Health Organization"
    assert ref.lookup("the WHO’s").term == "World Health Organization"
    assert ref.lookup("ice") is None
    assert ref.lookup("ICE").term == "U.S. Immigration and Customs Enforcement"
    assert ref.lookup("ap") is None and ref.lookup("AP").term == "Associated Press"
    assert ref.lookup("fed") is None and ref.lookup("Fed").term == "Federal Reserve"
    assert ref.lookup("mod") is None and ref.lookup("MoD").term == "Ministry of Defence"


def test_long_forms_are_case_insensitive(ref):
    assert ref.lookup("the White House").term == "White House"
    assert ref.lookup("The White House").term == "White House"
    assert ref.lookup("white house").term == "White House"
    assert ref.lookup("WHITE HOUSE").term == "White House"
    assert ref.lookup("White House’s").term == "White House"
    assert ref.lookup("“White House”").term == "White House"
    assert ref.lookup("world health organization").term == "World Health Organization"
    assert ref.lookup("bloc quebecois").term == "Bloc Québécois"
    assert ref.lookup("new york times").term == "The New York Times"


def test_cbc_and_cbc_news_are_distinct(ref):
    assert ref.lookup("CBC").term == "Canadian Broadcasting Corporation"
    assert ref.lookup("CBC News").term == "CBC News"


def test_lookup_misses(ref):
    for name in ("", "   ", "the", "Acme Widgets Inc.", "economist", "Senate"):
        assert ref.lookup(name) is None, name
    # a name shared by several countries' bodies gives all of them
    assert {e.region for e in ref.lookup_all("Supreme Court")} == {"US", "CA", "UK", "IN"}


def test_entries_are_frozen(ref):
    entry = ref.lookup("WHO")
    assert isinstance(entry, ReferenceEntry) and isinstance(entry.aliases, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.term = "x"


# ----------------------------------------------------------------------------- find_in_text
def _found(ref, text):
    return [(text[s:e], entry.term) for s, e, entry in ref.find_in_text(text)]


def test_find_in_text_sentence(ref):
    text = ("Laura Dawson of the Future Borders Coalition told CBC News that CUSMA, which the U.S. "
            "calls the USMCA, is up for review, as the White House and U.S. Customs and Border "
            "Protection (CBP) weigh in.")
    hits = ref.find_in_text(text)
    assert [(text[s:e], entry.term) for s, e, entry in hits] == [
        ("Future Borders Coalition", "Future Borders Coalition"),
        ("CBC News", "CBC News"),
        ("CUSMA", "Canada-United States-Mexico Agreement"),
        ("USMCA", "Canada-United States-Mexico Agreement"),
        ("White House", "White House"),
        ("U.S. Customs and Border Protection", "U.S. Customs and Border Protection"),
        ("CBP", "U.S. Customs and Border Protection"),
    ]
    start = text.index("Future Borders")
    assert hits[0][:2] == (start, start + len("Future Borders Coalition"))


def test_find_in_text_on_the_seed_article(ref):
    from companion.resources import DEFAULT_ARTICLE
    text = DEFAULT_ARTICLE.read_text(encoding="utf-8")
    terms = [term for _, term in _found(ref, text)]
    for expected in ("White House", "CBC News", "Future Borders Coalition",
                     "Canada-United States-Mexico Agreement", "U.S. Customs and Border Protection",
                     "Fox Business", "Oval Office", "Canadian Chamber of Commerce",
                     "National Economic Council"):
        assert expected in terms, expected


def test_find_in_text_respects_acronym_case(ref):
    text = "Who knows whether ice will slow the AP reporter? The WHO said no; ap means nothing."
    assert _found(ref, text) == [("AP", "Associated Press"), ("WHO", "World Health Organization")]


def test_find_in_text_longest_match_and_no_overlap(ref):
    text = "CBC News and the CBC; the Bank of Canada and BANK OF CANADA; the U.S. Senate."
    assert _found(ref, text) == [
        ("CBC News", "CBC News"), ("CBC", "Canadian Broadcasting Corporation"),
        ("Bank of Canada", "Bank of Canada"), ("BANK OF CANADA", "Bank of Canada"),
        ("U.S. Senate", "U.S. Senate"),
    ]
    spans = ref.find_in_text(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_find_in_text_word_boundaries_and_capitalisation(ref):
    # no match inside words, and long forms need their capitals
    text = "Iceland, NATOs, CBPX, whoever; the home office; a liberal party; white house paint."
    assert _found(ref, text) == []
    # a name that ends in 's keeps it: the surname Maclean is not Maclean's magazine
    assert _found(ref, "Maclean said Maclean's was late.") == [("Maclean's", "Maclean's")]
    assert ref.lookup("Maclean") is None


def test_find_in_text_the_and_possessives(ref):
    text = ("The New York Times and the New York Times; the White House's staff; "
            "The Kremlin’s line; the Economist; the NATO-led force; Canada–U.S.–Mexico Agreement.")
    assert _found(ref, text) == [
        ("The New York Times", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("White House", "White House"),
        ("Kremlin", "Kremlin"),
        ("Economist", "The Economist"),
        ("NATO", "NATO"),
        ("Canada–U.S.–Mexico Agreement", "Canada-United States-Mexico Agreement"),
    ]


def test_find_in_text_empty(ref):
    assert ref.find_in_text("") == []
    assert ref.find_in_text("nothing to see here") == []


def test_find_in_text_is_fast_on_a_megabyte(ref):
    # dense worst case: every other word a name from the glossary
    names = [name for entry in ref for name in entry.names]
    chunk = " and ".join(names) + ". An ordinary sentence about nothing in particular follows.\n"
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    ref.find_in_text(text[:10_000])                      # warm up
    started = time.perf_counter()
    hits = ref.find_in_text(text)
    elapsed = time.perf_counter() - started
    assert len(hits) > 10_000
    assert elapsed < 5.0, f"find_in_text took {elapsed:.2f}s on 1 MB"


# ----------------------------------------------------------------------------- validate
def test_validate_accepts_a_small_sound_document():
    assert validate(_doc(_entry("Alpha Agency", ["AA"]), _entry("Beta Bureau", ["BB"]))) == []


def test_validate_catches_duplicate_alias_in_one_region():
    problems = validate(_doc(_entry("Alpha Agency", ["AB"]), _entry("Beta Bureau", ["AB"])))
    assert any("also a name of entry 0 in the same region" in p and "'AB'" in p
               for p in problems), problems


def test_validate_catches_alias_equal_to_another_term_in_one_region():
    problems = validate(_doc(_entry("Alpha Agency"), _entry("Beta Bureau", ["Alpha Agency"])))
    assert any("also a name of entry 0" in p for p in problems), problems


def test_a_name_may_be_shared_by_entries_of_different_regions():
    assert validate(_doc(_entry("Supreme Court of Canada", ["Supreme Court"], region="CA"),
                         _entry("Supreme Court of the United States", ["Supreme Court"],
                                region="US"))) == []
    ref = Reference([ReferenceEntry("Alpha", ("Shared Name",), "court", "CA", "A court."),
                     ReferenceEntry("Beta", ("Shared Name",), "court", "US", "A court.")])
    assert [e.term for e in ref.lookup_all("shared name")] == ["Alpha", "Beta"]
    assert ref.lookup("Shared Name").term == "Alpha"           # the old answer: the first
    [match] = ref.matches("The Shared Name ruled.")
    assert [e.term for e in match.entries] == ["Alpha", "Beta"] and not match.acronym


@pytest.mark.parametrize("dating, message", [
    ({"as_of": "2026-13"}, "'as_of' must be a month"),
    ({"as_of": "Dec 2026"}, "'as_of' must be a month"),
    ({"status": "closed"}, "unknown status"),
    ({"status": "expired"}, "needs the year it 'ended'"),
    ({"status": "renamed", "ended": 2025}, "needs its new name"),
    ({"status": "active", "ended": 2001}, "active entry has no 'ended'"),
    ({"ended": "2001", "status": "defunct"}, "'ended' must be a year"),
    ({"source": "http://www.example.org/"}, "must be an https URL"),
    ({"source": "www.example.org"}, "must be an https URL"),
])
def test_validate_catches_bad_dating(dating, message):
    problems = validate(_doc({**_entry("Alpha Agency"), "as_of": "2026-12", "status": "active",
                              "source": "https://www.example.org/", **dating}))
    assert any(message in p for p in problems), problems


def test_every_bundled_entry_is_dated_and_sourced(data):
    for raw in data["entries"]:
        assert raw.get("as_of") == "2026-12", raw["term"]
        assert raw.get("status") in {"active", "defunct", "expired", "renamed"}, raw["term"]
        assert raw.get("source", "").startswith("https://"), raw["term"]
        if raw["status"] == "renamed":
            assert raw.get("renamed_to"), raw["term"]
        if raw["status"] != "active":
            assert isinstance(raw.get("ended"), int), raw["term"]


@pytest.mark.parametrize("name, status, ended", [
    ("New START", "expired", 2026), ("JCPOA", "expired", 2025), ("MSNBC", "renamed", 2025),
    ("Auto Pact", "defunct", 2001), ("NAFTA", "defunct", 2020), ("USAID", "defunct", 2025),
])
def test_out_of_date_entries_say_so(ref, name, status, ended):
    entry = ref.lookup(name)
    assert (entry.status, entry.ended) == (status, ended)
    assert ref.lookup("MSNBC").renamed_to == "MS NOW"


def test_validate_catches_aliases_that_collide_after_normalisation():
    problems = validate(_doc(_entry("U.S. Alpha Agency"), _entry("Beta", ["US Alpha Agency"])))
    assert problems, "dots in U.S. must not hide a collision"
    problems = validate(_doc(_entry("Alpha Agency"), _entry("Beta", ["alpha agency"])))
    assert any("case-insensitively" in p for p in problems), problems


def test_validate_catches_empty_definition():
    problems = validate(_doc(_entry("Alpha Agency", definition="   ")))
    assert any("empty definition" in p for p in problems), problems


def test_validate_catches_unknown_kind():
    problems = validate(_doc(_entry("Alpha Agency", kind="spaceship")))
    assert any("unknown kind 'spaceship'" in p for p in problems), problems


def test_validate_catches_schema_problems():
    assert validate([]) != []
    assert validate({"version": 2, "entries": []}) != []
    assert validate({"version": 1}) != []
    missing = _entry("Alpha Agency")
    del missing["definition"]
    assert any("missing 'definition'" in p for p in validate(_doc(missing)))
    assert any("unknown region" in p for p in validate(_doc(_entry("A B", region="Canada"))))
    assert any("unknown keys" in p for p in validate(_doc({**_entry("A B"), "url": "x"})))
    assert any("aliases" in p for p in validate(_doc({**_entry("A B"), "aliases": "AB"})))
    assert any("empty term" in p for p in validate(_doc(_entry(""))))


def test_validate_catches_a_broken_copy_of_the_bundled_file(data):
    broken = copy.deepcopy(data)
    broken["entries"][5]["aliases"].append(broken["entries"][0]["aliases"][0])
    assert validate(broken) != []


# ----------------------------------------------------------------------------- loading
def test_default_load_is_cached():
    assert load_reference() is load_reference()


def test_load_from_a_path(tmp_path):
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(_doc(_entry("Alpha Agency", ["AA"]))), encoding="utf-8")
    ref = load_reference(path)
    assert len(ref) == 1 and ref.lookup("AA").term == "Alpha Agency"
    assert ref.lookup("aa") is None


def test_load_rejects_an_invalid_file(tmp_path):
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(_doc(_entry("Alpha Agency", kind="nope"))), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        load_reference(path)


def test_the_common_word_list_is_up_to_date():
    """assets/common_words.txt is built from the reference and WordNet (the model's lemmatizer
    tables): a new one-word name that is an English word ("Apple") must be in it."""
    import importlib.util
    import sys
    from companion.resources import ASSETS_DIR
    sys.path.insert(0, str(ASSETS_DIR))
    try:
        import build_common_words
    finally:
        sys.path.remove(str(ASSETS_DIR))
    try:
        words = build_common_words.english_words()
    except SystemExit:
        pytest.skip("no spaCy model with lemmatizer tables")
    assert (ASSETS_DIR / "common_words.txt").read_text(encoding="utf-8") == build_common_words.content(words)
    assert {"apple", "shell", "fed", "congress"} <= set(build_common_words.common_word_names(words))
    assert "reuters" not in build_common_words.common_word_names(words)
    assert importlib.util.find_spec("srsly") is not None


def test_names_written_in_lower_case_are_found_too():
    """A reader's own entry may be a lower-case word; the reference's names start with capitals."""
    ref = Reference([ReferenceEntry("tariffs", ("customs duty",), "user", "", "Taxes on imports.")])
    text = "New tariffs, a customs duty and Tariffs; not tariffsX."
    assert [text[s:e] for s, e, _ in ref.find_in_text(text)] == ["tariffs", "customs duty", "Tariffs"]
