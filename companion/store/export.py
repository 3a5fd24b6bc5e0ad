"""Notes out of the app and back in: Markdown to read, JSON to keep or move (an import of an
export loses nothing: ids, times, anchors and all).

Files are written atomically (a temporary file in the same folder, then a rename) and an
existing file is only replaced with `overwrite=True`; otherwise ExportExistsError (a UserError
and a FileExistsError) says so.

An import is checked note by note (store/validate.py: schema, ids, offsets, lengths, nesting):
a bad note is skipped with one line naming it (`ImportResult.skipped`), the others are saved.
An imported note's path is stored as untrusted (see store/notes.py): the window asks the reader
to locate the file before opening it. `import_json` can run in a worker thread: it reports
`progress(done, total)` and stops between two notes when `cancelled()` says so (each note is
saved in its own transaction, so a cancelled import leaves the notes saved so far, whole).
The Markdown export escapes every text it writes, so a comment cannot add headings or HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from companion.core.anchoring import Anchor
from companion.errors import UserError
from companion.store.files import ExportExistsError, write_atomically
from companion.store.notes import Note, NoteStore
from companion.store.validate import (MAX_NOTES, InvalidRecord, check_note, load_json, note_id_in_range,
                                      read_data_file)

FORMAT = "companion-notes"
VERSION = 1

__all__ = ["ExportExistsError", "ImportResult", "NotesFileError", "export_json", "export_markdown",
           "import_json", "notes_from_json", "notes_to_json", "notes_to_markdown"]


class NotesFileError(UserError):
    """A file to import is not a companion notes export (or is damaged)."""


@dataclass(frozen=True)
class ImportResult:
    added: int       # notes saved with their own ids
    renumbered: int  # notes saved under a new id (another note had theirs, or it was out of range)
    unchanged: int   # notes that were there already, exactly so
    skipped: tuple[str, ...] = ()  # one line per note that failed its checks (not imported)
    cancelled: bool = False        # stopped by the reader before the end

    @property
    def message(self) -> str:
        saved = self.added + self.renumbered
        parts = [f"Imported {saved} note{'s' if saved != 1 else ''}"]
        if self.cancelled:
            parts[0] += " before the import was cancelled"
        if self.unchanged:
            parts.append(f"{self.unchanged} {'was' if self.unchanged == 1 else 'were'} there already")
        if self.renumbered:
            parts.append(f"{self.renumbered} got a new number")
        if self.skipped:
            parts.append(f"{len(self.skipped)} damaged {'was' if len(self.skipped) == 1 else 'were'}"
                         f" skipped ({self.skipped[0]}{' …' if len(self.skipped) > 1 else ''})")
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class NotesFile:
    """The notes of an export that passed their checks, and a line for each that did not."""
    notes: list[Note]
    skipped: tuple[str, ...] = ()


# -- JSON ----------------------------------------------------------------------------------------
def notes_to_json(notes: Iterable[Note]) -> str:
    data = {"format": FORMAT, "version": VERSION,
            "exported": datetime.now().astimezone().isoformat(timespec="seconds"),
            "notes": [_note_to_dict(n) for n in notes]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def notes_from_json(text: str, *, source: str = "the file") -> list[Note]:
    """The notes of an export; NotesFileError (one line) when it is not one, or when any note
    in it is damaged (read_notes_file skips those instead)."""
    found = read_notes_file(text, source=source)
    if found.skipped:
        raise NotesFileError(f"{found.skipped[0]} Nothing was imported.")
    return found.notes


def read_notes_file(text: str, *, source: str = "the file") -> NotesFile:
    """The sound notes of an export, and one line for each damaged one; NotesFileError (one
    line) when the file as a whole is not an export."""
    try:
        data = load_json(text)
    except InvalidRecord as exc:
        raise NotesFileError(f"{source} is not a companion notes export ({exc}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotesFileError(f"{source} is not a companion notes export; export notes as JSON "
                             "from companion and import that file.")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise NotesFileError(f"{source} was exported by a newer companion (format version "
                             f"{data.get('version')}); update companion to import it.")
    notes = data.get("notes")
    if not isinstance(notes, list):
        raise NotesFileError(f"{source} has no list of notes; it may be damaged.")
    if len(notes) > MAX_NOTES:
        raise NotesFileError(f"{source} holds {len(notes):,} notes, more than companion imports "
                             f"at once ({MAX_NOTES:,}); split the file.")
    found, skipped = [], []
    for number, item in enumerate(notes, start=1):
        try:
            check_note(item)
            found.append(_note_from_dict(item))
        except (InvalidRecord, KeyError, TypeError, ValueError) as exc:
            skipped.append(f"Note {number} in {source} was skipped: {exc}.")
    return NotesFile(found, tuple(skipped))


def export_json(notes: Iterable[Note], path: Path | str, *, overwrite: bool = False) -> Path:
    return _write(Path(path), notes_to_json(notes), overwrite)


def import_json(path: Path | str, store: NoteStore, *,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Save the notes of a JSON export into `store`: with their own ids where those are free;
    a note that is there already, exactly, is skipped; one whose id is taken (or out of range)
    gets a new id; a damaged one is skipped with a line in `skipped`. May run in a worker thread
    with its own store: `progress(done, total)` after each note, and it stops between two notes
    once `cancelled()` is true."""
    path = Path(path)
    found = read_notes_file(read_data_file(path, NotesFileError), source=str(path))
    notes, total = found.notes, len(found.notes)
    added = unchanged = done = 0
    taken = []

    def step() -> bool:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        return cancelled is not None and cancelled()

    for note in notes:  # first every note whose id is free, so none takes another's id ...
        there = store.get(note.id) if note.id is not None else None
        if there is None and note.id is not None:
            store.restore(note)
            added += 1
        elif there is not None and _same(there, note):
            unchanged += 1
        else:
            taken.append(note)
            done -= 1  # counted when it is saved below
        if note not in taken and step():
            return ImportResult(added, 0, unchanged, found.skipped, cancelled=True)
    renumbered = 0
    for note in taken:  # ... then the others, under new ids
        store.restore(note, new_id=True)
        renumbered += 1
        if step() and renumbered < len(taken):
            return ImportResult(added, renumbered, unchanged, found.skipped, cancelled=True)
    return ImportResult(added, renumbered, unchanged, found.skipped)


def _same(there: Note, note: Note) -> bool:
    """The imported note is the one already saved (times it did not give were set on saving)."""
    return replace(there, path_untrusted=note.path_untrusted, created=note.created or there.created,
                   updated=note.updated or there.updated) == replace(
        note, created=note.created or there.created, updated=note.updated or there.updated)


def _note_to_dict(note: Note) -> dict[str, Any]:
    a = note.anchor
    return {"id": note.id, "fingerprint": note.fingerprint, "path": note.path, "title": note.title,
            "comment": note.comment, "color": note.color, "tags": list(note.tags),
            "created": note.created, "updated": note.updated,
            "anchor": {"start": a.start, "end": a.end, "quote": a.quote, "prefix": a.prefix,
                       "suffix": a.suffix, "squeezed_start": a.squeezed_start,
                       "text_length": a.text_length}}


def _note_from_dict(item: Any) -> Note:
    if not isinstance(item, dict) or not isinstance(item.get("anchor"), dict):
        raise TypeError("not a note")
    a = item["anchor"]
    anchor = Anchor(_int(a["start"]), _int(a["end"]), _str(a["quote"]), _str(a.get("prefix", "")),
                    _str(a.get("suffix", "")), squeezed_start=_int_or_none(a.get("squeezed_start")),
                    text_length=_int_or_none(a.get("text_length")))
    tags = item.get("tags", [])
    if not isinstance(tags, list):
        raise TypeError("tags is not a list")
    path = item.get("path")
    note_id = _int_or_none(item.get("id"))
    return Note(fingerprint=_str(item["fingerprint"]), anchor=anchor,
                comment=_str(item.get("comment", "")), path=None if path is None else _str(path),
                title=_str(item.get("title", "")), color=_str(item.get("color", "yellow")),
                tags=tuple(_str(t) for t in tags),
                id=note_id if note_id_in_range(note_id) else None,  # out of range: a new id
                created=_str(item.get("created", "")), updated=_str(item.get("updated", "")),
                path_untrusted=path is not None)  # someone else's path: located before opened


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} is not a whole number")
    return value


def _int_or_none(value: Any) -> int | None:
    return None if value is None else _int(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


# -- Markdown ------------------------------------------------------------------------------------
def notes_to_markdown(notes: Iterable[Note], *, title: str = "Notes") -> str:
    """The notes grouped by article (in the order first met), each in reading order: where it is
    (title, path, characters), the quote, the comment and the tags."""
    articles: dict[tuple[str, str | None], list[Note]] = {}
    for note in notes:
        articles.setdefault((note.title, note.path), []).append(note)
    count = sum(len(group) for group in articles.values())
    lines = [f"# {title}", "",
             f"_Exported {datetime.now():%Y-%m-%d %H:%M} · {count} note{'s' if count != 1 else ''}"
             f" from {len(articles)} article{'s' if len(articles) != 1 else ''}_", ""]
    for (article, path), group in articles.items():
        lines += [f"## {_md(_one_line(article) or _one_line(path or '') or 'Untitled article')}", ""]
        if path:
            lines += [f"File: {_md(_one_line(path))}", ""]
        for note in sorted(group, key=lambda n: (n.anchor.start, n.id or 0)):
            lines += _note_markdown(note)
    return "\n".join(lines).rstrip() + "\n"


def export_markdown(notes: Iterable[Note], path: Path | str, *, overwrite: bool = False,
                    title: str = "Notes") -> Path:
    return _write(Path(path), notes_to_markdown(notes, title=title), overwrite)


def _note_markdown(note: Note) -> list[str]:
    a = note.anchor
    where = f"characters {a.start:,}–{a.end:,}"
    if a.text_length:
        where += f" of {a.text_length:,}"
    lines = [f"### Note {note.id}" if note.id is not None else "### Note", "",
             f"*Where:* {where}", ""]
    lines += ["> " + _md(line) if line.strip() else ">" for line in a.quote.strip().splitlines()] + [""]
    if note.comment.strip():
        lines += [_md(line) for line in note.comment.strip().splitlines()] + [""]
    details = []
    if note.tags:
        details.append("*Tags:* " + ", ".join(_md(_one_line(t)) for t in note.tags))
    details.append(f"*Colour:* {_md(_one_line(note.color))}")
    if note.updated:
        details.append(f"*Saved:* {_md(_one_line(note.updated))}")
    lines += [" · ".join(details), ""]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


_MD_ANYWHERE = re.compile(r"([\\`*_\[\]{}#|~!])")  # emphasis, links, code, headings, tables
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")  # list items, setext underlines


def _md(line: str) -> str:
    """One line of the reader's text as Markdown that shows it as written: every character that
    could start markup escaped, HTML's < > & as entities, no indentation that makes code."""
    text = _MD_ANYWHERE.sub(r"\\\1", line.lstrip())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _write(path: Path, text: str, overwrite: bool) -> Path:
    try:
        return write_atomically(path, text.encode("utf-8"), overwrite=overwrite)
    except UserError:
        raise
    except OSError as exc:
        raise UserError(f"{path} could not be written ({exc.strerror or exc}); check the folder "
                        "and the free disk space.") from None
