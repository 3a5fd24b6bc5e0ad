"""The article's region (companion.core.region): countries, cities, demonyms, cues, currencies."""

from __future__ import annotations

import pytest

from companion.core.region import Region, infer_region, qualifier_country, region_label


@pytest.mark.parametrize("text, country", [
    ("Prime Minister Mark Carney spoke in Ottawa about Canada's trade with its partners.", "CA"),
    ("The Taoiseach told the Dáil that the budget would pass.", "IE"),
    ("MPs at Westminster debated the bill; the Treasury will find £20bn.", "GB"),
    ("The Bundestag in Berlin voted on the German budget.", "DE"),
    ("Shares in Mumbai fell as the rupee weakened; Indian officials said little.", "IN"),
    ("Senators on Capitol Hill and the governor of Texas disagreed.", "US"),
])
def test_the_main_country_comes_from_the_text(text, country):
    assert infer_region(text).country == country


def test_two_countries_of_equal_weight_give_no_main_country():
    region = infer_region("Officials in Washington and Ottawa met.")
    assert region.country is None
    assert region.mentions("US") and region.mentions("CA") and not region.mentions("UK")


def test_uk_and_eu_and_international_regions():
    region = infer_region("In London the pound rose against the euro; Paris and Berlin agreed.")
    assert region.mentions("UK")                      # the reference's "UK" is ISO "GB"
    assert region.mentions("EU")                      # the euro, France and Germany
    assert region.mentions("International")
    assert not infer_region("Fans at Lord's in London cheered.").mentions("EU")


def test_no_evidence_is_an_empty_region():
    region = infer_region("The committee met on Tuesday and agreed to meet again.")
    assert region == Region() and not region.known and region.country is None


def test_people_named_like_places_can_be_skipped():
    text = "Paris Hilton and Georgia Smith spoke to reporters."
    people = [(0, len("Paris Hilton")), (text.index("Georgia"), text.index(" spoke"))]
    assert infer_region(text).known
    assert not infer_region(text, skip=people).known


def test_generic_geographic_words_are_no_country():
    assert not infer_region("Refineries on the Gulf Coast closed.").known


def test_qualifiers():
    assert qualifier_country("Japan's") == ("country", "JP")
    assert qualifier_country("German") == ("country", "DE")
    assert qualifier_country("U.S.") == ("country", "US")
    assert qualifier_country("Texas") == ("local", "US")
    assert qualifier_country("Social") is None


def test_region_to_json_and_label():
    region = infer_region("Canada's minister spoke in Toronto, then flew to Ottawa.")
    assert region.to_json()["country"] == "CA" and "Canada" in region.to_json()["evidence"]
    assert region_label("CA") == "Canada" and region_label("UK") == "United Kingdom"
    assert region_label("EU") == "European Union" and region_label(None) == ""
