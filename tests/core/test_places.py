"""Places from the bundled gazetteer (built from pycountry and GeoNames)."""

from companion.core.places import country_of, country_of_demonym, is_country, is_place, lookup_place


def test_countries_by_everyday_and_iso_names():
    assert country_of("Japan") == "JP"
    assert country_of("the United States") == "US"
    assert country_of("U.S.") == "US"
    assert country_of("Britain") == "GB"
    assert country_of("the Netherlands") == "NL"
    assert is_country("Germany") and not is_country("Ottawa")


def test_subdivisions_and_cities_point_to_their_country():
    assert country_of("British Columbia") == "CA"
    assert country_of("Quebec") == "CA"  # accents folded: "Québec" in ISO
    assert country_of("Ottawa") == "CA"
    assert country_of("São Paulo") == "BR"
    assert country_of("Mumbai") == "IN"


def test_a_name_in_several_countries_points_to_none():
    assert country_of("Vancouver") is None  # Vancouver, BC and Vancouver, Washington
    assert country_of("London") == "GB"  # London, Ontario is far smaller
    assert country_of("Georgia") == "GE"  # the country before the U.S. state
    assert {p.kind for p in lookup_place("Georgia")} == {"country", "subdivision"}


def test_ordinary_words_are_no_places():
    for word in ("Reuters", "Parliament", "Minister", "the", ""):
        assert not is_place(word)


def test_demonyms():
    assert country_of_demonym("Canadian") == "CA"
    assert country_of_demonym("South Korean") == "KR"
    assert country_of_demonym("Minister") is None
