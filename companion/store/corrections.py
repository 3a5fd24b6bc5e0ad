"""The reader's corrections to who is who, per article, in the app's database."""

from __future__ import annotations

import json
from pathlib import Path

from companion.core.corrections import Correction
from companion.store.db import now, open_database, write_transaction
from companion.store.paths import notes_db_path


class CorrectionStore:
    """Corrections of every article; those of one article come back in the order they were made."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else notes_db_path()
        self._conn = open_database(self.path)

    def add(self, fingerprint: str, path: str | None, correction: Correction) -> int:
        with write_transaction(self._conn) as db:
            cur = db.execute("INSERT INTO corrections (fingerprint, path, data, created) VALUES (?, ?, ?, ?)",
                             (fingerprint, path, json.dumps(correction.to_dict()), now()))
        return cur.lastrowid

    def remove(self, correction_id: int) -> None:
        with write_transaction(self._conn) as db:
            db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))

    def for_article(self, fingerprint: str, path: str | None = None) -> list[tuple[int, Correction]]:
        """(id, correction) of this article, or of the same file whose text has changed."""
        rows = self._conn.execute(
            "SELECT id, data FROM corrections WHERE fingerprint = ? OR (path IS NOT NULL AND path = ?)"
            " ORDER BY id", (fingerprint, path)).fetchall()
        return [(row["id"], Correction.from_dict(json.loads(row["data"]))) for row in rows]

    def close(self) -> None:
        self._conn.close()
