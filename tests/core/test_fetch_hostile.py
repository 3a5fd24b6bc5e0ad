"""Hostile servers on 127.0.0.1: redirects away from the web, servers that drip bytes, pages that
declare charsets which are not charsets. Each ends in one line (or a readable page), in bounded time."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from companion.core.document import load_document
from companion.core.fetch import fetch_document
from companion.errors import InputError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from local_http import local_server, redirect  # noqa: E402

BODY = b"<p>Mark Carney and Donald Trump met in Washington on Tuesday to discuss tariffs on steel.</p>"
NOT_CHARSETS = ["zlib", "base64", "hex", "bz2", "rot13", "rot_13", "punycode", "idna", "unicode_escape",
                "uu", "quopri", "utf-7", "undefined", "x-nonsense", "utf-8;x", "a" * 200]


def drip(head: bytes, forever: bytes) -> object:
    """A route that sends `head`, then one byte of `forever` every 0.2 s until the client leaves."""
    def answer(handler) -> None:
        try:
            handler.wfile.write(head)
            handler.wfile.flush()
            for _ in range(300):
                handler.wfile.write(forever[:1])
                handler.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass
    return answer


class Listener:
    """A TCP port that records whether anything connected (a stand-in FTP server)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connected = False
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connected = True
            conn.sendall(b"220 fake ftp\r\nroot:x:0:0:root:/root:/bin/bash\n")
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def ftp():
    listener = Listener()
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def site(ftp):
    routes = {
        "/to-ftp": redirect(f"ftp://127.0.0.1:{ftp.port}/etc/passwd"),
        "/to-file": redirect("file:///etc/passwd"),
        "/to-data": redirect("data:text/plain,hello"),
        "/to-ftp-twice": redirect("/to-ftp"),
        "/drip-headers": drip(b"HTTP/1.0 200 OK\r\n", b"X" * 1000),
        "/drip-body": drip(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<p>", b"word " * 1000),
        "/drip-status": drip(b"", b"HTTP/1.0 200 OK" * 100),
        "/article": (200, "text/html", BODY),
    }
    for name in NOT_CHARSETS:
        safe = name.encode("ascii", "replace").replace(b"\x00", b"")
        routes[f"/meta/{len(routes)}"] = (200, "text/html", b'<meta charset="' + safe + b'">' + BODY)
        routes[f"/header/{len(routes)}"] = (200, f"text/html; charset={name.replace(chr(0), '')}", BODY)
    with local_server(routes) as base:
        yield base, routes


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file", "/to-data", "/to-ftp-twice"])
def test_a_redirect_away_from_the_web_is_refused(site, ftp, path):
    base, _ = site
    with pytest.raises(InputError) as error:
        fetch_document(f"{base}{path}", timeout=5)
    message = str(error.value)
    assert "not a web page" in message and "only http:// and https://" in message
    assert "\n" not in message and "root:" not in message
    assert not ftp.connected  # never even connected to the "FTP server"


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body", "/drip-status"])
def test_a_server_that_drips_is_cut_off_at_the_deadline(site, path):
    base, _ = site
    started = time.monotonic()
    with pytest.raises(InputError) as error:
        fetch_document(f"{base}{path}", timeout=1.5)
    took = time.monotonic() - started
    assert "no answer within 1.5 s" in str(error.value) and "\n" not in str(error.value)
    assert took < 8, f"the download went on for {took:.1f} s past a 1.5 s limit"


def test_pages_that_declare_a_charset_that_is_not_one_are_read(site):
    base, routes = site
    for path in [p for p in routes if p.startswith(("/meta/", "/header/"))]:
        doc = fetch_document(f"{base}{path}", timeout=5)
        assert "Mark Carney" in doc.text, path


@pytest.mark.parametrize("name", NOT_CHARSETS)
def test_a_file_that_declares_a_charset_that_is_not_one_is_read(tmp_path, name):
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="' + name.encode("ascii", "replace") + b'"></head>' + BODY)
    doc = load_document(path)
    assert "Mark Carney" in doc.text and doc.encoding == "utf-8"
