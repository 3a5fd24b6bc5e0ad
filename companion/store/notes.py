"""Notes in SQLite: saved at once, in one transaction each, never lost (see store/db.py).

Opening checks the database and repairs it from a backup when it is damaged (store/recovery.py;
what happened is in `NoteStore.recovery`); the first save of each day makes that day's backup
(store/backup.py).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from companion.core.anchoring import Anchor
from companion.errors import StoreError
from companion.store.backup import DailyBackup, list_backups
from companion.store.db import now, store_error, write_transaction
from companion.store.paths import notes_db_path
from companion.store.recovery import RecoveryReport, open_checked


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


_COLUMNS = ('fingerprint, path, title, start, "end", quote, prefix, suffix, squeezed_start,'
            ' text_length, comment, color, tags, created, updated')


class NoteStore:
    """All notes of all articles, in one SQLite file. Safe to share between processes.

    `recovery` says, in one line for the reader, how a damaged database was repaired on opening
    (None when nothing was wrong). `clock` gives the local time for backups (tests set it).
    """

    def __init__(self, path: Path | str | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path) if path else notes_db_path()
        self._clock = clock or datetime.now
        self._db = open_checked(self.path, clock=self._clock)
        self._conn, self.recovery = self._db.conn, self._db.recovery
        self._backup = DailyBackup(self.path, self._clock)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            with write_transaction(self._conn) as db:
                yield db
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None
        self._backup.after_save(self._conn)

    def _read(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

    def schema_version(self) -> list[str]:
        return [row[0] for row in self._read("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        self._db.close()

    @property
    def backup_problem(self) -> str | None:
        """Why today's backup could not be made, if it could not (the saves themselves are fine)."""
        return self._backup.problem

    def backups(self) -> list[Path]:
        """The backup files of this database, newest first."""
        return [b.path for b in list_backups(self.path)]

    # -- notes ---------------------------------------------------------------------------------
    def add(self, note: Note) -> Note:
        """Save a new note; returns it with its id and times. The save is durable when this returns."""
        stamp = now()
        saved = replace(note, id=None, created=stamp, updated=stamp)
        with self._write() as db:
            cur = db.execute(f"INSERT INTO notes ({_COLUMNS}) VALUES ({_marks(15)})", _values(saved))
        return replace(saved, id=cur.lastrowid)

    def restore(self, note: Note, *, new_id: bool = False) -> Note:
        """Put back a deleted note as it was: its id, times and fields (to undo a delete, or to
        import). With `new_id`, or when restoring without an id, it gets a fresh id instead. If
        the same note is there already, nothing changes; a different note with its id is an error."""
        stamp = now()
        note = replace(note, created=note.created or stamp, updated=note.updated or stamp)
        if note.id is None or new_id:
            with self._write() as db:
                cur = db.execute(f"INSERT INTO notes ({_COLUMNS}) VALUES ({_marks(15)})", _values(note))
            return replace(note, id=cur.lastrowid, detached=False)
        with self._write() as db:
            row = db.execute("SELECT * FROM notes WHERE id = ?", (note.id,)).fetchone()
            if row is None:
                db.execute(f"INSERT INTO notes (id, {_COLUMNS}) VALUES ({_marks(16)})",
                           (note.id, *_values(note)))
            elif _note_from_row(row) != note:
                raise StoreError(f"Another note already has the number {note.id}; the note was "
                                 "not restored.")
        return replace(note, detached=False)

    def update(self, note: Note) -> Note:
        """Save the comment, colour, tags and anchor of an existing note."""
        if note.id is None:
            raise ValueError("update() needs a saved note (with an id)")
        stamp = now()
        a = note.anchor
        with self._write() as db:
            cur = db.execute(
                'UPDATE notes SET comment = ?, color = ?, tags = ?, start = ?, "end" = ?, quote = ?,'
                ' prefix = ?, suffix = ?, squeezed_start = ?, text_length = ?, fingerprint = ?,'
                ' path = ?, title = ?, updated = ? WHERE id = ?',
                (note.comment, note.color, json.dumps(list(note.tags)), a.start, a.end, a.quote,
                 a.prefix, a.suffix, a.squeezed_start, a.text_length, note.fingerprint, note.path,
                 note.title, stamp, note.id))
            if cur.rowcount != 1:
                raise StoreError(f"Note {note.id} no longer exists; it may have been deleted in another window.")
        return replace(note, updated=stamp)

    def delete(self, note_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def get(self, note_id: int) -> Note | None:
        rows = self._read("SELECT * FROM notes WHERE id = ?", (note_id,))
        return _note_from_row(rows[0]) if rows else None

    def notes_for(self, fingerprint: str, path: str | None = None) -> list[Note]:
        """Notes of this article (same text, or same file if its text changed), in reading order."""
        rows = self._read(
            'SELECT * FROM notes WHERE fingerprint = ? OR (path IS NOT NULL AND path = ?)'
            ' ORDER BY start, id', (fingerprint, path))
        return [_note_from_row(r) for r in rows]

    def all_notes(self) -> list[Note]:
        rows = self._read("SELECT * FROM notes ORDER BY updated DESC, id")
        return [_note_from_row(r) for r in rows]

    def count(self) -> int:
        return self._read("SELECT COUNT(*) FROM notes")[0][0]

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _values(note: Note) -> tuple:
    a = note.anchor
    return (note.fingerprint, note.path, note.title, a.start, a.end, a.quote, a.prefix, a.suffix,
            a.squeezed_start, a.text_length, note.comment, note.color, json.dumps(list(note.tags)),
            note.created, note.updated)


def _note_from_row(row: sqlite3.Row) -> Note:
    anchor = Anchor(row["start"], row["end"], row["quote"], row["prefix"], row["suffix"],
                    squeezed_start=row["squeezed_start"], text_length=row["text_length"])
    return Note(fingerprint=row["fingerprint"], anchor=anchor, comment=row["comment"],
                path=row["path"], title=row["title"], color=row["color"],
                tags=tuple(json.loads(row["tags"] or "[]")), id=row["id"],
                created=row["created"], updated=row["updated"])


__all__ = ["Note", "NoteStore", "RecoveryReport"]
