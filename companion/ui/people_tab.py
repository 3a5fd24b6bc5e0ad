"""People tab: each person and organization once; a click goes to its next mention."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from companion.core.analysis import Entity, Mention
from companion.ui import theme
from companion.ui.widgets import Column, DetailText, hint, scrolled_tree

ENTITY_CHOSEN = "<<EntityChosen>>"  # on this tab; the mention to show is in `chosen`


class PeopleTab(ttk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(10, 4, 10, 10))
        self.hint = hint(self, "Names appear when the analysis is done.")
        self.tree = scrolled_tree(self, [Column("#0", "Name", 180, stretch=True),
                                         Column("mentions", "Mentions", 84, anchor="e"),
                                         Column("role", "Role", 170, stretch=True)], height=14)
        self.tree.tag_configure("section", foreground=theme.MUTED_FOREGROUND)
        self.detail = DetailText(self, height=4,
                                  placeholder="Select a name to see its role and the other names it goes by.")
        self.detail.pack(fill="x", pady=(8, 0))
        self.chosen: Mention | None = None
        self._entities: dict[str, Entity] = {}   # row id → entity
        self._cursor: dict[str, int] = {}         # entity name → index of the next mention to show
        # Not <<TreeviewSelect>>: a second click on the same name must go on to the next mention.
        self.tree.bind("<ButtonRelease-1>", self._on_click, add=True)
        self.tree.bind("<Return>", self._on_key, add=True)
        self.tree.bind("<<TreeviewSelect>>", self._on_select, add=True)

    def show_entities(self, entities: list[Entity]) -> None:
        self.clear()
        shown = [e for e in entities if e.label in theme.HIGHLIGHTS and e.mentions]
        for style in theme.HIGHLIGHTS.values():
            group = sorted((e for e in shown if e.label == style.label),
                           key=lambda e: (-len(e.mentions), e.name.lower()))
            if not group:
                continue
            section = self.tree.insert("", "end", iid=style.label, open=True,
                                       text=f"{style.plural} ({len(group)})", tags=("section",))
            for entity in group:
                row = self.tree.insert(section, "end", text=entity.name,
                                       values=(len(entity.mentions), entity.role or ""))
                self._entities[row] = entity
        self.hint.configure(text="Click a name to go to its next mention." if shown
                            else "No people or organizations were found in this article.")

    def clear(self, message: str | None = None) -> None:
        self.tree.delete(*self.tree.get_children())
        self._entities.clear()
        self._cursor.clear()
        self.chosen = None
        self.detail.show()
        if message:
            self.hint.configure(text=message)

    @property
    def count(self) -> int:
        return len(self._entities)

    def row_of(self, name: str) -> str | None:
        return next((row for row, e in self._entities.items() if e.name == name), None)

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
        self.event_generate(ENTITY_CHOSEN)
        return self.chosen

    def _on_click(self, event: tk.Event) -> None:
        row = self.tree.identify_row(event.y)
        if row in self._entities:
            self.choose(self._entities[row].name)

    def _on_select(self, event: tk.Event) -> None:
        entity = next((self._entities[r] for r in self.tree.selection() if r in self._entities), None)
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
        for row in self.tree.selection():
            if row in self._entities:
                self.choose(self._entities[row].name)
