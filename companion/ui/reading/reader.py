"""The reading view: the article in a read-only Text, one Tk tag per highlight style, hover names.

Spans arrive as character offsets into `Document.text`; they are converted to "line.col" in one
pass (`indices.OffsetIndex`) and tagged with a few long `tag_add` calls, so a long article with
thousands of mentions highlights at once.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from typing import Iterable

import ttkbootstrap as ttk

from companion.core.analysis import GlossaryEntry, Mention
from companion.core.document import Document
from companion.ui.reading import heading
from companion.ui.look import fonts, theme
from companion.ui.reading.find import FindBar
from companion.ui.reading.hover import HoverTip, SpanIndex
from companion.ui.reading.indices import OffsetIndex
from companion.ui.reading.typesetting import TypeSetting
from companion.ui.look.theme import Palette

NOTE_TAG = "note"
GLOSSARY_TAG = theme.GLOSSARY_TAG
FLASH_TAG = "flash"
FIND_TAG = "find"
FIND_CURRENT_TAG = "find-current"
FLASH_MS = 1000
TAG_ARGS_PER_CALL = 4000  # index arguments per tag_add; keeps each Tcl command a sane size


class ReaderView(TypeSetting, ttk.Frame):
    """Title, article text, highlights, note marks, the find bar and the flash of a revealed passage.

    The text is set as a column of `column_width` average characters, centred in the pane (the
    Text's left and right padding), in the reader's font, size and line spacing.
    """

    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master, style=theme.READER_FRAME)
        self.default_family = fonts.pick_font(tkfont.families(self)) or "TkTextFont"
        self.font_family, self.font_size = self.default_family, fonts.READER_SIZE
        self.column_width, self.line_spacing = fonts.COLUMN_WIDTH, fonts.LINE_SPACINGS["comfortable"]
        self.palette = theme.current_palette(self)
        self.title_label = ttk.Label(self, text="", style=theme.READER_TITLE, anchor="w", justify="left")
        self.title_label.pack(fill="x", padx=fonts.MIN_MARGIN, pady=(20, 0))
        self.meta_label = ttk.Label(self, text="", style=theme.READER_META, anchor="w")
        self.meta_label.pack(fill="x", padx=fonts.MIN_MARGIN, pady=(3, 4))
        self.find_bar = FindBar(self, self)

        self._body = ttk.Frame(self, style=theme.READER_FRAME)
        self._body.pack(fill="both", expand=True)
        # autostyle=False: the theme would paint it with its input colours and a 5 px padding.
        self.text: tk.Text = ttk.Text(self._body, autostyle=False, wrap="word", undo=False,
                                      width=40, height=10, cursor="xterm", relief="flat",
                                      borderwidth=0, highlightthickness=0, insertwidth=0,
                                      state="disabled")
        self.scrollbar = ttk.Scrollbar(self._body, orient="vertical", command=self.text.yview)
        self.text.configure(yscrollcommand=self.scrollbar.set)
        self.scrollbar.pack(side="right", fill="y")
        self.text.pack(side="left", fill="both", expand=True)
        # Later tags win: a note shows over a name, find matches over both, a flash over all of
        # them, the selection over everything but the find bar's current match (selected too);
        # a glossary term's underline is the lowest.
        for tag in (GLOSSARY_TAG, *(s.tag for s in theme.HIGHLIGHTS.values()), NOTE_TAG, FIND_TAG,
                    FLASH_TAG, "sel", FIND_CURRENT_TAG):
            self.text.tag_configure(tag)
            self.text.tag_raise(tag)

        self.document: Document | None = None
        self._index = OffsetIndex("")
        self.spans = SpanIndex()  # which mention, terms and notes are at an offset
        self._visible = {label: True for label in theme.HIGHLIGHTS}
        self.glossary_visible = True
        self._flash_after: str | None = None
        self.hover = HoverTip(self)
        self.apply_palette(self.palette)
        self._apply_font()

        # A disabled Text does not take focus on click on X11; focus makes Ctrl+C work.
        self.text.bind("<Button-1>", lambda e: self.text.focus_set(), add=True)
        self.text.bind("<Motion>", self._on_motion, add=True)
        for sequence in ("<Leave>", "<MouseWheel>", "<Button-4>", "<Button-5>", "<KeyPress>"):
            self.text.bind(sequence, lambda e: self.hover.hide(), add=True)
        self.text.bind("<Configure>", lambda e: self._fit_column(), add=True)

    # -- reading comfort -----------------------------------------------------------------------
    def apply_palette(self, palette: Palette) -> None:
        """Colours of the page, the highlights and the selection (theme.use_palette calls it)."""
        self.palette = palette
        self.text.configure(background=palette.background, foreground=palette.text,
                            selectbackground=palette.selection, selectforeground=palette.text,
                            inactiveselectbackground=palette.selection,
                            insertbackground=palette.text)
        for style in theme.HIGHLIGHTS.values():
            visible = self._visible[style.label]
            self.text.tag_configure(style.tag, background=palette.highlight(style.label) if visible else "")
        self.text.tag_configure(GLOSSARY_TAG, underlinefg=palette.glossary_underline)
        self.text.tag_configure(NOTE_TAG, background=palette.note, underline=True, underlinefg=palette.text)
        self.text.tag_configure(FIND_TAG, background=palette.find)
        self.text.tag_configure(FIND_CURRENT_TAG, background=palette.find_current)
        self.text.tag_configure(FLASH_TAG, background=palette.flash)
        self.hover.apply_palette(palette)

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
        self.find_bar.document_changed()
        self._show_title(None if document.title_guessed else document.title)
        self.meta_label.configure(text=heading.meta_lines(document))  # byline · date · site, source

    def show_placeholder(self, title: str, meta: str) -> None:
        self._show_title(title)
        self.meta_label.configure(text=meta)

    def _show_title(self, title: str | None) -> None:
        """The big heading; an article without a headline of its own shows none (its file name
        is in the line below and in the window's title)."""
        self.title_label.configure(text=title or "")
        if title and not self.title_label.winfo_manager():
            padx = getattr(self, "_label_padx", fonts.MIN_MARGIN)
            self.title_label.pack(fill="x", padx=padx, pady=(20, 0), before=self.meta_label)
        elif not title:
            self.title_label.pack_forget()
        self.meta_label.pack_configure(pady=(3, 4) if title else (20, 6))

    # -- highlights ----------------------------------------------------------------------------
    def show_mentions(self, mentions: Iterable[Mention], roles: dict[str, str] | None = None) -> None:
        """Highlight the mentions of the shown types (one tag per type); replaces earlier ones."""
        shown = sorted((m for m in mentions if m.label in theme.HIGHLIGHTS), key=lambda m: (m.start, m.end))
        self.spans.set_mentions(shown, roles or {})
        for style in theme.HIGHLIGHTS.values():
            self.text.tag_remove(style.tag, "1.0", "end")
            self._add_spans(style.tag, [(m.start, m.end) for m in shown if m.label == style.label])

    def add_mentions(self, mentions: Iterable[Mention]) -> None:
        """Add preliminary highlights (a chunk's, while the analysis runs) to those shown, with
        the same tags; `show_mentions` replaces them all with the final ones."""
        new = [m for m in mentions if m.label in theme.HIGHLIGHTS]
        if not new:
            return
        self.spans.set_mentions(self.spans.mentions + new)
        for style in theme.HIGHLIGHTS.values():
            self._add_spans(style.tag, [(m.start, m.end) for m in new if m.label == style.label])

    def set_highlight_visible(self, label: str, visible: bool) -> None:
        """Show or hide one type's highlight colour; the tag and its ranges stay."""
        style = theme.HIGHLIGHTS[label]
        self._visible[label] = visible
        self.text.tag_configure(style.tag, background=self.palette.highlight(label) if visible else "")

    # -- glossary terms ------------------------------------------------------------------------
    def show_glossary(self, entries: Iterable[GlossaryEntry]) -> None:
        """Underline every mention of a glossary term (one tag); replaces earlier ones."""
        terms = sorted(((s, e, entry) for entry in entries for s, e in entry.mentions if s < e),
                       key=lambda t: (t[0], t[1]))
        self.spans.set_terms(terms)
        self.text.tag_remove(GLOSSARY_TAG, "1.0", "end")
        self._add_spans(GLOSSARY_TAG, [(s, e) for s, e, _ in terms])

    def hover_text(self, offset: int) -> str:
        """What the hover says at `offset`: the name, the glossary term, or both; "" for nothing."""
        parts = []
        mention = self.spans.mention_at(offset)
        if mention is not None and self._visible[mention.label]:
            parts.append(self.spans.describe(mention))
        if self.glossary_visible:
            parts += [self.spans.describe_term(entry) for entry in self.spans.terms_at(offset)]
        return "\n\n".join(parts)


    def mention_at(self, offset: int) -> Mention | None:
        return self.spans.mention_at(offset)

    def describe(self, mention: Mention) -> str:
        return self.spans.describe(mention)

    def set_glossary_visible(self, visible: bool) -> None:
        """Show or hide the underline of glossary terms; the tag and its ranges stay."""
        self.glossary_visible = visible
        self.text.tag_configure(GLOSSARY_TAG, underline=visible)

    # -- notes ---------------------------------------------------------------------------------
    def show_notes(self, spans: list[tuple[int, int, int]]) -> None:
        """Mark the passages of notes: (start, end, note id); replaces earlier marks."""
        self.spans.note_spans = sorted(spans)
        self.text.tag_remove(NOTE_TAG, "1.0", "end")
        self._add_spans(NOTE_TAG, [(s, e) for s, e, _ in self.spans.note_spans])

    def notes_at(self, offset: int) -> list[int]:
        return self.spans.notes_at(offset)

    # -- find ----------------------------------------------------------------------------------
    def show_find_bar(self, bar: FindBar) -> None:
        bar.pack(side="bottom", fill="x", before=self._body)
        # Laid out now: a match scrolled into view next must not end up under the bar.
        self.update_idletasks()

    def show_find_matches(self, spans: list[tuple[int, int]]) -> None:
        """Mark every match of the find bar (one tag); replaces earlier ones."""
        self.text.tag_remove(FIND_TAG, "1.0", "end")
        self.text.tag_remove(FIND_CURRENT_TAG, "1.0", "end")
        self._add_spans(FIND_TAG, spans)

    def show_current_match(self, start: int, end: int) -> None:
        """The match the find bar is on: selected, with the cursor on it, in its own colour."""
        self.select(start, end)
        self.text.tag_remove(FIND_CURRENT_TAG, "1.0", "end")
        self.text.tag_add(FIND_CURRENT_TAG, self._index.index(start), self._index.index(end))

    def select(self, start: int, end: int) -> None:
        """Select a passage, put the cursor at its start and scroll it into view."""
        first, last = self._index.index(start), self._index.index(end)
        self.clear_selection()
        self.text.tag_add("sel", first, last)
        self.text.mark_set("insert", first)
        self.text.see(last)
        self.text.see(first)

    def offset_of(self, index: str) -> int:
        """The offset of a Tk index ("insert", "3.14") into the article's text."""
        return self._index.offset(self.text.index(index))

    def selection_offsets(self) -> tuple[int, int] | None:
        """The selection exactly as it is (blanks included), or None."""
        ranges = self.text.tag_ranges("sel")
        if not ranges:
            return None
        return self._index.offset(str(ranges[0])), self._index.offset(str(ranges[-1]))

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
