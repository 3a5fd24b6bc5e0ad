"""Fetch an article from the web: http(s) only, a time limit, a size cap, one-line errors.

The page is read as a file of the same kind would be (`document_from_bytes`), so a text file
served over HTTP gets the same fingerprint as the file itself.
"""

from __future__ import annotations

import errno
import http.client
import re
import socket
import ssl
import time
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from companion import __version__
from companion.core.document import Document, document_from_bytes
from companion.core.limits import Limits, megabytes
from companion.errors import InputError

SCHEMES = ("http", "https")
USER_AGENT = f"companion/{__version__} (a news reading companion)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1"
_KIND_OF_TYPE = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                 "text/markdown": "markdown", "text/x-markdown": "markdown"}
_SNIFFED_TYPES = ("", "application/octet-stream", "binary/octet-stream")  # said nothing useful
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CHUNK = 64 * 1024


def is_url(target: str) -> bool:
    """True for 'https://…', 'ftp://…' (any scheme://): things to fetch, not paths to open."""
    return bool(_URL_LIKE.match(target.strip()))


def fetch_document(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Document:
    """The article at `url`. The defaults of `timeout` (seconds, for the whole download) and
    `max_bytes` come from `Limits`. Raises InputError with a one-line message."""
    limits = Limits.from_env()
    timeout = limits.url_timeout_s if timeout is None else timeout
    max_bytes = limits.max_url_bytes if max_bytes is None else max_bytes
    url = url.strip()
    _check_address(url)
    asked = _quoted(url)
    raw, content_type, charset, final_url = _download(asked, timeout, max_bytes)
    document = document_from_bytes(raw, where=url, kind=_kind(content_type, final_url), source_url=url,
                                   declared_encoding=charset)
    if final_url != asked:  # redirected: keep the address asked for, note where it led
        document = replace(document, meta={**document.meta, "final_url": final_url})
    return document


def _check_address(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "Invalid IPv6 URL"
        raise InputError(f"{url}: is not a valid web address ({_one_line(exc)}).") from None
    if parts.scheme.lower() not in SCHEMES:
        raise InputError(f"{url}: only http:// and https:// addresses can be opened; "
                         "for a file on this computer give its path.")
    try:
        parts.port  # noqa: B018 — raises on a port that is not a number
    except ValueError:
        raise InputError(f"{url}: is not a valid web address (bad port).") from None
    if not parts.hostname:
        raise InputError(f"{url}: is not a complete web address; it needs a host, as in https://example.com/page.")


def _quoted(url: str) -> str:
    """Spaces and non-ASCII letters in the path or query %-encoded, as a browser sends them."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=quote(parts.path, safe="/%:@!$&'()*+,;=~"),
                                     query=quote(parts.query, safe="/%:@!$&'()*+,;=~?")))


def _download(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str | None, str]:
    """(body, content type, charset, final url after redirects)."""
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "identity"})
    deadline = time.monotonic() + timeout
    try:
        with urlopen(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            if content_type not in _KIND_OF_TYPE and content_type not in _SNIFFED_TYPES \
                    and not content_type.startswith("text/"):
                raise InputError(f"{url}: this is not a web page or text (the server says {content_type}); "
                                 "open the address of an article page.")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(_too_big(url, max_bytes, int(length)))
            body = bytearray()
            while chunk := response.read(min(_CHUNK, max_bytes + 1 - len(body))):
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(_too_big(url, max_bytes))
                if time.monotonic() > deadline:
                    raise TimeoutError
            return bytes(body), content_type, response.headers.get_content_charset(), final_url
    except InputError:
        raise
    except HTTPError as exc:
        exc.close()
        advice = "try again later" if exc.code >= 500 else "check the address"
        raise InputError(f"{url}: the server answered {exc.code} {_one_line(exc.reason)}; {advice}.") from None
    except URLError as exc:
        raise InputError(f"{url}: {_network_problem(exc.reason, urlsplit(url), timeout)}.") from None
    except (TimeoutError, socket.timeout):
        raise InputError(f"{url}: {_timed_out(timeout)}.") from None
    except (ValueError, http.client.InvalidURL) as exc:
        raise InputError(f"{url}: is not a valid web address ({_one_line(exc)}).") from None
    except (http.client.HTTPException, OSError) as exc:
        raise InputError(f"{url}: the download failed ({_one_line(exc) or type(exc).__name__}); "
                         "try again later.") from None


def _kind(content_type: str, url: str) -> str | None:
    """'html', 'text', 'markdown', or None to tell by the first bytes."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in (".md", ".markdown") and content_type in ("text/plain", *_SNIFFED_TYPES):
        return "markdown"  # Markdown is usually served as text/plain
    if content_type in _KIND_OF_TYPE:
        return _KIND_OF_TYPE[content_type]
    return "text" if content_type.startswith("text/") else None


def _network_problem(reason: object, parts, timeout: float) -> str:
    host = parts.hostname or "?"
    if isinstance(reason, socket.gaierror):
        return f"could not find the server {host}; check the address and your internet connection"
    if isinstance(reason, ConnectionRefusedError):
        return f"could not connect to {parts.netloc}: the connection was refused; check the address"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(timeout)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the secure connection to {host} failed ({_one_line(reason.verify_message)})"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed ({_one_line(reason.reason or reason)})"
    if isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return f"could not reach {host}; check your internet connection"
    return f"could not download the page ({_one_line(reason)})"


def _timed_out(timeout: float) -> str:
    return f"no answer within {timeout:g} s; try again later (COMPANION_URL_TIMEOUT_S sets the wait)"


def _too_big(url: str, max_bytes: int, size: int | None = None) -> str:
    size_part = f"{megabytes(size)}; " if size else ""
    return (f"{url}: the page is too large ({size_part}the limit is {megabytes(max_bytes)}; "
            "set COMPANION_MAX_URL_MB to change it).")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
