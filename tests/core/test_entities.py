"""Who is who, on spaCy-like raw mentions: the rules, without the model's moods."""

import re

import pytest

from companion.core.analysis import GlossaryEntry
from companion.core.entities import resolve_entities
from companion.core.nlp import RawMention


def raw(text: str, *marks: tuple[str, str], nth: int = 0) -> list[RawMention]:
    """RawMentions for every occurrence of each (surface, label) in text, like a model would give."""
    out = []
    for surface, label in marks:
        for m in re.finditer(re.escape(surface), text):
            out.append(RawMention(m.start(), m.end(), label))
    return sorted(out, key=lambda r: r.start)


def spans(mentions):
    return [(m.text, m.label, m.entity) for m in mentions]


def test_surname_misread_as_place_is_the_person_of_the_full_name():
    text = "Prime Minister Mark Carney arrived. Carney said little. Later Carney left."
    mentions, entities = resolve_entities(text, raw(text, ("Mark Carney", "PERSON"), ("Carney said", "GPE")))
    assert spans(mentions) == [("Mark Carney", "PERSON", "Mark Carney"),
                               ("Carney", "PERSON", "Mark Carney"),
                               ("Carney", "PERSON", "Mark Carney")]
    assert [(e.name, len(e.mentions)) for e in entities] == [("Mark Carney", 3)]


def test_titles_and_possessives_are_not_part_of_a_name():
    text = "President Donald Trump spoke. Mr. Trump’s tariffs stayed."
    mentions, _ = resolve_entities(text, raw(text, ("President Donald Trump", "PERSON"), ("Mr. Trump’s", "ORG")))
    assert spans(mentions) == [("Donald Trump", "PERSON", "Donald Trump"), ("Trump", "PERSON", "Donald Trump")]


def test_inner_possessive_splits_a_person_from_an_organization():
    text = "Donald Trump spoke. He led Trump’s National Economic Council."
    mentions, _ = resolve_entities(text, raw(text, ("Donald Trump", "PERSON"),
                                             ("Trump’s National Economic Council", "ORG")))
    assert spans(mentions)[1:] == [("Trump", "PERSON", "Donald Trump"),
                                   ("National Economic Council", "ORG", "National Economic Council")]


def test_the_administration_of_a_person_is_not_a_person_mention():
    text = "Donald Trump spoke. The Trump administration disagreed, but Trump did not."
    mentions, _ = resolve_entities(text, raw(text, ("Donald Trump", "PERSON"), ("Trump", "ORG")))
    assert [m.start for m in mentions] == [0, text.rindex("Trump")]


@pytest.mark.parametrize("first", ["Donald", "Melania"])
def test_shared_surname_never_merges_two_people_whatever_the_order(first):
    second = "Melania" if first == "Donald" else "Donald"
    text = f"{first} Trump arrived. Then {second} Trump spoke. Trump smiled."
    mentions, entities = resolve_entities(text, raw(text, (f"{first} Trump", "PERSON"),
                                                    (f"{second} Trump", "PERSON")))
    assert sorted(e.name for e in entities) == ["Donald Trump", "Melania Trump"]
    # a bare surname goes to the person named last before it
    assert mentions[-1].text == "Trump" and mentions[-1].entity == f"{second} Trump"


def test_longer_full_name_absorbs_shorter_variant_in_any_order():
    for text in ("Donald J. Trump won. Donald Trump spoke.", "Donald Trump spoke. Donald J. Trump won."):
        _, entities = resolve_entities(text, raw(text, ("Donald J. Trump", "PERSON"), ("Donald Trump", "PERSON")))
        assert [e.name for e in entities] == ["Donald J. Trump"]


def test_missed_mentions_of_a_known_alias_are_added():
    text = "Laura Dawson is an expert. Dawson said so. Later, Dawson agreed."
    mentions, _ = resolve_entities(text, raw(text, ("Laura Dawson", "PERSON")))
    assert [m.start for m in mentions] == [0, text.index("Dawson said"), text.rindex("Dawson")]


def test_all_caps_headline_names_are_found_through_running_text():
    text = "CARNEY MEETS TRUMP IN WASHINGTON\nMark Carney met Donald Trump."
    mentions, _ = resolve_entities(text, raw(text, ("CARNEY MEETS TRUMP", "PERSON"),
                                             ("Mark Carney", "PERSON"), ("Donald Trump", "PERSON")))
    assert spans(mentions)[:2] == [("CARNEY", "PERSON", "Mark Carney"), ("TRUMP", "PERSON", "Donald Trump")]


def test_acronym_and_long_form_are_one_organization():
    text = "Figures from U.S. Customs and Border Protection (CBP) show it. CBP said so."
    glossary = [GlossaryEntry("CBP", "U.S. Customs and Border Protection", None, "article")]
    mentions, entities = resolve_entities(
        text, raw(text, ("U.S. Customs and Border Protection", "ORG"), ("CBP", "ORG")), glossary)
    assert [e.name for e in entities] == ["U.S. Customs and Border Protection"]
    assert len(entities[0].mentions) == 3 and "CBP" in entities[0].aliases


def test_an_agreement_is_not_an_organization():
    text = "A new Canada-U.S.-Mexico Agreement (CUSMA) is due. CUSMA matters."
    glossary = [GlossaryEntry("CUSMA", "Canada-U.S.-Mexico Agreement", None, "article")]
    mentions, _ = resolve_entities(text, raw(text, ("CUSMA", "ORG")), glossary)
    assert mentions == []


def test_title_words_tagged_as_organization_are_dropped():
    text = "Secretary of State Marco Rubio spoke."
    mentions, _ = resolve_entities(text, raw(text, ("State", "ORG"), ("Marco Rubio", "PERSON")))
    assert spans(mentions) == [("Marco Rubio", "PERSON", "Marco Rubio")]


def test_single_name_gets_one_label_by_the_article_votes():
    text = "Zelenskyy spoke. President Zelenskyy left. Zelenskyy returned."
    marks = [RawMention(0, 9, "ORG"), RawMention(27, 36, "PERSON"), RawMention(43, 52, "GPE")]
    mentions, _ = resolve_entities(text, marks)
    assert [(m.text, m.label) for m in mentions] == [("Zelenskyy", "PERSON")] * 3


def test_places_stay_out():
    text = "Carney flew to Canada and Washington."
    mentions, _ = resolve_entities(text, raw(text, ("Canada", "GPE"), ("Washington", "GPE")))
    assert mentions == []


def test_roles_from_titles_appositions_and_copular_sentences():
    text = ("International Trade Minister Dominic LeBlanc met Laura Dawson. "
            "Laura Dawson is a Canada-U.S. relations expert and the executive director of the Future Borders Coalition.\n"
            "“Fine,” said Candace Laing, the CEO of the Canadian Chamber of Commerce.")
    _, entities = resolve_entities(text, raw(text, ("Dominic LeBlanc", "PERSON"), ("Laura Dawson", "PERSON"),
                                             ("Candace Laing", "PERSON")))
    roles = {e.name: e.role for e in entities if e.label == "PERSON"}
    assert roles == {"Dominic LeBlanc": "International Trade Minister",
                     "Laura Dawson": "executive director of the Future Borders Coalition",
                     "Candace Laing": "CEO of the Canadian Chamber of Commerce"}


def test_reader_corrections_relabel_merge_split_hide():
    from companion.core.corrections import Correction, apply_corrections
    from companion.core.entities import group_entities
    text = "Laura Dawson met Dawson Group. Dawson said so. Mark Carney and Carney agreed. Fox spoke."
    mentions, _ = resolve_entities(text, raw(text, ("Laura Dawson", "PERSON"), ("Mark Carney", "PERSON"),
                                             ("Fox", "ORG")))
    fixed = apply_corrections(mentions, [
        Correction("split", "Laura Dawson", alias="Dawson"),
        Correction("relabel", "Dawson", label="ORG"),
        Correction("merge", "Mark Carney", target="Laura Dawson"),
        Correction("hide", "Fox"),
    ])
    names = {(e.name, e.label, len(e.mentions)) for e in group_entities(text, fixed)}
    assert names == {("Laura Dawson", "PERSON", 3), ("Dawson", "ORG", 1)}


def test_corrections_refuse_nonsense():
    from companion.core.corrections import Correction
    for bad in (dict(op="rename", entity="X"), dict(op="relabel", entity="X", label="GPE"),
                dict(op="merge", entity="X"), dict(op="split", entity="X")):
        with pytest.raises(ValueError):
            Correction(**bad)


def test_what_follows_a_name_can_say_it_is_a_person():
    text = "Prosecutors charged Dallas Reed, the owner of Peachtree Paving, and Georgia Banks, who ran it."
    mentions, _ = resolve_entities(text, raw(text, ("Dallas Reed", "ORG"), ("Georgia Banks", "GPE"),
                                             ("Peachtree Paving", "ORG")))
    assert [(m.text, m.label) for m in mentions] == [("Dallas Reed", "PERSON"), ("Peachtree Paving", "ORG"),
                                                     ("Georgia Banks", "PERSON")]


def test_acronym_of_an_x_of_y_organization_is_an_organization_everywhere():
    text = "It was led by the Georgia Bureau of Investigation (GBI). Later the GBI said so."
    glossary = [GlossaryEntry("GBI", "Georgia Bureau of Investigation", None, "article",
                              mentions=[(18, 49), (51, 54), (text.rindex("GBI"), text.rindex("GBI") + 3)])]
    mentions, entities = resolve_entities(text, [], glossary)
    assert [m.text for m in mentions] == ["Georgia Bureau of Investigation", "GBI", "GBI"]
    assert {m.label for m in mentions} == {"ORG"} and len(entities) == 1
