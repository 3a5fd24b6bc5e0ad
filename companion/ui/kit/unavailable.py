"""A stand-in for a store that could not be opened, so the window opens anyway."""

from __future__ import annotations

from typing import Callable, TypeVar

from companion.errors import StoreError

T = TypeVar("T")


class UnavailableStore:
    """Stands in for a store that could not be opened (a read-only folder, a database another
    window holds damaged…): the window still opens and reads articles; every use of the store
    raises a StoreError that says why, in one line."""

    recovery = None
    backup_problem = None

    def __init__(self, problem: Exception | str) -> None:
        self.message = f"Notes are off for this session: {problem}"

    def __getattr__(self, name: str) -> Callable[..., object]:
        def unavailable(*args: object, **kwargs: object) -> object:
            raise StoreError(self.message)
        return unavailable

    def close(self) -> None:
        pass


def open_or_unavailable(make: Callable[[], T]) -> "T | UnavailableStore":
    """The store `make()` opens, or an UnavailableStore that says why it could not be opened."""
    try:
        return make()
    except StoreError as exc:
        return UnavailableStore(exc)
