"""Malformed files, table-driven: each is refused in one clear line, quickly — or, when it is in
fact readable, read. (The command-line side, with URLs, is tests/cli/test_bad_input.py.)"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from companion.core.document import load_document
from companion.errors import InputError

OK = None  # expected message for inputs that are readable after all

WORDS = "the minister said talks on tariffs would resume next week in Ottawa after a long pause".split()


def five_mb_line() -> bytes:
    rng = random.Random(5)
    return " ".join(rng.choice(WORDS) for _ in range(1_000_000)).encode()[:5_000_000]


def write(name: str, data: bytes | str):
    def make(d: Path) -> Path:
        path = d / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def sparse(name: str, size: int):
    def make(d: Path) -> Path:
        path = d / name
        with path.open("wb") as f:
            f.truncate(size)  # a hole: no time or disk spent
        return path
    return make


def folder(d: Path) -> Path:
    (d / "articles").mkdir()
    return d / "articles"


def symlink_loop(d: Path) -> Path:
    (d / "a.txt").symlink_to(d / "b.txt")
    (d / "b.txt").symlink_to(d / "a.txt")
    return d / "a.txt"


def broken_link(d: Path) -> Path:
    (d / "link.txt").symlink_to(d / "gone.txt")
    return d / "link.txt"


def fifo(d: Path) -> Path:
    os.mkfifo(d / "pipe.txt")  # reading it would wait forever for a writer
    return d / "pipe.txt"


def under_a_file(d: Path) -> Path:
    (d / "file.txt").write_text("x")
    return d / "file.txt" / "child.txt"


NESTED = "<html><body>" + "<div>" * 100_000 + "{}" + "</div>" * 100_000 + "</body></html>"

# (id, make the input in a folder, expected message part or OK)
CASES = [
    ("empty", write("empty.txt", b""), "the file is empty"),
    ("blank", write("blank.txt", b" \n\t\n"), "the file is empty"),
    ("one-byte", write("one.txt", b"x"), OK),                       # a one-letter article is text
    ("one-newline", write("nl.txt", b"\n"), "the file is empty"),
    ("png", write("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "this is a PNG image, not an article"),
    ("png-named-txt", write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)), "this is a PNG image"),
    ("zip", write("a.zip", b"PK\x03\x04" + bytes(100)), "this is a ZIP archive"),
    ("docx", write("report.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(100)), "or a Word/OpenDocument file"),
    ("pdf", write("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "this is a PDF, not an article"),
    ("elf", write("prog", b"\x7fELF\x02\x01\x01\x00" + bytes(200)), "this is a program, not an article"),
    ("gzip", write("a.txt.gz", b"\x1f\x8b\x08\x00" + bytes(50)), "this is a gzip archive"),
    ("utf16-no-bom", write("wide.txt", "Angela Merkel met Emmanuel Macron in Paris.".encode("utf-16-le")), OK),
    ("random-bytes", write("noise.txt", random.Random(1).randbytes(4096)), "this is not text"),
    ("utf8-one-bad-byte", write("cut.txt", "Mélanie Joly spoke. ".encode() * 60 + b"\xc3"), OK),
    ("nul-in-middle", write("nul.txt", b"Mark Carney spoke. " * 50 + b"\x00" + b"More. " * 50),
     "looks like a binary file"),
    ("5mb-single-line", write("line.txt", five_mb_line()), OK),
    ("over-50mb", sparse("huge.txt", 50 * 1024 * 1024 + 1), "the file is too large (50.0 MB; the limit is 50 MB"),
    ("10mb-unclosed-tags", write("tags.html", "<div>" * 2_000_000), "the page has no readable text"),
    ("10mb-unclosed-paragraphs", write("paras.html", "<p>word " * 1_400_000), OK),  # visible text
    ("nested-100k", write("deep.html", NESTED.format("Deep text here.")), OK),
    ("nested-100k-no-text", write("deep-empty.html", NESTED.format("")), "the page has no readable text"),
    ("script-only", write("only.html", "<html><script>alert('<p>hi</p>')</script></html>"),
     "the page has no readable text (only markup or scripts)"),
    ("markdown-comment-only", write("c.md", "<!-- nothing -->\n"), "the article is empty"),
    ("folder", folder, "is a folder; choose an article file"),
    ("missing", lambda d: d / "missing.txt", "no such file."),
    ("under-a-file", under_a_file, "no such file (a part of the path is a file"),
    ("symlink-loop", symlink_loop, "is a symbolic link loop"),
    ("broken-link", broken_link, "the link points to a file that does not exist"),
    ("fifo", fifo, "is not a regular file"),
]


@pytest.mark.parametrize("make, expected", [pytest.param(m, e, id=i) for i, m, e in CASES])
def test_bad_input(tmp_path, make, expected):
    path = make(tmp_path)
    started = time.monotonic()
    if expected is OK:
        doc = load_document(path)
        assert doc.text.strip()
    else:
        with pytest.raises(InputError) as err:
            load_document(path)
        message = str(err.value)
        assert expected in message, message
        assert "\n" not in message and message.startswith(str(path)[:20])
    assert time.monotonic() - started < 5


def test_no_read_permission(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Private words.")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the open fail as it would for a user
        real_open = Path.open

        def denied(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)
        monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputError, match=r"secret.txt: permission denied; check that you may read this file.$"):
        load_document(path)


def test_readable_odd_inputs_read_as_expected(tmp_path):
    assert load_document(write("wide.txt", "Angela Merkel".encode("utf-16-le"))(tmp_path)).text == "Angela Merkel"
    assert load_document(write("deep.html", NESTED.format("Deep text here."))(tmp_path)).text == "Deep text here."
    cut = load_document(write("cut.txt", "Mélanie Joly spoke. ".encode() * 60 + b"\xc3")(tmp_path))
    assert cut.text == "Mélanie Joly spoke. " * 60 + "\ufffd" and cut.encoding == "utf-8"
    line = load_document(write("line.txt", five_mb_line())(tmp_path))
    assert len(line.text) == 5_000_000 and "\n" not in line.text and line.encoding == "utf-8"
