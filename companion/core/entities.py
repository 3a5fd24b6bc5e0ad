"""Who is who: document-level resolution of spaCy's mentions (placeholder, being written)."""

from __future__ import annotations

from companion.core.analysis import Entity, GlossaryEntry, Mention
from companion.core.nlp import RawMention

SHOWN_LABELS = ("PERSON", "ORG")


def resolve_entities(text: str, raw: list[RawMention], glossary: list[GlossaryEntry] | None = None
                     ) -> tuple[list[Mention], list[Entity]]:
    mentions = [Mention(r.start, r.end, text[r.start:r.end], r.label, text[r.start:r.end])
                for r in raw if r.label in SHOWN_LABELS]
    entities: dict[str, Entity] = {}
    for m in mentions:
        entities.setdefault(m.entity, Entity(m.entity, m.label)).mentions.append(m)
    return mentions, list(entities.values())
