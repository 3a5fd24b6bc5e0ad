"""Load an article into a Document: decoded, normalised text, a title, a fingerprint.

Offsets everywhere in the app index `Document.text`. For a UTF-8 `.txt` file with `\\n` line
endings that is the file's text exactly. Files come through `load_document`, web pages through
`companion.core.fetch.fetch_document`, pasted text through `document_from_text`; the same text
gets the same fingerprint whichever way it came.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from companion.core.decoding import decode_text, html_declared_charset
from companion.core.html_text import extract_article, html_to_text, looks_like_html  # noqa: F401
from companion.core.limits import Limits, megabytes
from companion.core.markdown_text import markdown_to_text
from companion.errors import InputError

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_KIND_OF_SUFFIX = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                   ".htm": "html", ".xhtml": "html"}


@dataclass(frozen=True)
class Document:
    text: str
    fingerprint: str
    title: str
    path: str | None = None
    format: str = "text"             # "text", "markdown" or "html"
    meta: dict = field(default_factory=dict)
    byline: str | None = None        # "By Jane Doe", from a web page
    date: str | None = None          # ISO date of publication, from a web page
    source_url: str | None = None    # the address it was fetched from
    encoding: str | None = None      # the codec its bytes were decoded with ("utf-8", "cp1252", …)
    title_guessed: bool = False      # the title is a file name, not the article's own headline


def fingerprint_of(text: str) -> str:
    """A stable id for a text: the same words give the same id whatever the line endings."""
    canonical = unicodedata.normalize("NFC", normalise_newlines(text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_from_text(text: str, *, path: str | None = None, title: str | None = None,
                       fmt: str = "text", byline: str | None = None, date: str | None = None,
                       source_url: str | None = None, encoding: str | None = None,
                       meta: dict | None = None) -> Document:
    """A Document of text already decoded (a file's, a page's, or pasted from the clipboard)."""
    text = normalise_newlines(text)
    where = path or source_url
    if not text.strip():
        raise InputError(f"{where + ': ' if where else ''}the article is empty: there is no text to read.")
    own = title or guess_title(text)
    return Document(text=text, fingerprint=fingerprint_of(text),
                    title=own or _name_of(path, source_url) or "Untitled article", path=path, format=fmt,
                    meta=dict(meta or {}), byline=byline, date=date, source_url=source_url,
                    encoding=encoding, title_guessed=not own)


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline (short, no closing full stop), else None."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > 120 or len(first.split()) > 18 or first.endswith((".", "!", "?", "”", '"', ":")):
        return None
    return first


def _name_of(path: str | None, url: str | None) -> str | None:
    if path:
        return Path(path).stem
    if url:
        parts = urlsplit(url)
        return PurePosixPath(unquote(parts.path)).stem or parts.hostname
    return None


def load_document(path: str | os.PathLike, *, limits: Limits | None = None) -> Document:
    """Read an article file (.txt, .md, .html). Raises InputError with a one-line message."""
    p = Path(path)
    limits = limits or Limits.from_env()
    raw = read_file_bytes(p, limits.max_file_bytes)
    return document_from_bytes(raw, where=str(p), kind=_KIND_OF_SUFFIX.get(p.suffix.lower()), path=str(p))


def document_from_bytes(raw: bytes, *, where: str, kind: str | None, path: str | None = None,
                        source_url: str | None = None, declared_encoding: str | None = None) -> Document:
    """The Document of a file's or a page's bytes. `kind` is "text", "markdown", "html", or None
    to tell HTML from plain text by its first bytes; `where` starts every error message."""
    if kind != "text" and kind != "markdown" and not declared_encoding:
        declared_encoding = html_declared_charset(raw)
    decoded = decode_text(raw, where=where, declared=declared_encoding)
    text = decoded.text
    if kind is None:
        kind = "html" if looks_like_html(text) else "text"
    meta = {"replaced_bytes": decoded.replaced} if decoded.replaced else {}
    common = dict(path=path, source_url=source_url, encoding=decoded.encoding)
    if kind == "html":
        article = extract_article(text, url=source_url)
        if not article.body.strip():
            raise InputError(f"{where}: the page has no readable text (only markup or scripts).")
        meta["extractor"] = article.extractor  # "trafilatura", or "visible-text" when it found nothing
        if article.site:
            meta["site"] = article.site
        return document_from_text(article.body, title=article.title, fmt="html", byline=article.byline,
                                  date=article.date, meta=meta, **common)
    if kind == "markdown":
        return document_from_text(markdown_to_text(text), fmt="markdown", meta=meta, **common)
    return document_from_text(text, meta=meta, **common)


def read_file_bytes(p: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or InputError saying what is wrong."""
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{p}: the link points to a file that does not exist.") from None
        raise InputError(f"{p}: no such file.") from None
    except OSError as exc:
        raise InputError(_os_error_message(p, exc)) from None
    except ValueError:  # a NUL in the name
        raise InputError(f"{p!r}: is not a valid file name.") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a folder; choose an article file (.txt, .md or .html).")
    if not stat.S_ISREG(st.st_mode):  # a pipe or a device could block or never end
        raise InputError(f"{p}: is not a regular file (a device, pipe or socket); choose an article file.")
    if st.st_size > max_bytes:
        raise InputError(_too_big(p, max_bytes, st.st_size))
    try:
        with p.open("rb") as f:
            raw = f.read(max_bytes + 1)  # at most one byte past the cap, even if the file grew
    except OSError as exc:
        raise InputError(_os_error_message(p, exc)) from None
    if len(raw) > max_bytes:
        raise InputError(_too_big(p, max_bytes))
    return raw


def _too_big(p: Path, max_bytes: int, size: int | None = None) -> str:
    size_part = f"{megabytes(size)}; " if size else ""
    return (f"{p}: the file is too large ({size_part}the limit is {megabytes(max_bytes)}; "
            "set COMPANION_MAX_FILE_MB to change it).")


def _os_error_message(p: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return f"{p}: permission denied; check that you may read this file."
    if exc.errno == errno.ELOOP:
        return f"{p}: is a symbolic link loop (the link leads back to itself); open the file it should point to."
    if exc.errno == errno.ENOTDIR:
        return f"{p}: no such file (a part of the path is a file, not a folder)."
    if exc.errno == errno.ENAMETOOLONG:
        return f"{p.name[:40]}…: the file name is too long."
    return f"{p}: cannot be read ({exc.strerror or exc})."
