"""Markdown → the readable text the reader shows (and entity offsets index).

Parsed with markdown-it-py (CommonMark + tables + strikethrough); its token stream is walked
once: headings and paragraphs are their text, blocks are separated by blank lines, list items
are "• item" (or "1. item") one per line, links are their text, images their alt text, code as
is. (A flat walk: building markdown-it's syntax tree would double the time on large files.)
"""

from __future__ import annotations

from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_INDENT = "  "


def markdown_to_text(source: str) -> str:
    """Readable text of a Markdown document: blocks separated by a blank line, ending in one newline."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source)
    blocks = _Blocks()
    for token in tokens:
        blocks.feed(token)
    return "\n\n".join(blocks.done) + "\n" if blocks.done else ""


class _Blocks:
    """Collects the text blocks of a token stream; lists and tables are one block each."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self._numbers: list[int] = []   # per open list: the next number, 0 for bullets
        self._items: list[list] = []    # per open item: [marker, no line written yet]
        self._list_lines: list[str] = []
        self._table: list[str] | None = None
        self._row: list[str] | None = None

    def feed(self, token: Token) -> None:
        kind = token.type
        if kind == "inline":
            text = _inline(token.children or ()).strip()
            if self._row is not None:
                self._row.append(text)
            else:
                self._emit(text)
        elif kind in ("fence", "code_block"):
            self._emit(token.content.rstrip("\n"))
        elif kind == "html_block":
            from companion.core.html_text import visible_text  # raw HTML in Markdown: its words only
            self._emit(visible_text(token.content)[1])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self._numbers.append(int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self._numbers.pop()
            if not self._numbers:
                self.done.append("\n".join(self._list_lines))
                self._list_lines = []
        elif kind == "list_item_open":
            number = self._numbers[-1]
            self._items.append([f"{number}. " if number else "• ", True])
            self._numbers[-1] += 1 if number else 0
        elif kind == "list_item_close":
            marker, empty = self._items.pop()
            if empty:
                self._list_lines.append(_INDENT * len(self._items) + marker.rstrip())
        elif kind == "table_open":
            self._table = []
        elif kind == "tr_open":
            self._row = []
        elif kind == "tr_close" and self._table is not None and self._row is not None:
            self._table.append(" | ".join(self._row))
            self._row = None
        elif kind == "table_close" and self._table is not None:
            table, self._table = self._table, None
            self._emit("\n".join(table))
        # blockquotes, paragraphs, headings, hr: their open/close tokens add nothing

    def _emit(self, text: str) -> None:
        if not text.strip():
            return
        if not self._items:
            self.done.append(text)
            return
        depth = len(self._items)
        item = self._items[-1]
        for line in text.split("\n"):
            if item[1]:
                self._list_lines.append(_INDENT * (depth - 1) + item[0] + line)
                item[1] = False
            else:
                self._list_lines.append(_INDENT * depth + line if line else line)


def _inline(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")  # a line wrapped in the source is one line when rendered
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline(child.children or ()))  # its alt text
        # emphasis, link open/close and inline HTML add no text of their own
    return "".join(parts)
