"""The one contract the window's rooms talk with: every virtual event, named once, with its owner
(the one room that fires it), where it is generated and what it carries.

A Tk virtual event carries no Python object, so a payload travels beside it: `fire(widget,
EVENT, payload)` keeps it on the widget while the (synchronous) bindings run, and a listener reads
it with `payload(event)`. Listeners bind with `add=True` (`listen`), so one never replaces another.
Tk drops a virtual event sent while the window is not on screen yet (while it is being built),
so until then `fire` calls the listeners itself, in the order they were bound.

| event | owner → generated on | payload |
|---|---|---|
| STATUS | any room → the root | `Status(text, error)`: one line for the status bar (its one listener) |
| DOCUMENT_OPENED | shell.app → the root | the `Document` now shown |
| NOTES_CHANGED | notes.controller → the root | how many notes the article has (`int`) |
| CONTEXT_MENU | notes.controller → the root | `ContextMenu(menu, offset)`: add your entries to the reader's right-click menu |
| REANALYSE | panel (corrections, glossary) → the root | what to say when the new analysis is shown (`str`) |
| RECENT_CHANGED | shell.recent → the root | None: the recent list changed |
| HIGHLIGHTS_SHOWN | reading.legend → the legend | `dict[label, bool]`: which highlights the reader shows |
| ENTITY_CHOSEN | panel.people_tab → the tab | the `Mention` to show |
| CORRECTION_REQUESTED | panel.people_tab → the tab | `(op, entity name, scope)`: scope "article" or "everywhere" |
| CORRECTIONS_LIST_REQUESTED | panel.people_tab → the tab | None |
| TERM_CHOSEN | panel.glossary_tab → the tab | `(start, end)` of the mention to show |
| ENTRY_NEW_REQUESTED | panel.glossary_tab → the tab | None |
| ENTRY_EDIT_REQUESTED | panel.glossary_tab → the tab | the `GlossaryEntry` |
| ENTRY_DELETE_REQUESTED | panel.glossary_tab → the tab | the `GlossaryEntry` |
| NOTE_CHOSEN | notes.tab → the tab | the note id (`int`) |
| NOTE_EDIT_REQUESTED | notes.tab → the tab | the note id |
| NOTE_DELETE_REQUESTED | notes.tab → the tab | the note id |
| NOTE_REATTACH_REQUESTED | notes.tab → the tab | the note id |
| ALL_NOTES_REQUESTED | notes.tab → the tab | None |
"""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from typing import Any, Callable

STATUS = "<<Status>>"
DOCUMENT_OPENED = "<<DocumentOpened>>"
NOTES_CHANGED = "<<NotesChanged>>"
CONTEXT_MENU = "<<ReaderContextMenu>>"
REANALYSE = "<<ReanalyseRequested>>"
RECENT_CHANGED = "<<RecentChanged>>"
HIGHLIGHTS_SHOWN = "<<HighlightsShown>>"
ENTITY_CHOSEN = "<<EntityChosen>>"
CORRECTION_REQUESTED = "<<CorrectionRequested>>"
CORRECTIONS_LIST_REQUESTED = "<<CorrectionsListRequested>>"
TERM_CHOSEN = "<<GlossaryTermChosen>>"
ENTRY_NEW_REQUESTED = "<<GlossaryNewRequested>>"
ENTRY_EDIT_REQUESTED = "<<GlossaryEditRequested>>"
ENTRY_DELETE_REQUESTED = "<<GlossaryDeleteRequested>>"
NOTE_CHOSEN = "<<NoteChosen>>"
NOTE_EDIT_REQUESTED = "<<NoteEditRequested>>"
NOTE_DELETE_REQUESTED = "<<NoteDeleteRequested>>"
NOTE_REATTACH_REQUESTED = "<<NoteReattachRequested>>"
ALL_NOTES_REQUESTED = "<<AllNotesRequested>>"

_PAYLOADS = "_companion_event_payloads"  # attribute of the widget an event is generated on
_LISTENERS = "_companion_event_listeners"  # name → handlers, for the window's first moments


@dataclass(frozen=True)
class Status:
    text: str
    error: bool = False


@dataclass(frozen=True)
class ContextMenu:
    menu: tk.Menu
    offset: int | None  # the character under the pointer; None off the text


def fire(widget: tk.Misc, name: str, payload: Any = None) -> None:
    """Generate `name` on `widget` now, with `payload` readable by its listeners."""
    stack: list[Any] = widget.__dict__.setdefault(_PAYLOADS, [])
    stack.append(payload)  # a stack: a listener may fire another event on the same widget
    try:
        if widget.winfo_toplevel().winfo_ismapped():
            widget.event_generate(name)
        else:
            for handler in list(getattr(widget, _LISTENERS, {}).get(name, ())):
                handler(payload)
    finally:
        stack.pop()


def payload(event: tk.Event) -> Any:
    """What `fire` sent with this event (None for one generated otherwise)."""
    stack = getattr(event.widget, _PAYLOADS, None)
    return stack[-1] if stack else None


def listen(widget: tk.Misc, name: str, handler: Callable[[Any], object]) -> str:
    """Bind `handler(payload)` to `name` on `widget`, beside the other listeners (add=True)."""
    widget.__dict__.setdefault(_LISTENERS, {}).setdefault(name, []).append(handler)
    return widget.bind(name, lambda event: handler(payload(event)), add=True)


def say(widget: tk.Misc, text: str, *, error: bool = False) -> None:
    """One line in the status bar of `widget`'s window (STATUS on the root)."""
    fire(widget.nametowidget("."), STATUS, Status(text, error))
