"""What the reader says when the pointer rests on the text: the name (and its role) and the
glossary terms under it, in a small borderless tip that follows the pointer.

`SpanIndex` knows which mention, terms and notes cover an offset (no Tk: bisect over sorted
starts); `HoverTip` is the window that shows the words.
"""

from __future__ import annotations

import tkinter as tk
from bisect import bisect_right

import ttkbootstrap as ttk

from companion.core.analysis import GlossaryEntry, Mention
from companion.ui.look import theme
from companion.ui.look.theme import Palette

HOVER_DEFINITION_CHARS = 280  # a longer definition is cut in the hover; the Glossary tab has it all


class SpanIndex:
    """The highlighted spans of the shown article, found by offset."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self.roles: dict[str, str] = {}
        self._terms: list[tuple[int, int, GlossaryEntry]] = []
        self._term_starts: list[int] = []
        self._longest_term = 0
        self.note_spans: list[tuple[int, int, int]] = []

    def set_mentions(self, mentions: list[Mention], roles: dict[str, str] | None = None) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        if roles is not None:
            self.roles = dict(roles)

    def set_terms(self, terms: list[tuple[int, int, GlossaryEntry]]) -> None:
        self._terms, self._term_starts = terms, [s for s, _, _ in terms]
        self._longest_term = max((e - s for s, e, _ in terms), default=0)

    def mention_at(self, offset: int) -> Mention | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.mentions[i].end:
            return self.mentions[i]
        return None

    def describe(self, mention: Mention) -> str:
        """"Person · Mark Carney", with the role when one is known."""
        text = f"{theme.HIGHLIGHTS[mention.label].name} · {mention.entity}"
        role = self.roles.get(mention.entity)
        return f"{text} — {role}" if role else text

    def terms_at(self, offset: int) -> list[GlossaryEntry]:
        """The glossary entries with a mention covering `offset` (usually none or one)."""
        found: list[GlossaryEntry] = []
        i = bisect_right(self._term_starts, offset) - 1
        while i >= 0 and self._terms[i][0] > offset - self._longest_term:
            start, end, entry = self._terms[i]
            if start <= offset < end and entry not in found:
                found.append(entry)
            i -= 1
        return found

    @staticmethod
    def describe_term(entry: GlossaryEntry) -> str:
        """"CUSMA — Canada-U.S.-Mexico Agreement", its definition below, then "could be: …"
        when the article does not say which body and "checked 2026-12" (how old the facts are)."""
        head = f"{entry.term} — {entry.expansion}" if entry.expansion else entry.term
        definition = entry.definition or ""
        if len(definition) > HOVER_DEFINITION_CHARS:
            definition = definition[:HOVER_DEFINITION_CHARS].rsplit(" ", 1)[0] + "…"
        lines = [head] + [line for line in (definition, entry.could_be, entry.dating) if line]
        return "\n".join(lines)

    def notes_at(self, offset: int) -> list[int]:
        return [note_id for start, end, note_id in self.note_spans if start <= offset < end]


class HoverTip:
    """A small borderless label that follows the pointer over a highlighted name."""

    def __init__(self, master: tk.Misc) -> None:
        self._window = tk.Toplevel(master)
        self._window.withdraw()
        self._window.overrideredirect(True)
        # autostyle=False: our palette's colours, not the theme's input colours.
        self._label = ttk.TkLabel(self._window, autostyle=False, relief="flat", borderwidth=0,
                                  highlightthickness=1, padx=9, pady=5, justify="left",
                                  wraplength=380)
        self._label.pack()
        self.text = ""
        self.apply_palette(theme.current_palette(master))

    def apply_palette(self, palette: Palette) -> None:
        self._label.configure(background=palette.hover, foreground=palette.text,
                              highlightbackground=palette.hover_border)

    def show(self, text: str, x_root: int, y_root: int) -> None:
        if text != self.text:
            self._label.configure(text=text)
            self.text = text
        self._window.geometry(f"+{x_root + 14}+{y_root + 18}")
        self._window.deiconify()
        self._window.lift()

    def hide(self) -> None:
        self.text = ""
        self._window.withdraw()


