"""One table of shortcuts: the menus show its accelerators, its keys are bound, the help lists it."""

from __future__ import annotations

import pytest

from companion.ui.kit import shortcuts
from companion.ui.kit.shortcuts import SHORTCUTS

pytestmark = pytest.mark.ui


def menu_entries(app) -> list[tuple[str, str, str]]:
    """(menu, label, accelerator) of every entry of the menu bar's menus and their submenus."""
    found = []

    def walk(menu, name):
        last = menu.index("end")
        for i in range(0 if last is None else last + 1):
            kind = menu.type(i)
            if kind == "cascade":
                walk(app.root.nametowidget(menu.entrycget(i, "menu")), name)
            elif kind in ("command", "checkbutton", "radiobutton"):
                found.append((name, str(menu.entrycget(i, "label")), str(menu.entrycget(i, "accelerator"))))

    for i in range(app.menubar.index("end") + 1):
        if app.menubar.type(i) == "cascade":
            walk(app.root.nametowidget(app.menubar.entrycget(i, "menu")), app.menubar.entrycget(i, "label"))
    return found


def test_every_menu_accelerator_is_in_the_table_and_every_table_entry_in_its_menu(make_app):
    app = make_app(None)
    entries = menu_entries(app)
    table = {(s.menu, s.label, s.accelerator) for s in SHORTCUTS if s.menu}
    with_keys = {entry for entry in entries if entry[2]}
    assert with_keys == table
    assert len(with_keys) >= 18


def test_the_table_has_no_key_twice_in_one_place():
    seen: dict[tuple[str, str], str] = {}
    for shortcut in SHORTCUTS:
        for key in shortcut.keys:
            assert (shortcut.scope, key) not in seen, f"{key} is {seen[(shortcut.scope, key)]} and {shortcut.action}"
            seen[(shortcut.scope, key)] = shortcut.action
    assert len({s.action for s in SHORTCUTS}) == len(SHORTCUTS)


def test_every_window_shortcut_has_an_action_in_the_app(make_app):
    app = make_app(None)
    window = {s.action for s in SHORTCUTS if s.scope == shortcuts.WINDOW}
    assert window <= set(app.actions)


def test_each_key_of_the_table_runs_its_action(make_app, monkeypatch):
    """Bound on the window and on the reader's Text (where it must beat the Text's own keys)."""
    from companion.ui.shell import menus
    calls = []
    real = menus.actions
    monkeypatch.setattr(menus, "actions", lambda app: {name: (lambda n=name: calls.append(n)) for name in real(app)})
    app = make_app(None)
    text = app.reader.text
    text.configure(state="normal")
    text.insert("1.0", "First line of the article\nsecond line\n")
    text.configure(state="disabled")
    wrong = []
    for widget in (app.root, text):
        widget.focus_force()
        widget.update()
        for shortcut in (s for s in SHORTCUTS if s.scope == shortcuts.WINDOW):
            for key in shortcut.keys:
                calls.clear()
                text.mark_set("insert", "1.0")
                widget.event_generate(key)
                if calls != [shortcut.action]:
                    wrong.append(f"{key} on {widget}: {calls}")
                if text.index("insert") != "1.0":  # the Text's own Ctrl+F/N… ran as well
                    wrong.append(f"{key} on {widget} also moved the cursor to {text.index('insert')}")
    assert wrong == []


def test_the_help_window_lists_every_shortcut(make_app):
    from companion.ui.shell.help import ShortcutsWindow
    app = make_app(None)
    app.root.event_generate("<F1>")
    opened = [w for w in app.root.winfo_children() if isinstance(w, ShortcutsWindow)]
    assert len(opened) == 1
    window = opened[0]
    listed = {(accelerator, label) for _, accelerator, label in window.rows}
    assert listed == {(s.accelerator, s.label) for s in SHORTCUTS}
    sections = [name for name, _ in shortcuts.sections()]
    assert sections[:3] == ["File", "Edit", "View"] and "Find bar" in sections
    window.close()


@pytest.mark.parametrize("action, accelerator, menu", [
    ("open", "Ctrl+O", "File"), ("quit", "Ctrl+Q", "File"), ("undo", "Ctrl+Z", "Edit"),
    ("add-note", "Ctrl+N", "Edit"), ("find", "Ctrl+F", "Edit"), ("find-next", "F3", "Edit"),
    ("larger", "Ctrl+Plus", "View"), ("smaller", "Ctrl+Minus", "View"), ("default-size", "Ctrl+0", "View"),
    ("dark-theme", "Ctrl+Shift+D", "View"), ("analyse", "F5", "Article"), ("cancel", "Esc", "Article"),
    ("shortcuts", "F1", "Help"), ("bar-next", "Enter", None), ("bar-previous", "Shift+Enter", None),
    ("bar-close", "Esc", None),
])
def test_the_usual_keys_do_the_usual_things(action, accelerator, menu):
    shortcut = shortcuts.BY_ACTION[action]
    assert (shortcut.accelerator, shortcut.menu) == (accelerator, menu)
