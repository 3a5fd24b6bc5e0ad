"""The reader's corrections to who is who, per article, in the app's database."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

from companion.core.corrections import Correction
from companion.store.backup import DailyBackup
from companion.store.db import now, store_error, write_transaction
from companion.store.paths import notes_db_path
from companion.store.recovery import open_checked


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
        try:
            with write_transaction(self._conn) as db:
                cur = db.execute("INSERT INTO corrections (fingerprint, path, data, created) VALUES (?, ?, ?, ?)",
                                 (fingerprint, path, json.dumps(correction.to_dict()), now()))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self._backup.after_save(self._conn)
        return cur.lastrowid

    def remove(self, correction_id: int) -> None:
        try:
            with write_transaction(self._conn) as db:
                db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self._backup.after_save(self._conn)

    def for_article(self, fingerprint: str, path: str | None = None) -> list[tuple[int, Correction]]:
        """(id, correction) of this article, or of the same file whose text has changed."""
        try:
            rows = self._conn.execute(
                "SELECT id, data FROM corrections WHERE fingerprint = ? OR (path IS NOT NULL AND path = ?)"
                " ORDER BY id", (fingerprint, path)).fetchall()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        return [(row["id"], Correction.from_dict(json.loads(row["data"]))) for row in rows]

    def close(self) -> None:
        self._db.close()


def corrections_for(fingerprint: str, path: str | None) -> list[Correction]:
    """The reader's corrections of one article, read through a connection of its own (SQLite
    connections stay in the thread that opened them). Raises StoreError when unusable."""
    store = CorrectionStore()
    try:
        return [c for _, c in store.for_article(fingerprint, path)]
    finally:
        store.close()
