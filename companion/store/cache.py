"""A cache of the model's mentions, keyed by (text fingerprint, model and version, pipeline version).

Opening an article again shows its highlights without running spaCy. Only the model's raw
mentions are kept: who-is-who, the glossary and the reader's corrections are recomputed (they
are fast), so a change of rules never serves stale results. An unreadable entry — not JSON,
nested too deep, a mention out of bounds, a FIFO in its place — is removed and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path


from companion.core.nlp import RawMention
from companion.store.files import atomic_write_text
from companion.store.paths import data_dir
from companion.store.validate import MAX_OFFSET, InvalidRecord, Schema, check, load_json, read_text_file

log = logging.getLogger(__name__)
NER_VERSION = "2"  # bump when run_ner changes what it returns for the same text and model
MAX_MENTIONS = 2_000_000
_OFFSET = {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}
_ENTRY = Schema({
    "type": "object",
    "required": ["key", "mentions"],
    "properties": {
        "key": {"type": "string", "maxLength": 64},
        "mentions": {"type": "array", "maxItems": MAX_MENTIONS, "items": {
            "type": "array", "minItems": 3, "maxItems": 3,
            "prefixItems": [_OFFSET, _OFFSET, {"type": "string", "minLength": 1, "maxLength": 64}]}},
    },
})


class MentionCache:
    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder else data_dir() / "cache"

    def key(self, fingerprint: str, model: str) -> str:
        return hashlib.sha256(f"{fingerprint}|{model}|{NER_VERSION}".encode()).hexdigest()[:32]

    def get(self, key: str) -> list[RawMention] | None:
        path = self.folder / f"{key}.json"
        try:
            data = load_json(read_text_file(path), max_depth=3)
            check(_ENTRY, data)
            if data.get("key") != key:
                raise ValueError("entry belongs to another key")
            mentions = [RawMention(s, e, label) for s, e, label in data["mentions"]]
            if any(m.start >= m.end or isinstance(m.start, bool) or isinstance(m.end, bool)
                   for m in mentions):
                raise ValueError("a mention ends before it starts")
            return mentions
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, InvalidRecord) as exc:
            log.warning("cache entry %s is unreadable (%s); it will be rebuilt", path.name, exc)
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, mentions: list[RawMention]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            body = {"key": key, "mentions": [[m.start, m.end, m.label] for m in mentions]}
            atomic_write_text(self.folder / f"{key}.json", json.dumps(body, separators=(",", ":")))
        except Exception as exc:  # a cache that cannot be written only costs time
            log.warning("could not write the analysis cache (%s)", exc)
