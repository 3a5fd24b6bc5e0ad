"""The reader's own glossary entries: a JSON file in the user data folder.

They override the bundled reference and the article's own definitions, survive reinstalling the
app (the data folder is not the app's), and can be exported and imported as JSON.

Every entry read back (the file, or one to import, maybe edited by hand) is checked against a
schema with bounds: `"term": 5` or `"aliases": "abc"` (which would become a, b, c) make that entry
skipped with one line in `UserGlossary.skipped`, and the others are used. A file that is not a
glossary at all is a UserError for an import, and no entries (with a warning) for an analysis.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any


from companion.core.glossary import UserEntry
from companion.errors import UserError
from companion.store.files import atomic_write_text
from companion.store.paths import data_dir
from companion.store.validate import InvalidRecord, Schema, check, load_json, read_data_file

FORMAT = "companion-glossary"
MAX_ENTRIES = 100_000
_TERM = {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"\S"}
_ENTRY = Schema({
    "type": "object",
    "required": ["term"],
    "properties": {
        "term": _TERM,
        "definition": {"type": ["string", "null"], "maxLength": 20_000},
        "expansion": {"type": ["string", "null"], "maxLength": 1_000},
        "aliases": {"type": "array", "maxItems": 100, "items": _TERM},
    },
})
log = logging.getLogger(__name__)


class UserGlossary:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else data_dir() / "glossary.json"
        self.skipped: list[str] = []  # one line per entry of the last file read that was skipped

    def entries(self) -> list[UserEntry]:
        """The sound entries of the reader's file (bad ones skipped, see `skipped`); UserError
        when the file is not a glossary at all."""
        if not self.path.exists():
            return []
        return self._read(self.path)

    def _read(self, path: Path) -> list[UserEntry]:
        text = read_data_file(path, UserError)
        entries, self.skipped = _parse(text, path)
        for line in self.skipped:
            log.warning("%s", line)
        return entries

    def put(self, entry: UserEntry) -> None:
        """Add an entry, or replace the one with the same term (in any case)."""
        kept = [e for e in self.entries() if e.term.casefold() != entry.term.casefold()]
        self._save(kept + [entry])

    def delete(self, term: str) -> bool:
        entries = self.entries()
        kept = [e for e in entries if e.term.casefold() != term.casefold()]
        self._save(kept)
        return len(kept) != len(entries)

    def export(self, path: Path | str, *, overwrite: bool = False) -> Path:
        return atomic_write_text(path, _dump(self.entries()), overwrite=overwrite)

    def import_file(self, path: Path | str) -> int:
        """Merge entries from an exported file; returns how many were added or replaced."""
        path = Path(path)
        incoming = self._read(path)
        skipped = self.skipped
        if not incoming and skipped:
            raise UserError(f"{path}: no entry could be imported ({skipped[0]}).")
        terms = {e.term.casefold() for e in incoming}
        self._save([e for e in self.entries() if e.term.casefold() not in terms] + incoming)
        self.skipped = skipped
        return len(incoming)

    def get(self, term: str) -> UserEntry | None:
        return next((e for e in self.entries() if term.casefold() in {n.casefold() for n in e.names}), None)

    def _save(self, entries: list[UserEntry]) -> None:
        atomic_write_text(self.path, _dump(entries))


def _dump(entries: list[UserEntry]) -> str:
    rows = [{k: v for k, v in asdict(e).items() if v not in (None, ())} for e in entries]
    return json.dumps({"format": FORMAT, "version": 1, "entries": rows}, ensure_ascii=False, indent=2) + "\n"


def _parse(text: str, path: Path) -> tuple[list[UserEntry], list[str]]:
    """(sound entries, one line per skipped entry); UserError when it is not a glossary file."""
    try:
        data = load_json(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InvalidRecord("not a companion glossary file")
        rows = data.get("entries")
        if not isinstance(rows, list):
            raise InvalidRecord("it has no list of entries")
        if len(rows) > MAX_ENTRIES:
            raise InvalidRecord(f"more than {MAX_ENTRIES:,} entries")
    except InvalidRecord as exc:
        raise UserError(f"{path}: is not a glossary export ({exc}).") from None
    entries, skipped = [], []
    for number, row in enumerate(rows, start=1):
        try:
            entries.append(_entry(row))
        except (InvalidRecord, UserError) as exc:
            skipped.append(f"Glossary entry {number} in {path} was skipped: {exc}")
    return entries, skipped


def _entry(row: Any) -> UserEntry:
    check(_ENTRY, row)
    return UserEntry(term=row["term"], definition=row.get("definition") or None,
                     expansion=row.get("expansion") or None, aliases=tuple(row.get("aliases", ())))


def user_entries() -> list[UserEntry]:
    """The reader's glossary entries; none (and a warning in the log) when the file is unreadable,
    so an analysis never fails for it."""
    try:
        return UserGlossary().entries()
    except UserError as exc:
        log.warning("your glossary was not used: %s", exc)
        return []
