"""Document → Analysis: spaCy's mentions, then who is who, then the glossary."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from companion.core.analysis import Analysis, Mention
from companion.core.corrections import Correction, apply_corrections
from companion.core.document import Document
from companion.core.entities import group_entities, resolve_mentions
from companion.core.glossary import UserEntry, glossary_and_region
from companion.core.nlp import RawMention, installed_model_id, load_model, model_id, run_ner

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


class MentionSource(Protocol):
    """Where the model's mentions come from when they were computed before (store.cache)."""
    def key(self, fingerprint: str, model: str) -> str: ...
    def get(self, key: str) -> list[RawMention] | None: ...
    def put(self, key: str, mentions: list[RawMention]) -> None: ...


class Analyzer:
    """Analyses documents; loads the model on first need, and not at all when the cache answers."""

    def __init__(self, nlp: "Language | None" = None, cache: MentionSource | None = None) -> None:
        self._nlp = nlp
        self._cache = cache
        self._lock = threading.Lock()

    @property
    def model_loaded(self) -> bool:
        return self._nlp is not None

    def nlp(self) -> "Language":
        with self._lock:  # two workers must not load the model twice
            if self._nlp is None:
                self._nlp = load_model()
            return self._nlp

    def __call__(self, document: Document, *, corrections: Sequence[Correction] = (),
                 user_glossary: Sequence[UserEntry] = (),
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 partial: Callable[[list[Mention]], None] | None = None) -> Analysis:
        """The analysis of `document`. `partial(mentions)` receives each chunk's preliminary,
        chunk-level who-is-who as the model goes, so a window can highlight before the end."""
        model = model_id(self._nlp) if self._nlp is not None else installed_model_id()
        key = self._cache.key(document.fingerprint, model) if self._cache and model else None
        raw = self._cache.get(key) if key else None
        if raw is None:
            nlp = self.nlp()
            model = model_id(nlp)
            raw = run_ner(nlp, document.text, progress=progress, cancelled=cancelled,
                          on_chunk=_preliminary(partial) if partial else None)
            if self._cache:
                self._cache.put(self._cache.key(document.fingerprint, model), raw)
        elif progress:
            progress(len(document.text), len(document.text))
        return analyze_mentions(document, raw, model or "", corrections=corrections,
                                user_glossary=user_glossary)


def _preliminary(partial: Callable[[list[Mention]], None]) -> Callable[[int, str, list[RawMention]], None]:
    """Who is who within one chunk, offsets shifted back into the whole text."""
    def on_chunk(offset: int, piece: str, raw: list[RawMention]) -> None:
        local = [RawMention(r.start - offset, r.end - offset, r.label) for r in raw]
        mentions = resolve_mentions(piece, local)
        partial([replace(m, start=m.start + offset, end=m.end + offset) for m in mentions])
    return on_chunk


def analyze(document: Document, nlp: "Language | None" = None, *,
            corrections: Sequence[Correction] = (),
            user_glossary: Sequence[UserEntry] = (),
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Analysis:
    """The full analysis of a document, with the reader's corrections and glossary entries.

    Raises InterruptedError when `cancelled()` turns true.
    """
    return Analyzer(nlp)(document, corrections=corrections, user_glossary=user_glossary,
                         progress=progress, cancelled=cancelled)


def analyze_mentions(document: Document, raw: list[RawMention], model: str, *,
                     corrections: Sequence[Correction] = (),
                     user_glossary: Sequence[UserEntry] = ()) -> Analysis:
    """Who is who and the glossary on top of the model's mentions."""
    # The model's mentions are the glossary's evidence for one-word names ("Apple" the company).
    glossary, region = glossary_and_region(document.text, user=user_glossary, mentions=raw)
    mentions = resolve_mentions(document.text, raw, glossary)
    if corrections:
        mentions = apply_corrections(mentions, list(corrections), document.text)
    return Analysis(document=document, mentions=mentions, entities=group_entities(document.text, mentions),
                    glossary=glossary, model=model, region=region)
