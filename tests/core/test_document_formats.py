"""What readers actually open: text in any common encoding, Markdown, and web pages saved as HTML."""

import codecs
import time

import pytest

from companion.core.decoding import decode_text, encoding_label
from companion.core.document import load_document
from companion.core.html_text import MAX_EXTRACT_TAGS, extract_article
from companion.core.limits import MB, Limits
from companion.core.markdown_text import markdown_to_text

ARTICLE = "Mélanie Joly met Marco Rubio in Ottawa on Tuesday.\nThe talks were “constructive”, aides said.\n"


@pytest.mark.parametrize("data, encoding, label", [
    (ARTICLE.encode("utf-8"), "utf-8", "UTF-8"),
    (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig", "UTF-8 with BOM"),
    (ARTICLE.encode("utf-16"), "utf-16", "UTF-16"),                   # with its byte-order mark
    (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16", "UTF-16"),
    (ARTICLE.encode("utf-32"), "utf-32", "UTF-32"),
    (ARTICLE.encode("utf-16-le"), "utf-16-le", "UTF-16 LE"),          # no mark: detected
    (ARTICLE.encode("utf-16-be"), "utf-16-be", "UTF-16 BE"),
    (ARTICLE.encode("cp1252"), "cp1252", "Windows-1252"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf32-bom", "utf16le-no-bom", "utf16be-no-bom",
        "cp1252"])
def test_common_encodings_are_detected_and_kept(tmp_path, data, encoding, label):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.text == ARTICLE
    assert doc.encoding == encoding and encoding_label(doc.encoding) == label


def test_latin1_is_read_as_windows_1252_not_a_central_european_lookalike(tmp_path):
    # charset-normalizer ranks cp1250 first for these bytes; for English news Windows-1252 wins ties
    path = tmp_path / "menu.txt"
    path.write_bytes("Café crème à la française, naïve.".encode("latin-1"))
    doc = load_document(path)
    assert doc.text == "Café crème à la française, naïve." and doc.encoding == "cp1252"


def test_other_scripts_are_still_detected():
    russian = ("Президент России заявил во вторник, что переговоры продолжатся. " * 3).encode("cp1251")
    assert decode_text(russian, where="x").text.startswith("Президент России")
    greek = "Ο πρωθυπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν".encode("cp1253")
    assert decode_text(greek, where="x").text.startswith("Ο πρωθυπουργός")


@pytest.mark.parametrize("data, encoding", [
    (b"plain words.\n" * 1_500_000 + "Café crème à la française.\n".encode("cp1252") * 50, "cp1252"),
    (("Mark Carney met Donald Trump.\n" * 300_000).encode("utf-16-le"), "utf-16-le"),
    (("日本語のテキストです。東京で会談が行われた。\n" * 250_000).encode("shift_jis"), "cp932"),
], ids=["20mb-cp1252-accents-late", "18mb-utf16-no-bom", "11mb-shift-jis"])
def test_large_legacy_files_are_detected_quickly_from_a_sample(data, encoding):
    started = time.perf_counter()
    decoded = decode_text(data, where="big.txt")
    assert time.perf_counter() - started < 3
    assert decoded.encoding == encoding and decoded.text == data.decode(encoding)


def test_utf8_with_a_few_broken_bytes_is_read_with_them_replaced(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(ARTICLE.encode("utf-8") * 20 + b"\xff" + b"The end.")
    doc = load_document(path)
    assert doc.text == ARTICLE * 20 + "\ufffdThe end."
    assert doc.encoding == "utf-8" and doc.meta["replaced_bytes"] == 1


def test_utf8_file_with_crlf_is_normalised_but_keeps_its_fingerprint(tmp_path):
    unix, dos = tmp_path / "unix.txt", tmp_path / "dos.txt"
    unix.write_bytes(ARTICLE.encode("utf-8"))
    dos.write_bytes(ARTICLE.replace("\n", "\r\n").encode("cp1252"))
    assert load_document(dos).text == ARTICLE
    assert load_document(dos).fingerprint == load_document(unix).fingerprint


def test_markdown_headings_emphasis_lists_links_and_code():
    source = ("# Carney meets Trump\n\nSome **bold**, *soft* and ~~struck~~ words, a [link](http://x),\n"
              "`code` &amp; ![a photo](p.png).  \nA hard break.\n\n"
              "- first\n- second\n  - nested\n\n3. three\n4. four\n\n> A quote.\n\n"
              "```\nkeep   this\n  as is\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
              "<div>raw <b>HTML</b></div>\n\n---\n\nThe end.\n")
    assert markdown_to_text(source) == (
        "Carney meets Trump\n\n"
        "Some bold, soft and struck words, a link, code & a photo.\nA hard break.\n\n"
        "• first\n• second\n  • nested\n\n3. three\n4. four\n\nA quote.\n\n"
        "keep   this\n  as is\n\na | b\n1 | 2\n\nraw HTML\n\nThe end.\n")


def test_markdown_file_offsets_index_the_displayed_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Talks\n\n**Mark Carney** met [Donald Trump](https://x.example/trump).\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.text == "Talks\n\nMark Carney met Donald Trump.\n"
    assert doc.title == "Talks" and doc.format == "markdown"
    start = doc.text.index("Donald Trump")
    assert doc.text[start:start + len("Donald Trump")] == "Donald Trump"


def test_a_news_page_gives_title_byline_date_and_body_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_news_page(paragraphs=6, ads=5), encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Talks resume in Ottawa"
    assert doc.byline == "Jane Doe" and doc.date == "2025-03-04"
    lines = doc.text.splitlines()
    assert len(lines) == 6 and lines[0].startswith("Paragraph 0:")
    for junk in ("Sponsored", "Section 3", "Reader 2", "var tracker", "Copyright"):
        assert junk not in doc.text
    assert doc.meta["extractor"] == "trafilatura"


def test_a_page_declaring_its_charset_is_decoded_with_it(tmp_path):
    path = tmp_path / "old.htm"
    path.write_bytes(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                     b"<title>Caf\xe9</title></head><body><p>Caf\xe9 cr\xe8me \x93quoted\x94.</p></body></html>")
    doc = load_document(path)
    assert doc.text == "Café crème “quoted”." and doc.encoding == "cp1252"


def test_a_page_is_known_by_its_doctype_a_txt_file_stays_text(tmp_path):
    saved = tmp_path / "story"  # no suffix
    saved.write_text("<!DOCTYPE html><title>T</title><body><p>Mark Carney spoke.</p></body>")
    assert load_document(saved).format == "html" and load_document(saved).text == "Mark Carney spoke."
    notes = tmp_path / "notes.txt"  # a .txt is its text exactly, even when it holds markup
    notes.write_text("<p>Mark Carney spoke.</p>\n")
    assert load_document(notes).text == "<p>Mark Carney spoke.</p>\n"


def test_a_bogus_utf16_declaration_is_ignored(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="utf-16"></head><body><p>Plain words.</p></body></html>')
    assert load_document(path).text == "Plain words."


def test_a_tiny_page_falls_back_to_its_visible_text():
    article = extract_article("<html><head><title>Note</title></head><body><div>Hi there.</div></body></html>")
    assert article.body == "Hi there."


def test_a_page_too_large_for_the_extractor_uses_the_visible_text_quickly():
    markup = "<html><body>" + "<p>word " * (MAX_EXTRACT_TAGS + 10) + "</body></html>"
    started = time.perf_counter()
    article = extract_article(markup)
    assert time.perf_counter() - started < 3
    assert article.extractor == "visible-text" and article.body.startswith("word\nword")


def test_one_megabyte_page_is_extracted_quickly(tmp_path):
    path = tmp_path / "big.html"
    path.write_text(_news_page(paragraphs=2900, ads=3000), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    warm = tmp_path / "warm.html"
    warm.write_text(_news_page(2, 2))
    load_document(warm)  # trafilatura's first import (~0.3 s) is not the page's time
    started = time.perf_counter()
    doc = load_document(path)
    elapsed = time.perf_counter() - started
    assert len(doc.text.splitlines()) == 2900 and "Sponsored" not in doc.text
    assert elapsed < 3, f"1 MB page took {elapsed:.2f} s"


def test_limits_have_defaults_and_environment_overrides(caplog):
    assert Limits() == Limits(max_file_bytes=50 * MB, max_url_bytes=10 * MB, url_timeout_s=10.0)
    env = {"COMPANION_MAX_FILE_MB": "2", "COMPANION_MAX_URL_MB": "0.5", "COMPANION_URL_TIMEOUT_S": "3"}
    assert Limits.from_env(env) == Limits(max_file_bytes=2 * MB, max_url_bytes=MB // 2, url_timeout_s=3.0)
    assert Limits.from_env({"COMPANION_MAX_FILE_MB": "lots", "COMPANION_URL_TIMEOUT_S": "-1"}) == Limits()
    assert "COMPANION_MAX_FILE_MB='lots' is not a positive number" in caplog.text


def test_the_file_cap_is_a_setting(tmp_path, monkeypatch):
    from companion.errors import InputError
    path = tmp_path / "a.txt"
    path.write_bytes(b"word " * 300_000)  # 1.5 MB
    monkeypatch.setenv("COMPANION_MAX_FILE_MB", "1")
    with pytest.raises(InputError, match=r"too large \(1.4 MB; the limit is 1 MB; set COMPANION_MAX_FILE_MB"):
        load_document(path)
    assert load_document(path, limits=Limits(max_file_bytes=2 * MB)).text.startswith("word word")


def _news_page(paragraphs: int, ads: int) -> str:
    nav = "<nav><ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40)) + "</ul></nav>"
    junk = "".join(f'<div class="ad"><a href="/ad{i}"><img src="x{i}.png" alt="ad"></a><span>Sponsored {i}</span>'
                   "</div>" for i in range(ads))
    comments = '<section id="comments"><h3>Comments</h3>' + "".join(
        f'<div class="comment"><p>Reader {i}: I disagree with this article entirely.</p></div>' for i in range(30)
    ) + "</section>"
    script = "<script>var tracker = 1;" + "track();" * 500 + "</script>"
    body = "".join(f"<p>Paragraph {i}: the minister said talks on tariffs would resume next week in Ottawa "
                   "after a long pause, officials confirmed on Tuesday, and both sides hoped for progress "
                   "on steel, aluminium and the digital services tax before the summer.</p>"
                   for i in range(paragraphs))
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>Talks resume in Ottawa | Daily Paper</title>'
            f'<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2025-03-04">'
            f"{script}</head><body>{nav}{junk}<article><h1>Talks resume in Ottawa</h1>"
            f'<p class="byline">By Jane Doe</p>{body}</article>{comments}<footer>Copyright 2025</footer>'
            f"{script}</body></html>")
