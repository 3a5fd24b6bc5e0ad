"""What the reader's heading says under the title: who wrote it, when, where it comes from.

    By Jane Doe  ·  4 March 2025  ·  Daily Paper
    https://example.com/talks  ·  412 words

The first line only when the article has a byline, a date or a site (web pages); the second
always: the address, the file or "pasted text", and the length. No Tk here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from companion.core.document import Document

SEPARATOR = "  ·  "
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def byline_text(byline: str | None) -> str:
    """"By Jane Doe" for "Jane Doe"; a byline that already says "By …" as it is."""
    if not byline:
        return ""
    return byline if byline[:3].casefold() == "by " else f"By {byline}"


def date_text(value: str | None) -> str:
    """"4 March 2025" for "2025-03-04"; anything else as it came."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def site_of(document: Document) -> str:
    """The site's name from the page, else the host it was fetched from ("" for a file)."""
    site = document.meta.get("site") if isinstance(document.meta, dict) else None
    if site:
        return str(site)
    if document.source_url:
        host = urlsplit(document.source_url).hostname or ""
        return host.removeprefix("www.")
    return ""


def source_text(document: Document) -> str:
    """Where the article came from: its web address, its file (with ~ for home), or pasted text."""
    if document.source_url:
        return document.source_url
    if document.path:
        path = Path(document.path)
        try:
            return str(Path("~") / path.resolve().relative_to(Path.home()))
        except (ValueError, OSError, RuntimeError):
            return str(path)
    return "pasted text"


def meta_lines(document: Document) -> str:
    """The heading's small print: byline · date · site, then source · words (one or two lines)."""
    first = [part for part in (byline_text(document.byline), date_text(document.date), site_of(document))
             if part]
    words = len(document.text.split())
    second = SEPARATOR.join((source_text(document), f"{words:,} word{'' if words == 1 else 's'}"))
    return "\n".join(filter(None, (SEPARATOR.join(first), second)))
