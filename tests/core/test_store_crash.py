"""A window killed while saving loses nothing it said was saved, and leaves nothing half-written.

A child process saves up to 1,000 notes, printing each id once add() has returned; it is killed
with SIGKILL at a random moment (while opening, between saves, in a save, during a daily backup:
its clock moves a day every 40 saves), again and again. Then every printed id must be in the
database with all its fields as written, every row must be whole, and the database and each
backup must pass an integrity check.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.store.backup import BACKUPS_KEPT, is_sound, list_backups
from companion.store.notes import NoteStore

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

RUNS = 20
SAVES = 1000

# The note a child saves as number i of run r; the parent rebuilds it to compare field by field.
NOTE_SOURCE = '''
from companion.core.anchoring import anchor_for
from companion.store.notes import Note

TEXT = ("Prime Minister Mark Carney will meet his U.S. counterpart Tuesday for a high-stakes "
        "White House meeting, with a trade war raging and relations at their lowest point.")


def make(run, i):
    start = (run * 7 + i) % 60
    return Note(fingerprint=f"fp-{run}-{i}", anchor=anchor_for(TEXT, start, start + 10 + i % 30),
                comment=f"run {run} note {i} " + "why " * (i % 40), path=f"/runs/{run}.txt",
                title=f"Run {run}", color=("yellow", "green", "blue")[i % 3],
                tags=(f"run{run}", f"n{i}"))
'''

CHILD = NOTE_SOURCE + '''
import sys
from datetime import datetime, timedelta
from companion.store.notes import NoteStore

path, run = sys.argv[1], int(sys.argv[2])
saved = 0
def clock():  # a new day every 40 saves, so backups are made (and killed) often
    return datetime(2026, 1, 1, 9) + timedelta(days=(run * 1000 + saved) // 40)
store = NoteStore(path, clock=clock)
for i in range(1000):
    note = store.add(make(run, i))
    saved += 1
    print(note.id, run, i, flush=True)
'''

namespace: dict = {}
exec(NOTE_SOURCE, namespace)
make = namespace["make"]


def run_and_kill(path: Path, run: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """Start a saving child, kill it at a random moment; the (id, run, i) lines it printed."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(run)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    printed = []
    wanted = rng.choice([0, rng.randint(1, 40), rng.randint(40, 400)])
    if wanted == 0:
        time.sleep(rng.uniform(0.0, 0.25))  # while starting or opening the database
    else:
        while len(printed) < wanted:
            line = child.stdout.readline()
            if not line:
                break
            printed.append(line)
        time.sleep(rng.uniform(0, 0.004))  # somewhere inside a later save
    child.send_signal(signal.SIGKILL)
    rest, errors = child.communicate()
    assert child.returncode in (-signal.SIGKILL, 0), errors
    lines = printed + rest.splitlines(keepends=True)
    return [tuple(map(int, line.split())) for line in lines if line.endswith("\n")]


def test_saves_survive_being_killed_at_random_moments(tmp_path):
    path = tmp_path / "notes.sqlite3"
    rng = random.Random(5)
    started = time.monotonic()
    printed: list[tuple[int, int, int]] = []
    for run in range(RUNS):
        printed += run_and_kill(path, run, rng)
    store = NoteStore(path)
    assert store.recovery is None, store.recovery
    assert store.integrity_check() == "ok"
    by_id = {note.id: note for note in store.all_notes()}
    for note_id, run, i in printed:  # every save reported done is there, exactly as written
        assert note_id in by_id, f"note {note_id} (run {run}, #{i}) was reported saved but is gone"
        expected = make(run, i)
        got = by_id[note_id]
        assert (got.fingerprint, got.anchor, got.comment, got.path, got.title, got.color, got.tags) == \
            (expected.fingerprint, expected.anchor, expected.comment, expected.path,
             expected.title, expected.color, expected.tags)
    seen = set()
    for note in by_id.values():  # and nothing else is half there
        run, i = map(int, note.fingerprint.split("-")[1:])
        expected = make(run, i)
        assert (note.anchor, note.comment, note.tags, note.title) == \
            (expected.anchor, expected.comment, expected.tags, expected.title)
        assert note.created and note.updated
        assert (run, i) not in seen
        seen.add((run, i))
    assert len(printed) > 100, "the children were killed too early to test much"
    backups = list_backups(path)
    assert 0 < len(backups) <= BACKUPS_KEPT and all(is_sound(b.path) for b in backups)
    print(f"\n{RUNS} kills, {len(printed)} saves reported, {len(by_id)} in the database, "
          f"{len(backups)} backups, {time.monotonic() - started:.1f} s")
