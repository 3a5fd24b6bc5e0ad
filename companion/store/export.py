"""Notes out of the app and back in: Markdown to read, JSON to keep or move (an import of an
export loses nothing: ids, times, anchors and all).

Files are written atomically (a temporary file in the same folder, then a rename) and an
existing file is only replaced with `overwrite=True`; otherwise ExportExistsError (a UserError
and a FileExistsError) says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from companion.core.anchoring import Anchor
from companion.errors import UserError
from companion.store.files import ExportExistsError, write_atomically
from companion.store.notes import Note, NoteStore

FORMAT = "companion-notes"
VERSION = 1

__all__ = ["ExportExistsError", "ImportResult", "NotesFileError", "export_json", "export_markdown",
           "import_json", "notes_from_json", "notes_to_json", "notes_to_markdown"]


class NotesFileError(UserError):
    """A file to import is not a companion notes export (or is damaged)."""


@dataclass(frozen=True)
class ImportResult:
    added: int       # notes saved with their own ids
    renumbered: int  # notes saved under a new id, because another note had theirs
    unchanged: int   # notes that were there already, exactly so

    @property
    def message(self) -> str:
        saved = self.added + self.renumbered
        parts = [f"Imported {saved} note{'s' if saved != 1 else ''}"]
        if self.unchanged:
            parts.append(f"{self.unchanged} {'was' if self.unchanged == 1 else 'were'} there already")
        if self.renumbered:
            parts.append(f"{self.renumbered} got a new number")
        return "; ".join(parts) + "."


# -- JSON ----------------------------------------------------------------------------------------
def notes_to_json(notes: Iterable[Note]) -> str:
    data = {"format": FORMAT, "version": VERSION,
            "exported": datetime.now().astimezone().isoformat(timespec="seconds"),
            "notes": [_note_to_dict(n) for n in notes]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def notes_from_json(text: str, *, source: str = "the file") -> list[Note]:
    """The notes of an export; NotesFileError (one line) when it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotesFileError(f"{source} is not a companion notes export (not JSON: {exc.msg} at "
                             f"line {exc.lineno}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotesFileError(f"{source} is not a companion notes export; export notes as JSON "
                             "from companion and import that file.")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise NotesFileError(f"{source} was exported by a newer companion (format version "
                             f"{data.get('version')}); update companion to import it.")
    notes = data.get("notes")
    if not isinstance(notes, list):
        raise NotesFileError(f"{source} has no list of notes; it may be damaged.")
    found = []
    for number, item in enumerate(notes, start=1):
        try:
            found.append(_note_from_dict(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise NotesFileError(f"Note {number} in {source} is incomplete or damaged ({exc}); "
                                 "nothing was imported.") from None
    return found


def export_json(notes: Iterable[Note], path: Path | str, *, overwrite: bool = False) -> Path:
    return _write(Path(path), notes_to_json(notes), overwrite)


def import_json(path: Path | str, store: NoteStore) -> ImportResult:
    """Save the notes of a JSON export into `store`: with their own ids where those are free;
    a note that is there already, exactly, is skipped; one whose id is taken gets a new id."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise NotesFileError(f"{path} cannot be read ({reason}).") from None
    notes = notes_from_json(text, source=str(path))
    added = unchanged = 0
    taken = []
    for note in notes:  # first every note whose id is free, so none takes another's id ...
        there = store.get(note.id) if note.id is not None else None
        if there is None and note.id is not None:
            store.restore(note)
            added += 1
        elif there == note:
            unchanged += 1
        else:
            taken.append(note)
    for note in taken:  # ... then the others, under new ids
        store.restore(note, new_id=True)
    return ImportResult(added, len(taken), unchanged)


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
    return Note(fingerprint=_str(item["fingerprint"]), anchor=anchor,
                comment=_str(item.get("comment", "")), path=None if path is None else _str(path),
                title=_str(item.get("title", "")), color=_str(item.get("color", "yellow")),
                tags=tuple(_str(t) for t in tags), id=_int_or_none(item.get("id")),
                created=_str(item.get("created", "")), updated=_str(item.get("updated", "")))


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
        lines += [f"## {_one_line(article) or _one_line(path or '') or 'Untitled article'}", ""]
        if path:
            lines += [f"File: `{path}`", ""]
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
    lines += ["> " + line if line.strip() else ">" for line in a.quote.strip().splitlines()] + [""]
    if note.comment.strip():
        lines += [note.comment.strip(), ""]
    details = []
    if note.tags:
        details.append("*Tags:* " + ", ".join(note.tags))
    details.append(f"*Colour:* {note.color}")
    if note.updated:
        details.append(f"*Saved:* {note.updated}")
    lines += [" · ".join(details), ""]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _write(path: Path, text: str, overwrite: bool) -> Path:
    try:
        return write_atomically(path, text.encode("utf-8"), overwrite=overwrite)
    except UserError:
        raise
    except OSError as exc:
        raise UserError(f"{path} could not be written ({exc.strerror or exc}); check the folder "
                        "and the free disk space.") from None
