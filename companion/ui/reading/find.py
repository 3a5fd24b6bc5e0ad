"""Find in the article (Ctrl+F), as in idlelib: `FindEngine` holds the search and knows no widget;
`FindBar` is a thin shell around it at the foot of the reader.

The bar shows every match with one tag (added in a few long calls, like the highlights), the
current one as the selection with the cursor on it, and "3 of 12"; Enter / Shift+Enter go to the
next / previous match, Esc closes the bar and clears the matches. Case is ignored unless
"Match case" is ticked.
"""

from __future__ import annotations

import re
import tkinter as tk
from bisect import bisect_left
from typing import TYPE_CHECKING

import ttkbootstrap as ttk


from companion.ui.look import theme
from companion.ui.kit import shortcuts

if TYPE_CHECKING:  # pragma: no cover
    from companion.ui.reading.reader import ReaderView

SEARCH_DELAY_MS = 120  # typing in a long article searches once the keys pause


class FindEngine:
    """The matches of a literal query in a text, and which one is current."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.query = ""
        self.match_case = False
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None  # index into `matches`

    def search(self, query: str, *, match_case: bool = False, near: int = 0) -> list[tuple[int, int]]:
        """Find every occurrence of `query`; the current match is the first at or after `near`."""
        self.query, self.match_case = query, match_case
        if not query:
            self.matches, self.current = [], None
            return self.matches
        pattern = re.compile(re.escape(query), 0 if match_case else re.IGNORECASE)
        self.matches = [m.span() for m in pattern.finditer(self.text)]
        self.current = None
        if self.matches:
            i = bisect_left(self.matches, (near, -1))
            self.current = i if i < len(self.matches) else 0
        return self.matches

    def set_text(self, text: str) -> None:
        """Another article: the same query, searched again from its top."""
        self.text = text
        self.search(self.query, match_case=self.match_case)

    def step(self, forward: bool = True) -> tuple[int, int] | None:
        """Go to the next (or previous) match, round the end; the match, or None when there is none."""
        if not self.matches:
            return None
        if self.current is None:
            self.current = 0 if forward else len(self.matches) - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % len(self.matches)
        return self.matches[self.current]

    @property
    def match(self) -> tuple[int, int] | None:
        return self.matches[self.current] if self.current is not None else None

    def describe(self) -> str:
        """"3 of 12", "No matches", or "" while there is no query."""
        if not self.query:
            return ""
        if not self.matches:
            return "No matches"
        if self.current is None:
            return f"{len(self.matches)} matches"
        return f"{self.current + 1} of {len(self.matches)}"


class FindBar(ttk.Frame):
    """The find bar of a ReaderView; hidden until `open()`."""

    def __init__(self, master: tk.Misc, reader: "ReaderView") -> None:
        super().__init__(master)
        self.reader = reader
        self.engine = FindEngine()
        self._after: str | None = None
        ttk.Separator(self).pack(side="top", fill="x")
        row = ttk.Frame(self, padding=(14, 6, 10, 6))
        row.pack(side="top", fill="x")
        ttk.Label(row, text="Find").pack(side="left", padx=(0, 8))
        self.entry = ttk.Entry(row, width=28)
        self.entry.pack(side="left")
        self.count_label = ttk.Label(row, text="", width=11, style=theme.MUTED_LABEL)
        self.count_label.pack(side="left", padx=(10, 6))
        self.previous_button = ttk.Button(row, text="↑", width=2, bootstyle="secondary-outline",
                                          command=lambda: self.step(False))
        self.previous_button.pack(side="left", padx=(0, 4))
        self.next_button = ttk.Button(row, text="↓", width=2, bootstyle="secondary-outline",
                                      command=lambda: self.step(True))
        self.next_button.pack(side="left")
        # A plain Tcl variable (see legend.Legend): no Python Variable for the collector to free.
        self._case_variable = f"{self}.match-case"
        self.setvar(self._case_variable, 0)
        self.case_button = ttk.Checkbutton(row, text="Match case", variable=self._case_variable,
                                           onvalue=1, offvalue=0, command=self.search_now)
        self.case_button.pack(side="left", padx=(14, 0))
        self.close_button = ttk.Button(row, text="✕", width=2, bootstyle="secondary-link",
                                       command=self.close)
        self.close_button.pack(side="right")
        shortcuts.bind_find_bar(self.entry, {"bar-next": lambda: self.step(True),
                                             "bar-previous": lambda: self.step(False),
                                             "bar-close": self.close})
        self.entry.bind("<KeyRelease>", self._on_key, add=True)
        self.entry.bind("<<Paste>>", lambda e: self.after_idle(self._on_key), add=True)

    @property
    def is_open(self) -> bool:
        return bool(self.winfo_manager())

    @property
    def query(self) -> str:
        return self.entry.get()

    @property
    def match_case(self) -> bool:
        return self.case_button.instate(["selected"])

    @property
    def count(self) -> str:
        return str(self.count_label.cget("text"))

    def open(self, query: str | None = None) -> None:
        """Show the bar with the cursor in its entry (holding `query` when given), and search."""
        if not self.is_open:
            self.reader.show_find_bar(self)
        if query is not None and query != self.query:
            self.entry.delete(0, "end")
            self.entry.insert(0, query)
        self.entry.select_range(0, "end")
        self.entry.icursor("end")
        self.entry.focus_set()
        self.search_now()

    def find_selection(self) -> None:
        """Ctrl+F: the bar, holding the selected words when a few are selected."""
        selected, document = self.reader.selection(), self.reader.document
        words = document.text[selected[0]:selected[1]] if selected and document else ""
        self.open(words if words and len(words) <= 80 and "\n" not in words else None)

    def again(self, forward: bool) -> None:
        """F3 / Shift+F3: the next or previous match (the bar opens when it is closed)."""
        if not self.is_open or not self.query:
            self.find_selection()
        else:
            self.step(forward)

    def set_query(self, query: str) -> None:
        """Type `query` into the bar (for tests and scripts) and search at once."""
        if not self.is_open:
            self.reader.show_find_bar(self)
        self.entry.delete(0, "end")
        self.entry.insert(0, query)
        self.search_now()

    def set_match_case(self, on: bool) -> None:
        self.setvar(self._case_variable, 1 if on else 0)
        self.search_now()

    def search_now(self) -> None:
        """Search the shown article for the entry's text; the match after the cursor is current."""
        if self._after is not None:
            self.after_cancel(self._after)
            self._after = None
        document = self.reader.document
        self.engine.text = document.text if document else ""
        near = self.reader.offset_of("insert")
        if self.reader.selection_offsets() is not None:  # the current match itself stays current
            near = self.reader.selection_offsets()[0]
        spans = self.engine.search(self.query, match_case=self.match_case, near=near)
        self.reader.show_find_matches(spans)
        self._show_current()

    def step(self, forward: bool = True) -> None:
        """The next (or previous) match: selected, with the cursor on it, scrolled into view."""
        if self._after is not None or self.engine.query != self.query:
            self.search_now()  # typed but not yet searched: the search's current match is the first
            if self.engine.current is not None:
                return
        self.engine.step(forward)
        self._show_current()

    def document_changed(self) -> None:
        """Another article is shown: search it for the same words when the bar is open."""
        if self.is_open:
            self.reader.text.mark_set("insert", "1.0")
            self.search_now()
        else:
            self.engine = FindEngine()

    def close(self) -> None:
        """Hide the bar and clear the matches; the reader gets the keyboard back."""
        if self._after is not None:
            self.after_cancel(self._after)
            self._after = None
        self.reader.show_find_matches([])
        if self.is_open:
            self.pack_forget()
            self.reader.text.focus_set()

    def destroy(self) -> None:
        if self._after is not None:
            self.after_cancel(self._after)
            self._after = None
        super().destroy()

    def _show_current(self) -> None:
        match = self.engine.match
        if match is not None:
            self.reader.show_current_match(*match)
        self.count_label.configure(text=self.engine.describe())

    def _on_key(self, event: tk.Event | None = None) -> None:
        if self.query == self.engine.query:
            return
        if self._after is not None:
            self.after_cancel(self._after)
        self._after = self.after(SEARCH_DELAY_MS if len(self.engine.text) > 200_000 else 1,
                                 self.search_now)
