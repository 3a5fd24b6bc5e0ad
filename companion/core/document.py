"""Load an article from a file into a Document: decoded, normalised text, a title, a fingerprint.

Offsets everywhere in the app index `Document.text`. For a UTF-8 `.txt` file with `\\n` line
endings that is the file's text exactly.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from companion.errors import InputError

MAX_BYTES = 50 * 1024 * 1024  # a setting later (issue 7); larger files are refused, not read
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Document:
    text: str
    fingerprint: str
    title: str
    path: str | None = None
    format: str = "text"
    meta: dict = field(default_factory=dict)


def fingerprint_of(text: str) -> str:
    """A stable id for a text: the same words give the same id whatever the line endings."""
    canonical = unicodedata.normalize("NFC", normalise_newlines(text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_from_text(text: str, *, path: str | None = None, title: str | None = None,
                       fmt: str = "text") -> Document:
    text = normalise_newlines(text)
    if not text.strip():
        where = f"{path}: " if path else ""
        raise InputError(f"{where}the article is empty: there is no text to read.")
    title = title or guess_title(text) or (Path(path).stem if path else "Untitled article")
    return Document(text=text, fingerprint=fingerprint_of(text), title=title, path=path, format=fmt)


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline (short, no closing full stop), else None."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > 120 or len(first.split()) > 18 or first.endswith((".", "!", "?", "”", '"', ":")):
        return None
    return first


def load_document(path: str | os.PathLike) -> Document:
    """Read an article file (.txt, .md, .html). Raises InputError with a one-line message."""
    p = Path(path)
    raw = _read_bytes(p)
    suffix = p.suffix.lower()
    text = _decode(raw, p)
    if suffix in (".html", ".htm") or (suffix not in SUPPORTED_SUFFIXES and _looks_like_html(text)):
        title, body = html_to_text(text)
        if not body.strip():
            raise InputError(f"{p}: the page has no readable text (only markup or scripts).")
        return document_from_text(body, path=str(p), title=title or None, fmt="html")
    if suffix in (".md", ".markdown"):
        return document_from_text(markdown_to_text(text), path=str(p), fmt="markdown")
    return document_from_text(text, path=str(p))


def _read_bytes(p: Path) -> bytes:
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a folder; choose an article file (.txt, .md or .html).")
        if not p.exists():
            raise InputError(f"{p}: no such file.")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: the file is {size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB.")
        return p.read_bytes()
    except PermissionError:
        raise InputError(f"{p}: permission denied; check that you may read this file.") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}).") from None


_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive", b"\x7fELF": "a program",
    b"MZ": "a Windows program", b"\x1f\x8b": "a gzip archive",
}


def _decode(raw: bytes, p: Path) -> str:
    if not raw.strip():
        raise InputError(f"{p}: the file is empty: there is no text to read.")
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise InputError(f"{p}: this is {what}, not an article; open a .txt, .md or .html file.")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise InputError(f"{p}: this looks like a binary file, not an article; open a .txt, .md or .html file.")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


class _VisibleText(HTMLParser):
    """Visible text of a page: block elements become paragraphs; scripts and styles are dropped."""

    _SKIP = {"script", "style", "noscript", "template", "head", "svg", "nav", "footer", "aside"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "blockquote", "tr", "header", "pre", "ul", "ol", "table", "figure", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """(title, visible text) of an HTML page, one paragraph per line."""
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    joined = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in joined.split("\n")]
    body = "\n".join(line for line in lines if line)
    return html.unescape(parser.title).strip(), body


_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M), ""),            # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),                  # quotes
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), "• "),                # bullets
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),           # images → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),            # links → link text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                 # strong
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),                        # code
]


def markdown_to_text(text: str) -> str:
    """Readable text of a Markdown file; entity offsets index this displayed text."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text
