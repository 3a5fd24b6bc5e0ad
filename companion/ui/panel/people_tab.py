"""People tab: each person and organization once; a click goes to its next mention.

The reader corrects who is who from here (the Correct menu, or a right-click on a name): the tab
only says what was asked, through virtual events (companion.ui.events); `ui.corrections` does it.
"""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass

import ttkbootstrap as ttk

from companion.core.analysis import Entity, Mention
from companion.ui import events
from companion.ui.look import theme
from companion.ui.look.theme import Palette
from companion.ui.kit.widgets import Column, DetailText, FittedTree, button_row, hint, scrolled_tree



@dataclass(frozen=True)
class EntityAction:
    label: str
    op: str         # a correction op: relabel, merge, split, hide
    enabled: bool
    scope: str = "article"   # "everywhere": the correction applies to every article


def entity_actions(entity: Entity, *, others: int) -> list[EntityAction]:
    """The corrections that make sense for `entity` (`others`: how many entities it could join)."""
    other = "organization" if entity.label == "PERSON" else "person"
    aliases = [a for a in entity.aliases if a != entity.name]
    return [EntityAction(f"Relabel as {other}", "relabel", True),
            EntityAction("Merge into…", "merge", others > 0),
            EntityAction("Split off an alias…", "split", bool(aliases)),
            EntityAction("Hide: not a name", "hide", True),
            # The same two for every article, now and later ("Arsenal is an organization").
            EntityAction(f"Relabel as {other} in every article", "relabel", True, "everywhere"),
            EntityAction("Hide in every article", "hide", True, "everywhere")]


def add_actions(menu: tk.Menu, entity: Entity, *, others: int, request) -> None:
    """Add the correction entries for `entity` to `menu`; choosing one calls
    request(op, name, scope); the every-article ones come after a separator."""
    for action in entity_actions(entity, others=others):
        if action.scope == "everywhere" and menu.type("end") != "separator":
            menu.add_separator()
        menu.add_command(label=action.label, state="normal" if action.enabled else "disabled",
                         command=lambda a=action: request(a.op, entity.name, a.scope))


class PeopleTab(ttk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(10, 4, 10, 10))
        self.hint = hint(self, "Names appear when the analysis is done.")
        self.tree = scrolled_tree(self, [Column("#0", "Name", 200, stretch=True),
                                         Column("mentions", "Mentions", 84, anchor="e"),
                                         Column("role", "Role", 140, stretch=True)], height=14)
        self.tree.column("#0", minwidth=120)
        self.cells = FittedTree(self.tree, ("#0", "role"))
        self.apply_palette(theme.current_palette(self))
        self.detail = DetailText(self, height=4, max_height=8,
                                  placeholder="Select a name to see its role and the other names it goes by.")
        self.detail.pack(fill="x", pady=(8, 0))
        buttons = button_row(self)
        self.menu = ttk.Menu(self, tearoff=False)
        self.correct_button = ttk.Menubutton(buttons, text="Correct", menu=self.menu,
                                             bootstyle="secondary-outline")
        self.correct_button.pack(side="left")
        self.menu.configure(postcommand=self.fill_menu)
        self.corrections_button = ttk.Button(buttons, text="Corrections…", bootstyle="secondary-link",
                                             command=lambda: events.fire(self, events.CORRECTIONS_LIST_REQUESTED))
        self.corrections_button.pack(side="right")
        self.chosen: Mention | None = None
        self.requested: tuple[str, str, str] | None = None
        self._entities: dict[str, Entity] = {}   # row id → entity
        self._cursor: dict[str, int] = {}         # entity name → index of the next mention to show
        # Not <<TreeviewSelect>>: a second click on the same name must go on to the next mention.
        self.tree.bind("<ButtonRelease-1>", self._on_click, add=True)
        self.tree.bind("<Return>", self._on_key, add=True)
        self.tree.bind("<<TreeviewSelect>>", self._on_select, add=True)
        self.tree.bind("<Button-3>", self._on_right_click, add=True)
        if self.tk.call("tk", "windowingsystem") == "aqua":
            self.tree.bind("<Button-2>", self._on_right_click, add=True)
        self._update_buttons()

    def apply_palette(self, palette: Palette) -> None:
        self.tree.tag_configure("section", foreground=palette.muted)

    def show_entities(self, entities: list[Entity]) -> None:
        """List the entities; the selected name stays selected when it is still there."""
        selected = self.selected.name if self.selected else None
        cursor = dict(self._cursor)
        self.clear()
        self._cursor = cursor  # a new analysis of the same article goes on where the reader was
        shown = [e for e in entities if e.label in theme.HIGHLIGHTS and e.mentions]
        for style in theme.HIGHLIGHTS.values():
            group = sorted((e for e in shown if e.label == style.label),
                           key=lambda e: (-len(e.mentions), e.name.lower()))
            if not group:
                continue
            section = self.tree.insert("", "end", iid=style.label, open=True,
                                       text=f"{style.plural} ({len(group)})", tags=("section",))
            for entity in group:
                row = self.cells.insert(section, text=entity.name,
                                        values=(len(entity.mentions), entity.role or ""))
                self._entities[row] = entity
        self.hint.configure(text="Click a name to go to its next mention; right-click it to correct it."
                            if shown else "No people or organizations were found in this article.")
        row = self.row_of(selected) if selected else None
        if row is not None:
            self.tree.selection_set(row)
            self.tree.see(row)
        self._update_buttons()

    def clear(self, message: str | None = None) -> None:
        self.cells.clear()
        self._entities.clear()
        self._cursor.clear()
        self.chosen = None
        self.detail.show()
        if message:
            self.hint.configure(text=message)
        self._update_buttons()

    def show_correction_count(self, count: int) -> None:
        self.corrections_button.configure(text=f"Corrections ({count})…" if count else "Corrections…")

    @property
    def count(self) -> int:
        return len(self._entities)

    @property
    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    @property
    def selected(self) -> Entity | None:
        return next((self._entities[r] for r in self.tree.selection() if r in self._entities), None)

    def row_of(self, name: str) -> str | None:
        return next((row for row, e in self._entities.items() if e.name == name), None)

    def names(self) -> list[str]:
        """Full names as listed, in order."""
        return [e.name for e in self._entities.values()]

    def choose(self, name: str) -> Mention | None:
        """Select the entity and announce its next mention (cycling through them)."""
        row = self.row_of(name)
        if row is None:
            return None
        self.tree.selection_set(row)
        self.tree.see(row)
        entity = self._entities[row]
        mentions = sorted(entity.mentions, key=lambda m: m.start)
        i = self._cursor.get(entity.name, 0) % len(mentions)
        self._cursor[entity.name] = i + 1
        self.chosen = mentions[i]
        events.fire(self, events.ENTITY_CHOSEN, self.chosen)
        return self.chosen

    # -- corrections ---------------------------------------------------------------------------
    def fill_menu(self, menu: tk.Menu | None = None) -> tk.Menu:
        """The Correct menu for the selected entity (rebuilt each time it opens)."""
        menu = menu or self.menu
        menu.delete(0, "end")
        entity = self.selected
        if entity is None:
            menu.add_command(label="Select a name first", state="disabled")
            return menu
        add_actions(menu, entity, others=self.count - 1, request=self.request)
        return menu

    def request(self, op: str, name: str, scope: str = "article") -> None:
        self.requested = (op, name, scope)
        events.fire(self, events.CORRECTION_REQUESTED, self.requested)

    def _on_right_click(self, event: tk.Event) -> str | None:
        row = self.tree.identify_row(event.y)
        if row not in self._entities:
            return None
        self.tree.selection_set(row)
        self.tree.focus(row)
        self.fill_menu().tk_popup(event.x_root, event.y_root)
        return "break"

    # -- internals -----------------------------------------------------------------------------
    def _on_click(self, event: tk.Event) -> None:
        if self.tree.identify_region(event.x, event.y) == "separator":
            return  # resizing a column
        row = self.tree.identify_row(event.y)
        if row in self._entities:
            self.choose(self._entities[row].name)

    def _on_select(self, event: tk.Event) -> None:
        self._update_buttons()
        entity = self.selected
        if entity is None:
            self.detail.show()
            return
        style = theme.HIGHLIGHTS[entity.label]
        parts: list[tuple[str, str]] = [(entity.name, "strong"), (f"  {style.name}", "muted")]
        if entity.role:
            parts.append((f"\n{entity.role}", ""))
        mentions = len(entity.mentions)
        line = f"{mentions} mention{'s' if mentions != 1 else ''}"
        aliases = [a for a in entity.aliases if a != entity.name]
        if aliases:
            line += " · also: " + ", ".join(aliases)
        parts.append((f"\n{line}", "muted"))
        if entity.role_evidence:
            parts.append((f"\n“{entity.role_evidence}”", "muted"))
        self.detail.show(*parts)

    def _on_key(self, event: tk.Event) -> None:
        entity = self.selected
        if entity is not None:
            self.choose(entity.name)

    def _update_buttons(self) -> None:
        self.correct_button.state(["!disabled"] if self.selected else ["disabled"])
