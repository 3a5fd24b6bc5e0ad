"""The kinds of names the small model gets wrong on real news (issue 13), rule by rule, on
spaCy-like raw mentions: no model, so each rule is seen alone."""

import logging
import re

from companion.core.analysis import GlossaryEntry
from companion.core.entities import resolve_mentions
from companion.core.nlp import RawMention


def raw(text: str, *marks: tuple[str, str]) -> list[RawMention]:
    out = []
    for surface, label in marks:
        for m in re.finditer(re.escape(surface), text):
            out.append(RawMention(m.start(), m.end(), label))
    return sorted(out, key=lambda r: r.start)


def found(text: str, *marks: tuple[str, str], glossary=None) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in resolve_mentions(text, raw(text, *marks), glossary)]


# -- the vote counts every reading, and knowledge ---------------------------------------------------

def test_a_place_read_once_as_a_person_is_never_a_person():
    text = "In São Paulo, smoke. São Paulo schools closed. São Paulo said so. Back in São Paulo, rain."
    marks = raw(text, ("São Paulo", "GPE"))
    marks[2] = RawMention(marks[2].start, marks[2].end, "PERSON")  # the model's one minority reading
    assert resolve_mentions(text, marks) == []


def test_a_known_place_alone_is_no_person_but_a_full_name_keeps_its_surname():
    assert found("Fires spread in Amazonas on Monday.", ("Amazonas", "PERSON")) == []
    text = "Georgia Banks testified. Later Banks left."
    assert found(text, ("Georgia Banks", "PERSON"), ("Banks", "PERSON")) == [("Georgia Banks", "PERSON"),
                                                                           ("Banks", "PERSON")]


def test_split_evidence_gives_no_highlight():
    text = "Harlow grew. Later Harlow voted."
    first, second = (m.start() for m in re.finditer("Harlow", text))
    marks = [RawMention(first, first + 6, "ORG"), RawMention(second, second + 6, "GPE")]
    assert resolve_mentions(text, marks) == []
    marks = [RawMention(first, first + 6, "ORG"), RawMention(second, second + 6, "ORG")]
    assert [m.label for m in resolve_mentions(text, marks)] == ["ORG", "ORG"]


def test_an_acronym_defined_as_an_organization_is_one_at_every_mention():
    text = "The Screen Actors Guild (SAG) struck. SAG said no. SAG marched."
    starts = [m.start() for m in re.finditer("SAG", text)]
    glossary = [GlossaryEntry("SAG", "Screen Actors Guild", None, "article",
                              mentions=[(s, s + 3) for s in starts])]
    result = found(text, ("SAG", "PERSON"), ("Screen Actors Guild", "ORG"), glossary=glossary)
    assert result == [("Screen Actors Guild", "ORG")] + [("SAG", "ORG")] * 3


# -- headlines, lines, lists ---------------------------------------------------------------------

def test_a_title_case_headline_is_not_one_long_name():
    text = "Elon Musk Settles SEC Fraud Charges With Regulators\n\nThe SEC said Elon Musk agreed."
    body = text.rindex("Elon Musk")
    marks = raw(text, ("Settles SEC Fraud Charges", "ORG"), ("The SEC", "ORG"))
    result = [(m.text, m.label) for m in resolve_mentions(text, marks + [RawMention(body, body + 9, "PERSON")])]
    assert ("Settles SEC Fraud Charges", "ORG") not in result and ("Elon Musk Settles", "ORG") not in result
    assert result[:2] == [("Elon Musk", "PERSON"), ("SEC", "ORG")]


def test_a_name_never_runs_across_a_line_end():
    text = "Federal Housing Finance Agency\nSecurities and Exchange Commission\n"
    result = found(text, ("Federal Housing Finance Agency\nSecurities and Exchange Commission", "ORG"))
    assert result == [("Federal Housing Finance Agency", "ORG"), ("Securities and Exchange Commission", "ORG")]


def test_items_of_a_list_are_split():
    text = "Advisers were Goldman Sachs, Morgan Stanley, Lazard and Evercore."
    result = found(text, ("Goldman Sachs", "ORG"), ("Morgan Stanley", "ORG"), ("Lazard and Evercore", "ORG"))
    assert result[-2:] == [("Lazard", "ORG"), ("Evercore", "ORG")]


# -- teams and known bodies ------------------------------------------------------------------------

def test_teams_and_their_nicknames_are_organizations_even_unseen_by_the_model():
    text = "The Toronto Raptors beat the Celtics 110-98 in overtime. The Maple Leafs lost the game."
    assert found(text, ("Toronto Raptors", "PERSON")) == [("Toronto Raptors", "ORG"), ("Celtics", "ORG"),
                                                        ("Maple Leafs", "ORG")]


def test_a_nickname_that_is_a_word_or_a_city_needs_an_article_about_sport():
    assert found("The Heat rose and Arsenal ships sailed from Chelsea.") == []
    text = "Arsenal beat Chelsea 2-1 in the league match; the Gunners scored late in the game, said the coach."
    assert found(text) == [("Arsenal", "ORG"), ("Chelsea", "ORG"), ("Gunners", "ORG")]


def test_known_institutions_are_found_but_a_person_keeps_his_surname():
    text = "The SEC fined the bank. Nikola Tesla was an inventor; Tesla died in 1943."
    result = found(text, ("Nikola Tesla", "PERSON"))
    assert ("SEC", "ORG") in result and ("Tesla", "PERSON") in result and ("Tesla", "ORG") not in result


def test_a_handle_is_no_person():
    assert found("@WHO posted an update.", ("@WHO", "PERSON")) == [("WHO", "ORG")]


# -- names, titles, parties, places ----------------------------------------------------------------

def test_names_with_particles_are_kept_whole():
    text = "Ursula von der Leyen spoke."
    assert found(text, ("Ursula von der", "PERSON"), ("Leyen", "GPE")) == [("Ursula von der Leyen", "PERSON")]


def test_a_department_word_of_a_title_is_no_organization():
    text = "Commerce Secretary Howard Lutnick spoke."
    assert found(text, ("Commerce", "ORG"), ("Howard Lutnick", "PERSON")) == [("Howard Lutnick", "PERSON")]


def test_province_codes_and_electoral_districts_are_no_organizations():
    text = "The BC NDP won Vancouver-Point Grey. BC voters cheered."
    result = found(text, ("BC", "ORG"), ("Vancouver-Point Grey", "ORG"))
    assert result == [("BC NDP", "ORG")]


def test_parties_by_their_plural_and_the_river_not_the_company():
    text = "The Greens gained; fires raged across the Amazon."
    assert found(text, ("Greens", "NORP"), ("Amazon", "ORG")) == [("Greens", "ORG")]


def test_titles_of_works_are_neither_people_nor_organizations_but_bands_are_bodies():
    text = "Prince's album Purple Rain sold. Her song “Blue Moon” charted. The band Killing Joke toured."
    result = found(text, ("Purple Rain", "PERSON"), ("Blue Moon", "ORG"), ("Killing Joke", "PERSON"))
    assert result == [("Killing Joke", "ORG")]


def test_bylines_and_credentials_say_a_person():
    text = "By Jane Smith Staff Reporter\nThe drug helps, said John Carter, MD, a cardiologist."
    assert found(text, ("John Carter", "ORG")) == [("Jane Smith", "PERSON"), ("John Carter", "PERSON")]


def test_a_word_the_article_also_writes_in_lower_case_is_no_name():
    text = "He built a studio. Studio opened in May."
    assert found(text, ("Studio", "PERSON")) == []


# -- the knowledge files --------------------------------------------------------------------------

def test_an_unreadable_teams_file_is_one_warning_not_a_crash(tmp_path, monkeypatch, caplog):
    from companion.core import knowledge
    bad = tmp_path / "sports_teams.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(knowledge, "TEAMS_FILE", bad)
    knowledge._teams.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert knowledge.find_teams("The Toronto Maple Leafs won the game.") == []
        assert "unreadable" in caplog.text
    finally:
        knowledge._teams.cache_clear()


def test_the_teams_source_builds_and_refuses_a_bad_line():
    import importlib.util

    import pytest
    from companion.resources import ASSETS_DIR
    spec = importlib.util.spec_from_file_location("build_teams", ASSETS_DIR / "build_teams.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    data = build.parse(["@NHL", "Boston Bruins|Bruins|B's"])
    assert data["leagues"]["NHL"] == [{"name": "Boston Bruins", "short": ["Bruins"], "context": ["B's"]}]
    with pytest.raises(ValueError):
        build.parse(["Boston Bruins only"])
    built = build.parse((ASSETS_DIR / "sports_teams.txt").read_text(encoding="utf-8").splitlines())
    import json
    assert json.loads((ASSETS_DIR / "sports_teams.json").read_text(encoding="utf-8")) == built


def test_a_name_ends_on_no_small_word_and_two_names_after_a_comma_are_two():
    text = "He joined Standard Oil Company of Ohio. Times Literary Supplement, Poetry printed it. Tesla, Inc. rose."
    result = found(text, ("Standard Oil Company of", "ORG"), ("Times Literary Supplement, Poetry", "ORG"),
                   ("Tesla, Inc.", "ORG"))
    assert result == [("Standard Oil Company", "ORG"), ("Times Literary Supplement", "ORG"), ("Poetry", "ORG"),
                      ("Tesla, Inc.", "ORG")]


def test_a_possessive_of_a_title_or_a_group_stays_inside_the_name():
    text = "The Women's Institute met the U.S. Attorney's Office today."
    result = found(text, ("Women's Institute", "ORG"), ("U.S. Attorney's Office", "ORG"))
    assert result == [("Women's Institute", "ORG"), ("U.S. Attorney's Office", "ORG")]


def test_the_head_of_an_organization_name_names_it_again():
    text = "The Australian League of Rights met. The League said so; the league season ended."
    result = resolve_mentions(text, raw(text, ("Australian League of Rights", "ORG")))
    assert [(m.text, m.entity) for m in result] == [("Australian League of Rights", "Australian League of Rights"),
                                                   ("League", "Australian League of Rights")]


def test_a_piece_of_a_known_team_name_is_the_team():
    text = "He was dealt to the St. Louis Cardinals in 1972."
    assert found(text, ("Louis Cardinals", "PERSON")) == [("St. Louis Cardinals", "ORG")]


def test_items_of_one_list_are_of_one_kind():
    text = "Advisers were Goldman Sachs, Morgan Stanley, Lazard and Evercore."
    result = found(text, ("Goldman Sachs", "ORG"), ("Morgan Stanley", "ORG"), ("Lazard", "PERSON"),
                   ("Evercore", "ORG"))
    assert result == [("Goldman Sachs", "ORG"), ("Morgan Stanley", "ORG"), ("Lazard", "ORG"), ("Evercore", "ORG")]
    text = "Guests were Ann Lee, Bo Chen and Cy Young."  # no majority of the other kind: unchanged
    assert found(text, ("Ann Lee", "PERSON"), ("Bo Chen", "PERSON"), ("Cy Young", "PERSON")) == [
        ("Ann Lee", "PERSON"), ("Bo Chen", "PERSON"), ("Cy Young", "PERSON")]


def test_products_and_dates_are_neither_people_nor_organizations():
    text = ("The FDA approved Adlyxin on Monday. Mylotarg (gemtuzumab ozogamicin) followed on July 28.\n"
            "It was written by Henrique Lopes de Mendonça (lyrics).")
    result = found(text, ("Adlyxin", "PERSON"), ("Mylotarg", "ORG"), ("July 28", "ORG"), ("Monday", "PERSON"),
                   ("Henrique Lopes de Mendonça", "PERSON"))
    assert result == [("FDA", "ORG"), ("Henrique Lopes de Mendonça", "PERSON")]


def test_a_person_with_credentials_stands_in_a_title_case_line():
    text = "Statement From Peter Marks, M.D., Director, FDA’s Center For Biologics\n\nThe FDA said so."
    assert ("Peter Marks", "PERSON") in found(text, ("Peter Marks", "PERSON"))


def test_the_name_of_a_company_without_its_legal_form_is_the_company():
    text = "Eberhard Faber GmbH makes pencils. Eberhard Faber grew."
    second = text.rindex("Eberhard Faber")
    marks = raw(text, ("Eberhard Faber GmbH", "ORG")) + [RawMention(second, second + 14, "PERSON")]
    assert [(m.text, m.label) for m in resolve_mentions(text, marks)] == [("Eberhard Faber GmbH", "ORG"),
                                                                         ("Eberhard Faber", "ORG")]


def test_title_case_headlines_are_told_from_sentences_and_names():
    from companion.core.names import is_title_case_line
    assert is_title_case_line("Fed Signals Pause as Inflation Cools")
    assert is_title_case_line("Jim Burns, Deputy Director of Trading and Markets, to Leave SEC")
    assert not is_title_case_line("The SEC today charged a Citigroup unit.")
    assert not is_title_case_line("Carney meets Trump in Washington")
    assert not is_title_case_line("CARNEY MEETS TRUMP IN WASHINGTON")
