"""The menu bar and what each shortcut does.

`actions(app)` maps every action of `kit.shortcuts.SHORTCUTS` to a callable (its keys, menu
entry and help line come from the table); `build_menubar(app)` lays the menus out from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from companion.ui.kit import shortcuts

if TYPE_CHECKING:  # pragma: no cover
    from companion.ui.shell.app import App


def actions(app: "App") -> dict[str, Callable[[], object]]:
    """What each shortcut of `shortcuts.SHORTCUTS` does."""
    reader, appearance, panel = app.reader, app.appearance, app.panel
    return {
        "open": app.choose_file, "quit": app.quit, "undo": app.undo, **app.opener.actions,
        "copy": lambda: reader.text.event_generate("<<Copy>>"),
        "add-note": lambda: app.notes.request_note(),
        "add-glossary": lambda: app.glossary.new_entry_from_selection(),
        "find": reader.find_bar.find_selection, "find-next": lambda: reader.find_bar.again(True),
        "find-previous": lambda: reader.find_bar.again(False),
        "dark-theme": appearance.toggle_dark,
        "larger": lambda: appearance.zoom(1), "smaller": lambda: appearance.zoom(-1),
        "default-size": lambda: appearance.zoom(0),
        "narrower": lambda: appearance.widen(-1), "wider": lambda: appearance.widen(1),
        "show-glossary": lambda: panel.show_tab("glossary"),
        "show-people": lambda: panel.show_tab("people"),
        "show-notes": lambda: panel.show_tab("notes"),
        "analyse": app.analyse, "cancel": app.escape,
        "shortcuts": app.show_shortcuts,
    }


def build_menubar(app: "App", act: dict[str, Callable[[], object]]) -> ttk.Menu:
    """File, Edit, View, Article, Notes and Help, set on the app's root."""
    menubar = ttk.Menu(app.root)
    add = shortcuts.add_entry
    file_menu = ttk.Menu(menubar, tearoff=False)
    add(file_menu, "open", act["open"])
    app.opener.add_menu_entries(file_menu)  # Open URL…, New from clipboard
    app.recent.add_menu(file_menu)
    file_menu.add_separator()
    file_menu.add_command(label="Export glossary…", command=lambda: app.glossary.export())
    file_menu.add_command(label="Import glossary…", command=lambda: app.glossary.import_())
    file_menu.add_separator()
    add(file_menu, "quit", act["quit"])
    menubar.add_cascade(label="File", menu=file_menu)

    edit_menu = ttk.Menu(menubar, tearoff=False)
    edit_menu.configure(postcommand=lambda: _update_undo_entry(app, edit_menu))
    add(edit_menu, "undo", act["undo"])
    edit_menu.add_separator()
    for action in ("copy", "add-note", "add-glossary"):
        add(edit_menu, action, act[action])
    edit_menu.add_separator()
    for action in ("find", "find-next", "find-previous"):
        add(edit_menu, action, act[action])
    menubar.add_cascade(label="Edit", menu=edit_menu)

    view_menu = ttk.Menu(menubar, tearoff=False)
    app.appearance.fill_menu(view_menu)
    view_menu.add_separator()
    for action in ("show-glossary", "show-people", "show-notes"):
        add(view_menu, action, act[action])
    menubar.add_cascade(label="View", menu=view_menu)

    article_menu = ttk.Menu(menubar, tearoff=False)
    add(article_menu, "analyse", act["analyse"])
    add(article_menu, "cancel", app.cancel_analysis)
    article_menu.add_separator()
    article_menu.add_command(label="Corrections…", command=lambda: app.corrections.show_list())
    menubar.add_cascade(label="Article", menu=article_menu)

    notes_menu = ttk.Menu(menubar, tearoff=False)
    app.notes.fill_menu(notes_menu)
    menubar.add_cascade(label="Notes", menu=notes_menu)

    help_menu = ttk.Menu(menubar, tearoff=False)
    add(help_menu, "shortcuts", act["shortcuts"])
    help_menu.add_command(label="About companion", command=app.show_about)
    menubar.add_cascade(label="Help", menu=help_menu)
    app.root.configure(menu=menubar)
    return menubar


def _update_undo_entry(app: "App", menu: ttk.Menu) -> None:
    last = app.undo_stack.last
    menu.entryconfigure(0, label=f"Undo {last.what}" if last else "Undo",
                        state="normal" if last else "disabled")
