"""The reader's corrections to who is who: relabel, merge, split an alias off, hide.

Corrections are a list of small operations, applied in order to the resolved mentions. They name
entities by their canonical name and aliases by their text, so they apply again when the article
is opened again (and in `companion annotate`).

A correction's scope is this article (the default) or everywhere: "Arsenal is an organization"
said everywhere applies to every article, now and later (store.corrections keeps them apart).
Corrections made everywhere come first and the article's own after them, so the article wins.
An everywhere relabel also teaches: the name is found again where the model missed it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, replace

from companion.core.analysis import Mention

OPS = ("relabel", "merge", "split", "hide")
LABELS = ("PERSON", "ORG")
SCOPES = ("article", "everywhere")


@dataclass(frozen=True)
class Correction:
    op: str                    # one of OPS
    entity: str                # the canonical name it applies to
    label: str | None = None   # relabel: the new label
    target: str | None = None  # merge: the entity that absorbs `entity`
    alias: str | None = None   # split: the mention text that becomes an entity of its own
    scope: str = "article"     # "article" or "everywhere" (every article, now and later)

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}; expected one of {', '.join(SCOPES)}")
        if not isinstance(self.entity, str) or not self.entity.strip():
            raise ValueError("a correction needs the name of the entity it applies to")
        if self.op not in OPS:
            raise ValueError(f"unknown correction {self.op!r}; expected one of {', '.join(OPS)}")
        if self.op == "relabel" and self.label not in LABELS:
            raise ValueError(f"relabel needs a label among {', '.join(LABELS)}, not {self.label!r}")
        if self.op == "merge" and not self.target:
            raise ValueError("merge needs a target entity")
        if self.op == "split" and not self.alias:
            raise ValueError("split needs the alias to split off")

    @property
    def everywhere(self) -> bool:
        return self.scope == "everywhere"

    def to_dict(self) -> dict:
        """The stored form; the default scope is left out, so records saved before scopes read alike."""
        return {k: v for k, v in asdict(self).items() if v is not None and (k, v) != ("scope", "article")}

    @classmethod
    def from_dict(cls, data: dict) -> "Correction":
        """Raises ValueError (or TypeError for a record that is no mapping) on a bad record."""
        fields = {k: data.get(k) for k in ("op", "entity", "label", "target", "alias")}
        return cls(**fields, scope=data.get("scope") or "article")

    def describe(self) -> str:
        said = {"relabel": f"{self.entity} is {'a person' if self.label == 'PERSON' else 'an organization'}",
                "merge": f"{self.entity} is {self.target}",
                "split": f"“{self.alias}” is not {self.entity}",
                "hide": f"{self.entity} is hidden"}[self.op]
        return f"{said} (everywhere)" if self.everywhere else said


def apply_corrections(mentions: list[Mention], corrections: list[Correction],
                      text: str | None = None) -> list[Mention]:
    """The mentions as the reader corrected them, in order; unknown names are ignored.

    With the article's `text`, a relabel made everywhere also marks the name where the model
    missed it (as written, whole words, not inside another mention)."""
    if text is not None:
        mentions = _taught(text, mentions, [c for c in corrections if c.everywhere and c.op == "relabel"])
    for c in corrections:
        if c.op == "hide":
            mentions = [m for m in mentions if m.entity != c.entity]
        elif c.op == "relabel":
            mentions = [replace(m, label=c.label) if m.entity == c.entity else m for m in mentions]
        elif c.op == "merge":
            label = next((m.label for m in mentions if m.entity == c.target), None)
            mentions = [replace(m, entity=c.target, label=label or m.label) if m.entity == c.entity else m
                        for m in mentions]
        elif c.op == "split":
            mentions = [replace(m, entity=c.alias) if m.entity == c.entity and m.text == c.alias else m
                        for m in mentions]
    return mentions


def _taught(text: str, mentions: list[Mention], relabels: list[Correction]) -> list[Mention]:
    """The mentions plus each unmarked occurrence of a name the reader labelled everywhere."""
    if not relabels:
        return mentions
    from companion.core.places import is_place  # lazily: the places index is only needed here
    taken = sorted((m.start, m.end) for m in mentions)
    added = []
    for c in relabels:
        if is_place(c.entity):
            continue  # "Jordan is a person" must not mark the country in every article
        # Case as written ("Arsenal", not "arsenal"); not inside a longer word or hyphenated name.
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(c.entity)}(?![\w-])", text):
            i = bisect.bisect_left(taken, (m.start(), m.start()))
            if any(s < m.end() and m.start() < e for s, e in taken[max(0, i - 1):i + 1]):
                continue
            bisect.insort(taken, (m.start(), m.end()))
            added.append(Mention(m.start(), m.end(), m.group(), c.label or "ORG", c.entity))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions
