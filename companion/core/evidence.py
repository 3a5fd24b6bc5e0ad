"""What the whole article says a name is: the model's votes over every label, and knowledge.

The model labels each mention on its own. One label per name is decided here from all of them:
places, nationalities, works and products count against a person or an organization as much as
the other label does, and a name the bundled places know is a place unless the article says
otherwise (a title, a full name). When the evidence is split, the answer is "no highlight":
a wrong highlight costs the reader more than a missing one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from companion.core.places import lookup_place

# Labels that say "not a person, not an organization" ("São Paulo" GPE, "Purple Rain" WORK_OF_ART).
OTHER_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW",
                          "LANGUAGE"})
PLACE_WEIGHT = 1.5   # a known place name counts as one and a half "place" readings
TITLE_WEIGHT = 2     # "Mr. X", "Senator X": a title is strong evidence of a person


@dataclass
class Votes:
    """The readings of one name in one article."""
    person: float = 0
    org: float = 0
    other: float = 0
    titled: bool = False
    labels: Counter = field(default_factory=Counter)

    @property
    def says_person(self) -> bool:
        """Person readings outweigh every other reading together (ties with ORG favour a person,
        as before: "Dell" once PERSON, once ORG)."""
        return self.person > 0 and self.person * 1.5 >= self.org and self.person > self.other

    @property
    def says_org(self) -> bool:
        return self.org > 0 and self.org > self.person * 1.5 and self.org > self.other


def count_votes(names: list[tuple[str, str, bool]], places: bool = True) -> dict[str, Votes]:
    """Votes per folded name, from (name, label, titled) of every mention the model read."""
    votes: dict[str, Votes] = defaultdict(Votes)
    for name, label, titled in names:
        v = votes[fold(name)]
        v.labels[label] += 1
        if label == "PERSON":
            v.person += 1
        elif label == "ORG":
            v.org += 1
        elif label in OTHER_LABELS:
            v.other += 1
        if titled:
            v.person += TITLE_WEIGHT
            v.titled = True
    if places:
        for key, v in votes.items():
            if not v.titled and lookup_place(key):
                v.other += PLACE_WEIGHT
    return votes


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The key of a name: case and spacing aside, and without a leading year ("2016 Survey")."""
    return _LEADING_NUMBER.sub("", " ".join(name.split()).casefold())


_LEADING_NUMBER = re.compile(r"^\d[\d,.]*\s+")


_ITEM = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|de|du|von|van|der))*"
_LIST = re.compile(rf"{_ITEM}(?:,\s+{_ITEM}){{1,}},?\s+(?:and|or|&)\s+{_ITEM}")


def one_kind_lists(text: str, chosen: list[tuple[int, int, str, str]],
                   keep: set[tuple[int, int]] = frozenset()) -> list[tuple[int, int, str, str]]:
    """"Goldman Sachs, Morgan Stanley, Lazard and Evercore": the items of a list are of one kind.

    Where most items (at least two) are organizations, the items the model read as people are
    organizations too; a tie changes nothing. Spans in `keep` (a
    person's full name or title, a known body) are never changed."""
    label_at = {(s, e): i for i, (s, e, _, _) in enumerate(chosen)}
    out = list(chosen)
    for m in _LIST.finditer(text):
        items = [(m.start() + i.start(), m.start() + i.end())
                 for i in re.finditer(_ITEM, m.group()) if i.group() not in ("and", "or")]
        found = [label_at[i] for i in items if i in label_at]
        labels = Counter(chosen[i][2] for i in found)
        if len(found) < 3 or len(labels) != 2:
            continue
        (major, n_major), (minor, n_minor) = labels.most_common(2)
        # Only people among organizations: lists of bands and musicians mix both kinds.
        if n_major < 2 or n_major == n_minor or major != "ORG":
            continue
        for i in found:
            s, e, label, canon = chosen[i]
            if label == minor and (s, e) not in keep:
                out[i] = (s, e, major, text[s:e])
    return out
