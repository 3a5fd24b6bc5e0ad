"""fetch_document against a web server on 127.0.0.1: pages, text, limits and every way it fails."""

import socket
import sys
import time
from pathlib import Path

import pytest

from companion.core.document import document_from_text, load_document
from companion.core.fetch import fetch_document, is_url
from companion.errors import InputError
from companion.resources import DEFAULT_ARTICLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from local_http import closed_port, endless, local_server, redirect, slow  # noqa: E402

SEED = DEFAULT_ARTICLE.read_bytes()
PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Talks resume | Daily Paper</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2025-03-04">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume</h1>
<p>Mark Carney and Donald Trump met in Washington on Tuesday to discuss tariffs on steel.</p>
<p>The two leaders spoke for more than an hour, aides said, and agreed to meet again.</p>
</article><div id="comments"><p>First! What a comment.</p></div></body></html>"""
LATIN = "Café crème à la française, said Mélanie Joly’s aide.\n".encode("cp1252")


@pytest.fixture(scope="module")
def site():
    routes = {
        "/seed.txt": (200, "text/plain; charset=utf-8", SEED),
        "/article.html": (200, "text/html; charset=utf-8", PAGE),
        "/latin.txt": (200, "text/plain; charset=iso-8859-1", LATIN),
        "/undeclared.txt": (200, "text/plain", LATIN),
        "/notes.md": (200, "text/plain", b"# Notes\n\nSome **bold** words.\n"),
        "/no-type": (200, None, PAGE),
        "/moved": redirect("/seed.txt"),
        "/error": (500, "text/html", b"<p>oops</p>"),
        "/gone": (410, "text/html", b""),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "/binary": (200, "application/octet-stream", b"\x7fELF\x02\x01" + bytes(64)),
        "/empty": (200, "text/html", b""),
        "/scripts": (200, "text/html", b"<html><script>alert(1)</script></html>"),
        "/declared-big": (200, "text/html", b"x" * 3000),
        "/endless": endless(),
        "/slow": slow(3),
    }
    with local_server(routes) as base:
        yield base


def test_a_text_file_by_url_is_the_file(site):
    doc = fetch_document(f"{site}/seed.txt")
    assert doc.text == SEED.decode("utf-8")
    assert doc.source_url == f"{site}/seed.txt" and doc.path is None
    assert doc.format == "text" and doc.encoding == "utf-8"


def test_same_text_same_fingerprint_by_file_url_or_clipboard(site, tmp_path):
    by_file = load_document(DEFAULT_ARTICLE)
    by_url = fetch_document(f"{site}/seed.txt")
    by_paste = document_from_text(SEED.decode("utf-8"))
    assert by_file.fingerprint == by_url.fingerprint == by_paste.fingerprint
    page = tmp_path / "article.html"
    page.write_bytes(PAGE)
    assert load_document(page).fingerprint == fetch_document(f"{site}/article.html").fingerprint
    dos = document_from_text(SEED.decode("utf-8").replace("\n", "\r\n"))  # pasted from Windows
    assert dos.fingerprint == by_file.fingerprint


def test_a_page_gives_its_article_title_byline_and_date(site):
    doc = fetch_document(f"{site}/article.html")
    assert doc.title == "Talks resume"
    assert doc.byline == "Jane Doe" and doc.date == "2025-03-04"
    assert doc.text.splitlines() == [
        "Mark Carney and Donald Trump met in Washington on Tuesday to discuss tariffs on steel.",
        "The two leaders spoke for more than an hour, aides said, and agreed to meet again."]
    assert doc.format == "html"


def test_charset_from_the_server_or_detected(site):
    expected = LATIN.decode("cp1252")
    declared = fetch_document(f"{site}/latin.txt")
    assert declared.text == expected and declared.encoding == "cp1252"
    assert fetch_document(f"{site}/undeclared.txt").text == expected


def test_markdown_served_as_text_and_pages_without_a_type(site):
    assert fetch_document(f"{site}/notes.md").text == "Notes\n\nSome bold words.\n"
    assert fetch_document(f"{site}/no-type").title == "Talks resume"


def test_spaces_and_accents_in_the_address_are_encoded(site):
    with local_server({"/caf%C3%A9%20news.txt": (200, "text/plain", b"Words.")}) as other:
        assert fetch_document(f"{other}/café news.txt").text == "Words."


def test_a_redirect_is_followed_and_noted(site):
    doc = fetch_document(f"{site}/moved")
    assert doc.text == SEED.decode("utf-8")
    assert doc.source_url == f"{site}/moved" and doc.meta["final_url"] == f"{site}/seed.txt"


@pytest.mark.parametrize("path, message", [
    ("/error", "the server answered 500 Internal Server Error; try again later."),
    ("/missing", "the server answered 404 Not Found; check the address."),
    ("/gone", "the server answered 410 Gone; check the address."),
    ("/image.png", "this is not a web page or text (the server says image/png)"),
    ("/binary", "this is a program, not an article"),
    ("/empty", "the file is empty"),
    ("/scripts", "the page has no readable text"),
])
def test_what_the_server_sends_wrong_is_one_line(site, path, message):
    _assert_one_line(lambda: fetch_document(site + path), message)


def test_too_big_is_refused_by_its_length_or_while_reading(site):
    _assert_one_line(lambda: fetch_document(f"{site}/declared-big", max_bytes=1000),
                     "the page is too large (3 KB; the limit is 1 KB; set COMPANION_MAX_URL_MB")
    started = time.monotonic()
    _assert_one_line(lambda: fetch_document(f"{site}/endless", max_bytes=200_000), "the page is too large")
    assert time.monotonic() - started < 5


def test_the_size_cap_and_timeout_come_from_the_environment(site, monkeypatch):
    monkeypatch.setenv("COMPANION_MAX_URL_MB", "0.5")
    _assert_one_line(lambda: fetch_document(f"{site}/endless"), "the limit is 0.5 MB")
    monkeypatch.setenv("COMPANION_URL_TIMEOUT_S", "0.5")
    started = time.monotonic()
    _assert_one_line(lambda: fetch_document(f"{site}/slow"), "no answer within 0.5 s; try again later")
    assert time.monotonic() - started < 2.5


def test_unreachable_host_and_unknown_name(monkeypatch):
    _assert_one_line(lambda: fetch_document(f"http://127.0.0.1:{closed_port()}/"),
                     "the connection was refused; check the address")

    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    _assert_one_line(lambda: fetch_document("https://news.example.invalid/story"),
                     "could not find the server news.example.invalid; check the address")


@pytest.mark.parametrize("url, message", [
    ("ftp://example.com/a.txt", "only http:// and https:// addresses can be opened"),
    ("file:///etc/passwd", "only http:// and https:// addresses can be opened"),
    ("http://", "is not a complete web address"),
    ("http://127.0.0.1:notaport/", "is not a valid web address"),
    ("http://[::1/a", "is not a valid web address"),
])
def test_addresses_that_cannot_be_fetched(url, message):
    _assert_one_line(lambda: fetch_document(url, timeout=1), message)


def test_what_counts_as_a_url():
    assert is_url("https://example.com/a") and is_url("HTTP://x") and is_url("ftp://x")
    assert not is_url("/home/me/a.txt") and not is_url("notes.md") and not is_url("C:\\a.txt")


def _assert_one_line(call, message):
    with pytest.raises(InputError) as err:
        call()
    text = str(err.value)
    assert message in text, text
    assert "\n" not in text
