"""The side panel: Glossary, People and Notes tabs. It draws what the App hands it."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from companion.core.analysis import Analysis
from companion.ui.panel.glossary_tab import GlossaryTab
from companion.ui.notes.tab import NotesTab
from companion.ui.panel.people_tab import PeopleTab
from companion.ui.notes.placement import PlacedNote


class SidePanel(ttk.Notebook):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master)
        self.glossary = GlossaryTab(self)
        self.people = PeopleTab(self)
        self.notes = NotesTab(self)
        self.add(self.glossary, text="Glossary")
        self.add(self.people, text="People")
        self.add(self.notes, text="Notes")
        self.select(self.people)  # "who is who" is what a reader of news reaches for first

    def show_analysis(self, analysis: Analysis) -> None:
        self.glossary.show_entries(analysis.glossary)
        self.people.show_entities(analysis.entities)
        self.tab(self.glossary, text=f"Glossary ({len(analysis.glossary)})")

    def clear_analysis(self, message: str) -> None:
        self.glossary.clear(message)
        self.people.clear(message)
        self.tab(self.glossary, text="Glossary")

    def show_notes(self, notes: list[PlacedNote], notice: str | None = None) -> None:
        self.notes.show_notes(notes, notice)
        self.tab(self.notes, text=f"Notes ({len(notes)})" if notes else "Notes")

    def show_tab(self, name: str) -> None:
        self.select({"glossary": self.glossary, "people": self.people, "notes": self.notes}[name])
