"""What Ctrl+Z takes back: the last deleted note, correction or glossary change, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

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

    def clear(self) -> None:
        """Forget everything (another article was opened)."""
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
