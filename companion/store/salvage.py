"""Getting back every note a damaged database (or its -wal journal) still holds.

Two readers, and the union of what they find: `sqlite3 .recover` when the command is installed
(SQLite's own recovery), and store/pages.py, which decodes every table page and WAL frame itself
(always run: it needs nothing installed, reads a file whose header is gone, and finds rows in WAL
frames after a damaged one, which SQLite ignores). Each row is checked as on import, and against
its checksum (store/notes.py): a row whose bytes changed is not taken. When a note has several
copies (a page rewritten in the journal), the newest sound one wins.

Salvage reads copies of the damaged files in a temporary folder: the kept damaged file is never
written, not even by SQLite's own opening of it.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.anchoring import Anchor
from companion.store.pages import Record, scan_database, wal_frames, wal_records
from companion.store.validate import InvalidRecord, check_anchor_bounds, note_id_in_range

log = logging.getLogger(__name__)
RECOVER_TIMEOUT_S = 120

# notes' columns in table order (migrations append columns; older rows have fewer values)
NOTE_FIELDS = ("id", "fingerprint", "path", "title", "start", "end", "quote", "prefix", "suffix",
               "comment", "color", "tags", "created", "updated", "squeezed_start", "text_length",
               "checksum", "path_untrusted")
CORRECTION_FIELDS = ("id", "fingerprint", "path", "data", "created")


@dataclass
class Salvage:
    """What could be read back: sound notes by id, corrections by id, and what was lost."""
    notes: dict[int, Any] = field(default_factory=dict)  # id → Note
    corrections: dict[int, tuple] = field(default_factory=dict)  # id → (fingerprint, path, data, created)
    damaged_ids: set[int] = field(default_factory=set)   # notes seen only in damaged copies
    unreadable_pages: int = 0                            # pages of the file that held nothing readable
    bad_cells: int = 0                                   # rows that did not decode at all
    highest_id: int = 0                                  # the largest note id seen anywhere
    methods: list[str] = field(default_factory=list)     # "sqlite3 .recover", "page scan"
    seen_any: bool = False                               # a note-shaped row was found in the file
    _rank: dict[int, tuple] = field(default_factory=dict)

    @property
    def incomplete(self) -> bool:
        """Parts of the file held nothing readable (or no note was found at all)."""
        return self.unreadable_pages > 0 or not self.seen_any

    @property
    def lost(self) -> int:
        """Notes known to be lost: ids seen only damaged, plus rows that did not decode."""
        return len(self.damaged_ids - set(self.notes)) + self.bad_cells

    def offer(self, values: dict, order: int, *, carved: bool = False) -> None:
        """A row read somewhere: kept when it is sound and newer than any copy so far. A carved
        row (see pages.carve) is only kept with a checksum that matches."""
        from companion.store.notes import Note, note_checksum  # notes imports recovery imports us
        note_id = values.get("id")
        if isinstance(note_id, int) and not isinstance(note_id, bool):
            self.highest_id = max(self.highest_id, note_id)
        try:
            note = _note(values, Note)
            stored = values.get("checksum")
            if (stored is not None or carved) and note_checksum(note) != stored:
                raise InvalidRecord("its checksum does not match")
        except (InvalidRecord, ValueError, TypeError, KeyError) as exc:
            if carved:
                return  # most offsets of a damaged page are not rows at all
            if isinstance(note_id, int):
                self.damaged_ids.add(note_id)
            log.info("salvage: a copy of note %s is damaged (%s)", note_id, exc)
            return
        rank = (note.updated, order)
        if note.id not in self._rank or rank > self._rank[note.id]:
            self.notes[note.id], self._rank[note.id] = note, rank

    def offer_correction(self, values: tuple) -> None:
        rowid, fingerprint, path, data, created = values
        try:
            json.loads(data)
        except (TypeError, ValueError):
            return
        if (isinstance(rowid, int) and isinstance(fingerprint, str) and isinstance(created, str)
                and (path is None or isinstance(path, str))):
            self.corrections.setdefault(rowid, (fingerprint, path, data, created))


def _note(values: dict, note_class: type):
    """The note of a row's values; InvalidRecord when they could not have been saved by the app."""
    note_id = values["id"]
    if not note_id_in_range(note_id):
        raise InvalidRecord(f"id {note_id!r} is out of range")
    texts = ("fingerprint", "title", "quote", "prefix", "suffix", "comment", "color", "created", "updated")
    if not all(isinstance(values.get(k), str) for k in texts) or not values["fingerprint"]:
        raise InvalidRecord("a text field is not text")
    start, end = values["start"], values["end"]
    if not isinstance(start, int) or not isinstance(end, int):
        raise InvalidRecord("offsets are not numbers")
    for key in ("squeezed_start", "text_length"):
        if values.get(key) is not None and not isinstance(values[key], int):
            raise InvalidRecord(f"{key} is not a number")
    check_anchor_bounds(start, end, values["quote"], values.get("text_length"))
    path = values.get("path")
    if path is not None and not isinstance(path, str):
        raise InvalidRecord("path is not text")
    tags = json.loads(values["tags"])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InvalidRecord("tags are not a list of words")
    anchor = Anchor(start, end, values["quote"], values["prefix"], values["suffix"],
                    squeezed_start=values.get("squeezed_start"), text_length=values.get("text_length"))
    return note_class(fingerprint=values["fingerprint"], anchor=anchor, comment=values["comment"],
                      path=path, title=values["title"], color=values["color"], tags=tuple(tags),
                      id=note_id, created=values["created"], updated=values["updated"],
                      path_untrusted=bool(values.get("path_untrusted") or 0))


def _offer_record(salvage: Salvage, record: Record) -> None:
    """Sort a raw record by its shape: a note, a correction, or another table's row (ignored)."""
    values = record.values
    if not values or values[0] is not None:
        return  # our tables' first column is the rowid alias, stored as NULL
    if len(values) in (14, 16, 17, 18):
        row = dict(zip(NOTE_FIELDS, values))
        row["id"] = record.rowid
        salvage.seen_any = salvage.seen_any or not record.carved
        salvage.offer(row, record.order, carved=record.carved)
    elif len(values) == len(CORRECTION_FIELDS) and not record.carved:
        salvage.offer_correction((record.rowid, *values[1:]))


def salvage_database(database: Path, *, use_cli: bool = True) -> Salvage:
    """Every sound note and correction in a damaged database file and its -wal (read from copies)."""
    salvage = Salvage()
    with tempfile.TemporaryDirectory(prefix="companion-salvage-") as folder:
        copy = Path(folder) / "damaged.sqlite3"
        _copy_if_there(database, copy)
        _copy_if_there(database.with_name(database.name + "-wal"), Path(f"{copy}-wal"))
        if use_cli and shutil.which("sqlite3"):
            _recover_with_cli(copy, Path(folder), salvage)
            _copy_if_there(database, copy)  # the command may have changed the copy; read afresh
        scan = scan_database(copy)
        salvage.methods.append("page scan")
        wal = Path(f"{copy}-wal")
        if wal.exists():
            _copy_if_there(database.with_name(database.name + "-wal"), wal)
        frames = wal_frames(wal) if wal.exists() else None
        rewritten = {page for _n, page, _c, ok in frames.frames if ok} if frames else set()
        for record in scan.records:
            if record.page not in rewritten:  # the journal holds a newer version of that page
                _offer_record(salvage, record)
        salvage.unreadable_pages, salvage.bad_cells = scan.unreadable_pages, scan.bad_cells
        if frames is not None:
            for record in wal_records(wal, copy):
                _offer_record(salvage, record)
    return salvage


def salvage_journal(wal: Path, database: Path) -> Salvage:
    """The sound notes in the frames of a -wal journal (its database supplies overflow pages)."""
    salvage = Salvage()
    salvage.methods.append("page scan")
    for record in wal_records(wal, database):
        _offer_record(salvage, record)
    return salvage


def wal_is_damaged(wal: Path) -> bool:
    """A -wal with a bad frame followed by saved transactions, which SQLite would drop unsaid."""
    frames = wal_frames(wal)
    return frames is not None and frames.damaged


def _copy_if_there(source: Path, target: Path) -> None:
    try:
        shutil.copyfile(source, target)
    except FileNotFoundError:
        target.unlink(missing_ok=True)


def _recover_with_cli(copy: Path, folder: Path, salvage: Salvage) -> None:
    """Rows as `sqlite3 .recover` gives them back (its SQL, run into a scratch database)."""
    try:
        done = subprocess.run(["sqlite3", str(copy), ".recover"], capture_output=True,
                              timeout=RECOVER_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("sqlite3 .recover could not run (%s); reading the pages instead", exc)
        return
    script = done.stdout.decode("utf-8", "replace")
    scratch = sqlite3.connect(folder / "recovered.sqlite3", isolation_level=None)
    try:
        for statement in _statements(script):
            try:
                scratch.execute(statement)
            except sqlite3.Error:
                continue  # one statement that does not run (a damaged row) costs only itself
        salvage.methods.append("sqlite3 .recover")
        order = 1 << 40  # SQLite's view of the committed file: newer than any page read below
        for row in _rows(scratch, "notes"):
            salvage.seen_any = True
            salvage.offer(row, order)
        for row in _rows(scratch, "corrections"):
            salvage.offer_correction(tuple(row.get(k) for k in CORRECTION_FIELDS))
        for row in _lost_and_found(scratch):
            if len(row) in (14, 16, 17, 18):
                salvage.offer(dict(zip(NOTE_FIELDS, row)), order - 1)
    finally:
        scratch.close()


def _statements(script: str):
    """The complete statements of an SQL script, one at a time."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


def _rows(conn: sqlite3.Connection, table: str) -> list[dict]:
    try:
        cur = conn.execute(f'SELECT rowid AS "rowid_", * FROM "{table}"')
    except sqlite3.Error:
        return []
    names = [d[0] for d in cur.description]
    rows = []
    for raw in cur:
        row = dict(zip(names, raw))
        row["id"] = row.get("id") if row.get("id") is not None else row["rowid_"]
        rows.append(row)
    return rows


def _lost_and_found(conn: sqlite3.Connection) -> list[tuple]:
    """Rows .recover found on orphaned pages: (id, c0, c1, …) with c0 the NULL rowid alias."""
    try:
        cur = conn.execute("SELECT * FROM lost_and_found")
    except sqlite3.Error:
        return []
    names = [d[0] for d in cur.description]
    found = []
    for raw in cur:
        row = dict(zip(names, raw))
        columns = [row[n] for n in names if n.startswith("c") and n[1:].isdigit()]
        columns = columns[:row.get("nfield", len(columns))]
        if row.get("id") is not None and columns and columns[0] is None:
            found.append((row["id"], *columns[1:]))
    return found
