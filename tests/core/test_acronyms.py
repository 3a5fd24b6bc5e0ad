import pytest

from companion.core.acronyms import find_acronyms, is_short_form


@pytest.mark.parametrize("sentence, expected", [
    ("The latest figures from U.S. Customs and Border Protection (CBP) show it.",
     [("CBP", "U.S. Customs and Border Protection")]),
    ("until they broker a new Canada-U.S.-Mexico Agreement (CUSMA) with Trump",
     [("CUSMA", "Canada-U.S.-Mexico Agreement")]),
    ("members of the Organization of the Petroleum Exporting Countries (OPEC) met",
     [("OPEC", "Organization of the Petroleum Exporting Countries")]),
    ("the NDP (New Democratic Party) said", [("NDP", "New Democratic Party")]),
    ("the International Monetary Fund, or IMF, warned", [("IMF", "International Monetary Fund")]),
    ("the IMF, the International Monetary Fund, warned", [("IMF", "International Monetary Fund")]),
    ("Organisation for Economic Co-operation and Development (OECD) data",
     [("OECD", "Organisation for Economic Co-operation and Development")]),
    ("the World Health Organization (“WHO”) said", [("WHO", "World Health Organization")]),
    ("the Bank of Canada (BoC) raised rates", [("BoC", "Bank of Canada")]),
    # letters inside words, or a word skipped (Schwartz & Hearst's rule, only if the strict fails)
    ("The England and Wales Cricket Board (ECB) named", [("ECB", "England and Wales Cricket Board")]),
    ("the Southeastern Conference (SEC) will", [("SEC", "Southeastern Conference")]),
    ("a long form broken across a Canadian International Trade\nTribunal (CITT) ruling",
     [("CITT", "Canadian International Trade\nTribunal")]),
    # must yield nothing
    ("said on Monday (AP) that", []),
    ("the vote in Ontario (ECB) was", []),
    ("the 2024 (record) year", []),
    ("said the agency (CBP) later", []),
    ("He met them (US) later", []),
    ("a total (2,000) of them", []),
])
def test_acronym_definitions(sentence, expected):
    assert [(p.short, p.long) for p in find_acronyms(sentence)] == expected


def test_offsets_point_into_the_text():
    text = "Figures from U.S. Customs and Border Protection (CBP) show it."
    (pair,) = find_acronyms(text)
    assert text[pair.long_start:pair.long_end] == pair.long
    assert text[pair.short_start:pair.short_start + 3] == "CBP"


def test_short_form_shape():
    assert is_short_form("CUSMA") and is_short_form("BoC") and is_short_form("U.S.")
    assert not is_short_form("record") and not is_short_form("2024") and not is_short_form("A")
