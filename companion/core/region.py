"""The article's region: which countries a text is about, inferred once from its own words.

Evidence, each with a weight: country names and their possessives ("Canada's"), cities and
first-level subdivisions that lie in one country ("Ottawa", "Texas"), demonyms ("Canadian"),
seats of government and leaders' titles ("Westminster", "Taoiseach", "Bundestag"), currencies
("C$", "£", "euros", "rupees"), and British or American spelling (a weak hint).  Places come from
companion.core.places (pycountry and GeoNames); this module adds only the political cues.

Country codes are ISO 3166-1 alpha-2 ("GB", not "UK"); "EU" stands for the European Union as a
whole (its institutions, the euro) and is also implied by a member state.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from typing import Iterable

from companion.core.places import PLACES_FILE, country_of_demonym, lookup_place

EU_MEMBERS = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI "
                       "ES SE".split())
# Reference regions that are not ISO codes.
REGION_CODES = {"UK": "GB"}

# Seats of government, parliaments and titles that name one country (general knowledge).
_CUES: dict[str, dict[str, float]] = {
    "Westminster": {"GB": 1.5}, "Downing Street": {"GB": 1.5}, "Whitehall": {"GB": 1},
    "Holyrood": {"GB": 1}, "Stormont": {"GB": 1}, "MSP": {"GB": 1}, "MSPs": {"GB": 1},
    "Capitol Hill": {"US": 1.5}, "Wall Street": {"US": 1}, "Oval Office": {"US": 1},
    "Congressman": {"US": 1}, "Congresswoman": {"US": 1}, "Pentagon": {"US": 1},
    "Parliament Hill": {"CA": 1.5}, "Queen's Park": {"CA": 1}, "Rideau Hall": {"CA": 1},
    "Taoiseach": {"IE": 2}, "Tánaiste": {"IE": 2}, "Tanaiste": {"IE": 2}, "Dáil": {"IE": 2},
    "Dail": {"IE": 1}, "Oireachtas": {"IE": 2}, "Bundestag": {"DE": 2}, "Bundesrat": {"DE": 1},
    "Élysée": {"FR": 1.5}, "Elysee": {"FR": 1.5}, "Matignon": {"FR": 1},
    "Kremlin": {"RU": 1.5}, "Duma": {"RU": 1}, "Knesset": {"IL": 2}, "Lok Sabha": {"IN": 2},
    "Rajya Sabha": {"IN": 2}, "Zhongnanhai": {"CN": 1}, "Diet": {}, "MEP": {"EU": 1},
    "MEPs": {"EU": 1}, "Eurozone": {"EU": 1}, "eurozone": {"EU": 1}, "euro zone": {"EU": 1},
    "European Union": {"EU": 1.5}, "EU": {"EU": 1}, "Brussels": {"EU": 0.5},
}
_CURRENCIES: tuple[tuple[re.Pattern, str, float], ...] = tuple(
    (re.compile(pattern), code, weight) for pattern, code, weight in (
        (r"(?<![A-Za-z])C\$", "CA", 1.5), (r"(?<![A-Za-z])US\$", "US", 1.5),
        (r"(?<![A-Za-z])A\$", "AU", 1.5), (r"(?<![A-Za-z])NZ\$", "NZ", 1.5),
        (r"(?<![A-Za-z])HK\$", "HK", 1.5), (r"(?<![A-Za-z])R\$", "BR", 1.5),
        (r"£", "GB", 1), (r"\bpounds? sterling\b", "GB", 1), (r"€", "EU", 1),
        (r"\beuros?\b", "EU", 1), (r"₹", "IN", 1), (r"\brupees?\b", "IN", 1),
        (r"\b(?:crore|lakh)\b", "IN", 1), (r"¥|\byen\b", "JP", 1), (r"\b(?:yuan|renminbi)\b", "CN", 1),
        (r"\b(?:roubles?|rubles?)\b", "RU", 1), (r"\bshekels?\b", "IL", 1), (r"\bzloty\b", "PL", 1),
        (r"\bforints?\b", "HU", 1), (r"\bTurkish lira\b", "TR", 1), (r"\bthe rand\b", "ZA", 1),
        (r"\bkronor\b", "SE", 1),
    ))
_BRITISH = re.compile(r"\b(?:colour|favour|honour|neighbour|labour(?:ed|ing)?|centre|theatre|"
                      r"defence|programme|organis(?:e|ed|ation|ations)|realis(?:e|ed)|travelled|"
                      r"per cent|tyre|cheque|aluminium)s?\b")
_AMERICAN = re.compile(r"\b(?:color|favor|honor|neighbor|labor(?:ed|ing)?|center|theater|defense|"
                       r"traveled|percent|tire|aluminum)s?\b")
# A capitalised name of one to three words ("New South Wales", "U.S.", "Canada's"); "of"/"de"
# may join them ("Isle of Man").
_NAME = re.compile(r"(?<![\w.])((?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’'.-]*)"
                   r"(?:\s(?:of\s|de\s|the\s)?(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’'.-]*)){0,2})")
_POSSESSIVE = re.compile(r"['’]s$")
# Generic geographic words GeoNames also has as a region's name ("Gulf" in Papua New Guinea).
_GENERIC_PLACE_WORDS = frozenset("""gulf coast central north south east west eastern western northern
southern capital lakes islands island northwest northeast southwest southeast border upper lower
mountain highlands valley river delta plateau centre center littoral atlantic pacific midlands
interior federal national greater region""".split())
_MAX_SCAN = 60_000           # characters read: an article says where it is long before 60 KB


@dataclass(frozen=True)
class Region:
    """Countries a text is about, best first, with the words that say so."""
    scores: tuple[tuple[str, float], ...] = ()      # (ISO code or "EU", weight), best first
    spelling: str | None = None                       # "british" | "american" | None
    evidence: tuple[str, ...] = ()                    # the strongest cues, for display

    @property
    def country(self) -> str | None:
        """The main country, when one clearly leads (at least 1.5 times the next); else None."""
        ranked = [(c, s) for c, s in self.scores if c != "EU"]
        if not ranked or ranked[0][1] < 1:
            return None
        if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
            return None
        return ranked[0][0]

    def score(self, code: str) -> float:
        return dict(self.scores).get(REGION_CODES.get(code, code), 0.0)

    def mentions(self, region: str) -> bool:
        """Whether a reference region ("CA", "UK", "EU", "International") fits this text."""
        if region == "International":
            return True
        code = REGION_CODES.get(region, region)
        if code == "EU":
            return any(c == "EU" or c in EU_MEMBERS for c, _ in self.scores)
        return self.score(code) > 0

    @property
    def known(self) -> bool:
        return bool(self.scores)

    def to_json(self) -> dict:
        return {"country": self.country, "countries": [c for c, _ in self.scores[:5]],
                "evidence": list(self.evidence)}


def region_label(code: str | None) -> str:
    """"CA" → "Canada", "UK" → "United Kingdom", "EU" → "European Union" (for a status bar);
    "" for None.  Names from the bundled places (pycountry's, written out at build time)."""
    if not code:
        return ""
    code = REGION_CODES.get(code, code)
    return _LABELS.get(code) or _country_names().get(code, code)


_LABELS = {"EU": "European Union", "GB": "United Kingdom", "US": "United States"}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO code → the shortest plain name of the country ("KR" → "Korea", "VN" → "Vietnam")."""
    try:
        countries = json.loads(PLACES_FILE.read_text(encoding="utf-8"))["countries"]
    except (OSError, ValueError, KeyError):
        return {}
    names: dict[str, str] = {}
    for name, codes in countries.items():
        if "," in name or "." in name or name.isupper() or not name[:1].isupper():
            continue
        for c in codes:
            if c not in names or len(name) < len(names[c]):
                names[c] = name
    return names


def infer_region(text: str, *, skip: Iterable[tuple[int, int]] = (),
                 extra: Iterable[tuple[str, float, str]] = ()) -> Region:
    """The region of `text`. `skip` holds spans that are not places (people: "Paris Hilton");
    `extra` adds (code, weight, word) evidence found by the caller (a national body's name)."""
    text = text[:_MAX_SCAN]
    skipped = sorted(skip)
    scores: dict[str, float] = {}
    cues: dict[str, float] = {}

    def add(code: str | None, weight: float, word: str) -> None:
        if code and weight:
            scores[code] = scores.get(code, 0.0) + weight
            cues[word] = cues.get(word, 0.0) + weight

    seen: dict[str, list[tuple[str, str | None, float]]] = {}
    for m in _NAME.finditer(text):
        if skipped and _inside(m.start(), skipped):
            continue
        name = m.group(1)
        found = seen.get(name)
        if found is None:
            found = seen[name] = _names_in(name)
        for word, code, weight in found:
            add(code, weight, word)
    for cue, codes in _CUES.items():
        if " " in cue or cue in ("EU", "Diet"):
            count = text.count(cue)
        else:
            count = len(re.findall(rf"(?<!\w){re.escape(cue)}(?!\w)", text)) if cue in text else 0
        for code, weight in codes.items():
            add(code, weight * count, cue)
    for pattern, code, weight in _CURRENCIES:
        count = len(pattern.findall(text))
        add(code, weight * count, pattern.pattern.split("\\b")[-2] if "\\b" in pattern.pattern
            else pattern.pattern.replace("(?<![A-Za-z])", "").replace("\\", ""))
    for code, weight, word in extra:
        add(REGION_CODES.get(code, code), weight, word)
    british, american = len(_BRITISH.findall(text)), len(_AMERICAN.findall(text))
    spelling = ("british" if british >= 2 and british >= 2 * american else
                "american" if american >= 2 and american >= 2 * british else None)
    if spelling == "american":
        add("US", 0.5, "American spelling")
    ranked = tuple(sorted(((c, round(s, 2)) for c, s in scores.items()), key=lambda cs: -cs[1]))
    evidence = tuple(w for w, _ in sorted(cues.items(), key=lambda ws: -ws[1])[:5])
    return Region(ranked, spelling, evidence)


def _names_in(name: str) -> list[tuple[str, str | None, float]]:
    """(word, country, weight) for the places and demonyms in a capitalised name, longest first:
    "New South Wales" once, not also "Wales"; "Canada's" counts as "Canada", a little more."""
    words = name.split()
    out: list[tuple[str, str | None, float]] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            piece = " ".join(words[i:j])
            possessive = bool(_POSSESSIVE.search(piece))
            bare = _POSSESSIVE.sub("", piece)
            if bare.lower() in ("of", "de", "the"):
                continue
            found = _place_countries(bare) or _place_countries(bare.rstrip(".,"))
            if found:
                for code, weight in found:
                    out.append((bare, code, weight + (0.5 if possessive and len(found) == 1 else 0)))
                i = j
                break
            demonym = country_of_demonym(bare) if j == i + 1 or " " in bare else None
            if demonym:
                out.append((bare, demonym, 0.7))
                i = j
                break
        else:
            i += 1
    return out


def _place_countries(name: str) -> list[tuple[str, float]]:
    """The countries a place name points to, with weights: a country name 1; a city or region in
    one country 1; a name found in several countries ("Manchester", "Hamilton") shares less."""
    if name.casefold() in _GENERIC_PLACE_WORDS:
        return []
    places = lookup_place(name)
    if not places:
        return []
    for place in places:
        if place.kind == "country":
            return [(place.country, 1.0)] if place.country else []
    codes = sorted({c for place in places for c in place.countries})
    return [(code, 1.0 if len(codes) == 1 else 0.8 / len(codes)) for code in codes]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def qualifier_country(word: str) -> tuple[str, str] | None:
    """What a word before a name says about it: ("country", code) for "Canada's", "Japanese",
    "U.S."; ("local", code) for a city or subdivision ("Texas", "New York"); None otherwise."""
    bare = _POSSESSIVE.sub("", word).strip()
    if not bare:
        return None
    places = lookup_place(bare)
    for place in places:
        if place.kind == "country":
            return ("country", place.country) if place.country else None
    if places:
        codes = {c for place in places for c in place.countries}
        return ("local", next(iter(codes)) if len(codes) == 1 else "")
    demonym = country_of_demonym(bare)
    return ("country", demonym) if demonym else None
