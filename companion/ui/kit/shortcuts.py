"""Every keyboard shortcut, in one table: it binds the keys, labels the menu entries with their
accelerators and fills Help ▸ Keyboard shortcuts, so the three cannot drift apart."""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from typing import Callable, Mapping

WINDOW = "window"      # bound on the main window (and on the reader's Text, before its own keys)
FIND_BAR = "find bar"  # bound on the find bar's entry
BUILT_IN = "built in"  # Tk's own binding (Copy in a Text); listed, not bound


@dataclass(frozen=True)
class Shortcut:
    action: str                # the App's name for what it does: "open", "find-next"…
    label: str                 # the menu entry's label and the help's description
    accelerator: str           # what the menu and the help show: "Ctrl+O"
    keys: tuple[str, ...]      # Tk event sequences
    menu: str | None = None    # the menu the entry is in ("File"…); None: not in a menu
    scope: str = WINDOW


def _ctrl(key: str) -> tuple[str, ...]:
    """Ctrl+letter, also with Caps Lock on (Tk then reports the upper-case keysym)."""
    return (f"<Control-{key}>", f"<Control-{key.upper()}>") if key.isalpha() else (f"<Control-{key}>",)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("open", "Open…", "Ctrl+O", _ctrl("o"), "File"),
    Shortcut("open-url", "Open URL…", "Ctrl+L", _ctrl("l"), "File"),
    Shortcut("paste-article", "New from clipboard", "Ctrl+Shift+V", ("<Control-Shift-V>", "<Control-Shift-v>"),
             "File"),
    Shortcut("quit", "Quit", "Ctrl+Q", _ctrl("q"), "File"),
    Shortcut("undo", "Undo", "Ctrl+Z", _ctrl("z"), "Edit"),
    Shortcut("copy", "Copy", "Ctrl+C", ("<<Copy>>",), "Edit", BUILT_IN),
    Shortcut("add-note", "Add note…", "Ctrl+N", _ctrl("n"), "Edit"),
    Shortcut("add-glossary", "Add to glossary…", "Ctrl+G", _ctrl("g"), "Edit"),
    Shortcut("find", "Find in article…", "Ctrl+F", _ctrl("f"), "Edit"),
    Shortcut("find-next", "Find next", "F3", ("<F3>",), "Edit"),
    Shortcut("find-previous", "Find previous", "Shift+F3", ("<Shift-F3>",), "Edit"),
    Shortcut("dark-theme", "Dark theme", "Ctrl+Shift+D", ("<Control-Shift-D>", "<Control-Shift-d>"), "View"),
    Shortcut("larger", "Larger text", "Ctrl+Plus", ("<Control-plus>", "<Control-equal>", "<Control-KP_Add>"), "View"),
    Shortcut("smaller", "Smaller text", "Ctrl+Minus", ("<Control-minus>", "<Control-KP_Subtract>"), "View"),
    Shortcut("default-size", "Default text size", "Ctrl+0", ("<Control-Key-0>",), "View"),
    Shortcut("narrower", "Narrower column", "Ctrl+[", ("<Control-bracketleft>",), "View"),
    Shortcut("wider", "Wider column", "Ctrl+]", ("<Control-bracketright>",), "View"),
    Shortcut("show-glossary", "Glossary tab", "Ctrl+1", ("<Control-Key-1>",), "View"),
    Shortcut("show-people", "People tab", "Ctrl+2", ("<Control-Key-2>",), "View"),
    Shortcut("show-notes", "Notes tab", "Ctrl+3", ("<Control-Key-3>",), "View"),
    Shortcut("analyse", "Analyse again", "F5", ("<F5>",), "Article"),
    Shortcut("cancel", "Cancel analysis", "Esc", ("<Escape>",), "Article"),
    Shortcut("shortcuts", "Keyboard shortcuts", "F1", ("<F1>",), "Help"),
    Shortcut("bar-next", "Next match", "Enter", ("<Return>", "<KP_Enter>"), scope=FIND_BAR),
    Shortcut("bar-previous", "Previous match", "Shift+Enter", ("<Shift-Return>", "<Shift-KP_Enter>"),
             scope=FIND_BAR),
    Shortcut("bar-close", "Close the find bar", "Esc", ("<Escape>",), scope=FIND_BAR),
)
BY_ACTION: Mapping[str, Shortcut] = {s.action: s for s in SHORTCUTS}


def accelerator(action: str) -> str:
    return BY_ACTION[action].accelerator


def add_entry(menu: tk.Menu, action: str, command: Callable[[], object], *, kind: str = "command",
              **options) -> None:
    """A menu entry with the table's label and accelerator; `kind` "checkbutton", "radiobutton"…"""
    shortcut = BY_ACTION[action]
    getattr(menu, f"add_{kind}")(label=shortcut.label, accelerator=shortcut.accelerator,
                                 command=command, **options)


def bind_window(root: tk.Misc, text: tk.Text, actions: Mapping[str, Callable[[], object]]) -> None:
    """Bind every WINDOW shortcut to `actions[action]` (a missing action is a KeyError: the table
    and the App must agree). The reader's Text gets them first, so that its own Ctrl+F/N/O
    (cursor moves) do not run too."""
    for shortcut in SHORTCUTS:
        if shortcut.scope != WINDOW:
            continue
        action = actions[shortcut.action]
        for sequence in shortcut.keys:
            root.bind(sequence, lambda e, a=action: _run(a), add=True)
            text.bind(sequence, lambda e, a=action: (_run(a), "break")[1], add=True)


def bind_find_bar(entry: tk.Misc, actions: Mapping[str, Callable[[], object]]) -> None:
    """Bind the FIND_BAR shortcuts on the find entry; they stop there (the window's Esc does not run)."""
    for shortcut in SHORTCUTS:
        if shortcut.scope == FIND_BAR:
            action = actions[shortcut.action]
            for sequence in shortcut.keys:
                entry.bind(sequence, lambda e, a=action: (_run(a), "break")[1], add=True)


def _run(action: Callable[[], object]) -> None:
    action()


def sections() -> list[tuple[str, list[Shortcut]]]:
    """The shortcuts grouped for the help window: by menu, in menu order, then the find bar."""
    order: list[str] = []
    groups: dict[str, list[Shortcut]] = {}
    for shortcut in SHORTCUTS:
        name = shortcut.menu or ("Find bar" if shortcut.scope == FIND_BAR else "Other")
        if name not in groups:
            order.append(name)
            groups[name] = []
        groups[name].append(shortcut)
    return [(name, groups[name]) for name in order]
