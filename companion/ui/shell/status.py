"""The status bar: one message, the analysis progress with Cancel, and what is on screen
(the model, the counts of people, organizations, glossary terms and notes). It is the one
listener of events.STATUS: any room says a line with `events.say(widget, text, error=…)`."""

from __future__ import annotations

import tkinter as tk
from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from companion.ui import events
from companion.ui.look import theme
from companion.ui.look.theme import Palette

if TYPE_CHECKING:  # pragma: no cover
    from companion.core.analysis import Analysis
    from companion.core.document import Document


class StatusBar(ttk.Frame):
    def __init__(self, master: tk.Misc, *, on_cancel: Callable[[], None]) -> None:
        super().__init__(master, padding=(12, 5, 12, 6))
        # The counts first: a long message is what gets cut when the window is narrow.
        self.counts_label = ttk.Label(self, text="", style=theme.MUTED_LABEL, anchor="e")
        self.counts_label.pack(side="right")
        self.message_label = ttk.Label(self, text="", anchor="w")
        self.message_label.pack(side="left")
        self._busy = ttk.Frame(self)
        self.progress = ttk.Progressbar(self._busy, length=150, maximum=100, mode="determinate",
                                        bootstyle="info")
        self.progress.pack(side="left", padx=(0, 8))
        self.cancel_button = ttk.Button(self._busy, text="Cancel", bootstyle="secondary-link",
                                        command=on_cancel, padding=(6, 0))
        self.cancel_button.pack(side="left")
        self._error = False
        self._pinned = False
        events.listen(master.nametowidget("."), events.STATUS,
                      lambda status: self.show_message(status.text, error=status.error))

    @property
    def message(self) -> str:
        return str(self.message_label.cget("text"))

    def show_message(self, text: str, *, error: bool = False) -> None:
        """One line; an error is shown in red until the next message (a pinned one until unpin())."""
        if self._pinned and not error:
            return
        self._pinned = False
        line = text.strip().splitlines()[0] if text.strip() else ""
        self._error = error
        self.message_label.configure(text=line)
        self.apply_palette(theme.current_palette(self))

    def pin(self, text: str) -> None:
        """An error that stays while the passing messages ("Analysing… 40%") go by, until unpin()."""
        self.show_message(text, error=True)
        self._pinned = True

    def unpin(self) -> None:
        self._pinned = False

    @property
    def is_error(self) -> bool:
        return self._error

    def apply_palette(self, palette: Palette) -> None:
        # "": the theme's own text colour, whichever theme is in use.
        self.message_label.configure(foreground=palette.error if self._error else "")

    def show_progress(self, percent: int | None) -> None:
        """Show the bar (indeterminate while `percent` is None) with its Cancel button."""
        if not self._busy.winfo_manager():
            self._busy.pack(side="left", padx=(14, 0), after=self.message_label)
        if percent is None:
            if str(self.progress.cget("mode")) != "indeterminate":
                self.progress.configure(mode="indeterminate")
                self.progress.start(15)
        else:
            self.progress.stop()
            self.progress.configure(mode="determinate", value=percent)

    def hide_progress(self) -> None:
        self.progress.stop()
        self._busy.pack_forget()

    @property
    def busy(self) -> bool:
        return bool(self._busy.winfo_manager())

    def show_counts(self, text: str) -> None:
        self.counts_label.configure(text=text)


def counts_text(analysis: "Analysis | None", document: "Document | None", notes: int | None) -> str:
    """"model · 3 people · 2 organizations · 4 glossary terms · Region: Canada · 1 note ·
    Windows-1252"; the region only when one country clearly leads."""
    parts = []
    if analysis is not None:
        entities = analysis.entities
        parts += [analysis.model,
                  _count(sum(e.label == "PERSON" for e in entities), "person", "people"),
                  _count(sum(e.label == "ORG" for e in entities), "organization"),
                  _count(len(analysis.glossary), "glossary term")]
        region = region_text(analysis)
        if region:
            parts.append(region)
    if document is not None:
        parts.append(_count(notes or 0, "note"))
        if document.encoding:  # "Windows-1252": how the file's bytes were read
            from companion.core.decoding import encoding_label
            parts.append(encoding_label(document.encoding))
    return "  ·  ".join(parts)


def region_text(analysis: "Analysis") -> str:
    """"Region: Canada" when the article clearly is about one country; "" otherwise."""
    from companion.core.region import region_label
    label = region_label(analysis.region.country)
    return f"Region: {label}" if label else ""


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
