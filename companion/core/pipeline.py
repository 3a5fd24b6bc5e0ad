"""Document → Analysis: spaCy's mentions, then who is who, then the glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from companion.core.analysis import Analysis
from companion.core.document import Document
from companion.core.entities import resolve_entities
from companion.core.glossary import build_glossary
from companion.core.nlp import load_model, model_id, run_ner

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


def analyze(document: Document, nlp: "Language | None" = None, *,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Analysis:
    """The full analysis of a document. Raises InterruptedError when `cancelled()` turns true."""
    nlp = nlp or load_model()
    raw = run_ner(nlp, document.text, progress=progress, cancelled=cancelled)
    glossary = build_glossary(document.text)
    mentions, entities = resolve_entities(document.text, raw, glossary)
    return Analysis(document=document, mentions=mentions, entities=entities, glossary=glossary,
                    model=model_id(nlp))
