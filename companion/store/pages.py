"""Reading rows straight from the bytes of an SQLite file or its -wal journal, page by page.

SQLite stops at the first damaged page or WAL frame; the rows on every other page are still on
disk. This reader walks every page (of a database) or every frame (of a WAL), decodes the cells
of each table leaf page, and yields the records it can decode, skipping what it cannot — the
Python equivalent of `sqlite3 .recover`, used when that command is not installed and beside it
when it is. It never writes. Format: https://www.sqlite.org/fileformat2.html
"""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

HEADER = b"SQLite format 3\x00"
WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_VERSION = 3007000
WAL_HEADER, FRAME_HEADER = 32, 24
_LEAF_TABLE = 0x0D
MAX_FILE_BYTES = 2 << 30  # larger than any notes database; refuse to read more into memory


@dataclass(frozen=True)
class Record:
    rowid: int
    values: tuple     # the columns as stored (INTEGER PRIMARY KEY columns are None)
    page: int         # page number (database) or frame number (WAL), from 1
    order: int        # later is newer: WAL frames after database pages, later frames after earlier
    carved: bool = False  # found by trying every offset of a page whose header is damaged


@dataclass(frozen=True)
class WalFrames:
    """What a -wal journal holds: its frames, and which fail their checksum."""
    page_size: int
    frames: list[tuple[int, int, bytes, bool]]  # (frame number, page number, page bytes, checksum ok)
    bad: list[int]                              # frames of the current journal with a bad checksum
    commits_after_bad: int                      # valid commit frames after the first bad one

    @property
    def damaged(self) -> bool:
        """A bad frame with saved transactions after it: SQLite would silently drop them."""
        return bool(self.bad) and self.commits_after_bad > 0


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        byte = data[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    return (value << 8) | data[pos + 8], pos + 9


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def decode_record(payload: bytes) -> tuple:
    """The column values of one record; ValueError (or IndexError) when it is not one."""
    header_size, pos = _varint(payload, 0)
    if not 1 <= header_size <= len(payload):
        raise ValueError("bad record header")
    types = []
    while pos < header_size:
        serial, pos = _varint(payload, pos)
        types.append(serial)
    body, values = header_size, []
    for serial in types:
        if serial == 0:
            values.append(None)
        elif serial <= 6:
            size = (1, 2, 3, 4, 6, 8)[serial - 1]
            values.append(int.from_bytes(payload[body:body + size], "big", signed=True))
            body += size
        elif serial == 7:
            values.append(struct.unpack(">d", payload[body:body + 8])[0])
            body += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial >= 12:
            size = (serial - 12) // 2
            raw = payload[body:body + size]
            values.append(raw.decode("utf-8") if serial % 2 else bytes(raw))  # strict: damage shows
            body += size
        else:
            raise ValueError("reserved serial type")
        if body > len(payload):
            raise ValueError("record runs past its payload")
    return tuple(values)


class _Pages:
    """The pages of a database file (1-based), with the page size from its header or a guess."""

    def __init__(self, data: bytes, page_size: int | None = None,
                 newer: dict[int, bytes] | None = None) -> None:
        self.data, self._newer = data, newer or {}
        size, reserved = page_size, 0
        if size is None and data[:16] == HEADER:
            raw = struct.unpack(">H", data[16:18])[0]
            size = 65536 if raw == 1 else raw
            reserved = data[20]
        if not size or size < 512 or size & (size - 1):
            size, reserved = 4096, 0  # the header is damaged: SQLite's default page size
        self.size, self.usable = size, size - reserved
        self.count = -(-len(data) // size)  # a cut last page still holds the cells it kept
        self.overflow: set[int] = set()  # overflow pages met while reading cells
        self.bad_cells = 0               # cells of table leaf pages that did not decode

    def page(self, number: int) -> bytes:
        if number in self._newer:  # the page as the -wal journal last wrote it
            return self._newer[number]
        page = self.data[(number - 1) * self.size:number * self.size]
        return page.ljust(self.size, b"\0") if page else page

    def freelist(self) -> set[int]:
        """Pages on the free list (their old rows were deleted); empty when the header is damaged."""
        free: set[int] = set()
        if self.data[:16] != HEADER:
            return free
        trunk = struct.unpack(">I", self.data[32:36])[0]
        while 1 < trunk <= self.count and trunk not in free:
            free.add(trunk)
            page = self.page(trunk)
            following, n = struct.unpack(">II", page[:8])
            for i in range(min(n, (self.usable - 8) // 4)):
                free.add(struct.unpack(">I", page[8 + 4 * i:12 + 4 * i])[0])
            trunk = following
        return free


def leaf_records(pages: _Pages, page: bytes, number: int, order: int) -> Iterator[Record]:
    """The records of a table leaf page that decode; nothing for any other kind of page."""
    start = 100 if number == 1 else 0
    if len(page) < start + 8 or page[start] != _LEAF_TABLE:
        return
    cells = struct.unpack(">H", page[start + 3:start + 5])[0]
    usable = pages.usable
    for i in range(min(cells, (len(page) - start - 8) // 2)):
        try:
            pointer = struct.unpack(">H", page[start + 8 + 2 * i:start + 10 + 2 * i])[0]
            size, pos = _varint(page, pointer)
            rowid, pos = _varint(page, pos)
            payload = _payload(pages, page, pos, size, usable)
            yield Record(_signed(rowid), decode_record(payload), number, order)
        except (ValueError, IndexError, struct.error, UnicodeDecodeError):
            pages.bad_cells += 1
            continue  # one damaged cell: the others on the page are still read


def _payload(pages: _Pages, page: bytes, pos: int, size: int, usable: int) -> bytes:
    """A cell's payload, following its overflow pages (if they are still readable)."""
    if size > MAX_FILE_BYTES:
        raise ValueError("payload size is damaged")
    limit = usable - 35
    if size <= limit:
        return page[pos:pos + size]
    least = (usable - 12) * 32 // 255 - 23
    local = least + (size - least) % (usable - 4)
    if local > limit:
        local = least
    out = bytearray(page[pos:pos + local])
    following = struct.unpack(">I", page[pos + local:pos + local + 4])[0]
    seen = set()
    while len(out) < size:
        if following < 1 or following in seen or not pages.page(following):
            raise ValueError("overflow chain is damaged")
        seen.add(following)
        pages.overflow.add(following)
        chunk = pages.page(following)
        following = struct.unpack(">I", chunk[:4])[0]
        out += chunk[4:usable][:size - len(out)]
    return bytes(out)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file (at most MAX_FILE_BYTES); b"" when there are none to read."""
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    except OSError:
        return b""


MAX_CARVED_PAGES = 4096  # pages tried offset by offset (a few ms each): a bound on the time


def carve(page: bytes, number: int, usable: int) -> Iterator[Record]:
    """Records found by trying every offset of a page whose header is damaged as the start of a
    table cell. Garbage decodes now and then, so callers must check what comes out (checksums)."""
    for pointer in range(len(page) - 4):
        try:
            size, pos = _varint(page, pointer)
            if not 4 <= size <= usable - 35 or pos + size > len(page):
                continue
            rowid, pos = _varint(page, pos)
            values = decode_record(page[pos:pos + size])
        except (ValueError, IndexError, struct.error, UnicodeDecodeError):
            continue
        if len(values) >= 5 and values[0] is None:
            yield Record(_signed(rowid), values, number, number, carved=True)


@dataclass(frozen=True)
class DatabaseScan:
    records: list[Record]
    unreadable_pages: int  # pages that are missing or hold nothing SQLite would have written
    bad_cells: int         # rows on table pages that did not decode


_BTREE_PAGES = (0x02, 0x05, 0x0A, 0x0D)


def scan_database(path: Path) -> DatabaseScan:
    """Every record on the live table leaf pages of a database file, damaged or not."""
    data = read_bytes(path)
    pages = _Pages(data)
    free = pages.freelist()
    records = []
    for number in range(1, pages.count + 1):
        if number not in free:
            records += leaf_records(pages, pages.page(number), number, number)
    unreadable = 0
    for number in range(1, pages.count + 1):
        page = pages.page(number)
        kind = page[100 if number == 1 else 0] if len(page) > 100 else 0
        if kind not in _BTREE_PAGES and number not in free and number not in pages.overflow:
            unreadable += 1
            if unreadable <= MAX_CARVED_PAGES:
                records += carve(page, number, pages.usable)
    if data[:16] == HEADER:  # the header says how many pages there were: a cut file lost the rest
        unreadable += max(0, struct.unpack(">I", data[28:32])[0] - pages.count)
    return DatabaseScan(records, unreadable, pages.bad_cells)


def wal_frames(path: Path) -> WalFrames | None:
    """The frames of a -wal journal; None when it has no valid header."""
    data = read_bytes(path)
    if len(data) < WAL_HEADER:
        return None
    magic, _version, page_size, _ckpt, salt1, salt2 = struct.unpack(">IIIIII", data[:24])
    if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1) or page_size > 65536:
        return None
    order = ">" if magic & 1 else "<"
    if _checksum(data[:24], order, (0, 0)) != struct.unpack(">II", data[24:32]):
        return None
    frames, bad, commits_after = [], [], 0
    previous = struct.unpack(">II", data[24:32])
    pos, number = WAL_HEADER, 1
    while pos + FRAME_HEADER + page_size <= len(data):
        header = data[pos:pos + FRAME_HEADER]
        page_no, commit, s1, s2, c1, c2 = struct.unpack(">IIIIII", header)
        content = data[pos + FRAME_HEADER:pos + FRAME_HEADER + page_size]
        if (s1, s2) != (salt1, salt2):
            break  # a frame of an earlier journal: SQLite wrote no further in this one
        # Each frame's checksum continues the one stored in the frame before: seeding with the
        # stored value checks every frame on its own, so one bad frame does not hide the rest.
        ok = _checksum(header[:8] + content, order, previous) == (c1, c2)
        frames.append((number, page_no, content, ok))
        if not ok:
            bad.append(number)
        elif bad and commit:
            commits_after += 1
        previous = (c1, c2)
        pos += FRAME_HEADER + page_size
        number += 1
    return WalFrames(page_size, frames, bad, commits_after)


def wal_records(path: Path, database: Path) -> Iterator[Record]:
    """The records of a -wal journal's frames, newest last: of each page its newest version, and
    the older ones too when that one fails its checksum (a row deleted by a later version must
    not come back, but a damaged version must not hide the rows it held)."""
    found = wal_frames(path)
    if found is None:
        return
    newer = {page_no: content for _n, page_no, content, ok in found.frames if ok}
    pages = _Pages(read_bytes(database), page_size=found.page_size, newer=newer)
    versions: dict[int, list[tuple[int, bytes, bool]]] = {}
    for number, page_no, content, ok in found.frames:
        versions.setdefault(page_no, []).append((number, content, ok))
    chosen = []
    for page_no, kept in versions.items():
        for number, content, ok in reversed(kept):
            chosen.append((number, page_no, content))
            if ok:
                break
    for number, page_no, content in sorted(chosen):
        yield from leaf_records(pages, content, page_no, pages.count + number)


def _checksum(data: bytes, order: str, seed: tuple[int, int]) -> tuple[int, int]:
    s1, s2 = seed
    words = struct.unpack(f"{order}{len(data) // 4}I", data[:len(data) - len(data) % 4])
    for i in range(0, len(words) - 1, 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


# -- the headers of -wal and -shm files (checked before SQLite opens them) --------------------
def _journal_start(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        return b""  # a window closing the database just removed it


def wal_header_is_garbage(wal: Path) -> bool:
    """A non-empty -wal whose header SQLite would reject (bad magic, version or checksum)."""
    data = _journal_start(wal, 32)
    if not data:
        return False  # empty: SQLite made it and has not written yet
    if len(data) < 32:
        return True
    magic, version = struct.unpack(">II", data[:8])
    if magic not in WAL_MAGIC or version != WAL_VERSION:
        return True
    order = ">" if magic & 1 else "<"  # the checksum's byte order follows the magic number
    s1 = s2 = 0
    words = struct.unpack(order + "6I", data[:24])
    for i in range(0, 6, 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return (s1, s2) != struct.unpack(">II", data[24:32])


def shm_is_garbage(shm: Path) -> bool:
    """A -shm whose index header has a version SQLite never writes (zeros are a fresh file)."""
    data = _journal_start(shm, 48)
    if len(data) < 48 or not any(data):
        return False
    version = int.from_bytes(data[:4], sys.byteorder)
    return version != WAL_VERSION or data[12] not in (0, 1)
