"""HTML → the article a reader came for: title, byline, date and body paragraphs.

trafilatura finds the main text and drops navigation, ads, comments and scripts. When it finds
nothing (a tiny page) or the page is too large for it to be quick, a plain visible-text pass
takes over: every paragraph of visible text, one per line.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

# trafilatura's time grows with the number of elements (~40 µs each): past this many tags it
# could take minutes (10 MB of unclosed <p>: 60 s), so the visible-text pass is used instead.
MAX_EXTRACT_TAGS = 50_000
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


@dataclass(frozen=True)
class Article:
    body: str                      # paragraphs, one per line
    title: str | None = None
    byline: str | None = None
    date: str | None = None        # ISO date, "2025-03-04"
    site: str | None = None
    extractor: str = "trafilatura"  # or "visible-text"


def extract_article(markup: str, *, url: str | None = None) -> Article:
    """The main article of a page; its body is empty when the page has no readable text."""
    if markup.count("<") <= MAX_EXTRACT_TAGS:
        found = _trafilatura(markup, url)
        if found is not None:
            return found
    title, body = visible_text(markup)
    return Article(body=body, title=title or None, extractor="visible-text")


def _trafilatura(markup: str, url: str | None) -> Article | None:
    import trafilatura
    for name in _QUIET_LOGGERS:  # it logs ERROR for every malformed page; for us that is an answer
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, favor_precision=True, include_comments=False,
            include_images=False, include_links=False, deduplicate=False)
    except Exception:  # noqa: BLE001 — a crash in the extractor must not lose the page
        logging.getLogger(__name__).debug("trafilatura failed; using the visible text", exc_info=True)
        return None
    if result is None or not (result.text or "").strip():
        return None
    title = _one_line(result.title)
    lines = [line for line in (_one_line(raw) for raw in result.text.split("\n")) if line]
    if title and len(lines) > 1 and _same(lines[0], title):
        lines = lines[1:]  # the headline is shown above the text, not twice
    return Article(body="\n".join(lines), title=title, byline=_one_line(result.author),
                   date=_one_line(result.date), site=_one_line(result.sitename))


def _one_line(value: str | None) -> str | None:
    return _SPACES.sub(" ", value).strip() or None if value else None


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


_SPACES = re.compile(r"[ \t\u00a0\f\v\r]+")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
# Elements whose content is not read: code, styling, and page furniture around the article.
_SKIP = re.compile(r"<(script|style|noscript|template|svg|head|nav|footer|aside|iframe|object|select)"
                   r"(?=[\s/>])[^>]*(?<!/)>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|section|article|main|blockquote|tr|header|pre|ul|ol"
                    r"|dl|dt|dd|table|figure|figcaption|hr)(?=[\s/>])[^>]*>", re.I)
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
_BLANK_LINES = re.compile(r" *\n[\s]*")


def visible_text(markup: str) -> tuple[str, str]:
    """(title, visible text) of a page, one paragraph per line; scripts and styles dropped.

    Regular expressions rather than a parser: linear in the page, so 10 MB of tags or 100,000
    nested levels take a fraction of a second.
    """
    found = _TITLE.search(markup)
    title = _one_line(html.unescape(found.group(1))) if found else None
    text = _COMMENT.sub("", markup)
    text = _SKIP.sub("", text)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    text = _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
    return title or "", text


def html_to_text(markup: str) -> tuple[str, str]:
    """(title, visible text) of an HTML page, one paragraph per line (the plain pass)."""
    return visible_text(markup)


def looks_like_html(text: str) -> bool:
    """A page saved without a .html name: it starts with a doctype or an <html> tag."""
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (head.startswith("<?xml") and "<html" in head)
