"""Notes out of the window and back in: Markdown to read, JSON to keep or move.

The file dialogs ask for the path; the format follows its extension (.json: JSON, to import
again; anything else: Markdown). A file that is there already is only replaced when the reader
says yes. Every outcome is one line in the status bar.
"""

from __future__ import annotations

import logging
import tkinter as tk
from pathlib import Path
from tkinter import filedialog
from typing import Callable, Sequence


from companion.errors import UserError
from companion.ui import events
from companion.store.export import (ExportExistsError, ImportResult, NotesFileError, export_json,
                                    export_markdown, import_json)
from companion.store.notes import Note, NoteStore

log = logging.getLogger(__name__)

EXPORT_TYPES = [("Markdown, to read", "*.md"), ("JSON, to import again", "*.json"), ("All files", "*")]
IMPORT_TYPES = [("companion notes (JSON)", "*.json"), ("All files", "*")]


class NotesTransfer:
    """Export and import for the window; each outcome is one line in the status bar (events.say), and
    `imported()` is called after notes came in (to redraw)."""

    def __init__(self, root: tk.Misc, store: NoteStore, *,
                 imported: Callable[[], None]) -> None:
        self.root, self.store, self._imported = root, store, imported

    # -- export --------------------------------------------------------------------------------
    def export(self, notes: Sequence[Note], *, title: str, name: str) -> Path | None:
        """Ask where to write `notes` (`name`: the file name offered), then write them."""
        if not notes:
            events.say(self.root, "There are no notes to export yet.")
            return None
        path = filedialog.asksaveasfilename(parent=self.root, title="Export notes (Markdown or JSON)",
                                            defaultextension=".md", filetypes=EXPORT_TYPES,
                                            initialfile=name, confirmoverwrite=False)
        if not path:
            return None
        return self.export_to(path, notes, title=title)

    def export_to(self, path: str | Path, notes: Sequence[Note], *, title: str = "Notes") -> Path | None:
        """Write `notes` to `path` (JSON for .json, else Markdown); asks before replacing a file."""
        path = Path(path)
        as_json = path.suffix.lower() == ".json"

        def write(overwrite: bool) -> Path:
            if as_json:
                return export_json(notes, path, overwrite=overwrite)
            return export_markdown(notes, path, overwrite=overwrite, title=title)

        try:
            try:
                written = write(False)
            except ExportExistsError:
                from ttkbootstrap.dialogs import Messagebox  # only when asked: it is slow to import

                answer = Messagebox.yesno(f"{path.name} already exists. Replace it?", "Export notes",
                                          parent=self.root, localize=False)
                if answer != "Yes":
                    events.say(self.root, "Export cancelled; the file was left as it was.")
                    return None
                written = write(True)
        except UserError as exc:
            events.say(self.root, f"{exc} The notes were not exported.", error=True)
            return None
        count = len(notes)
        kind = "JSON" if as_json else "Markdown"
        events.say(self.root, f"Exported {count} note{'s' if count != 1 else ''} as {kind} to {written}.")
        return written

    # -- import --------------------------------------------------------------------------------
    def import_(self) -> ImportResult | None:
        path = filedialog.askopenfilename(parent=self.root, title="Import notes (a JSON export)",
                                          filetypes=IMPORT_TYPES)
        if not path:
            return None
        return self.import_from(path)

    def import_from(self, path: str | Path) -> ImportResult | None:
        """Save the notes of a JSON export into the store; the outcome in one line."""
        try:
            result = import_json(path, self.store)
        except NotesFileError as exc:
            events.say(self.root, f"{exc} Nothing was imported." if "imported" not in str(exc) else str(exc),
                     error=True)
            return None
        except UserError as exc:  # the store failed part way: what was saved stays saved
            events.say(self.root, f"{exc} The import stopped; the notes saved before it are kept.", error=True)
            self._imported()
            return None
        self._imported()
        events.say(self.root, result.message)
        return result
