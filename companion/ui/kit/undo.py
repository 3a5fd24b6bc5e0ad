"""What Ctrl+Z takes back: the last deleted note, correction or glossary change, newest first."""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from typing import Callable

from companion.errors import UserError
from companion.ui import events

LIMIT = 50


@dataclass(frozen=True)
class Undoable:
    what: str                     # "the correction “Carney is an organization”", for the menu
    undo: Callable[[], object]    # takes the change back; raises UserError when it cannot


class UndoStack:
    def __init__(self, limit: int = LIMIT) -> None:
        self._items: list[Undoable] = []
        self._limit = limit

    def push(self, what: str, undo: Callable[[], object]) -> None:
        self._items.append(Undoable(what, undo))
        del self._items[:-self._limit]

    def pop(self) -> Undoable | None:
        return self._items.pop() if self._items else None

    @property
    def last(self) -> Undoable | None:
        return self._items[-1] if self._items else None

    def undo_last(self, window: tk.Misc) -> None:
        """Take back the newest change (Ctrl+Z); the status bar of `window` says when it cannot."""
        item = self.pop()
        if item is None:
            events.say(window, "Nothing to undo.")
            return
        try:
            item.undo()
        except UserError as exc:
            events.say(window, f"{exc} Could not undo {item.what}.", error=True)

    def clear(self) -> None:
        """Forget everything (another article was opened)."""
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
