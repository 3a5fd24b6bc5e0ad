"""Rolling daily backups of the notes database, in a `backups/` folder beside it.

At the first save of each day the store copies the whole database with SQLite's backup API into
`backups/<name>-YYYY-MM-DD.sqlite3` (written under a temporary name, checked, then renamed, so a
backup that exists is whole). The last seven are kept. A backup is a plain rollback-journal
database: it can be opened read-only and checked without creating any file beside it.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from companion.store.files import fsync_dir, fsync_file

log = logging.getLogger(__name__)

BACKUPS_KEPT = 7
STALE_TEMP_SECONDS = 24 * 3600  # a temporary file this old was left by a crash


@dataclass(frozen=True)
class Backup:
    day: date
    path: Path


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_path(db_path: Path, day: date) -> Path:
    return backups_dir(db_path) / f"{db_path.stem}-{day:%Y-%m-%d}{db_path.suffix}"


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of this database, newest first."""
    folder = backups_dir(db_path)
    pattern = re.compile(re.escape(db_path.stem) + r"-(\d{4})-(\d{2})-(\d{2})" + re.escape(db_path.suffix) + "$")
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_file():
            try:
                found.append(Backup(date(*map(int, match.groups())), entry))
            except ValueError:
                continue  # not a real date: not one of ours
    return sorted(found, key=lambda b: b.day, reverse=True)


def is_sound(path: Path) -> bool:
    """The file opens read-only as an SQLite database that passes integrity_check and has notes."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        conn.execute("SELECT COUNT(*) FROM notes").fetchone()
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def make_backup(conn: sqlite3.Connection, db_path: Path, day: date, *,
                keep: int = BACKUPS_KEPT) -> Path | None:
    """Back up the database behind `conn` as the backup of `day`, unless there is one already.
    Returns the new backup's path, or None when there was one."""
    final = backup_path(db_path, day)
    if final.exists():
        return None
    folder = final.parent
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{final.name}.tmp-{os.getpid()}"
    try:
        target = sqlite3.connect(temp)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # a standalone file, no -wal beside it
            if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("the copy did not pass quick_check")
        finally:
            target.close()
        fsync_file(temp)
        os.replace(temp, final)
        fsync_dir(folder)
    finally:
        if temp.exists():
            temp.unlink()
    prune(db_path, keep=keep, today=day)
    return final


def prune(db_path: Path, *, keep: int = BACKUPS_KEPT, today: date | None = None) -> None:
    """Delete backups older than the newest `keep`, and temporary files left by a crash. A backup
    dated after `today` (made while the clock was wrong) counts as the oldest: it is never chosen
    for a restore, and must not hold one of the kept places for ever."""
    backups = list_backups(db_path)
    if today is not None:
        backups.sort(key=lambda b: b.day if b.day <= today else date.min, reverse=True)
    for old in backups[keep:]:
        try:
            old.path.unlink()
        except OSError as exc:
            log.warning("Could not delete the old backup %s: %s", old.path, exc)
    folder = backups_dir(db_path)
    try:
        leftovers = [p for p in folder.iterdir() if p.name.startswith(".") and ".tmp-" in p.name]
    except OSError:
        return
    for temp in leftovers:
        try:
            if time.time() - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
        except OSError:
            pass


class DailyBackup:
    """Makes the day's backup after the first save of each day (once per store per day)."""

    def __init__(self, db_path: Path, clock: Callable[[], datetime]) -> None:
        self.db_path = db_path
        self._clock = clock
        self._done_for: date | None = None
        self.problem: str | None = None  # why the last backup failed, for the reader

    def after_save(self, conn: sqlite3.Connection) -> None:
        day = self._clock().date()
        if self._done_for == day:
            return
        self._done_for = day
        try:
            make_backup(conn, self.db_path, day)
            self.problem = None
        except (OSError, sqlite3.Error) as exc:
            # The save itself succeeded; a missing backup is reported, never fatal.
            self.problem = f"Today's backup of the notes could not be made ({exc})."
            log.warning("%s", self.problem)
