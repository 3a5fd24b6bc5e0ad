"""A cache of the model's mentions, keyed by (text fingerprint, model and version, pipeline version).

Opening an article again shows its highlights without running spaCy. Only the model's raw
mentions are kept: who-is-who, the glossary and the reader's corrections are recomputed (they
are fast), so a change of rules never serves stale results. An unreadable entry is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from companion.core.nlp import RawMention
from companion.store.files import atomic_write_text
from companion.store.paths import data_dir

log = logging.getLogger(__name__)
NER_VERSION = "2"  # bump when run_ner changes what it returns for the same text and model


class MentionCache:
    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder else data_dir() / "cache"

    def key(self, fingerprint: str, model: str) -> str:
        return hashlib.sha256(f"{fingerprint}|{model}|{NER_VERSION}".encode()).hexdigest()[:32]

    def get(self, key: str) -> list[RawMention] | None:
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry belongs to another key")
            return [RawMention(int(s), int(e), str(label)) for s, e, label in data["mentions"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
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
