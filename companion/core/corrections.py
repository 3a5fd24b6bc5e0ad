"""The reader's corrections to who is who: relabel, merge, split an alias off, hide.

Corrections are a list of small operations, applied in order to the resolved mentions. They name
entities by their canonical name and aliases by their text, so they apply again when the article
is opened again (and in `companion annotate`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from companion.core.analysis import Mention

OPS = ("relabel", "merge", "split", "hide")
LABELS = ("PERSON", "ORG")


@dataclass(frozen=True)
class Correction:
    op: str                    # one of OPS
    entity: str                # the canonical name it applies to
    label: str | None = None   # relabel: the new label
    target: str | None = None  # merge: the entity that absorbs `entity`
    alias: str | None = None   # split: the mention text that becomes an entity of its own

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown correction {self.op!r}; expected one of {', '.join(OPS)}")
        if self.op == "relabel" and self.label not in LABELS:
            raise ValueError(f"relabel needs a label among {', '.join(LABELS)}, not {self.label!r}")
        if self.op == "merge" and not self.target:
            raise ValueError("merge needs a target entity")
        if self.op == "split" and not self.alias:
            raise ValueError("split needs the alias to split off")

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict) -> "Correction":
        return cls(**{k: data.get(k) for k in ("op", "entity", "label", "target", "alias")})

    def describe(self) -> str:
        return {"relabel": f"{self.entity} is {'a person' if self.label == 'PERSON' else 'an organization'}",
                "merge": f"{self.entity} is {self.target}",
                "split": f"“{self.alias}” is not {self.entity}",
                "hide": f"{self.entity} is hidden"}[self.op]


def apply_corrections(mentions: list[Mention], corrections: list[Correction]) -> list[Mention]:
    """The mentions as the reader corrected them, in order; unknown names are ignored."""
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
