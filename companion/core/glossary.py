"""The glossary of an article: acronyms it defines, and institutions the bundled reference knows.

The reader's own entries (source "user") come first and replace any other; then definitions
found in the article (source "article"); then the bundled reference adds definitions and the
institutions the article names without defining (source "reference").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from companion.core.acronyms import find_acronyms
from companion.core.analysis import GlossaryEntry
from companion.core.reference import Reference, ReferenceEntry, load_reference
from companion.core.roles import sentence_at
from companion.errors import UserError


@dataclass(frozen=True)
class UserEntry:
    """A glossary entry the reader wrote (stored by companion.store.user_glossary)."""
    term: str
    definition: str | None = None
    expansion: str | None = None
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.term.strip():
            raise UserError("A glossary entry needs a term.")
        if not (self.definition or self.expansion):
            raise UserError(f"“{self.term}” needs an expansion or a definition.")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term,) + tuple(n for n in (self.expansion, *self.aliases) if n)


def build_glossary(text: str, reference: Reference | None = None,
                   user: Sequence[UserEntry] = ()) -> list[GlossaryEntry]:
    """Glossary entries in order of first mention, each with every mention in the text.

    `user` holds the reader's own entries: they replace what the article or the reference say.
    """
    reference = reference if reference is not None else load_reference()
    entries = _user_entries(text, user)
    mine = {n.casefold() for e in entries for n in (e.term, e.expansion) if n}
    covered: set[str] = set()  # reference terms already explained by an article entry
    for pair in find_acronyms(text):
        if pair.short.casefold() in mine or pair.long.casefold() in mine:
            continue
        known = reference.lookup(pair.short) or reference.lookup(pair.long)
        entry = GlossaryEntry(term=pair.short, expansion=pair.long,
                              definition=known.definition if known else None, source="article",
                              evidence=sentence_at(text, pair.short_start),
                              kind=known.kind if known else None)
        entry.mentions = _mentions(text, [pair.short, pair.long])
        entries.append(entry)
        if known:
            covered.add(known.term)
    entries += [e for e in _found(text, reference, "reference")
                if (e.expansion or e.term) not in covered
                and not {n.casefold() for n in (e.term, e.expansion) if n} & mine]
    return sorted(entries, key=lambda e: e.mentions[0][0] if e.mentions else len(text))


def _user_entries(text: str, user: Sequence[UserEntry]) -> list[GlossaryEntry]:
    if not user:
        return []
    by_term = {e.term: e for e in user}
    mine = Reference(ReferenceEntry(term=e.term, aliases=e.names[1:], kind="user", region="",
                                    definition=e.definition or "") for e in user)
    found = _found(text, mine, "user")
    for g in found:
        own = by_term[g.expansion or g.term]
        g.term, g.expansion, g.definition = own.term, own.expansion, own.definition
    return found


def _found(text: str, reference: Reference, source: str) -> list[GlossaryEntry]:
    """One entry per reference entry named in the text, with every mention of it."""
    found: dict[str, GlossaryEntry] = {}
    for start, end, known in reference.find_in_text(text):
        entry = found.get(known.term)
        if entry is None:
            # Named by an alias ("CBP"): the alias is the term, the full name its expansion.
            expansion = known.term if text[start:end] != known.term else None
            entry = found[known.term] = GlossaryEntry(
                term=text[start:end] if expansion else known.term, expansion=expansion,
                definition=known.definition, source=source,
                kind=known.kind if source == "reference" else None)
        entry.mentions.append((start, end))
    return list(found.values())


def _mentions(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of any of `names` (case-sensitive, whole words), longest first."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]
