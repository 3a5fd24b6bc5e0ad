"""The glossary of an article: acronyms it defines, and institutions the bundled reference knows.

Article definitions come first (source "article"); the reference adds definitions and the
institutions the article names without defining (source "reference"). Reader's own entries
(source "user") are a later layer.
"""

from __future__ import annotations

import re

from companion.core.acronyms import find_acronyms
from companion.core.analysis import GlossaryEntry
from companion.core.reference import Reference, load_reference
from companion.core.roles import sentence_at


def build_glossary(text: str, reference: Reference | None = None) -> list[GlossaryEntry]:
    """Glossary entries in order of first mention, each with every mention in the text."""
    reference = reference if reference is not None else load_reference()
    entries: list[GlossaryEntry] = []
    covered: set[str] = set()  # reference terms already explained by an article entry
    for pair in find_acronyms(text):
        known = reference.lookup(pair.short) or reference.lookup(pair.long)
        entry = GlossaryEntry(term=pair.short, expansion=pair.long,
                              definition=known.definition if known else None, source="article",
                              evidence=sentence_at(text, pair.short_start),
                              kind=known.kind if known else None)
        entry.mentions = _mentions(text, [pair.short, pair.long])
        entries.append(entry)
        if known:
            covered.add(known.term)
    found: dict[str, GlossaryEntry] = {}
    for start, end, known in reference.find_in_text(text):
        if known.term in covered:
            continue
        entry = found.get(known.term)
        if entry is None:
            expansion = known.term if text[start:end] != known.term else None
            entry = found[known.term] = GlossaryEntry(
                term=text[start:end] if expansion else known.term, expansion=expansion,
                definition=known.definition, source="reference", kind=known.kind)
        entry.mentions.append((start, end))
    entries.extend(found.values())
    return sorted(entries, key=lambda e: e.mentions[0][0] if e.mentions else len(text))


def _mentions(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of any of `names` (case-sensitive, whole words), longest first."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]
