"""Damage SQLite does not report, or reports too late: one page, one WAL frame, a FIFO, a backup
dated in the future, a row changed on disk. Each case checks what came back, what the reader is
told, and that the damaged bytes are kept.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from companion.errors import StoreError
from companion.store.backup import backup_path, list_backups
from companion.store.notes import NoteStore
from companion.store.pages import WAL_HEADER, FRAME_HEADER, wal_frames

sys.path.insert(0, str(Path(__file__).parent))
from test_store_damage import (DAY2, NOW, Clock, assert_one_line, comments, db, note,  # noqa: E402,F401
                               open_again, salvage_by, still_on_disk)

SAVE_AND_CRASH = """
import os, sys
sys.path.insert(0, sys.argv[2])
from test_store_damage import note
from companion.store.notes import NoteStore
store = NoteStore(sys.argv[1])
for i in range(100, 220):
    store.add(note(i))
os._exit(0)  # an unclean exit: the 120 saves are in the -wal journal only
"""


def crash_after_saving(db: Path) -> Path:
    subprocess.run([sys.executable, "-c", SAVE_AND_CRASH, str(db), str(Path(__file__).parent)],
                   check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    return Path(f"{db}-wal")


def sqlite_alone_sees(db: Path, tmp: Path) -> int:
    """How many notes SQLite itself reads from a copy of the files (no salvage)."""
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{db}{suffix}", tmp / f"copy.sqlite3{suffix}")
    conn = sqlite3.connect(tmp / "copy.sqlite3")
    try:
        return conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
    finally:
        conn.close()


def test_one_flipped_bit_in_a_wal_frame_is_noticed_kept_and_its_notes_recovered(db, tmp_path):
    wal = crash_after_saving(db)
    frames = wal_frames(wal)
    assert frames is not None and len(frames.frames) > 20 and not frames.damaged
    data = bytearray(wal.read_bytes())
    data[WAL_HEADER + 2 * (FRAME_HEADER + frames.page_size) + FRAME_HEADER + 3000] ^= 0x04
    wal.write_bytes(bytes(data))
    assert wal_frames(wal).damaged
    assert sqlite_alone_sees(db, tmp_path) < 62 + 120  # what the app showed before: a silent loss
    store = open_again(db)
    report = store.recovery
    assert report is not None and report.damaged.read_bytes() == bytes(data)  # kept, as it was
    assert comments(store) == set(range(62)) | set(range(100, 220))
    assert report.lost == 0 and report.recovered > 0
    assert f"{report.recovered} notes recovered, 0 could not be" in report.message
    assert "journal" in report.message and report.damaged.name in report.message
    assert_one_line(report.message)
    assert store.integrity_check() == "ok" and store.verify() == []
    store.close()
    assert open_again(db).recovery is None and open_again(db).count() == 182


def test_a_torn_last_frame_after_a_crash_is_not_damage(db):
    wal = crash_after_saving(db)
    with open(wal, "ab") as handle:  # half a frame: a save the crash cut short, never reported
        handle.write(os.urandom(FRAME_HEADER + 1000))
    store = open_again(db)
    assert store.recovery is None and store.count() == 182


def test_one_damaged_page_loses_only_what_is_not_on_disk(db, salvage_by):
    data = bytearray(db.read_bytes())
    page = data.find(note(55).comment.encode()) // 4096  # notes saved after the last backup
    data[page * 4096:page * 4096 + 8] = b"\xff" * 8  # the page's header is overwritten
    db.write_bytes(bytes(data))
    expected = still_on_disk(db, backup_path(db, DAY2.date()))
    assert expected == set(range(62))
    store = open_again(db)
    assert comments(store) == set(range(62))  # carved from the damaged page, checked by checksum
    assert store.recovery.lost == 0
    assert "62 notes recovered, 0 could not be" in store.recovery.message


def test_a_note_changed_on_disk_is_told_not_taken(db, salvage_by):
    data = bytearray(db.read_bytes())
    at = data.find(note(50).comment.encode())
    data[at + 10] ^= 0x01  # one bit of note 50's comment: SQLite's checks cannot see it
    db.write_bytes(bytes(data))
    store = open_again(db)
    assert store.recovery is None  # the file is sound to SQLite ...
    assert len(store.problems) == 1 and "Note 51 was changed on disk" in store.problems[0]
    assert_one_line(store.problems[0])
    store.close()
    data[100:116] = b"\x00" * 16  # ... and when the file is salvaged, the changed row is not taken
    db.write_bytes(bytes(data))
    again = open_again(db)
    assert comments(again) == set(range(62)) - {50}
    assert "61 notes recovered, 1 could not be" in again.recovery.message


def test_a_fifo_in_place_of_the_database_is_refused_at_once(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "notes.sqlite3"
    os.mkfifo(path)
    code = ("import sys\nfrom companion.store.notes import NoteStore\nfrom companion.errors import StoreError\n"
            "try:\n    NoteStore(sys.argv[1])\nexcept StoreError as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert "is not a regular file" in done.stdout and str(path) in done.stdout
    assert_one_line(done.stdout.strip()) and done.stderr == ""
    assert path.is_fifo()  # left alone


def test_a_fifo_in_place_of_the_journal_is_refused(db):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(f"{db}-wal")
    with pytest.raises(StoreError) as error:
        open_again(db)
    assert "notes.sqlite3-wal is not a regular file" in str(error.value)


def test_a_backup_dated_in_the_future_is_never_chosen(db):
    future = backup_path(db, datetime(2031, 1, 1).date())
    shutil.copyfile(list_backups(db)[-1].path, future)  # the one-note backup, under a later date
    db.write_bytes(b"not a database any more" * 100)
    store = open_again(db)
    assert store.recovery.restored_from == backup_path(db, DAY2.date())
    assert store.count() == 32 and "the backup of 2026-11-26" in store.recovery.message


def test_a_backup_dated_in_the_future_is_pruned_first(tmp_path):
    path = tmp_path / "notes.sqlite3"
    clock = Clock(datetime(2026, 11, 1, 8))
    store = NoteStore(path, clock=clock)
    store.add(note(0))
    future = backup_path(path, datetime(2031, 1, 1).date())
    shutil.copyfile(list_backups(path)[0].path, future)
    for day in range(2, 10):
        clock.now = datetime(2026, 11, day, 8)
        store.add(note(day))
    assert not future.exists()
    assert [b.day.day for b in list_backups(path)] == [9, 8, 7, 6, 5, 4, 3]


def test_an_id_at_the_end_of_the_range_is_refused_and_saves_go_on(tmp_path):
    store = NoteStore(tmp_path / "notes.sqlite3")
    for huge in (2**63 - 1, 2**63, -5, 0):
        with pytest.raises(StoreError) as error:
            store.restore(note(1).__class__(**{**note(1).__dict__, "id": huge}))
        assert "out of range" in str(error.value)
    assert store.add(note(2)).id == 1 and store.get(2**63) is None


def test_corrections_are_salvaged_with_the_notes(db, salvage_by):
    from companion.core.corrections import Correction
    from companion.store.corrections import CorrectionStore
    corrections = CorrectionStore(db, clock=Clock(DAY2))
    for name in ("Mark Carney", "Doug Ford", "Mélanie Joly"):
        corrections.add("fp-c", "/c.txt", Correction("hide", name))
    corrections.close()
    data = bytearray(db.read_bytes())
    data[:100] = bytes(100)  # the header gone: SQLite cannot open the file at all
    db.write_bytes(bytes(data))
    store = open_again(db)
    assert store.count() == 62 and store.recovery.lost == 0
    store.close()
    again = CorrectionStore(db)
    assert [c.entity for _, c in again.for_article("fp-c", "/c.txt")] == ["Mark Carney", "Doug Ford", "Mélanie Joly"]


@pytest.mark.parametrize("seed", range(int(os.environ.get("DAMAGE_SEEDS", "12"))))
def test_random_damage_never_stops_the_start_and_loses_no_sound_note(db, seed):
    """Bytes flipped, zeroed or cut anywhere: the store opens, every note whose bytes are still
    intact and still found comes back, and what it says adds up."""
    import random
    rng = random.Random(seed)
    data = bytearray(db.read_bytes())
    for _ in range(rng.randint(1, 40)):
        at = rng.randrange(len(data))
        how = rng.random()
        if how < 0.6:
            data[at] ^= 1 << rng.randrange(8)
        elif how < 0.9:
            data[at:at + rng.randint(1, 600)] = bytes(min(len(data) - at, 600))[:len(data[at:at + 600])]
        else:
            del data[at:]
            break
    db.write_bytes(bytes(data))
    store = open_again(db)
    assert store.integrity_check() == "ok"
    if store.recovery is None:  # damage SQLite does not see: the checksums tell it
        assert len(store.problems) == len(store.verify())
    else:
        assert store.verify() == []
        assert store.recovery.recovered == store.count()
        assert_one_line(store.recovery.message)
        assert comments(store) >= {i for i in range(32)}  # the backup's, at least
    store.add(note(99))
