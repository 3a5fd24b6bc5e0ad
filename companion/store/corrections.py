"""The reader's corrections to who is who, in the app's database: per article, or everywhere.

A correction made everywhere ("Arsenal is an organization") is kept under the fingerprint
EVERYWHERE, which no article's fingerprint (a hex digest) can equal, so it needs no schema change
and old databases read as before. The API for the window:
- `add(fingerprint, path, correction)` saves by the correction's own scope;
- `everywhere()` lists the corrections made everywhere (the one place to review them);
- `remove(id)` takes any correction back (undo, or the list's Remove);
- `corrections_for(fingerprint, path)` is what an analysis applies: everywhere first, then the
  article's own, each in the order made.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

from companion.core.corrections import Correction
from companion.store.backup import DailyBackup
from companion.store.db import now, store_error, write_transaction
from companion.store.paths import notes_db_path
from companion.store.recovery import open_checked

log = logging.getLogger(__name__)

EVERYWHERE = "*"  # the fingerprint of corrections that apply to every article


class CorrectionStore:
    """Corrections of every article; those of one article come back in the order they were made.

    Shares the notes database, so opening it checks and repairs that file too (`recovery`)."""

    def __init__(self, path: Path | str | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path) if path else notes_db_path()
        clock = clock or datetime.now
        self._db = open_checked(self.path, clock=clock)
        self._conn, self.recovery = self._db.conn, self._db.recovery
        self._backup = DailyBackup(self.path, clock)

    def add(self, fingerprint: str, path: str | None, correction: Correction) -> int:
        """Save a correction; one made everywhere is kept for every article, not this one."""
        if correction.everywhere:
            fingerprint, path = EVERYWHERE, None
        try:
            with write_transaction(self._conn) as db:
                cur = db.execute("INSERT INTO corrections (fingerprint, path, data, created) VALUES (?, ?, ?, ?)",
                                 (fingerprint, path, json.dumps(correction.to_dict()), now()))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self._backup.after_save(self._conn)
        return cur.lastrowid

    def remove(self, correction_id: int) -> None:
        """Take back a correction of an article or one made everywhere."""
        try:
            with write_transaction(self._conn) as db:
                db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self._backup.after_save(self._conn)

    def for_article(self, fingerprint: str, path: str | None = None) -> list[tuple[int, Correction]]:
        """(id, correction) of this article only, or of the same file whose text has changed."""
        return self._read("SELECT id, data FROM corrections WHERE fingerprint != ? AND "
                          "(fingerprint = ? OR (path IS NOT NULL AND path = ?)) ORDER BY id",
                          (EVERYWHERE, fingerprint, path))

    def everywhere(self) -> list[tuple[int, Correction]]:
        """(id, correction) of the corrections made everywhere, in the order they were made."""
        return self._read("SELECT id, data FROM corrections WHERE fingerprint = ? ORDER BY id", (EVERYWHERE,))

    def applying_to(self, fingerprint: str, path: str | None = None) -> list[tuple[int, Correction]]:
        """What an analysis of this article applies: everywhere first, then the article's own."""
        return self.everywhere() + self.for_article(fingerprint, path)

    def _read(self, sql: str, params: tuple) -> list[tuple[int, Correction]]:
        try:
            rows = self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        out = []
        for row in rows:
            try:
                data = json.loads(row["data"])
                out.append((row["id"], Correction.from_dict(data)))
            except (ValueError, TypeError, AttributeError) as exc:  # a damaged record: skip it, say so
                log.warning("correction %s in %s is unreadable (%s); it is ignored", row["id"], self.path, exc)
        return out

    def close(self) -> None:
        self._db.close()


def corrections_for(fingerprint: str, path: str | None) -> list[Correction]:
    """The reader's corrections that apply to one article (those made everywhere first), read
    through a connection of its own (SQLite connections stay in the thread that opened them).
    Raises StoreError when unusable."""
    store = CorrectionStore()
    try:
        return [c for _, c in store.applying_to(fingerprint, path)]
    finally:
        store.close()
