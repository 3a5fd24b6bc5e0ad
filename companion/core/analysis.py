"""The Analysis: one plain object that the CLI prints as JSON and the window draws.

Nothing outside core/ knows spaCy; everything outside core/ reads this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.core.document import Document
from companion.core.region import Region

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


@dataclass(frozen=True)
class GlossaryCandidate:
    """One body a name may mean when the article does not say which ("could be: A (US) · B (UK)")."""
    term: str
    region: str                       # the reference's region: "US", "UK", "EU", "International"…
    definition: str
    kind: str
    as_of: str = ""
    status: str = "active"
    ended: int | None = None


@dataclass
class GlossaryEntry:
    term: str
    expansion: str | None
    definition: str | None
    source: str                       # "article" | "reference" | "user"
    evidence: str | None = None       # the sentence a definition came from
    kind: str | None = None           # "agency", "agreement", … when known
    mentions: list[tuple[int, int]] = field(default_factory=list)
    # When the definition comes from the bundled reference (source "reference", or "article"
    # with a definition the article's own long form agrees with):
    reference_term: str | None = None  # the reference entry's term
    region: str | None = None          # its region: "CA", "US", "UK", "EU", "International", ISO
    as_of: str | None = None           # "YYYY-MM": when the entry was checked ("checked 2026-12")
    status: str | None = None          # "active" | "defunct" | "expired" | "renamed"
    ended: int | None = None           # the year it ended ("ended 2001")
    renamed_to: str | None = None      # for "renamed": the new name ("MS NOW")
    source_url: str | None = None      # the body's own site
    basis: str | None = None           # why this body: "long form" | "qualified" | "region" | "unambiguous"
    # "could be": bodies of this name that fit the article equally; then definition is None.
    candidates: list[GlossaryCandidate] = field(default_factory=list)

    @property
    def could_be(self) -> str | None:
        """"could be: Supreme Court of Canada (CA) · Supreme Court of the United States (US)"."""
        if not self.candidates:
            return None
        return "could be: " + " · ".join(f"{c.term} ({c.region})" for c in self.candidates)

    @property
    def dating(self) -> str | None:
        """"checked 2026-12", "ended 2001 · checked 2026-12", "renamed MS NOW in 2025 · …"."""
        if not self.as_of:
            return None
        checked = f"checked {self.as_of}"
        if self.status == "renamed" and self.renamed_to:
            return f"renamed {self.renamed_to} in {self.ended} · {checked}"
        if self.status in ("defunct", "expired") and self.ended:
            return f"{'expired' if self.status == 'expired' else 'ended'} {self.ended} · {checked}"
        return checked

    def to_json(self) -> dict:
        out = {"term": self.term, "expansion": self.expansion, "definition": self.definition,
               "source": self.source}
        if self.as_of:
            out["as_of"], out["status"] = self.as_of, self.status
            if self.ended is not None:
                out["ended"] = self.ended
            if self.renamed_to:
                out["renamed_to"] = self.renamed_to
        if self.candidates:
            out["candidates"] = [{"term": c.term, "region": c.region} for c in self.candidates]
        return out


@dataclass
class Analysis:
    document: Document
    mentions: list[Mention]
    entities: list[Entity]
    glossary: list[GlossaryEntry]
    model: str = ""
    region: Region = field(default_factory=Region)   # the article's region (status bar, About)

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
            "region": self.region.to_json(),
        }
