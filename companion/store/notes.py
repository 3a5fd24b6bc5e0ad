"""Notes in SQLite: saved at once, in one transaction each, never lost (see store/db.py).

Opening checks the database and repairs it when it is damaged: every readable row is salvaged and
merged with the newest sound backup (store/recovery.py, store/salvage.py; what happened is in
`NoteStore.recovery`); the first save of each day makes that day's backup (store/backup.py).
Each row carries a checksum of its fields (`note_checksum`), so a row read back from damaged
bytes is only trusted when it is whole. A row that fails its checks when read is set aside
(left in the file, listed in `NoteStore.problems`), never a crash.

An imported note's `path` came from someone else's file: it is stored with `path_untrusted`, and
the window must not open that path until the reader has located the file (`NoteStore.locate`).
"""

from __future__ import annotations

import hashlib
import json
import logging
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
from companion.store.validate import MAX_NOTE_ID, InvalidRecord, check_anchor_bounds, note_id_in_range

log = logging.getLogger(__name__)


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
    # The path came from an imported file: open it only after the reader located it.
    path_untrusted: bool = False
    # Set by the reader view after re-anchoring; not stored.
    detached: bool = field(default=False, compare=False)


_COLUMNS = ('fingerprint, path, title, start, "end", quote, prefix, suffix, squeezed_start,'
            ' text_length, comment, color, tags, created, updated, path_untrusted, checksum')
_N_COLUMNS = 17


def note_checksum(note: Note) -> str:
    """A checksum of everything saved of a note but its id (hex, 16 characters). Without the id,
    a new note is written by one INSERT, as before checksums: a save costs no more."""
    a = note.anchor
    numbers = (a.start, a.end, a.squeezed_start, a.text_length, note.path is None,
               note.path_untrusted, len(note.tags))  # repr of ints, None and bools never changes
    texts = (note.fingerprint, note.path or "", note.title, a.quote, a.prefix, a.suffix, note.comment,
             note.color, note.created, note.updated, *note.tags)
    blob = repr(numbers) + "".join([f"\x1f{len(t)}:{t}" for t in texts])  # lengths: no ambiguity
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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
        self.problems: list[str] = []  # one line per row set aside when read (see module doc)
        self._renumber_out_of_range()
        for note_id in self.verify():  # bytes changed on disk where SQLite cannot see it
            self.problems.append(f"Note {note_id} was changed on disk outside companion (its "
                                 "checksum does not match); check it, or restore it from a backup.")

    def _renumber_out_of_range(self) -> None:
        """A note numbered near SQLite's largest id (an old import of 2**63 - 1) would make every
        later save fail as if the disk were full: it gets the next free number instead."""
        if not self._read("SELECT 1 FROM notes WHERE id > ? LIMIT 1", (MAX_NOTE_ID,)):
            return
        try:
            with write_transaction(self._conn) as db:
                for (old,) in db.execute("SELECT id FROM notes WHERE id > ? ORDER BY id",
                                         (MAX_NOTE_ID,)).fetchall():
                    new = db.execute("SELECT coalesce(max(id), 0) + 1 FROM notes WHERE id <= ?",
                                     (MAX_NOTE_ID,)).fetchone()[0]
                    db.execute("UPDATE notes SET id = ? WHERE id = ?", (new, old))
                    self.problems.append(f"Note {old} had a number out of range; it is note {new} now.")
                db.execute("UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM notes) WHERE name = 'notes'")
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from None

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
            saved = _insert(db, saved)
        return saved

    def restore(self, note: Note, *, new_id: bool = False) -> Note:
        """Put back a deleted note as it was: its id, times and fields (to undo a delete, or to
        import). With `new_id`, or when restoring without an id, it gets a fresh id instead. If
        the same note is there already, nothing changes; a different note with its id is an error."""
        stamp = now()
        note = replace(note, created=note.created or stamp, updated=note.updated or stamp)
        if note.id is None or new_id:
            with self._write() as db:
                saved = _insert(db, replace(note, id=None))
            return replace(saved, detached=False)
        if not note_id_in_range(note.id):
            raise StoreError(f"The note number {note.id} is out of range; the note was not restored.")
        with self._write() as db:
            row = db.execute("SELECT * FROM notes WHERE id = ?", (note.id,)).fetchone()
            if row is None:
                insert_with_id(db, note)
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
            row = db.execute("SELECT created FROM notes WHERE id = ?", (note.id,)).fetchone()
            if row is None:
                raise StoreError(f"Note {note.id} no longer exists; it may have been deleted in another window.")
            saved = replace(note, created=row[0], updated=stamp)
            db.execute(
                'UPDATE notes SET comment = ?, color = ?, tags = ?, start = ?, "end" = ?, quote = ?,'
                ' prefix = ?, suffix = ?, squeezed_start = ?, text_length = ?, fingerprint = ?,'
                ' path = ?, title = ?, updated = ?, path_untrusted = ?, checksum = ? WHERE id = ?',
                (note.comment, note.color, json.dumps(list(note.tags)), a.start, a.end, a.quote,
                 a.prefix, a.suffix, a.squeezed_start, a.text_length, note.fingerprint, note.path,
                 note.title, stamp, int(note.path_untrusted), note_checksum(saved), note.id))
        return replace(note, updated=stamp)

    def locate(self, note_id: int, path: str) -> Note:
        """The "Locate…" step: the reader chose `path` as the file of this note (an imported
        note's own path is never opened before this); the path is trusted from now on."""
        note = self.get(note_id)
        if note is None:
            raise StoreError(f"Note {note_id} no longer exists; it may have been deleted in another window.")
        return self.update(replace(note, path=path, path_untrusted=False))

    def delete(self, note_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def get(self, note_id: int) -> Note | None:
        if not isinstance(note_id, int) or not -2**63 <= note_id < 2**63:
            return None
        return next(iter(self._notes(self._read("SELECT * FROM notes WHERE id = ?", (note_id,)))), None)

    def notes_for(self, fingerprint: str, path: str | None = None) -> list[Note]:
        """Notes of this article (same text, or same file if its text changed), in reading order.
        (Matching an untrusted path to a file the reader opened opens nothing: it is allowed.)"""
        rows = self._read(
            'SELECT * FROM notes WHERE fingerprint = ? OR (path IS NOT NULL AND path = ?)'
            ' ORDER BY start, id', (fingerprint, path))
        return self._notes(rows)

    def all_notes(self) -> list[Note]:
        return self._notes(self._read("SELECT * FROM notes ORDER BY updated DESC, id"))

    def verify(self) -> list[int]:
        """Ids of the notes whose saved checksum does not match their fields (empty when all hold)."""
        bad = []
        for row in self._read("SELECT * FROM notes"):
            try:
                if row["checksum"] is not None and note_checksum(_note_from_row(row)) != row["checksum"]:
                    bad.append(row["id"])
            except (InvalidRecord, ValueError, TypeError):
                bad.append(row["id"])
        return bad

    def _notes(self, rows: list[sqlite3.Row]) -> list[Note]:
        notes = []
        for row in rows:
            try:
                notes.append(_note_from_row(row))
            except (InvalidRecord, ValueError, TypeError) as exc:
                problem = f"Note {row['id']} was set aside: it is damaged ({exc})."
                if problem not in self.problems:
                    self.problems.append(problem)
                    log.warning("%s", problem)
        return notes

    def count(self) -> int:
        return self._read("SELECT COUNT(*) FROM notes")[0][0]

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def insert_with_id(db: sqlite3.Connection, note: Note) -> None:
    """Insert a note under its own id, with the checksum of its fields (used by recovery)."""
    db.execute(f"INSERT INTO notes (id, {_COLUMNS}) VALUES ({_marks(_N_COLUMNS + 1)})",
               (note.id, *_values(note)))


def _insert(db: sqlite3.Connection, note: Note) -> Note:
    """Insert a note under a new id, with the checksum of its fields."""
    cur = db.execute(f"INSERT INTO notes ({_COLUMNS}) VALUES ({_marks(_N_COLUMNS)})", _values(note))
    return replace(note, id=cur.lastrowid)


def _values(note: Note) -> tuple:
    a = note.anchor
    return (note.fingerprint, note.path, note.title, a.start, a.end, a.quote, a.prefix, a.suffix,
            a.squeezed_start, a.text_length, note.comment, note.color, json.dumps(list(note.tags)),
            note.created, note.updated, int(note.path_untrusted),
            note_checksum(note))


def _note_from_row(row: sqlite3.Row) -> Note:
    """The note of a row; InvalidRecord when its fields could not have been saved by the app."""
    start, end, quote = row["start"], row["end"], row["quote"]
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(quote, str)):
        raise InvalidRecord("its anchor is not numbers and text")
    check_anchor_bounds(start, end, quote, row["text_length"])
    tags = json.loads(row["tags"] or "[]")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InvalidRecord("its tags are not a list of words")
    anchor = Anchor(start, end, quote, row["prefix"], row["suffix"],
                    squeezed_start=row["squeezed_start"], text_length=row["text_length"])
    return Note(fingerprint=row["fingerprint"], anchor=anchor, comment=row["comment"],
                path=row["path"], title=row["title"], color=row["color"],
                tags=tuple(tags), id=row["id"], created=row["created"], updated=row["updated"],
                path_untrusted=bool(row["path_untrusted"]))


__all__ = ["Note", "NoteStore", "RecoveryReport"]
