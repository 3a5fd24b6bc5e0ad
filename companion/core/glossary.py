"""Glossary: acronyms and definitions from the article, the bundled reference (placeholder)."""

from __future__ import annotations

from companion.core.analysis import GlossaryEntry


def build_glossary(text: str) -> list[GlossaryEntry]:
    return []
