"""The app's SQLite database: one file in the user data folder, shared by every window.

WAL journal with synchronous=FULL, writes in BEGIN IMMEDIATE with a busy timeout (a second window
waits instead of failing), parameters always bound, named migrations recorded in a table, each
applied in one transaction with its record. Opening it with checks, backups and recovery from
damage is store/recovery.py; this module is the connection itself.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from companion.errors import StoreError

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
    ("0002_corrections", """
        CREATE TABLE corrections (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            fingerprint TEXT NOT NULL,
            path        TEXT,
            data        TEXT NOT NULL,
            created     TEXT NOT NULL
        );
        CREATE INDEX corrections_by_fingerprint ON corrections (fingerprint);
    """),
    # Anchors remember where the quote was with whitespace ignored, and the article's length.
    ("0003_anchor_position", """
        ALTER TABLE notes ADD COLUMN squeezed_start INTEGER;
        ALTER TABLE notes ADD COLUMN text_length INTEGER;
    """),
    # A checksum of each note's fields (store/notes.py note_checksum) tells a row read back
    # intact from one damaged on disk; an imported note's file is opened only once the reader
    # has located it (path_untrusted).
    ("0004_note_checksum", """
        ALTER TABLE notes ADD COLUMN checksum TEXT;
        ALTER TABLE notes ADD COLUMN path_untrusted INTEGER NOT NULL DEFAULT 0;
    """),
]

# SQLite result codes (the low byte of sqlite3.Error.sqlite_errorcode) we explain to the reader.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the busy timeout; nothing read or written yet."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000,
                           isolation_level=None)  # we issue BEGIN ourselves
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def prepare(conn: sqlite3.Connection) -> None:
    """The house pragmas, then the schema migrated to the current version."""
    _set_wal(conn)
    conn.execute("PRAGMA synchronous = FULL")
    migrate(conn)


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. The switch takes an exclusive lock that ignores busy_timeout, so two
    windows opening a new database at once must retry instead of failing."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def open_database(path: Path) -> sqlite3.Connection:
    """A connection with the house pragmas, migrated, without checks (see recovery.open_checked)."""
    try:
        conn = connect(path)
        prepare(conn)
        return conn
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # also when COMMIT itself failed (disk full)
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection) -> None:
    with write_transaction(conn) as db:
        db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with write_transaction(conn) as db:
            if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                continue  # another process applied it while we waited
            for statement in filter(str.strip, sql.split(";")):
                db.execute(statement)
            db.execute("INSERT INTO migrations (name, applied) VALUES (?, ?)", (name, now()))


def error_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF
    text = str(exc).lower()
    for words, guess in (("locked", _BUSY), ("readonly", _READONLY), ("read-only", _READONLY),
                         ("unable to open", _CANTOPEN), ("disk i/o", _IOERR), ("full", _FULL),
                         ("malformed", _CORRUPT), ("not a database", _NOTADB)):
        if words in text:
            return guess
    return None


def is_damage(exc: sqlite3.Error) -> bool:
    """The file is not a (sound) SQLite database, as opposed to busy, read-only or missing."""
    return error_code(exc) in (_CORRUPT, _NOTADB)


def store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """One line for the reader: what failed and what to do."""
    code = error_code(exc)
    if code in (_BUSY, _LOCKED):
        return StoreError(f"The notes database {path} is busy in another companion window; "
                          "try again in a moment.")
    if code == _READONLY:
        return StoreError(f"The notes database {path} is read-only, so notes cannot be saved; "
                          "make the file and its folder writable.")
    if code == _CANTOPEN:
        return StoreError(f"The notes database {path} cannot be opened; make sure its folder "
                          "exists and is writable.")
    if code == _FULL:
        return StoreError(f"The disk holding {path} is full, so the change was not saved; "
                          "free some space and try again.")
    if code == _IOERR:
        return StoreError(f"The notes database {path} could not be read or written (a disk "
                          "error); check the disk and try again.")
    if code in (_CORRUPT, _NOTADB):
        return StoreError(f"The notes database {path} is damaged; restart companion to restore "
                          "it from its latest backup.")
    return StoreError(f"The notes database {path} failed ({exc}); try again.")
