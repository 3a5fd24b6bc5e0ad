"""A power cut loses nothing a save said was saved: writes not yet fsynced are thrown away.

Killing a process loses nothing the OS already holds, so a crash test passes even with
`synchronous=OFF`. Here a small LD_PRELOAD shim (fsync_shim/durable_fsync.c, compiled by the
test) copies a file of the notes folder to a "durable image" at every fsync/fdatasync. A writer
process prints each note id once add() returned; it is killed with SIGKILL; then every database,
WAL and journal file is replaced by its durable image (or removed if it was never synced), as a
disk would be after a power cut, and the store is opened again: every reported save must be
there. The same run with `synchronous` forced to OFF or NORMAL must lose saves — proof that the
harness can fail.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.store.notes import NoteStore

SHIM = Path(__file__).parent / "fsync_shim" / "durable_fsync.c"
COMPILER = shutil.which("gcc") or shutil.which("cc")
pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shim reads /proc/self/fd"),
    pytest.mark.skipif(COMPILER is None, reason="no C compiler to build the fsync shim "
                                                "(tests/run.sh installs gcc)"),
]

WRITER = '''
import sys
from companion.core.anchoring import anchor_for
from companion.store.notes import Note, NoteStore
import companion.store.db as db, companion.store.recovery as recovery
mode = sys.argv[2]
if mode != "FULL":  # what the test must catch: a store that does not wait for the disk
    house = db.prepare
    def prepare(conn):
        house(conn)
        conn.execute(f"PRAGMA synchronous = {mode}")
    db.prepare = recovery.prepare = prepare
text = "Prime Minister Mark Carney will meet his U.S. counterpart Tuesday at the White House."
store = NoteStore(sys.argv[1])
for i in range(100000):
    note = store.add(Note(fingerprint=f"fp{sys.argv[3]}", anchor=anchor_for(text, i % 40, i % 40 + 20),
                          comment=f"run {sys.argv[3]} save {i}"))
    print(note.id, flush=True)
'''


@pytest.fixture(scope="module")
def shim(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shim") / "durable_fsync.so"
    done = subprocess.run([COMPILER, "-shared", "-fPIC", "-O1", "-o", str(out), str(SHIM), "-ldl"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"the fsync shim does not compile here: {done.stderr.strip()[:200]}")
    return out


def power_cut(folder: Path, durable: Path) -> None:
    """The notes folder as the disk holds it: each file as last synced, or gone if never synced."""
    for file in list(folder.iterdir()):
        if not file.is_file() or file.name.endswith(".lock"):
            continue
        image = durable / file.name
        if file.name.endswith("-shm"):
            file.unlink()  # shared memory: never on disk
        elif image.exists():
            shutil.copyfile(image, file)
        else:
            file.unlink()
    for image in durable.iterdir():  # what is on disk now is the durable state from here on
        if not (folder / image.name).exists():
            image.unlink()


def run_and_cut(shim: Path, folder: Path, durable: Path, mode: str, run: int,
                rng: random.Random) -> list[int]:
    """Start a writer, let it save for a while, kill it, cut the power: the ids it reported."""
    env = {**os.environ, "LD_PRELOAD": str(shim), "FSYNC_WATCH": str(folder),
           "FSYNC_DURABLE": str(durable), "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(folder / "notes.sqlite3"), mode, str(run)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    printed = []
    wanted = rng.randint(20, 150)
    while len(printed) < wanted:
        line = child.stdout.readline()
        if not line:
            break
        printed.append(line)
    time.sleep(rng.uniform(0, 0.003))
    child.send_signal(signal.SIGKILL)
    rest, errors = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, errors
    power_cut(folder, durable)
    lines = printed + rest.splitlines(keepends=True)
    return [int(line) for line in lines if line.endswith("\n")]


def lost_after_power_cuts(shim: Path, tmp_path: Path, mode: str, runs: int) -> tuple[int, int]:
    folder, durable = tmp_path / "data", tmp_path / "durable"
    folder.mkdir()
    durable.mkdir()
    rng = random.Random(16)
    reported: list[int] = []
    for run in range(runs):
        reported += run_and_cut(shim, folder, durable, mode, run, rng)
        if mode == "FULL":
            assert (durable / "notes.sqlite3-wal").exists(), "the shim saw no fsync: not active?"
    store = NoteStore(folder / "notes.sqlite3")
    try:
        present = {note.id for note in store.all_notes()}
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    return len(reported), len([i for i in reported if i not in present])


def test_every_reported_save_survives_power_cuts(shim, tmp_path):
    reported, lost = lost_after_power_cuts(shim, tmp_path, "FULL", runs=6)
    assert reported > 100
    assert lost == 0, f"{lost} of {reported} reported saves were lost at a power cut"


@pytest.mark.parametrize("mode", ["OFF", "NORMAL"])
def test_the_harness_catches_a_store_that_does_not_sync(shim, tmp_path, mode):
    reported, lost = lost_after_power_cuts(shim, tmp_path, mode, runs=2)
    assert reported > 20
    assert lost > 0, f"synchronous={mode} lost nothing: the power-cut simulation is not working"
