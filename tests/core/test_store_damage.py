"""A damaged notes database: never a crash, never a deleted file, always a clear message.

Each case builds a real database with two daily backups, damages something on disk, opens the
store again and checks that the damaged bytes are kept (moved aside, compared byte for byte),
that every note any byte on disk still holds came back (salvaged from the damaged file, merged
with the newest sound backup), and that the reader is told exactly how many came back and how
many could not. Each case runs with the `sqlite3` command's .recover and without it (the
Python page reader alone).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from companion.core.anchoring import anchor_for
from companion.errors import StoreError
from companion.store.backup import backup_path, list_backups
from companion.store.corrections import CorrectionStore
from companion.store.notes import Note, NoteStore

TEXT = ("Prime Minister Mark Carney will meet his U.S. counterpart Tuesday for a high-stakes "
        "White House meeting, with a trade war raging and relations at their lowest point.")
DAY1, DAY2, NOW = datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 26, 9, 0), datetime(2026, 11, 27, 21, 30)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def note(i: int) -> Note:
    start = i % 40
    return Note(fingerprint=f"fp{i}", anchor=anchor_for(TEXT, start, start + 20),
                comment=f"note {i} " + "why this matters " * 10, path="/a.txt", title="Carney")


@pytest.fixture
def db(tmp_path) -> Path:
    """notes.sqlite3 with 62 notes; the backup of DAY1 holds 1 of them, that of DAY2 holds 32."""
    path = tmp_path / "data" / "notes.sqlite3"
    clock = Clock(DAY1)
    store = NoteStore(path, clock=clock)
    for i in range(31):
        store.add(note(i))
    clock.now = DAY2
    for i in range(31, 62):
        store.add(note(i))
    store.close()
    assert [b.day.day for b in list_backups(path)] == [26, 25]
    assert not Path(f"{path}-wal").exists()  # all in the main file, as after a clean exit
    return path


@pytest.fixture(params=["sqlite3 .recover", "page reader only"])
def salvage_by(request, monkeypatch):
    """Salvage with the sqlite3 command (skipped when it is not installed) or without it."""
    import companion.store.salvage as salvage
    if request.param == "sqlite3 .recover":
        if not shutil.which("sqlite3"):
            pytest.skip("the sqlite3 command is not installed (tests/run.sh installs it)")
    else:
        monkeypatch.setattr(salvage.shutil, "which", lambda name: None)
    return request.param


def still_on_disk(*files: Path) -> set[int]:
    """The notes (by number i) whose saved comment is still, byte for byte, in one of the files."""
    data = b"".join(f.read_bytes() for f in files if f.exists())
    return {i for i in range(200) if note(i).comment.encode() in data}


def comments(store: NoteStore) -> set[int]:
    return {int(n.comment.split()[1]) for n in store.all_notes()}


def open_again(path: Path) -> NoteStore:
    return NoteStore(path, clock=Clock(NOW))


def kept(path: Path, store: NoteStore) -> bytes:
    """The bytes the recovery kept aside; its report names the file, in the same folder."""
    assert store.recovery is not None
    assert store.recovery.damaged is not None and store.recovery.damaged.parent == path.parent
    return store.recovery.damaged.read_bytes()


def assert_one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message


def damage(path: Path, how: str) -> bytes:
    """Damage the database file; returns its bytes as damaged."""
    data = path.read_bytes()
    rng = random.Random(how)
    if how == "empty":
        data = b""
    elif how == "truncated":
        data = data[:len(data) // 2]
    elif how == "cut short":  # the last pages gone: the notes on the others are still there
        data = data[:len(data) - 2 * 4096 - 100]
    elif how == "random pages":
        page = 4096
        pages = bytearray(data)
        for n in range(1, len(data) // page):
            pages[n * page:(n + 1) * page] = rng.randbytes(page)
        data = bytes(pages)
    elif how == "text":
        data = b"These are my notes, but this is not a database.\n" * 100
    elif how == "header":
        data = rng.randbytes(100) + data[100:]
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("how", ["empty", "truncated", "cut short", "random pages", "text", "header"])
def test_every_note_still_on_disk_comes_back_and_the_count_is_told(db, how, salvage_by):
    backup = backup_path(db, DAY2.date())
    damaged = damage(db, how)
    expected = still_on_disk(db, backup)
    store = open_again(db)
    assert kept(db, store) == damaged
    assert store.recovery.damaged.name == "notes.sqlite3.damaged-20261127-2130"
    assert comments(store) >= expected  # nothing lost that any byte on disk still holds
    report = store.recovery
    assert report.recovered == store.count() == len(comments(store))
    assert report.restored_from == backup
    assert report.lost == (1 if how == "cut short" else 0)  # the row the cut went through
    assert f"{report.recovered} notes recovered, {report.lost} could not be" in report.message
    assert "restored" not in report.message
    assert report.incomplete == (how != "header")  # only the header case lost no page
    if report.incomplete:
        assert "notes saved after the backup of 2026-11-26 may be missing" in report.message
    assert_one_line(report.message)
    assert store.integrity_check() == "ok" and store.verify() == []
    store.add(note(99))  # and it works
    store.close()
    again = open_again(db)
    assert again.recovery is None and again.count() == report.recovered + 1
    assert report.damaged.read_bytes() == damaged  # never touched again


def test_a_damaged_header_loses_nothing(db, salvage_by):
    damage(db, "header")
    store = open_again(db)
    assert store.count() == 62 and comments(store) == set(range(62))
    assert store.recovery.message.startswith("The notes database was damaged and is kept as "
                                             "notes.sqlite3.damaged-20261127-2130: 62 notes "
                                             "recovered, 0 could not be")


def test_a_damaged_backup_falls_back_to_an_older_one(db, salvage_by):
    damage(backup_path(db, DAY2.date()), "random pages")
    damaged = damage(db, "header")
    store = open_again(db)
    assert kept(db, store) == damaged
    assert store.recovery.restored_from == backup_path(db, DAY1.date())
    assert "the backup of 2026-11-25" in store.recovery.message
    assert "the newer backup of 2026-11-26 was damaged too" in store.recovery.message
    assert store.count() == 62
    assert_one_line(store.recovery.message)


def test_no_sound_backup_salvages_what_the_file_holds_and_says_so(db, salvage_by):
    for backup in list_backups(db):
        damage(backup.path, "truncated")
    damaged = damage(db, "cut short")
    expected = still_on_disk(db)
    store = open_again(db)
    assert kept(db, store) == damaged
    assert store.recovery.restored_from is None
    assert 0 < len(expected) <= store.count() and comments(store) >= expected
    assert f"{store.count()} notes recovered, 1 could not be (no sound backup was found)" \
        in store.recovery.message
    assert "may be missing" in store.recovery.message
    assert_one_line(store.recovery.message)


def test_no_backup_at_all_starts_a_new_database_and_says_so(tmp_path):
    path = tmp_path / "notes.sqlite3"
    damaged = b"not a database at all" * 10
    path.write_bytes(damaged)
    store = open_again(path)
    assert kept(path, store) == damaged
    assert store.recovery.message.startswith(
        "The notes database was damaged and is kept as notes.sqlite3.damaged-")
    assert "0 notes recovered, 0 could not be (no backup was found)" in store.recovery.message
    assert str(store.recovery.damaged) in store.recovery.message
    assert store.count() == 0 and store.schema_version()[-1] == "0004_note_checksum"


def test_a_garbage_journal_is_set_aside_and_the_notes_are_intact(db):
    garbage = random.Random(1).randbytes(5000)
    Path(f"{db}-wal").write_bytes(garbage)
    store = open_again(db)
    assert kept(db, store) == garbage
    assert store.recovery.damaged.name == "notes.sqlite3-wal.damaged-20261127-2130"
    assert "journal" in store.recovery.message and store.recovery.restored_from is None
    assert store.count() == 62 and store.integrity_check() == "ok"
    assert_one_line(store.recovery.message)


def test_a_garbage_index_file_is_set_aside_and_rebuilt(db):
    garbage = random.Random(2).randbytes(32768)
    Path(f"{db}-shm").write_bytes(garbage)
    store = open_again(db)
    assert kept(db, store) == garbage
    assert "index file" in store.recovery.message and "intact" in store.recovery.message
    assert store.count() == 62 and store.integrity_check() == "ok"
    store.add(note(100))
    assert NoteStore(db).count() == 63  # a second window reads through the rebuilt index


CRASH_AFTER_SAVING = """
import os, sys
from companion.core.anchoring import anchor_for
from companion.store.notes import Note, NoteStore
store = NoteStore(sys.argv[1])
for i in range(5):
    store.add(Note(fingerprint="late", anchor=anchor_for("some text here", 0, 4), comment=str(i)))
os._exit(0)  # no close: the saves are in the -wal journal only
"""


def test_a_damaged_file_is_kept_with_its_journal(db):
    subprocess.run([sys.executable, "-c", CRASH_AFTER_SAVING, str(db)], check=True)
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0
    journal = wal.read_bytes()
    damaged = damage(db, "header")
    store = open_again(db)
    assert kept(db, store) == damaged
    assert Path(f"{store.recovery.damaged}-wal").read_bytes() == journal
    # the crashed window's first save made a backup dated by the real clock, after NOW: ignored
    assert list_backups(db)[0].day > NOW.date()
    assert store.recovery.restored_from == backup_path(db, DAY2.date())
    assert store.count() == 62 + 5  # the file's notes and the 5 saved in its journal only
    assert "67 notes recovered, 0 could not be" in store.recovery.message


def test_opening_twice_in_a_minute_keeps_both_damaged_files(db):
    first = damage(db, "text")
    one = open_again(db)
    one.close()
    second = damage(db, "empty")
    two = open_again(db)
    assert one.recovery.damaged != two.recovery.damaged
    assert one.recovery.damaged.read_bytes() == first and two.recovery.damaged.read_bytes() == second


def test_a_database_damaged_while_another_window_has_it_open_is_not_replaced(db):
    other = NoteStore(db)
    damaged = damage(db, "header")
    with pytest.raises(StoreError) as error:
        open_again(db)
    assert "close every companion window" in str(error.value)
    assert_one_line(str(error.value))
    assert db.read_bytes() == damaged and not list(db.parent.glob("*.damaged-*"))
    other.close()


def test_the_corrections_store_repairs_the_shared_file_too(db):
    damage(db, "truncated")
    corrections = CorrectionStore(db, clock=Clock(NOW))
    assert corrections.recovery is not None and "notes recovered" in corrections.recovery.message
    corrections.close()
    assert open_again(db).count() == 32


def test_a_database_path_that_is_a_folder_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    with pytest.raises(StoreError) as error:
        NoteStore(path)
    assert "is a folder" in str(error.value)
    assert_one_line(str(error.value))
    assert (path / "keep.txt").read_text() == "mine" and list(tmp_path.iterdir()) == [path]


def _make_unwritable(target: Path) -> bool:
    """chmod, and for root (whom modes do not stop) the immutable flag; True if it took."""
    target.chmod(0o555 if target.is_dir() else 0o444)
    if not os.access(target, os.W_OK):
        return True
    if shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(target)], capture_output=True)
    return not os.access(target, os.W_OK)


def _make_writable(target: Path) -> None:
    if shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(target)], capture_output=True)
    target.chmod(stat.S_IRWXU if target.is_dir() else stat.S_IRUSR | stat.S_IWUSR)


def test_a_read_only_folder_is_a_clear_error_and_nothing_is_touched(db):
    before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    folder = db.parent
    try:
        if not _make_unwritable(folder):
            pytest.skip("cannot make a folder read-only here")
        with pytest.raises(StoreError) as error:
            NoteStore(db)
        assert "read-only" in str(error.value) and str(folder) in str(error.value)
        assert_one_line(str(error.value))
    finally:
        _make_writable(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_a_read_only_database_file_is_a_clear_error(db):
    before = db.read_bytes()
    try:
        if not _make_unwritable(db):
            pytest.skip("cannot make a file read-only here")
        with pytest.raises(StoreError) as error:
            NoteStore(db)
        assert "read-only" in str(error.value)
        assert_one_line(str(error.value))
    finally:
        _make_writable(db)
    assert db.read_bytes() == before


def test_a_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreError) as error:
        NoteStore(blocker / "data" / "notes.sqlite3")
    assert_one_line(str(error.value))


def test_backups_are_daily_and_only_the_last_seven_are_kept(tmp_path):
    path = tmp_path / "notes.sqlite3"
    clock = Clock(datetime(2026, 11, 1, 8, 0))
    store = NoteStore(path, clock=clock)
    for day in range(1, 11):
        clock.now = datetime(2026, 11, day, 8, 0)
        for i in range(3):
            store.add(note(day * 10 + i))
    backups = list_backups(path)
    assert [b.day.day for b in backups] == [10, 9, 8, 7, 6, 5, 4]
    assert store.backups() == [b.path for b in backups]
    # the backup of a day is taken at its first save: it holds that save and all before it
    count = sqlite3.connect(backups[0].path).execute("SELECT COUNT(*) FROM notes").fetchone()[0]
    assert count == 9 * 3 + 1
    assert [p.name for p in backups[0].path.parent.iterdir() if p.name.startswith(".")] == []
