"""The reader's own glossary entries: a JSON file in the user data folder.

They override the bundled reference and the article's own definitions, survive reinstalling the
app (the data folder is not the app's), and can be exported and imported as JSON.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path

from companion.core.glossary import UserEntry
from companion.errors import UserError
from companion.store.files import atomic_write_text
from companion.store.paths import data_dir

FORMAT = "companion-glossary"


class UserGlossary:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else data_dir() / "glossary.json"

    def entries(self) -> list[UserEntry]:
        if not self.path.exists():
            return []
        return _parse(self.path.read_text(encoding="utf-8"), self.path)

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
        try:
            incoming = _parse(path.read_text(encoding="utf-8"), path)
        except OSError as exc:
            raise UserError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
        terms = {e.term.casefold() for e in incoming}
        self._save([e for e in self.entries() if e.term.casefold() not in terms] + incoming)
        return len(incoming)

    def get(self, term: str) -> UserEntry | None:
        return next((e for e in self.entries() if term.casefold() in {n.casefold() for n in e.names}), None)

    def _save(self, entries: list[UserEntry]) -> None:
        atomic_write_text(self.path, _dump(entries))


def _dump(entries: list[UserEntry]) -> str:
    rows = [{k: v for k, v in asdict(e).items() if v not in (None, ())} for e in entries]
    return json.dumps({"format": FORMAT, "version": 1, "entries": rows}, ensure_ascii=False, indent=2) + "\n"


def _parse(text: str, path: Path) -> list[UserEntry]:
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a companion glossary file")
        return [UserEntry(term=r["term"], definition=r.get("definition"), expansion=r.get("expansion"),
                          aliases=tuple(r.get("aliases", ()))) for r in data["entries"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path}: is not a glossary export ({exc}).") from None


def user_entries() -> list[UserEntry]:
    """The reader's glossary entries; none (and a warning in the log) when the file is unreadable,
    so an analysis never fails for it."""
    try:
        return UserGlossary().entries()
    except UserError as exc:
        logging.getLogger(__name__).warning("your glossary was not used: %s", exc)
        return []
