"""Fetch an article from the web: http(s) only, a time limit, a size cap, one-line errors.

The page is read as a file of the same kind would be (`document_from_bytes`), so a text file
served over HTTP gets the same fingerprint as the file itself.

Hostile servers are expected: a redirect is only followed to another http(s) address (never
ftp:, file: or data:); the time limit holds for the whole download — connecting, every redirect,
the headers and the body — so a server that sends one byte a second is cut off at the limit (a
timer shuts the connection down, which ends any read that is waiting).
"""

from __future__ import annotations

import errno
import http.client
import re
import socket
import ssl
import threading
import time
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import (HTTPDefaultErrorHandler, HTTPErrorProcessor, HTTPHandler, HTTPRedirectHandler,
                            HTTPSHandler, OpenerDirector, ProxyHandler, Request)

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


class _Deadline:
    """One time limit for a whole download: at the limit every connection opened for it is shut
    down, which ends a read blocked on a server that drips bytes (a socket timeout would not:
    it limits each read, and each byte arrives in time)."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError
        return left

    def track(self, sock: socket.socket) -> None:
        """Watch a connection's socket (urllib drops the connection's reference to it once the
        headers are in; the response goes on reading through it)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked read with end-of-file
        except OSError:
            pass

    def cancel(self) -> None:
        self._timer.cancel()


class _WebOnlyRedirects(HTTPRedirectHandler):
    """Redirects are followed to http(s) addresses only (urllib would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 — urllib's
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise InputError(f"{req.full_url}: the server redirected to {_one_line(newurl)[:200]}, which is "
                             "not a web page (only http:// and https:// addresses are followed).")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(deadline: _Deadline) -> OpenerDirector:
    """urllib with http(s) only, web-only redirects and every connection under the deadline."""

    def timed(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Connection(base):  # type: ignore[misc, valid-type]
            def connect(self) -> None:
                self.timeout = deadline.remaining()  # each redirect gets what is left, not more
                super().connect()
                deadline.track(self.sock)
        return Connection

    class Http(HTTPHandler):
        def http_open(self, req):  # noqa: ANN001
            return self.do_open(timed(http.client.HTTPConnection), req)

    class Https(HTTPSHandler):
        def https_open(self, req):  # noqa: ANN001
            return self.do_open(timed(http.client.HTTPSConnection), req, context=self._context)

    opener = OpenerDirector()  # no ftp:, file: or data: handlers at all
    for handler in (ProxyHandler(), Http(), Https(), _WebOnlyRedirects(), HTTPDefaultErrorHandler(),
                    HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _download(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str | None, str]:
    """(body, content type, charset, final url after redirects), all within `timeout` seconds."""
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "identity"})
    deadline = _Deadline(timeout)
    try:
        return _read(request, deadline, timeout, max_bytes)
    except InputError:
        raise
    except Exception as exc:
        if deadline.expired or isinstance(exc, (TimeoutError, socket.timeout)):
            raise InputError(f"{url}: {_timed_out(timeout)}.") from None
        raise InputError(f"{url}: {_problem(exc, url, timeout)}.") from None
    finally:
        deadline.cancel()


def _read(request: Request, deadline: _Deadline, timeout: float,
          max_bytes: int) -> tuple[bytes, str, str | None, str]:
    url = request.full_url
    try:
        with _opener(deadline).open(request, timeout=deadline.remaining()) as response:
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
                deadline.remaining()  # raises TimeoutError once the time is up
            if deadline.expired:  # the timer shut the connection: the body is cut short
                raise TimeoutError
            return bytes(body), content_type, response.headers.get_content_charset(), final_url
    except HTTPError as exc:
        exc.close()
        if deadline.expired:
            raise TimeoutError from None
        if exc.code in (301, 302, 303, 307, 308):  # urllib refused the redirect's address itself
            raise InputError(f"{url}: the server redirected to an address that is not a web page (only "
                             "http:// and https:// addresses are followed).") from None
        advice = "try again later" if exc.code >= 500 else "check the address"
        raise InputError(f"{url}: the server answered {exc.code} {_one_line(exc.reason)}; {advice}.") from None


def _problem(exc: Exception, url: str, timeout: float) -> str:
    """What went wrong with a download, in words for the reader."""
    if isinstance(exc, URLError):
        if isinstance(exc.reason, InputError):
            return str(exc.reason).split(": ", 1)[-1].rstrip(".")
        return _network_problem(exc.reason, urlsplit(url), timeout)
    if isinstance(exc, (ValueError, http.client.InvalidURL)):
        return f"is not a valid web address ({_one_line(exc)})"
    return f"the download failed ({_one_line(exc) or type(exc).__name__}); try again later"


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
