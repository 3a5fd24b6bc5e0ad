"""The reading view: the article in a read-only Text, one Tk tag per highlight style, hover names.

Spans arrive as character offsets into `Document.text`; they are converted to "line.col" in one
pass (`indices.OffsetIndex`) and tagged with a few long `tag_add` calls, so a long article with
thousands of mentions highlights at once.
"""

from __future__ import annotations

import tkinter as tk
from bisect import bisect_right
from tkinter import font as tkfont
from typing import Iterable

import ttkbootstrap as ttk

from companion.core.analysis import GlossaryEntry, Mention
from companion.core.document import Document
from companion.ui import theme
from companion.ui.indices import OffsetIndex

NOTE_TAG = "note"
GLOSSARY_TAG = theme.GLOSSARY_TAG
FLASH_TAG = "flash"
FLASH_MS = 1000
TAG_ARGS_PER_CALL = 4000  # index arguments per tag_add; keeps each Tcl command a sane size
HOVER_DEFINITION_CHARS = 280  # a longer definition is cut in the hover; the Glossary tab has it all


class HoverTip:
    """A small borderless label that follows the pointer over a highlighted name."""

    def __init__(self, master: tk.Misc) -> None:
        self._window = tk.Toplevel(master)
        self._window.withdraw()
        self._window.overrideredirect(True)
        self._label = tk.Label(self._window, bg="#fbfbfa", fg=theme.TEXT_FOREGROUND,
                               relief="solid", borderwidth=1, padx=8, pady=4, justify="left",
                               wraplength=380)
        self._label.pack()
        self.text = ""

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


class ReaderView(ttk.Frame):
    """Title, article text, highlights, note marks and the flash of a revealed passage."""

    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, padding=(12, 0, 4, 12))
        family = theme.pick_font(tkfont.families(self)) or "TkTextFont"
        self.title_label = ttk.Label(self, text="", font=(family, theme.TITLE_SIZE, "bold"),
                                     foreground=theme.TEXT_FOREGROUND, anchor="w", justify="left")
        self.title_label.pack(fill="x", padx=(12, 12), pady=(14, 0))
        self.meta_label = ttk.Label(self, text="", foreground=theme.MUTED_FOREGROUND, anchor="w")
        self.meta_label.pack(fill="x", padx=(12, 12), pady=(2, 10))

        scrolled = ttk.ScrolledText(self, auto_hide=True, wrap="word", undo=False)
        scrolled.pack(fill="both", expand=True)
        self.text: tk.Text = scrolled.text
        self.text.configure(font=(family, theme.READER_SIZE), padx=40, pady=22, spacing1=2,
                            spacing2=5, spacing3=13, width=70, cursor="xterm",
                            background=theme.TEXT_BACKGROUND, foreground=theme.TEXT_FOREGROUND,
                            selectbackground=theme.SELECT_BACKGROUND,
                            selectforeground=theme.TEXT_FOREGROUND,
                            inactiveselectbackground=theme.SELECT_BACKGROUND, insertwidth=0,
                            state="disabled")
        for style in theme.HIGHLIGHTS.values():
            self.text.tag_configure(style.tag, background=style.background)
        self.text.tag_configure(GLOSSARY_TAG, underline=True, underlinefg=theme.GLOSSARY_UNDERLINE)
        self.text.tag_configure(NOTE_TAG, background=theme.NOTE_BACKGROUND, underline=True,
                                underlinefg=theme.TEXT_FOREGROUND)
        self.text.tag_configure(FLASH_TAG, background=theme.FLASH_BACKGROUND)
        # Later tags win: a note shows over a name, a flash over both, the selection over all;
        # a glossary term's underline is the lowest, under a name's colour.
        self.text.tag_lower(GLOSSARY_TAG)
        self.text.tag_raise(NOTE_TAG)
        self.text.tag_raise(FLASH_TAG)
        self.text.tag_raise("sel")

        self.document: Document | None = None
        self._index = OffsetIndex("")
        self._mentions: list[Mention] = []
        self._starts: list[int] = []
        self._roles: dict[str, str] = {}
        self._visible = {label: True for label in theme.HIGHLIGHTS}
        self._terms: list[tuple[int, int, GlossaryEntry]] = []
        self._term_starts: list[int] = []
        self._longest_term = 0
        self.glossary_visible = True
        self._note_spans: list[tuple[int, int, int]] = []
        self._flash_after: str | None = None
        self.hover = HoverTip(self)

        # A disabled Text does not take focus on click on X11; focus makes Ctrl+C work.
        self.text.bind("<Button-1>", lambda e: self.text.focus_set(), add=True)
        self.text.bind("<Motion>", self._on_motion, add=True)
        for sequence in ("<Leave>", "<MouseWheel>", "<Button-4>", "<Button-5>", "<KeyPress>"):
            self.text.bind(sequence, lambda e: self.hover.hide(), add=True)
        self.bind("<Configure>", self._on_resize, add=True)

    # -- the article ---------------------------------------------------------------------------
    def show_document(self, document: Document) -> None:
        """Show a new article; drops every highlight of the previous one."""
        self.document = document
        self._index = OffsetIndex(document.text)
        self.show_mentions([])
        self.show_glossary([])
        self.show_notes([])
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        self.text.insert("1.0", document.text)
        self.text.configure(state="disabled")
        self.text.mark_set("insert", "1.0")
        self.text.yview_moveto(0)
        self.title_label.configure(text=document.title)
        words = len(document.text.split())
        where = document.path or "pasted text"
        self.meta_label.configure(text=f"{where}  ·  {words:,} words")

    def show_placeholder(self, title: str, meta: str) -> None:
        self.title_label.configure(text=title)
        self.meta_label.configure(text=meta)

    # -- highlights ----------------------------------------------------------------------------
    def show_mentions(self, mentions: Iterable[Mention], roles: dict[str, str] | None = None) -> None:
        """Highlight the mentions of the shown types (one tag per type); replaces earlier ones."""
        shown = sorted((m for m in mentions if m.label in theme.HIGHLIGHTS), key=lambda m: (m.start, m.end))
        self._mentions, self._starts = shown, [m.start for m in shown]
        self._roles = dict(roles or {})
        for style in theme.HIGHLIGHTS.values():
            self.text.tag_remove(style.tag, "1.0", "end")
            self._add_spans(style.tag, [(m.start, m.end) for m in shown if m.label == style.label])

    def set_highlight_visible(self, label: str, visible: bool) -> None:
        """Show or hide one type's highlight colour; the tag and its ranges stay."""
        style = theme.HIGHLIGHTS[label]
        self._visible[label] = visible
        self.text.tag_configure(style.tag, background=style.background if visible else "")

    def mention_at(self, offset: int) -> Mention | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._mentions[i].end:
            return self._mentions[i]
        return None

    def describe(self, mention: Mention) -> str:
        """"Person · Mark Carney", with the role when one is known."""
        text = f"{theme.HIGHLIGHTS[mention.label].name} · {mention.entity}"
        role = self._roles.get(mention.entity)
        return f"{text} — {role}" if role else text

    # -- glossary terms ------------------------------------------------------------------------
    def show_glossary(self, entries: Iterable[GlossaryEntry]) -> None:
        """Underline every mention of a glossary term (one tag); replaces earlier ones."""
        terms = sorted(((s, e, entry) for entry in entries for s, e in entry.mentions if s < e),
                       key=lambda t: (t[0], t[1]))
        self._terms, self._term_starts = terms, [s for s, _, _ in terms]
        self._longest_term = max((e - s for s, e, _ in terms), default=0)
        self.text.tag_remove(GLOSSARY_TAG, "1.0", "end")
        self._add_spans(GLOSSARY_TAG, [(s, e) for s, e, _ in terms])

    def set_glossary_visible(self, visible: bool) -> None:
        """Show or hide the underline of glossary terms; the tag and its ranges stay."""
        self.glossary_visible = visible
        self.text.tag_configure(GLOSSARY_TAG, underline=visible)

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
        """"CUSMA — Canada-U.S.-Mexico Agreement" and its definition below."""
        head = f"{entry.term} — {entry.expansion}" if entry.expansion else entry.term
        definition = entry.definition or ""
        if len(definition) > HOVER_DEFINITION_CHARS:
            definition = definition[:HOVER_DEFINITION_CHARS].rsplit(" ", 1)[0] + "…"
        return f"{head}\n{definition}" if definition else head

    def hover_text(self, offset: int) -> str:
        """What the hover says at `offset`: the name, the glossary term, or both; "" for nothing."""
        parts = []
        mention = self.mention_at(offset)
        if mention is not None and self._visible[mention.label]:
            parts.append(self.describe(mention))
        if self.glossary_visible:
            parts += [self.describe_term(entry) for entry in self.terms_at(offset)]
        return "\n\n".join(parts)

    # -- notes ---------------------------------------------------------------------------------
    def show_notes(self, spans: list[tuple[int, int, int]]) -> None:
        """Mark the passages of notes: (start, end, note id); replaces earlier marks."""
        self._note_spans = sorted(spans)
        self.text.tag_remove(NOTE_TAG, "1.0", "end")
        self._add_spans(NOTE_TAG, [(s, e) for s, e, _ in self._note_spans])

    def notes_at(self, offset: int) -> list[int]:
        return [note_id for start, end, note_id in self._note_spans if start <= offset < end]

    # -- selection and position ----------------------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected passage as offsets, or None when nothing (or only blanks) is selected."""
        ranges = self.text.tag_ranges("sel")
        if not ranges:
            return None
        start, end = self._index.offset(str(ranges[0])), self._index.offset(str(ranges[-1]))
        text = self._index.text
        while start < end and text[start].isspace():  # a passage starts and ends on a word
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def clear_selection(self) -> None:
        self.text.tag_remove("sel", "1.0", "end")

    def offset_at(self, x: int, y: int) -> int | None:
        """The offset of the character under widget coordinates, None off the text."""
        index = self.text.index(f"@{x},{y}")
        box = self.text.bbox(index)
        if not box or not (box[0] <= x < box[0] + box[2] and box[1] <= y < box[1] + box[3]):
            return None
        return self._index.offset(index)

    def index(self, offset: int) -> str:
        return self._index.index(offset)

    def reveal(self, start: int, end: int, *, flash: bool = True) -> None:
        """Scroll the passage into view, put the cursor at its start and flash it briefly."""
        first, last = self._index.index(start), self._index.index(end)
        self.text.see(last)
        self.text.see(first)
        self.text.mark_set("insert", first)
        if flash:
            self.flash(first, last)

    def flash(self, first: str, last: str) -> None:
        if self._flash_after:
            self.after_cancel(self._flash_after)
        self.text.tag_remove(FLASH_TAG, "1.0", "end")
        self.text.tag_add(FLASH_TAG, first, last)
        self._flash_after = self.after(FLASH_MS, self._end_flash)

    def _end_flash(self) -> None:
        self._flash_after = None
        self.text.tag_remove(FLASH_TAG, "1.0", "end")

    def destroy(self) -> None:
        if self._flash_after:  # Tcl timers outlive the widget and the event loop is shared
            self.after_cancel(self._flash_after)
            self._flash_after = None
        super().destroy()

    # -- internals -----------------------------------------------------------------------------
    def _add_spans(self, tag: str, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        offsets = sorted({o for span in spans for o in span})
        where = dict(zip(offsets, self._index.indices(offsets)))
        args = [where[o] for span in spans for o in span]
        for i in range(0, len(args), TAG_ARGS_PER_CALL):
            self.text.tag_add(tag, *args[i:i + TAG_ARGS_PER_CALL])

    def _on_motion(self, event: tk.Event) -> None:
        offset = self.offset_at(event.x, event.y)
        text = self.hover_text(offset) if offset is not None else ""
        if not text:
            self.hover.hide()
            return
        self.hover.show(text, event.x_root, event.y_root)

    def _on_resize(self, event: tk.Event) -> None:
        self.title_label.configure(wraplength=max(200, event.width - 48))


class Legend(ttk.Frame):
    """A checkbox per highlight type (and for glossary terms), with its colour, toggling it in the reader."""

    def __init__(self, master: tk.Misc, reader: ReaderView) -> None:
        super().__init__(master)
        self.buttons: dict[str, ttk.Checkbutton] = {}
        ttk.Label(self, text="Highlight", foreground=theme.MUTED_FOREGROUND).pack(side="left", padx=(0, 8))
        for style in theme.HIGHLIGHTS.values():
            swatch = tk.Label(self, width=2, background=style.background, relief="flat",
                              borderwidth=0)
            swatch.pack(side="left", padx=(8, 4), ipady=1)
            # A plain Tcl variable, not a tk.BooleanVar: a Python Variable freed by the garbage
            # collector in the analysis thread would call into Tk from the wrong thread.
            variable = f"{self}.show-{style.label}"
            self.setvar(variable, 1)
            button = ttk.Checkbutton(
                self, text=style.plural, variable=variable, onvalue=1, offvalue=0,
                command=lambda s=style: reader.set_highlight_visible(s.label, self.is_shown(s.label)))
            button.pack(side="left")
            self.buttons[style.label] = button
        # Glossary terms: their swatch is a word with the reader's thin coloured underline.
        background = ttk.Style().lookup("TFrame", "background") or theme.TEXT_BACKGROUND
        swatch = tk.Canvas(self, width=22, height=18, highlightthickness=0, borderwidth=0,
                           background=background)
        swatch.create_text(11, 8, text="Aa", fill=theme.TEXT_FOREGROUND, font="TkDefaultFont")
        swatch.create_line(2, 16, 20, 16, fill=theme.GLOSSARY_UNDERLINE, width=1)
        swatch.pack(side="left", padx=(12, 4))
        variable = f"{self}.show-glossary"
        self.setvar(variable, 1)
        button = ttk.Checkbutton(self, text="Glossary terms", variable=variable, onvalue=1, offvalue=0,
                                 command=lambda: reader.set_glossary_visible(self.is_shown("glossary")))
        button.pack(side="left")
        self.buttons["glossary"] = button

    def is_shown(self, label: str) -> bool:
        return self.buttons[label].instate(["selected"])
