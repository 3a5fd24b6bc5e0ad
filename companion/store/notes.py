"""Notes in SQLite: saved at once, in one transaction each, never lost.

WAL journal with synchronous=FULL, writes in BEGIN IMMEDIATE with a busy timeout (a second window
waits instead of failing), parameters always bound, named migrations recorded in a table.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from companion.core.anchoring import Anchor
from companion.errors import StoreError
from companion.store.paths import notes_db_path

BUSY_TIMEOUT_MS = 30_000

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_notes", """
        CREATE TABLE notes (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            fingerprint TEXT NOT NULL,
            path        TEXT,
            title       TEXT NOT NULL DEFAULT '',
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            quote       TEXT NOT NULL,
            prefix      TEXT NOT NULL DEFAULT '',
            suffix      TEXT NOT NULL DEFAULT '',
            comment     TEXT NOT NULL DEFAULT '',
            color       TEXT NOT NULL DEFAULT 'yellow',
            tags        TEXT NOT NULL DEFAULT '[]',
            created     TEXT NOT NULL,
            updated     TEXT NOT NULL
        );
        CREATE INDEX notes_by_fingerprint ON notes (fingerprint);
        CREATE INDEX notes_by_path ON notes (path);
    """),
]


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


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class NoteStore:
    """All notes of all articles, in one SQLite file. Safe to share between processes."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else notes_db_path()
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                         isolation_level=None)  # we issue BEGIN ourselves
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"The notes database {self.path} cannot be opened ({exc}).") from None

    # -- transactions and schema -------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self._write() as db:
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = {row[0] for row in self._conn.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self._write() as db:  # each migration with its record, in one transaction
                if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another process applied it while we waited
                for statement in filter(str.strip, sql.split(";")):
                    db.execute(statement)
                db.execute("INSERT INTO migrations (name, applied) VALUES (?, ?)", (name, _now()))

    def schema_version(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        self._conn.close()

    # -- notes ---------------------------------------------------------------------------------
    def add(self, note: Note) -> Note:
        """Save a new note; returns it with its id and times. The save is durable when this returns."""
        now = _now()
        a = note.anchor
        with self._write() as db:
            cur = db.execute(
                'INSERT INTO notes (fingerprint, path, title, start, "end", quote, prefix, suffix,'
                ' comment, color, tags, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
                (note.fingerprint, note.path, note.title, a.start, a.end, a.quote, a.prefix,
                 a.suffix, note.comment, note.color, json.dumps(list(note.tags)), now, now))
        return replace(note, id=cur.lastrowid, created=now, updated=now)

    def update(self, note: Note) -> Note:
        """Save the comment, colour, tags and anchor of an existing note."""
        if note.id is None:
            raise ValueError("update() needs a saved note (with an id)")
        now = _now()
        a = note.anchor
        with self._write() as db:
            cur = db.execute(
                'UPDATE notes SET comment = ?, color = ?, tags = ?, start = ?, "end" = ?, quote = ?,'
                ' prefix = ?, suffix = ?, fingerprint = ?, path = ?, title = ?, updated = ? WHERE id = ?',
                (note.comment, note.color, json.dumps(list(note.tags)), a.start, a.end, a.quote,
                 a.prefix, a.suffix, note.fingerprint, note.path, note.title, now, note.id))
            if cur.rowcount != 1:
                raise StoreError(f"Note {note.id} no longer exists; it may have been deleted in another window.")
        return replace(note, updated=now)

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
