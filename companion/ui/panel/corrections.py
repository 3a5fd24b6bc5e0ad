"""The reader's corrections to who is who, in the window: relabel, merge, split, hide; undo; list.

Each correction is saved at once (CorrectionStore) and the analysis is redone through the worker:
the model's mentions come from the cache, so only who-is-who is recomputed, with every saved
correction of the article applied in order. The screen is redrawn from what is saved.
"""

from __future__ import annotations

import logging
import tkinter as tk

from companion.core.analysis import Analysis, Entity
from companion.core.corrections import Correction
from companion.core.document import Document
from companion.errors import UserError
from companion.store.corrections import CorrectionStore
from companion.ui import events
from companion.ui.look import theme
from companion.ui.kit.dialogs import Dialog
from companion.ui.panel.correction_dialogs import ChoiceDialog, CorrectionsDialog
from companion.ui.panel.people_tab import PeopleTab, add_actions
from companion.ui.reading.reader import ReaderView
from companion.ui.kit.undo import UndoStack

log = logging.getLogger(__name__)

OTHER_LABEL = {"PERSON": "ORG", "ORG": "PERSON"}


class CorrectionsController:
    """Asks for a new analysis of the shown article with events.REANALYSE (its payload is what to
    say once it is shown); adds its entries to the reader's menu on events.CONTEXT_MENU."""

    def __init__(self, root: tk.Misc, store: CorrectionStore, reader: ReaderView, people: PeopleTab,
                 undo: UndoStack) -> None:
        self.root, self.store, self.reader, self.people = root, store, reader, people
        self.undo = undo
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self.dialog: Dialog | None = None            # the merge or split question
        self.list_dialog: CorrectionsDialog | None = None
        events.listen(people, events.CORRECTION_REQUESTED, lambda request: self.request(*request))
        events.listen(people, events.CORRECTIONS_LIST_REQUESTED, lambda _: self.show_list())
        events.listen(root, events.CONTEXT_MENU, lambda m: self.add_menu_entries(m.menu, m.offset))

    # -- showing -------------------------------------------------------------------------------
    def show_document(self, document: Document) -> None:
        self.close_dialogs()
        self.document, self.analysis = document, None
        self._refresh()

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._refresh()

    def corrections(self) -> list[tuple[int, Correction]]:
        """(id, correction) that apply to the shown article: those made for every article first,
        then the article's own, each in the order they were made."""
        if self.document is None:
            return []
        try:
            return self.store.applying_to(self.document.fingerprint, self.document.path)
        except UserError as exc:
            events.say(self.root, str(exc), error=True)
            return []

    # -- asking --------------------------------------------------------------------------------
    def request(self, op: str, name: str, scope: str = "article") -> Dialog | None:
        """Do the correction `op` on the entity `name`; merge and split ask first (a dialog).
        `scope` "everywhere" (relabel, hide): for every article, now and later."""
        entity = self._entity(name)
        if entity is None:
            events.say(self.root, f"“{name}” is no longer in the analysis; nothing was changed.")
            return None
        if op == "relabel":
            self.add(Correction("relabel", entity.name, label=OTHER_LABEL[entity.label], scope=scope))
        elif op == "hide":
            self.add(Correction("hide", entity.name, scope=scope))
        elif op == "merge":
            return self.ask_merge(entity)
        elif op == "split":
            return self.ask_split(entity)
        return None

    def ask_merge(self, entity: Entity) -> Dialog | None:
        others = sorted((e for e in self._entities() if e.name != entity.name),
                        key=lambda e: (-len(e.mentions), e.name.casefold()))
        if not others:
            events.say(self.root, "There is no other name to merge it into.")
            return None
        return self._open(ChoiceDialog(
            self.root, title="Merge names", ok_text="Merge",
            prompt=f"“{entity.name}” is the same as:",
            choices=[e.name for e in others],
            on_choose=lambda target: self._add_or_raise(Correction("merge", entity.name, target=target)),
            on_close=self._dialog_closed))

    def ask_split(self, entity: Entity) -> Dialog | None:
        aliases = [a for a in entity.aliases if a != entity.name]
        if not aliases:
            events.say(self.root, f"“{entity.name}” goes by no other name to split off.")
            return None
        return self._open(ChoiceDialog(
            self.root, title="Split off a name", ok_text="Split off",
            prompt=f"Which of these is not “{entity.name}”? It becomes a name of its own.",
            choices=aliases,
            on_choose=lambda alias: self._add_or_raise(Correction("split", entity.name, alias=alias)),
            on_close=self._dialog_closed))

    # -- saving --------------------------------------------------------------------------------
    def add(self, correction: Correction) -> int | None:
        """Save the correction for the shown article and redo the analysis; its id, or None."""
        try:
            return self._add_or_raise(correction)
        except UserError as exc:
            events.say(self.root, f"{exc} The correction was not saved.", error=True)
            return None

    def remove(self, correction_id: int, *, undoing: bool = False) -> None:
        """Take a correction back (the list's Remove, or Ctrl+Z)."""
        described = next((c.describe() for i, c in self.corrections() if i == correction_id), None)
        self.store.remove(correction_id)  # a UserError here is shown by the caller
        what = f"“{described}”" if described else "the correction"
        self._changed(f"{'Undone' if undoing else 'Removed'}: {what}.")

    def _add_or_raise(self, correction: Correction) -> int:
        document = self.document
        if document is None:
            raise UserError("Open an article first.")
        correction_id = self.store.add(document.fingerprint, document.path, correction)
        self.undo.push(f"“{correction.describe()}”", lambda: self.remove(correction_id, undoing=True))
        self._changed(f"Saved: {correction.describe()}. Ctrl+Z undoes it.")
        return correction_id

    def _changed(self, message: str) -> None:
        self._refresh()
        events.fire(self.root, events.REANALYSE, message)

    # -- the list ------------------------------------------------------------------------------
    def show_list(self) -> CorrectionsDialog:
        if self.list_dialog is not None:
            self.list_dialog.show(self.corrections())
            self.list_dialog.lift()
            return self.list_dialog
        self.list_dialog = CorrectionsDialog(self.root, corrections=self.corrections(),
                                             on_remove=self.remove, on_close=self._list_closed)
        return self.list_dialog

    # -- the reader's right-click menu ---------------------------------------------------------
    def add_menu_entries(self, menu: tk.Menu, offset: int | None) -> None:
        """Corrections of the name under the pointer, when there is one."""
        mention = self.reader.mention_at(offset) if offset is not None else None
        entity = self._entity(mention.entity) if mention is not None else None
        if entity is None:
            return
        menu.add_separator()
        menu.add_command(label=f"{entity.name} · {theme.HIGHLIGHTS[entity.label].name}", state="disabled")
        add_actions(menu, entity, others=len(self._entities()) - 1, request=self.request)

    # -- internals -----------------------------------------------------------------------------
    def _entities(self) -> list[Entity]:
        return [e for e in (self.analysis.entities if self.analysis else []) if e.mentions]

    def _entity(self, name: str) -> Entity | None:
        return next((e for e in self._entities() if e.name == name), None)

    def _refresh(self) -> None:
        corrections = self.corrections()
        self.people.show_correction_count(len(corrections))
        if self.list_dialog is not None:
            self.list_dialog.show(corrections)

    def _open(self, dialog: Dialog) -> Dialog:
        if self.dialog is not None:
            self.dialog.cancel()
        self.dialog = dialog
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _list_closed(self) -> None:
        self.list_dialog = None

    def close_dialogs(self) -> None:
        for dialog in (self.dialog, self.list_dialog):
            if dialog is not None:
                dialog.cancel()
