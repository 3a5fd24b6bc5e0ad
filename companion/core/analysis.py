"""The Analysis: one plain object that the CLI prints as JSON and the window draws.

Nothing outside core/ knows spaCy; everything outside core/ reads this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.core.document import Document

PIPELINE_VERSION = "2"  # bump when resolution or glossary rules change what an analysis holds


@dataclass(frozen=True)
class Mention:
    """One mention of a named entity: character offsets into Document.text."""
    start: int
    end: int
    text: str
    label: str          # spaCy's label: PERSON, ORG, …
    entity: str         # the canonical name of the entity it belongs to


@dataclass
class Entity:
    """A person or organization, once, with every mention of it in the article."""
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None           # "International Trade Minister", "CEO of …"
    role_evidence: str | None = None  # the sentence the role came from


@dataclass
class GlossaryEntry:
    term: str
    expansion: str | None
    definition: str | None
    source: str                       # "article" | "reference" | "user"
    evidence: str | None = None       # the sentence a definition came from
    kind: str | None = None           # "agency", "agreement", … when known
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"term": self.term, "expansion": self.expansion, "definition": self.definition,
                "source": self.source}


@dataclass
class Analysis:
    document: Document
    mentions: list[Mention]
    entities: list[Entity]
    glossary: list[GlossaryEntry]
    model: str = ""

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)

    def to_json(self) -> dict:
        """The public `companion annotate --json` record. Keep it stable."""
        return {
            "path": self.document.path,
            "fingerprint": self.document.fingerprint,
            "entities": [{"start": m.start, "end": m.end, "text": m.text, "label": m.label,
                          "entity": m.entity} for m in self.mentions],
            "glossary": [g.to_json() for g in self.glossary],
        }
