"""The app's SQLite database: one file in the user data folder, shared by every window.

WAL journal with synchronous=FULL, writes in BEGIN IMMEDIATE with a busy timeout (a second window
waits instead of failing), parameters always bound, named migrations recorded in a table, each
applied in one transaction with its record.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
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
]




def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_database(path: Path) -> sqlite3.Connection:
    """A connection with the house pragmas, migrated to the current schema."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None)  # we issue BEGIN ourselves
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        _migrate(conn)
        return conn
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"The notes database {path} cannot be opened ({exc}).") from None


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


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _migrate(conn: sqlite3.Connection) -> None:
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
