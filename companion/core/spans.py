"""One mention at a time: what the words around a span say it is, before any vote.

The model's span and label are corrected by the words next to them, never by lists of names:
- "@WHO" is a handle, not a person;
- "Ursula von der" + "Leyen": a person's name does not end on a particle;
- "Lazard and Evercore" after "Goldman Sachs, Morgan Stanley,": two items of a list;
- "Commerce" of "Commerce Secretary" is part of a title; "BC" of "BC NDP" a province;
  "Vancouver-Point Grey" an electoral district; "St. Paul" a city;
- "the Greens", "the Conservatives": parties, not nationalities;
- "the Amazon": the river and forest, not the company;
- a title in quotes, or after "album", "film", "book": a work; after "band", "law firm": a body.
"""

from __future__ import annotations

import re

from companion.core.names import is_title_word
from companion.core.places import lookup_place

PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "bin",
                       "al", "ibn", "du", "dos", "das", "ter", "ben", "bint", "el", "zu", "vom"})
# Departments whose name opens a title: "Commerce Secretary", "Defence Minister".
DEPARTMENT_WORDS = frozenset("""commerce treasury defense defence state energy interior labor labour justice
education health transportation transport agriculture foreign home finance trade environment housing
veterans""".split())
TITLE_AFTER_DEPARTMENT = frozenset({"secretary", "minister", "undersecretary", "chancellor", "commissioner",
                                    "critic", "spokesperson", "spokesman", "spokeswoman"})
# Provinces, states and territories by their postal abbreviations (Canada, United States, Australia).
SUBDIVISION_CODES = frozenset("""AB BC MB NB NL NS NT NU ON PE QC SK YT AL AK AZ AR CA CO CT DE FL GA HI ID
IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA
WV WI WY DC NSW VIC QLD TAS ACT""".split())
# Parties by the plural their members go by ("the Greens"); words, not names of any one party.
PARTY_PLURALS = frozenset("""Greens Conservatives Liberals Democrats Republicans Tories Socialists
Nationalists Unionists Christian Social Free Labour Labor Communists Liberal Democrats Lib Dems""".split()
                          ) - {"Christian", "Social", "Free", "Liberal", "Lib"}
# Natural features readers meet in news, written for this project: "the Amazon" is the river/forest.
NATURAL_FEATURES = frozenset("""Amazon Nile Congo Danube Rhine Mississippi Missouri Yangtze Ganges Indus
Mekong Thames Seine Volga Jordan Euphrates Tigris Zambezi Niger Orinoco Colorado Rio Grande Yukon
Sahara Sahel Himalayas Alps Andes Rockies Urals Pyrenees Arctic Antarctic Pacific Atlantic Mediterranean
Baltic Caribbean Everglades Outback Serengeti Gobi Balkans Caucasus""".split())
WORK_CUES = re.compile(r"\b(?:album|albums|single|song|songs|track|EP|film|films|movie|movies|book|books|"
                       r"novel|novels|memoir|series|show|sitcom|documentary|opera|musical|play|poem|"
                       r"painting|video game|game|podcast|titled|entitled)\s*,?\s*$", re.IGNORECASE)
BODY_CUES = re.compile(r"\b(?:band|bands|group|duo|trio|quartet|orchestra|choir|label|law firm|firm|"
                       r"club|team|company|agency|studio|network|broadcaster|newspaper|magazine|"
                       r"publisher|startup|charity|union|party|school|university)\s*,?\s*$", re.IGNORECASE)
CORPORATE_SUFFIX = re.compile(r"(?:Inc|Ltd|LLC|LLP|L\.P|Co|Corp|Corporation|plc|PLC|S\.A|AG|N\.V|GmbH|"
                              r"Limited|Pty Ltd|S\.p\.A|SE|LP)\.?")
# "July 28" (a month alone may be a name: Theresa May), "Monday".
DATE_WORDS = re.compile(r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}"
                        r"(?:st|nd|rd|th)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
# What a product is said to be: approved, recalled, a biosimilar to; followed by its generic name.
PRODUCT_CUES = re.compile(r"\b(?:approves|approved|approve|approval\s+of|recalls|recalled|biosimilar\s+to|"
                          r"generic\s+version\s+of|brand\s+name)\s+(?:the\s+)?$")
# "(gemtuzumab ozogamicin)", "(insulin lispro injection)": a generic drug name in brackets.
GENERIC_AFTER = re.compile(r"\s*\((?:[a-z-]+\s+){0,3}[a-z-]*(?:mab|nib|tide|vir|zole|pril|sartan|statin|cillin|"
                           r"mycin|parin|caine|olol|dipine|cept|insulin|injection|tablets|capsules)"
                           r"(?:\s+[a-z-]+){0,3}\)")
_TWO_BY_COMMA = re.compile(r"([^,]+),\s+([^,]+)$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_OPEN_QUOTES, _CLOSE_QUOTES = "“\"‘'«", "”\"’'»"


def refine(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The spans and labels a model mention stands for after reading its neighbours (maybe none)."""
    span = text[start:end]
    if text[start:start + 1] == "@" or text[start - 1:start] == "@":
        return []  # a handle ("@WHO"): the body it names is found by its own name
    words = span.split()
    if not words:
        return []
    before = text[max(0, start - 40):start]
    if label == "PERSON" and words[-1] in PARTICLES:
        more = re.match(r"(?:\s+[A-Z][\w'’-]*)+", text[end:end + 60])
        if more:
            return [(start, end + more.end(), "PERSON")]
    if label in ("ORG", "PERSON") and before.rstrip().endswith(","):
        parts = re.split(r"\s+(?:and|&)\s+", span)
        if len(parts) == 2 and all(re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?", p) for p in parts):
            second = start + span.rindex(parts[1])
            return [(start, start + len(parts[0]), label), (second, end, label)]
    comma = _TWO_BY_COMMA.match(span) if "," in span else None
    if label in ("ORG", "PERSON") and comma and len(comma.group(1).split()) >= 2 \
            and not CORPORATE_SUFFIX.fullmatch(comma.group(2)) and comma.group(2)[:1].isupper():
        # "Times Literary Supplement, Poetry": two names; "Tesla, Inc." and "Skadden, Arps" one
        return [(start, start + comma.end(1), label), (start + comma.start(2), end, label)]
    if label == "ORG" and len(words) == 1 and span.lower() in DEPARTMENT_WORDS:
        after = re.match(r"\s+([A-Za-z-]+)", text[end:end + 30])
        if after and after.group(1).lower() in TITLE_AFTER_DEPARTMENT:
            return []  # "Commerce Secretary Howard Lutnick"
    if span in SUBDIVISION_CODES:
        acronym = re.match(r"\s+([A-Z]{2,6})\b", text[end:end + 10])
        return [(start, end + acronym.end(), "ORG")] if acronym and label == "ORG" else []
    if label == "ORG" and re.fullmatch(r"[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*)*-[A-Z][\w'’]*(?:\s[A-Z][\w'’]*)*",
                                       span) and lookup_place(span.split("-")[0]):
        return []  # "Vancouver-Point Grey": an electoral district
    if label != "ORG" and saint_place(span) and lookup_place(" ".join(["Saint"] + words[1:])):
        return []  # "St. Paul, Minnesota": the city, not Paul
    if label in ("ORG", "PERSON") and DATE_WORDS.fullmatch(span):
        return []  # "July 28", "Monday": a date
    if label in ("ORG", "PERSON", "WORK_OF_ART") and (PRODUCT_CUES.search(before)
                                                    or GENERIC_AFTER.match(text, end)):
        return [(start, end, "PRODUCT")]  # "FDA approves Adlyxin", "Mylotarg (gemtuzumab ozogamicin)"
    the_before = bool(_THE_BEFORE.search(before))
    if the_before and span in PARTY_PLURALS and label in ("NORP", "ORG", "PERSON", "GPE"):
        return [(start, end, "ORG")]
    if the_before and span in NATURAL_FEATURES:
        return [(start, end, "LOC")]
    if label in ("PERSON", "ORG") and _quoted(text, start, end) and not _inside_name(text, start):
        return [(start, end, "WORK_OF_ART")]
    if label in ("PERSON", "ORG") and WORK_CUES.search(before):
        return [(start, end, "WORK_OF_ART")]
    if label in ("PERSON", "WORK_OF_ART", "PRODUCT", "NORP") and BODY_CUES.search(before):
        return [(start, end, "ORG")]
    return [(start, end, label)]


def saint_place(span: str) -> bool:
    """"St. Louis …", "St Paul": a name that opens with a saint's place, not an honorific."""
    words = span.split()
    return len(words) >= 2 and words[0] in ("St.", "St", "Saint") and bool(lookup_place("Saint " + words[1]))


def _quoted(text: str, start: int, end: int) -> bool:
    """The whole span is a title in quotes: “Purple Rain”, not “Serena will tell you”."""
    return text[start - 1:start] in _OPEN_QUOTES and text[end:end + 1] in _CLOSE_QUOTES \
        and not (text[end:end + 1] == "'" and text[end + 1:end + 2] == "s")


def _inside_name(text: str, start: int) -> bool:
    """A nickname between a first name and a surname: Dwayne “The Rock” Johnson."""
    return bool(re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, start - 30):start - 1]))


CREDENTIALS = re.compile(r",\s+(?:M\.?D\.?|Ph\.?D\.?|PharmD|Pharm\.D\.|R\.?N\.?|D\.?O\.?|DDS|J\.?D\.?|MBA|MPH|"
                         r"MSc|FRCP|CPA|CFA|Esq\.?|LCSW|NP|PA-C)\b")
BYLINE = re.compile(r"^[ \t]*(?:(?:Medically\s+)?[Rr]eviewed\s+by|[Ww]ritten\s+by|[Rr]eporting\s+by|"
                    r"[Ee]dited\s+by|[Bb]y)[ \t]+([A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|(?:" +
                    "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")\b)){1,4})", re.MULTILINE)
_BYLINE_TAIL = frozenset("staff reporter correspondent editor writer contributor columnist and for of in".split())


def byline_people(text: str) -> list[tuple[int, int]]:
    """Names in bylines: "By Jane Smith Staff Reporter", "Reviewed by Maria Lopez, PharmD"."""
    out = []
    for m in BYLINE.finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and (words[-1].group().lower().strip(",") in _BYLINE_TAIL or is_title_word(words[-1].group())):
            words.pop()  # "Jane Smith Staff Reporter": the job is not the name
        if len(words) >= 2:
            out.append((m.start(1) + words[0].start(), m.start(1) + words[-1].end()))
    return out
