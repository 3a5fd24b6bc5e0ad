from pathlib import Path

import pytest

from companion.core.document import document_from_text, fingerprint_of, load_document
from companion.errors import InputError
from companion.resources import DEFAULT_ARTICLE


def test_utf8_text_is_the_file_text_exactly():
    doc = load_document(DEFAULT_ARTICLE)
    assert doc.text == DEFAULT_ARTICLE.read_text(encoding="utf-8")
    assert doc.title == DEFAULT_ARTICLE.stem  # its first line is a sentence, not a headline
    assert len(doc.fingerprint) == 16


def test_same_words_same_fingerprint_whatever_the_line_endings(tmp_path):
    unix, dos = tmp_path / "a.txt", tmp_path / "b.txt"
    unix.write_bytes(b"One line.\nTwo lines.\n")
    dos.write_bytes(b"\xef\xbb\xbfOne line.\r\nTwo lines.\r\n")
    assert load_document(unix).fingerprint == load_document(dos).fingerprint
    assert fingerprint_of("One line.") != fingerprint_of("One line!")


def test_windows_1252_and_utf16_are_decoded(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Mélanie Joly’s visit".encode("cp1252"))
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes("Mélanie Joly".encode("utf-16"))
    assert load_document(latin).text == "Mélanie Joly’s visit"
    assert load_document(utf16).text == "Mélanie Joly"


def test_html_gives_the_article_without_navigation_or_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Talks</title><style>p{color:red}</style></head><body>"
                    "<nav>Home | World</nav><h1>Carney meets Trump</h1><p>Mark Carney &amp; Donald Trump met.</p>"
                    "<script>var x = '<p>no</p>';</script><p>Second   paragraph.</p></body></html>")
    doc = load_document(page)
    assert doc.title == "Carney meets Trump"  # the headline, shown above the text
    assert doc.text == "Mark Carney & Donald Trump met.\nSecond paragraph."
    assert doc.format == "html" and doc.encoding == "utf-8"


def test_the_plain_visible_text_pass_keeps_every_paragraph():
    from companion.core.html_text import html_to_text
    title, text = html_to_text("<html><head><title>Talks</title><style>p{color:red}</style></head><body>"
                               "<nav>Home | World</nav><h1>Carney meets Trump</h1><p>Mark Carney &amp; Donald "
                               "Trump met.</p><script>var x = '<p>no</p>';</script><p>Second   paragraph.</p>"
                               "</body></html>")
    assert title == "Talks"
    assert text == "Carney meets Trump\nMark Carney & Donald Trump met.\nSecond paragraph."


def test_markdown_is_shown_as_readable_text(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Title\n\nSome **bold** and *soft* words, a [link](http://x).\n\n- item\n")
    assert load_document(md).text == "Title\n\nSome bold and soft words, a link.\n\n• item\n"


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a folder"),
    (lambda d: _write(d / "empty.txt", b""), "empty"),
    (lambda d: _write(d / "blank.txt", b"  \n\n "), "empty"),
    (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "PNG image"),
    (lambda d: _write(d / "data.txt", b"abc\x00\x01\x02" * 100), "binary"),
    (lambda d: _write(d / "doc.pdf", b"%PDF-1.4 ..."), "PDF"),
    (lambda d: _write(d / "only.html", b"<html><script>alert(1)</script></html>"), "no readable text"),
])
def test_bad_input_is_one_clear_line(tmp_path, make, message):
    with pytest.raises(InputError) as err:
        load_document(make(tmp_path))
    text = str(err.value)
    assert message in text and "\n" not in text


def test_a_headline_first_line_is_the_title():
    assert document_from_text("Carney meets Trump\nThe text follows.").title == "Carney meets Trump"
    assert document_from_text("Carney will meet Trump on Tuesday.\nMore.").title == "Untitled article"


def test_empty_text_is_refused():
    with pytest.raises(InputError):
        document_from_text("   ")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
