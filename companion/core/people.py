"""People in one article: their full names and the short names that point to them.

A full name the model reads as a person ("Mark Carney") makes its surname ("Carney") a person
wherever it stands; people who share a surname are told apart by the nearest full name.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from companion.core.evidence import fold
from companion.core.names import ORG_HEADS, THING_HEADS, name_tokens

# Lowercase words inside a person's name: "Ursula von der Leyen", "Mohammed bin Salman".
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le",
                            "bin", "al", "ibn", "du", "dos", "das", "y", "ter", "St.", "ben", "bint",
                            "el", "zu", "vom", "op", "het", "te", "e", "do"})

@dataclass
class Candidate:
    start: int
    end: int
    label: str          # spaCy's label for the span it came from
    titled: bool        # a person's title or honorific stood before it
    caps_line: bool     # it sits in an ALL-CAPS line (headline)
    headline: bool = False  # it sits in a Title-Case headline line


def is_full_name(name: str) -> bool:
    tokens = name_tokens(name)
    if len(tokens) < 2 or len(tokens) > 5 or tokens[-1].lower() in ORG_HEADS | THING_HEADS:
        return False
    return all(t[:1].isupper() or t in NAME_PARTICLES for t in tokens) and tokens[-1][:1].isupper()


# -- people ------------------------------------------------------------------------------------------

class PersonIndex:
    """Full names of people in the article and the short names that point to them."""

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}                 # folded full name → canonical full name
        self.by_short: dict[str, set[str]] = defaultdict(set)  # folded surname/first name → canonicals
        self.first_names: set[str] = set()
        self.positions: dict[str, list[int]] = defaultdict(list)  # canonical → starts of full mentions

    @classmethod
    def build(cls, text: str, cands: list[Candidate],
              is_person: Callable[[Candidate], bool] | None = None) -> "PersonIndex":
        """From the full names among `cands` that are people: by default those the model calls
        PERSON, or that carry a title and are no organization; else those `is_person` accepts."""
        index = cls()
        is_person = is_person or (lambda c: c.label == "PERSON" or (c.titled and c.label != "ORG"))
        # Headlines in capitals are read only through names seen in running text.
        full = [c for c in cands if not (c.caps_line or c.headline) and is_full_name(text[c.start:c.end]) and is_person(c)]
        # Longest first, so "Donald J. Trump" absorbs "Donald Trump" whatever the order of appearance.
        names = sorted({text[c.start:c.end] for c in full}, key=lambda n: (-len(name_tokens(n)), n))
        for name in names:
            tokens = name_tokens(name)
            same = next((canon for canon in index.canonical.values()
                         if same_person(tokens, name_tokens(canon))), None)
            index.canonical[fold(name)] = same or name
        for c in sorted(full, key=lambda c: c.start):
            index.positions[index.canonical[fold(text[c.start:c.end])]].append(c.start)
        for canon in set(index.canonical.values()):
            tokens = name_tokens(canon)
            index.by_short[fold(tokens[-1])].add(canon)
            index.by_short[fold(tokens[0])].add(canon)
            index.first_names.add(fold(tokens[0]))
        return index

    def resolve(self, name: str, c: Candidate, text: str) -> str | None:
        """The full name of the person `name` refers to here, or None."""
        key = fold(name)
        if key in self.canonical:
            return self.canonical[key]
        owners = self.by_short.get(key)
        if not owners:
            return None
        if key in self.first_names and key not in {fold(name_tokens(o)[-1]) for o in owners} \
                and c.label not in ("PERSON", "ORG") and not self.shares_surname(owners):
            # A first name alone is a person when spaCy says so (or calls it an organization,
            # which a first name is not), or when its owner shares a
            # surname with another person in the article (then writers use first names).
            return None
        return self.nearest(owners, c.start)

    def shares_surname(self, owners: set[str]) -> bool:
        return any(len(self.by_short[fold(name_tokens(o)[-1])]) > 1 for o in owners)

    def nearest(self, owners: set[str], pos: int) -> str:
        """Among people sharing a short name, the one whose full name was seen last before `pos`."""
        if len(owners) == 1:
            return next(iter(owners))
        def distance(canon: str) -> tuple[int, int, str]:
            starts = self.positions[canon]  # sorted
            i = bisect.bisect_right(starts, pos)
            if i:
                return (0, pos - starts[i - 1], canon)
            return (1, (starts[0] if starts else 10**12) - pos, canon)
        return min(owners, key=distance)

    def short_names(self) -> dict[str, set[str]]:
        """Surnames, and first names of people who share a surname, to search the text for."""
        return {k: v for k, v in self.by_short.items()
                if any(fold(name_tokens(o)[-1]) == k for o in v)
                or (len(v) == 1 and self.shares_surname(v))}


def same_person(a: list[str], b: list[str]) -> bool:
    """"Donald Trump" and "Donald J. Trump" are one person; "Melania Trump" is another."""
    return a[0] == b[0] and a[-1] == b[-1] and all(t in b for t in a)


