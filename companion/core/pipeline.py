"""Document → Analysis: spaCy's mentions, then who is who, then the glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from companion.core.analysis import Analysis
from companion.core.document import Document
from companion.core.corrections import Correction, apply_corrections
from companion.core.entities import group_entities, resolve_entities
from companion.core.glossary import UserEntry, build_glossary
from companion.core.nlp import load_model, model_id, run_ner

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


def analyze(document: Document, nlp: "Language | None" = None, *,
            corrections: Sequence[Correction] = (),
            user_glossary: Sequence[UserEntry] = (),
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Analysis:
    """The full analysis of a document, with the reader's corrections and glossary entries.

    Raises InterruptedError when `cancelled()` turns true.
    """
    nlp = nlp or load_model()
    raw = run_ner(nlp, document.text, progress=progress, cancelled=cancelled)
    glossary = build_glossary(document.text, user=user_glossary)
    mentions, entities = resolve_entities(document.text, raw, glossary)
    if corrections:
        mentions = apply_corrections(mentions, list(corrections))
        entities = group_entities(document.text, mentions)
    return Analysis(document=document, mentions=mentions, entities=entities, glossary=glossary,
                    model=model_id(nlp))
