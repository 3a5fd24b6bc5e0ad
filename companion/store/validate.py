"""Checking what is read back from disk before it is used: JSON that cannot hang or overflow,
records against a schema (jsonschema) with bounds on ids, offsets, lengths, nesting and counts.

Every check answers with one short line naming what is wrong ("anchor.start: -5 is less than the
minimum of 0"), for the caller to put in its own one-line message; nothing here raises anything
but InvalidRecord (a ValueError).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Iterator


MAX_NOTE_ID = 2**53 - 1      # far from SQLite's 2**63 - 1, where AUTOINCREMENT stops ("disk full")
MAX_OFFSET = 2**31 - 1       # an article is at most a few hundred MB of text
MAX_DEPTH = 32               # no file of ours nests deeper; 100,000 levels would overflow the stack
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_NOTES = 1_000_000        # notes in one import


class Schema:
    """A JSON schema whose validator is built on first use: jsonschema takes ~0.1 s to import,
    and the window's first paint (settings, stores) needs none of it."""

    def __init__(self, schema: dict) -> None:
        self.schema = schema
        self._validator: Any = None

    def errors(self, data: Any) -> Iterator[Any]:
        if self._validator is None:
            from jsonschema import Draft202012Validator
            self._validator = Draft202012Validator(self.schema)
        return self._validator.iter_errors(data)


class InvalidRecord(ValueError):
    """A record (or a whole file) that does not pass its checks; the message is one line."""


def _text(max_length: int) -> dict:
    return {"type": "string", "maxLength": max_length}


_COUNT = {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}
ANCHOR_SCHEMA = {
    "type": "object",
    "required": ["start", "end", "quote"],
    "properties": {
        "start": _COUNT, "end": _COUNT, "quote": {"type": "string", "minLength": 1, "maxLength": 1_000_000},
        "prefix": _text(10_000), "suffix": _text(10_000),
        "squeezed_start": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_OFFSET},
        "text_length": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_OFFSET},
    },
}
NOTE_SCHEMA = {
    "type": "object",
    "required": ["fingerprint", "anchor"],
    "properties": {
        "id": {"type": ["integer", "null"]},  # out of range: renumbered, not refused (see note_id)
        "fingerprint": {"type": "string", "minLength": 1, "maxLength": 256},
        "path": {"type": ["string", "null"], "maxLength": 4096},
        "title": _text(10_000), "comment": _text(1_000_000), "color": _text(64),
        "tags": {"type": "array", "maxItems": 1000, "items": _text(1000)},
        "created": _text(64), "updated": _text(64),
        "path_untrusted": {"type": "boolean"},
        "anchor": ANCHOR_SCHEMA,
    },
}
_NOTE = Schema(NOTE_SCHEMA)


def check(schema: Schema, data: Any) -> None:
    """InvalidRecord naming the first problem (by its place in the record) when `data` fails."""
    from jsonschema.exceptions import best_match

    error = best_match(schema.errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "the record"
        message = " ".join(error.message.split())
        raise InvalidRecord(f"{where}: {message[:160]}")


def check_note(item: Any) -> None:
    """An exported note's dict: schema, then the bounds the schema cannot say (end after start,
    the quote as long as its span, the span inside the text it was made in)."""
    if isinstance(item, dict) and isinstance(item.get("anchor"), dict):
        for key in ("start", "end", "squeezed_start", "text_length"):  # bool is an int to Python
            if isinstance(item["anchor"].get(key), bool):
                raise InvalidRecord(f"anchor.{key}: {item['anchor'][key]!r} is not a whole number")
    check(_NOTE, item)
    check_anchor_bounds(item["anchor"]["start"], item["anchor"]["end"], item["anchor"]["quote"],
                        item["anchor"].get("text_length"))


def check_anchor_bounds(start: int, end: int, quote: str, text_length: int | None) -> None:
    if not 0 <= start < end <= MAX_OFFSET:
        raise InvalidRecord(f"anchor: the span {start}–{end} is not a passage of an article")
    if end - start != len(quote):
        raise InvalidRecord(f"anchor: the span {start}–{end} is not as long as its quote ({len(quote)})")
    if text_length is not None and end > text_length:
        raise InvalidRecord(f"anchor: the span {start}–{end} ends after the article ({text_length})")


def note_id_in_range(value: int | None) -> bool:
    """An id a note may keep: a positive 64-bit integer well below SQLite's maximum."""
    return value is not None and not isinstance(value, bool) and 1 <= value <= MAX_NOTE_ID


def load_json(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """json.loads that never recurses out of the stack nor accepts nesting past `max_depth`."""
    if len(text) > MAX_JSON_BYTES:
        raise InvalidRecord(f"the file is too large ({len(text):,} characters)")
    try:
        data = json.loads(text)
    except RecursionError:
        raise InvalidRecord("the JSON is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise InvalidRecord(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InvalidRecord(f"not usable JSON ({' '.join(str(exc).split())[:120]})") from None
    if depth(data) > max_depth:
        raise InvalidRecord(f"the JSON is nested more than {max_depth} levels deep")
    return data


def depth(data: Any) -> int:
    """How deeply lists and objects nest (0 for a number or a string), without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def regular_file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a data file without blocking (a FIFO, a device, a socket,
    a folder), or None when it is a regular file or missing."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file (a pipe, device or socket)"


def read_text_file(path: Path, *, max_bytes: int = MAX_JSON_BYTES) -> str:
    """A small UTF-8 data file's text; InvalidRecord (one line) for a FIFO or device (which could
    block for ever), a file too large, or bytes that are not UTF-8. OSError passes through."""
    problem = regular_file_problem(path)
    if problem:
        raise InvalidRecord(problem)
    # O_NONBLOCK: a FIFO put there between the check and the open cannot block the open
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InvalidRecord("is not a regular file (a pipe, device or socket)")
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InvalidRecord(f"is too large (more than {max_bytes // (1024 * 1024)} MB)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidRecord(f"is not UTF-8 text (byte {exc.start})") from None


def read_data_file(path: Path, error: type[Exception]) -> str:
    """read_text_file, with every failure as `error` (a UserError class) carrying one line."""
    try:
        return read_text_file(path)
    except InvalidRecord as exc:
        raise error(f"{path} cannot be read: it {exc}.") from None
    except OSError as exc:
        raise error(f"{path} cannot be read ({exc.strerror or exc}).") from None
