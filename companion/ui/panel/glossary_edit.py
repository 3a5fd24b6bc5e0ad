"""The reader's own glossary entries, in the window: add, edit, delete, export and import.

Entries are saved at once (UserGlossary) and the analysis is redone through the worker (the
model's mentions come from the cache), so the glossary, its underlines and the list are rebuilt
from what is saved.
"""

from __future__ import annotations

import logging
import tkinter as tk
from pathlib import Path
from tkinter import filedialog


from companion.core.analysis import GlossaryEntry
from companion.core.glossary import UserEntry
from companion.errors import UserError
from companion.store.user_glossary import UserGlossary
from companion.ui import events
from companion.ui.kit.dialogs import OneAtATime
from companion.ui.panel.glossary_dialog import GlossaryEntryDialog
from companion.ui.panel.glossary_tab import GlossaryTab
from companion.ui.reading.reader import ReaderView
from companion.ui.kit.undo import UndoStack

log = logging.getLogger(__name__)

GLOSSARY_TYPES = [("Glossary exports", "*.json"), ("All files", "*")]
TERM_CHARS = 80  # a selection longer than this is not a term: the dialog gets its start


class GlossaryController:
    """Asks for a new analysis (events.REANALYSE, with what to say once it is shown) after each
    change; adds "Add to glossary…" to the reader's menu on events.CONTEXT_MENU."""

    def __init__(self, root: tk.Misc, glossary: UserGlossary, reader: ReaderView, tab: GlossaryTab,
                 undo: UndoStack) -> None:
        self.root, self.glossary, self.reader, self.tab = root, glossary, reader, tab
        self.undo = undo
        self._dialogs = OneAtATime(root, "Save or cancel the open glossary entry first.")
        events.listen(tab, events.ENTRY_NEW_REQUESTED, lambda _: self.new_entry())
        events.listen(tab, events.ENTRY_EDIT_REQUESTED, self.edit_entry)
        events.listen(tab, events.ENTRY_DELETE_REQUESTED, self.delete_entry)
        events.listen(root, events.CONTEXT_MENU, lambda m: self.add_menu_entries(m.menu, m.offset))

    # -- the dialog ----------------------------------------------------------------------------
    def new_entry(self, term: str = "") -> GlossaryEntryDialog | None:
        """Ask for a new entry of the reader's own (File-less: the panel's New…, the reader's menu)."""
        return self._open("New glossary entry", term=term, note="Your entries are used in every "
                          "article and replace what the article or the reference say.")

    def new_entry_from_selection(self) -> GlossaryEntryDialog | None:
        span = self.reader.selection()
        if span is None or self.reader.document is None:
            events.say(self.root, "Select a word or phrase first, then add it to the glossary.")
            return None
        term = " ".join(self.reader.document.text[span[0]:span[1]].split())[:TERM_CHARS]
        return self.new_entry(term)

    def edit_entry(self, entry: GlossaryEntry | None) -> GlossaryEntryDialog | None:
        """Edit one of the reader's entries; for another, make one of the reader's own from it."""
        if entry is None:
            return None
        mine = entry.source == "user"
        return self._open("Edit glossary entry" if mine else "Make it your own", original=entry.term if mine else None,
                          term=entry.term, expansion=entry.expansion or "", definition=entry.definition or "",
                          note="" if mine else "Saving makes this your own entry; it then replaces the "
                          f"{'article' if entry.source == 'article' else 'reference'}'s wording everywhere.")

    def _open(self, title: str, *, original: str | None = None, term: str = "", expansion: str = "",
              definition: str = "", note: str = "") -> GlossaryEntryDialog | None:
        return self._dialogs.open(lambda closed: GlossaryEntryDialog(
            self.root, title=title, term=term, expansion=expansion, definition=definition, note=note,
            on_save=lambda t, x, d: self.save(t, x, d, original=original), on_close=closed))

    @property
    def dialog(self) -> GlossaryEntryDialog | None:
        """The entry dialog, while it is open."""
        return self._dialogs.dialog

    def close_dialog(self) -> None:
        self._dialogs.close()

    # -- saving --------------------------------------------------------------------------------
    def save(self, term: str, expansion: str, definition: str, *, original: str | None = None) -> UserEntry:
        """Save an entry of the reader's own (replacing `original` when the term was renamed).

        Raises UserError with a one-line message when the entry is not valid or cannot be saved.
        """
        old = self.glossary.get(original) if original else None
        entry = UserEntry(term=term, expansion=expansion or None, definition=definition or None,
                          aliases=old.aliases if old else ())
        replaced = self._exact(entry.term)
        if original and original.casefold() != entry.term.casefold():
            self.glossary.delete(original)
        self.glossary.put(entry)

        def undo() -> None:
            self.glossary.delete(entry.term)
            for previous in (old, replaced):
                if previous is not None:
                    self.glossary.put(previous)
            self._reanalyse_saying(f"Undone: your entry “{entry.term}”.")

        self.undo.push(f"glossary entry “{entry.term}”", undo)
        self._reanalyse_saying(f"Saved “{entry.term}” to your glossary.")
        return entry

    def delete_entry(self, entry: GlossaryEntry | None) -> bool:
        if entry is None or entry.source != "user":
            return False
        try:
            old = self._exact(entry.term)
            deleted = self.glossary.delete(entry.term)
        except UserError as exc:
            events.say(self.root, f"{exc} Nothing was deleted.", error=True)
            return False
        if not deleted:
            events.say(self.root, f"“{entry.term}” is not in your glossary any more.")
            return False
        if old is not None:
            self.undo.push(f"delete “{entry.term}”", lambda: self._put_back(old))
        self._reanalyse_saying(f"Deleted “{entry.term}” from your glossary. Ctrl+Z brings it back.")
        return True

    def _put_back(self, entry: UserEntry) -> None:
        self.glossary.put(entry)
        self._reanalyse_saying(f"Restored “{entry.term}” to your glossary.")

    def _exact(self, term: str) -> UserEntry | None:
        """The reader's entry whose term is `term` (any case), not one that only has it as a name."""
        return next((e for e in self.glossary.entries() if e.term.casefold() == term.casefold()), None)

    # -- export and import ---------------------------------------------------------------------
    def export(self) -> Path | None:
        path = filedialog.asksaveasfilename(parent=self.root, title="Export your glossary",
                                            defaultextension=".json", filetypes=GLOSSARY_TYPES,
                                            initialfile="glossary.json", confirmoverwrite=False)
        if not path:
            return None
        return self.export_to(path)

    def export_to(self, path: str | Path) -> Path | None:
        """Write the reader's entries to `path`; asks before replacing a file that is there."""
        path = Path(path)
        overwrite = False
        if path.exists():
            from ttkbootstrap.dialogs import Messagebox  # only when asked: it is slow to import

            answer = Messagebox.yesno(f"{path.name} already exists. Replace it?", "Export glossary",
                                      parent=self.root, localize=False)
            if answer != "Yes":
                events.say(self.root, "Export cancelled; the file was left as it was.")
                return None
            overwrite = True
        try:
            written = self.glossary.export(path, overwrite=overwrite)
            count = len(self.glossary.entries())
        except UserError as exc:
            events.say(self.root, f"{exc} The glossary was not exported.", error=True)
            return None
        events.say(self.root, f"Exported {count} glossary entr{'y' if count == 1 else 'ies'} to {written}.")
        return written

    def import_(self) -> int | None:
        path = filedialog.askopenfilename(parent=self.root, title="Import a glossary",
                                          filetypes=GLOSSARY_TYPES)
        if not path:
            return None
        return self.import_from(path)

    def import_from(self, path: str | Path) -> int | None:
        """Merge the entries of an exported file into the reader's glossary; how many, or None."""
        try:
            count = self.glossary.import_file(path)
        except UserError as exc:
            message = str(exc)
            if Path(path).name not in message:  # an invalid entry's message does not name the file
                message = f"{Path(path).name}: {message}"
            events.say(self.root, f"{message} Nothing was imported.", error=True)
            return None
        self._reanalyse_saying(f"Imported {count} glossary entr{'y' if count == 1 else 'ies'} from {Path(path).name}.")
        return count

    def _reanalyse_saying(self, message: str) -> None:
        events.fire(self.root, events.REANALYSE, message)

    # -- the reader's right-click menu ---------------------------------------------------------
    def add_menu_entries(self, menu: tk.Menu, offset: int | None) -> None:
        menu.add_command(label="Add to glossary…", command=self.new_entry_from_selection,
                         state="normal" if self.reader.selection() is not None else "disabled")
