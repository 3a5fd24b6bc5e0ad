"""Opening the notes database safely: checked, and salvaged when it is damaged.

Every open store holds a shared lock on `<database>.lock`; opening takes it exclusively when it
can, i.e. when no other window has the database open. Only then are files set aside or replaced
(a window with the file open would go on writing to the one set aside); a damaged database that
another window has open is a StoreError asking to close the other windows. On open:
- the folder and file must be writable, and regular files (a FIFO would block the first read
  for ever): else a StoreError says so in one line;
- a `-wal` journal whose header SQLite would reject, or a `-shm` index of garbage, is set aside
  (SQLite would write over the one, and rebuilds the other);
- a `-wal` journal with a damaged frame followed by saved transactions (SQLite would read up to
  the damage and silently drop the rest) is copied aside, and once the database is open the
  sound notes of every frame are put back (store/salvage.py);
- an empty file, a file that is not SQLite, or one that fails `PRAGMA quick_check` is damaged:
  it is kept under a new name (`notes.sqlite3.damaged-YYYYmmdd-HHMM`, never deleted, byte for
  byte), every sound row it still holds is salvaged (store/salvage.py) and merged with the newest
  sound backup not dated after today, and that is what takes its place.
The store says what happened in one line (`RecoveryReport.message`: "N notes recovered, M could
not be", and whether parts of the file were unreadable), with the numbers in its fields. The
replacement is built beside the database first and renamed over it in one step, so a crash
during recovery leaves either the damaged file (repaired at the next start) or the new one.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from companion.errors import StoreError
from companion.store.backup import Backup, is_sound, list_backups
from companion.store.db import connect, is_damage, migrate, prepare, store_error, write_transaction
from companion.store.files import fsync_dir, fsync_file
from companion.store.pages import shm_is_garbage, wal_header_is_garbage
from companion.store.salvage import Salvage, salvage_database, salvage_journal, wal_is_damaged
from companion.store.validate import regular_file_problem

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; each window checks as if it were alone
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class RecoveryReport:
    """What was done to open a damaged notes database; `message` is one line for the reader
    ("… 40 notes recovered, 2 could not be …"; never "restored" when rows are missing)."""
    message: str
    damaged: Path | None = None        # where the damaged file (or journal) is kept now
    restored_from: Path | None = None  # the backup merged in; None when there was none
    recovered: int | None = None       # notes in the repaired database (or put back from a journal)
    lost: int | None = None            # notes seen damaged that could not be recovered
    incomplete: bool = False           # parts of the file were unreadable: notes may be missing

    def __str__(self) -> str:
        return self.message


class OpenDatabase:
    """A checked connection, with the lock that tells other windows this one has the file open."""

    def __init__(self, conn: sqlite3.Connection, recovery: RecoveryReport | None,
                 presence: _Presence) -> None:
        self.conn, self.recovery, self._presence = conn, recovery, presence

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self._presence.release()


def open_checked(path: Path, *, clock: Callable[[], datetime] = datetime.now) -> OpenDatabase:
    """A migrated connection to the database at `path`, repaired first if it was damaged.

    Files are only set aside or replaced when no other window has the database open (they would
    go on writing to the file set aside); otherwise a damaged database is a StoreError that says
    to close the other windows."""
    _check_writable(path)
    presence = _Presence.enter(path)
    try:
        report, kept_journal = _set_aside_bad_journal(path, clock) if presence.alone else (None, None)
        conn, problem = _try_open(path)
        if problem is None and kept_journal is not None:
            report = _journal_report(path, kept_journal, _recover_journal(conn, kept_journal, path))
        if problem is not None:
            if not presence.alone:
                raise StoreError(f"The notes database {path} is damaged ({problem}); close every "
                                 "companion window and start companion again to restore it from "
                                 "its backup.")
            report = _restore(path, problem, clock)
            conn, problem = _try_open(path)
            if problem is not None:
                raise StoreError(f"The notes database {path} was restored but still cannot be "
                                 f"read ({problem}); move the folder {path.parent} away and "
                                 "start again.")
        presence.opened()
        return OpenDatabase(conn, report, presence)
    except BaseException:
        presence.release()
        raise


# -- checks --------------------------------------------------------------------------------------
def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.is_dir():
        raise StoreError(f"The notes database {path} is a folder, not a file; move or rename "
                         "that folder and start companion again.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"The notes folder {folder} cannot be created ({exc.strerror}); choose "
                         "a writable folder (COMPANION_DATA_DIR) or fix its permissions.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"The notes folder {folder} is read-only, so notes cannot be saved; "
                         "make it writable or choose another folder (COMPANION_DATA_DIR).")
    for file in (path, _sibling(path, "-wal"), _sibling(path, "-shm"), _sibling(path, ".lock")):
        problem = regular_file_problem(file)
        if problem:  # a FIFO would block the first read for ever: refuse before touching it
            raise StoreError(f"The notes database file {file} {problem}; move it away and start "
                             "companion again.")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"The notes database {path} is read-only, so notes cannot be saved; "
                         "make the file writable.")


def _try_open(path: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """(connection, None), or (None, what is wrong) when the file is damaged. Other failures
    (busy, read-only, disk errors) raise a StoreError: they are not repaired by a backup."""
    if path.exists():
        header = _read_start(path, len(SQLITE_HEADER))
        if not header:
            return None, "the file is empty"
        if header != SQLITE_HEADER:
            return None, "the file is not an SQLite database"
    conn = None
    try:
        conn = connect(path)
        result = conn.execute("PRAGMA quick_check").fetchone()[0]  # reads only
        if result != "ok":
            conn.close()
            return None, f"quick_check: {result}"
        prepare(conn)
        return conn, None
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        if is_damage(exc):
            return None, str(exc)
        raise store_error(exc, path) from None


def _read_start(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise StoreError(f"The notes database {path} cannot be read ({exc.strerror}); check its "
                         "permissions.") from None


def _set_aside_bad_journal(path: Path, clock: Callable[[], datetime]
                           ) -> tuple[RecoveryReport | None, Path | None]:
    """Only called when no other window has the database open (see _Presence). Returns a report,
    and the copy of a -wal journal with damaged frames whose notes are to be put back once the
    database is open (SQLite reads such a journal up to the damage and drops the rest unsaid)."""
    wal, shm = _sibling(path, "-wal"), _sibling(path, "-shm")
    if wal.exists() and wal_header_is_garbage(wal):
        kept = _unused_name(_sibling(wal, f".damaged-{clock():%Y%m%d-%H%M}"))
        os.replace(wal, kept)  # SQLite would ignore it, then write over it
        return RecoveryReport(
            f"The notes journal {wal.name} was damaged, so it was set aside as {kept.name}; "
            "the notes database itself is sound, but changes saved just before may be missing.",
            damaged=kept), None
    if wal.exists() and _wal_damaged(wal):
        kept = _unused_name(_sibling(wal, f".damaged-{clock():%Y%m%d-%H%M}"))
        partial = _sibling(kept, ".partial")
        shutil.copyfile(wal, partial)  # a copy: SQLite still needs the journal's sound frames
        fsync_file(partial)
        os.replace(partial, kept)
        fsync_dir(path.parent)
        return None, kept
    if shm.exists() and shm_is_garbage(shm):
        kept = _unused_name(_sibling(shm, f".damaged-{clock():%Y%m%d-%H%M}"))
        os.replace(shm, kept)  # SQLite rebuilds the index from the database and its journal
        return RecoveryReport(
            f"The notes index file {shm.name} was damaged and has been rebuilt (the damaged one "
            f"is kept as {kept.name}); your notes are intact.", damaged=kept), None
    return None, None


def _wal_damaged(wal: Path) -> bool:
    try:
        return wal_is_damaged(wal)
    except Exception:  # noqa: BLE001 — a reader of damaged bytes must not stop the start
        log.exception("the journal %s could not be checked", wal)
        return False


def _journal_report(path: Path, kept: Path, counts: tuple[int, int]) -> RecoveryReport:
    recovered, lost = counts
    return RecoveryReport(
        f"The notes journal {path.name}-wal was damaged (after an unclean exit) and is kept as "
        f"{kept.name}: {recovered} note{'s' if recovered != 1 else ''} recovered, {lost} could not be.",
        damaged=kept, recovered=recovered, lost=lost)


# -- repair --------------------------------------------------------------------------------------
def _restore(path: Path, problem: str, clock: Callable[[], datetime]) -> RecoveryReport:
    """Keep the damaged file aside, salvage every sound row from it, merge in the newest sound
    backup (never one dated after today) and put the result in its place; say what came back."""
    stamp = clock()
    temp = _sibling(path, f".restoring-{os.getpid()}")
    try:
        damaged = _keep_aside(path, _unused_name(_sibling(path, f".damaged-{stamp:%Y%m%d-%H%M}")))
        found = _salvaged(damaged)
        chosen, bad = _newest_sound_backup(path, stamp.date())
        if chosen is not None:
            _offer_backup(found, chosen.path)
        _build(temp, found)
        fsync_file(temp)
        os.replace(temp, path)
        fsync_dir(path.parent)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise StoreError(f"The notes database {path} is damaged ({problem}) and could not be "
                         f"repaired ({reason}); free some disk space or make its folder "
                         "writable, then start companion again.") from None
    finally:
        if temp.exists():
            temp.unlink()
    return _report(damaged, found, chosen, bad)


def _salvaged(damaged: Path) -> Salvage:
    """What salvage finds; never an exception (the app must start): at worst nothing, said so."""
    try:
        return salvage_database(damaged)
    except Exception:  # noqa: BLE001 — damaged bytes can surprise any reader
        log.exception("salvaging %s failed; only the backup is used", damaged)
        return Salvage()


def _report(damaged: Path, found: Salvage, chosen: Backup | None, bad: list[Backup]) -> RecoveryReport:
    recovered, lost = len(found.notes), found.lost
    parts = [f"The notes database was damaged and is kept as {damaged.name}: "
             f"{recovered} note{'s' if recovered != 1 else ''} recovered, {lost} could not be"]
    if chosen is not None:
        parts.append(f" (from the damaged file and the backup of {chosen.day:%Y-%m-%d})")
    elif bad:
        parts.append(" (no sound backup was found)")
    else:
        parts.append(" (no backup was found)")
    if found.incomplete:
        since = f" after the backup of {chosen.day:%Y-%m-%d}" if chosen else ""
        parts.append(f"; parts of the file could not be read, so notes saved{since} may be missing "
                     f"(the damaged file is kept at {damaged})")
    if bad:
        days = ", ".join(f"{b.day:%Y-%m-%d}" for b in bad)
        parts.append(f"; the newer backup{'s' if len(bad) > 1 else ''} of {days} "
                     f"{'were' if len(bad) > 1 else 'was'} damaged too")
    return RecoveryReport("".join(parts) + ".", damaged=damaged,
                          restored_from=chosen.path if chosen else None,
                          recovered=recovered, lost=lost, incomplete=found.incomplete)


def _newest_sound_backup(path: Path, today: date) -> tuple[Backup | None, list[Backup]]:
    """The newest backup that passes an integrity check and is not dated after today (a clock
    that was wrong must not make an old backup win for ever), and the newer ones that failed."""
    bad = []
    for backup in list_backups(path):
        if backup.day > today:
            continue
        if is_sound(backup.path):
            return backup, bad
        bad.append(backup)
    return None, bad


def _offer_backup(found: Salvage, backup: Path) -> None:
    """Every note and correction of a backup, older than any copy salvaged from the database."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    conn.row_factory = sqlite3.Row
    try:
        for row in conn.execute("SELECT * FROM notes"):
            found.offer(dict(row), order=-1)
        for row in conn.execute("SELECT id, fingerprint, path, data, created FROM corrections"):
            found.offer_correction(tuple(row))
    except sqlite3.Error as exc:
        log.warning("the backup %s could not be read in full: %s", backup, exc)
    finally:
        conn.close()


def _build(temp: Path, found: Salvage) -> None:
    """A new database at `temp` holding what was found, under the ids it had."""
    from companion.store.notes import insert_with_id  # notes imports this module
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        migrate(conn)
        with write_transaction(conn) as db:
            for note in sorted(found.notes.values(), key=lambda n: n.id):
                insert_with_id(db, note)
            for rowid, values in sorted(found.corrections.items()):
                db.execute("INSERT INTO corrections (id, fingerprint, path, data, created)"
                           " VALUES (?, ?, ?, ?, ?)", (rowid, *values))
    finally:
        conn.close()


def _recover_journal(conn: sqlite3.Connection, kept: Path, path: Path) -> tuple[int, int]:
    """Put back the notes of a damaged -wal journal (kept aside) that the opened database lacks
    or holds in an older version: (recovered, could not be)."""
    from companion.store.notes import insert_with_id
    try:
        found = salvage_journal(kept, path)
    except Exception:  # noqa: BLE001 — the journal is kept aside; the database opens as SQLite reads it
        log.exception("the journal %s could not be read", kept)
        return 0, 0
    recovered = 0
    with write_transaction(conn) as db:
        for note in sorted(found.notes.values(), key=lambda n: n.id):
            row = db.execute("SELECT updated FROM notes WHERE id = ?", (note.id,)).fetchone()
            if row is None or (row[0] or "") < note.updated:
                db.execute("DELETE FROM notes WHERE id = ?", (note.id,))
                insert_with_id(db, note)
                recovered += 1
        present = {r[0] for r in db.execute("SELECT id FROM notes")}
    return recovered, len(found.damaged_ids - set(found.notes) - present) + found.bad_cells


def _keep_aside(path: Path, aside: Path) -> Path:
    """Give the damaged file (and its journal files) a second name that is never touched again."""
    if path.exists():
        try:
            os.link(path, aside)  # same bytes, same file: nothing is copied or lost
        except OSError:
            partial = _sibling(aside, ".partial")
            shutil.copyfile(path, partial)
            fsync_file(partial)
            os.replace(partial, aside)
    for suffix in ("-wal", "-shm"):
        journal = _sibling(path, suffix)
        if journal.exists():  # it belongs to the damaged file, never to the restored one
            os.replace(journal, _sibling(aside, suffix))
    return aside


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _unused_name(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists() or _sibling(candidate, "-wal").exists():
        candidate, n = path.with_name(f"{path.name}-{n}"), n + 1
    return candidate


class _Presence:
    """Each open store holds a shared lock on `<database>.lock` for as long as it is open.
    Opening takes it exclusively if it can: then no other window has the database open, and
    its files may be checked, set aside and replaced. Otherwise opening waits for a shared lock,
    which also waits out another window that is in the middle of checking or repairing."""

    def __init__(self, handle, alone: bool) -> None:
        self._handle, self.alone = handle, alone

    @classmethod
    def enter(cls, path: Path) -> _Presence:
        if fcntl is None:  # Windows: no advisory locks here; every window checks on its own
            return cls(None, True)
        try:
            handle = open(_sibling(path, ".lock"), "a+b")
        except OSError as exc:
            raise StoreError(f"The notes folder {path.parent} cannot be written ({exc.strerror}); "
                             "make it writable.") from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return cls(handle, True)
        except BlockingIOError:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
            return cls(handle, False)
        except BaseException:
            handle.close()
            raise

    def opened(self) -> None:
        """Checks done: let other windows open the database too."""
        if self._handle is not None and self.alone:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_SH)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock
            self._handle = None
