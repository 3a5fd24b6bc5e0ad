"""Notes out of the window and back in: Markdown to read, JSON to keep or move.

The file dialogs ask for the path; the format follows its extension (.json: JSON, to import
again; anything else: Markdown). A file that is there already is only replaced when the reader
says yes. Every outcome is one line in the status bar.

An import runs in a worker thread with its own NoteStore (SQLite connections stay in their
thread); it never touches a widget: what it reports goes through a queue that the Tk thread
reads with after(). Its progress is in the status bar, its Cancel in the notice bar.
"""

from __future__ import annotations

import logging
import queue
import threading
import tkinter as tk
from pathlib import Path
from tkinter import filedialog
from typing import Callable, Sequence


from companion.errors import UserError
from companion.ui import events
from companion.store.export import (ExportExistsError, ImportResult, NotesFileError, export_json,
                                    export_markdown, import_json)
from companion.store.notes import Note, NoteStore
from companion.ui.kit.notices import NoticeBar

log = logging.getLogger(__name__)

EXPORT_TYPES = [("Markdown, to read", "*.md"), ("JSON, to import again", "*.json"), ("All files", "*")]
IMPORT_TYPES = [("companion notes (JSON)", "*.json"), ("All files", "*")]
IMPORT_NOTICE = "notes-import"  # the notice bar's line while an import runs (with its Cancel)
POLL_MS = 50


class NotesTransfer:
    """Export and import for the window; each outcome is one line in the status bar (events.say), and
    `imported()` is called after notes came in (to redraw). `notices` shows an import's Cancel."""

    def __init__(self, root: tk.Misc, store: NoteStore, *,
                 imported: Callable[[], None], notices: NoticeBar | None = None) -> None:
        self.root, self.store, self._imported, self._notices = root, store, imported, notices
        self.result: ImportResult | None = None  # the last import's, once it ended
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue()
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._poll_id: str | None = None

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
    def import_(self) -> bool:
        """Ask for a JSON export and start importing it; whether an import started."""
        if self.running:
            events.say(self.root, "An import is running; wait for it, or cancel it above the article.")
            return False
        path = filedialog.askopenfilename(parent=self.root, title="Import notes (a JSON export)",
                                          filetypes=IMPORT_TYPES)
        if not path:
            return False
        return self.import_from(path)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def import_from(self, path: str | Path) -> bool:
        """Start saving the notes of a JSON export into the store, off the Tk thread; the outcome
        is one line in the status bar when it ends (`result` then holds it)."""
        if self.running:
            return False
        self.result = None
        self._cancel.clear()
        self._thread = threading.Thread(target=_import_worker, name="companion-import", daemon=True,
                                        args=(Path(path), Path(self.store.path), self._queue, self._cancel))
        self._thread.start()
        if self._notices is not None:
            self._notices.show(IMPORT_NOTICE, f"Importing notes from {Path(path).name}…",
                               action=("Cancel", self.cancel))
        events.say(self.root, f"Importing notes from {Path(path).name}…")
        self._poll_id = self.root.after(POLL_MS, self._poll)
        return True

    def cancel(self) -> None:
        """Stop the import between two notes (those saved so far stay saved, whole)."""
        if self.running:
            self._cancel.set()
            events.say(self.root, "Cancelling the import…")

    def close(self) -> None:
        """The window is closing: stop the import and wait for its store to close."""
        if self._poll_id is not None:
            self.root.after_cancel(self._poll_id)
            self._poll_id = None
        if self._thread is not None:
            self._cancel.set()
            self._thread.join(timeout=10)
            self._thread = None

    def _poll(self) -> None:
        self._poll_id = None
        progress, outcome = None, None
        try:
            while True:
                kind, value = self._queue.get_nowait()
                if kind == "progress":
                    progress = value
                else:
                    outcome = (kind, value)
        except queue.Empty:
            pass
        if outcome is None:
            if progress is not None and not self._cancel.is_set():
                events.say(self.root, f"Importing notes: {progress[0]} of {progress[1]}…")
            self._poll_id = self.root.after(POLL_MS, self._poll)
            return
        self._thread.join()
        self._thread = None
        if self._notices is not None:
            self._notices.hide(IMPORT_NOTICE)
        self._finished(*outcome)

    def _finished(self, kind: str, value: object) -> None:
        if kind == "done":
            result: ImportResult = value  # type: ignore[assignment]
            self.result = result
            for line in result.skipped:
                log.warning("%s", line)
            self._imported()
            events.say(self.root, result.message)
        elif kind == "bad file":
            text = str(value)
            events.say(self.root, text if "imported" in text else f"{text} Nothing was imported.", error=True)
        else:  # the store failed part way: what was saved stays saved
            self._imported()
            events.say(self.root, f"{value} The import stopped; the notes saved before it are kept.",
                       error=True)


def _import_worker(path: Path, db: Path, out: "queue.Queue[tuple[str, object]]",
                   cancel: threading.Event) -> None:
    """The worker thread: its own store, and every outcome put on `out` (never a widget)."""
    try:
        store = NoteStore(db)
    except UserError as exc:
        out.put(("failed", str(exc)))
        return
    try:
        result = import_json(path, store, progress=lambda done, total: out.put(("progress", (done, total))),
                             cancelled=cancel.is_set)
        out.put(("done", result))
    except NotesFileError as exc:
        out.put(("bad file", str(exc)))
    except UserError as exc:
        out.put(("failed", str(exc)))
    except Exception as exc:  # a bug: logged with its traceback, said in one line
        log.exception("The import failed")
        out.put(("failed", f"The import failed ({type(exc).__name__}); details are in the log."))
    finally:
        store.close()
