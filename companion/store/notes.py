"""Notes in SQLite: saved at once, in one transaction each, never lost (see store/db.py)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

from companion.core.anchoring import Anchor
from companion.errors import StoreError
from companion.store.db import now, open_database, write_transaction
from companion.store.paths import notes_db_path


@dataclass(frozen=True)
class Note:
    fingerprint: str
    anchor: Anchor
    comment: str = ""
    path: str | None = None
    title: str = ""
    color: str = "yellow"
    tags: tuple[str, ...] = ()
    id: int | None = None
    created: str = ""
    updated: str = ""
    # Set by the reader view after re-anchoring; not stored.
    detached: bool = field(default=False, compare=False)


class NoteStore:
    """All notes of all articles, in one SQLite file. Safe to share between processes."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else notes_db_path()
        self._conn = open_database(self.path)

    def _write(self):
        return write_transaction(self._conn)

    def schema_version(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        self._conn.close()

    # -- notes ---------------------------------------------------------------------------------
    def add(self, note: Note) -> Note:
        """Save a new note; returns it with its id and times. The save is durable when this returns."""
        stamp = now()
        a = note.anchor
        with self._write() as db:
            cur = db.execute(
                'INSERT INTO notes (fingerprint, path, title, start, "end", quote, prefix, suffix,'
                ' comment, color, tags, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
                (note.fingerprint, note.path, note.title, a.start, a.end, a.quote, a.prefix,
                 a.suffix, note.comment, note.color, json.dumps(list(note.tags)), stamp, stamp))
        return replace(note, id=cur.lastrowid, created=stamp, updated=stamp)

    def update(self, note: Note) -> Note:
        """Save the comment, colour, tags and anchor of an existing note."""
        if note.id is None:
            raise ValueError("update() needs a saved note (with an id)")
        stamp = now()
        a = note.anchor
        with self._write() as db:
            cur = db.execute(
                'UPDATE notes SET comment = ?, color = ?, tags = ?, start = ?, "end" = ?, quote = ?,'
                ' prefix = ?, suffix = ?, fingerprint = ?, path = ?, title = ?, updated = ? WHERE id = ?',
                (note.comment, note.color, json.dumps(list(note.tags)), a.start, a.end, a.quote,
                 a.prefix, a.suffix, note.fingerprint, note.path, note.title, stamp, note.id))
            if cur.rowcount != 1:
                raise StoreError(f"Note {note.id} no longer exists; it may have been deleted in another window.")
        return replace(note, updated=stamp)

    def delete(self, note_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def get(self, note_id: int) -> Note | None:
        row = self._conn.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
        return _note_from_row(row) if row else None

    def notes_for(self, fingerprint: str, path: str | None = None) -> list[Note]:
        """Notes of this article (same text, or same file if its text changed), in reading order."""
        rows = self._conn.execute(
            'SELECT * FROM notes WHERE fingerprint = ? OR (path IS NOT NULL AND path = ?)'
            ' ORDER BY start, id', (fingerprint, path)).fetchall()
        return [_note_from_row(r) for r in rows]

    def all_notes(self) -> list[Note]:
        rows = self._conn.execute("SELECT * FROM notes ORDER BY updated DESC, id").fetchall()
        return [_note_from_row(r) for r in rows]

    def count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]

    def integrity_check(self) -> str:
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]


def _note_from_row(row: sqlite3.Row) -> Note:
    anchor = Anchor(row["start"], row["end"], row["quote"], row["prefix"], row["suffix"])
    return Note(fingerprint=row["fingerprint"], anchor=anchor, comment=row["comment"],
                path=row["path"], title=row["title"], color=row["color"],
                tags=tuple(json.loads(row["tags"] or "[]")), id=row["id"],
                created=row["created"], updated=row["updated"])
