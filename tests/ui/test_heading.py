"""The reader heading's small print (no Tk: plain functions)."""

from companion.core.document import document_from_text
from companion.ui.reading.heading import byline_text, date_text, meta_lines


def test_byline_and_date_read_as_a_person_would_say_them():
    assert byline_text("Jane Doe") == "By Jane Doe"
    assert byline_text("By Jane Doe and Ali Khan") == "By Jane Doe and Ali Khan"
    assert byline_text(None) == ""
    assert date_text("2025-03-04") == "4 March 2025"
    assert date_text("2025-03-04T09:30:00+00:00") == "4 March 2025"
    assert date_text("last Tuesday") == "last Tuesday"


def test_meta_lines_for_a_page_a_file_and_pasted_text():
    page = document_from_text("One two three.", source_url="https://www.example.com/a/story",
                              byline="Jane Doe", date="2025-03-04")
    assert meta_lines(page) == ("By Jane Doe  ·  4 March 2025  ·  example.com\n"
                                "https://www.example.com/a/story  ·  3 words")
    named = document_from_text("One.", source_url="https://x.example/a", meta={"site": "Daily Paper"})
    assert meta_lines(named).startswith("Daily Paper\n")
    assert meta_lines(document_from_text("Just one")) == "pasted text  ·  2 words"
    assert meta_lines(document_from_text("Word", path="/srv/news/a.txt")) == "/srv/news/a.txt  ·  1 word"
