"""Find in the article: the engine on its own (no display), then the bar driving the real reader."""

from __future__ import annotations

import pytest

from companion.ui.reading.find import FindEngine
from companion.ui.reading.reader import FIND_CURRENT_TAG, FIND_TAG

TEXT = "Carney met Trump. carney said: CARNEY (a+b) [x] carney."


def test_the_engine_ignores_case_by_default():
    engine = FindEngine(TEXT)
    spans = engine.search("carney")
    assert [TEXT[s:e] for s, e in spans] == ["Carney", "carney", "CARNEY", "carney"]
    assert engine.describe() == "1 of 4"


def test_match_case_finds_only_the_same_letters():
    engine = FindEngine(TEXT)
    assert engine.search("carney", match_case=True) == [(18, 24), (48, 54)]
    assert engine.describe() == "1 of 2"


def test_the_query_is_literal_not_a_pattern():
    engine = FindEngine(TEXT)
    assert [TEXT[s:e] for s, e in engine.search("(a+b)")] == ["(a+b)"]
    assert engine.search(".") == [(16, 17), (54, 55)]
    assert engine.search("[x]") == [(44, 47)]


def test_next_and_previous_go_round_the_ends():
    engine = FindEngine(TEXT)
    engine.search("carney")
    assert engine.step(True) == (18, 24) and engine.describe() == "2 of 4"
    engine.step(True)
    engine.step(True)
    assert engine.describe() == "4 of 4"
    assert engine.step(True) == (0, 6) and engine.describe() == "1 of 4"
    assert engine.step(False) == (48, 54) and engine.describe() == "4 of 4"


def test_the_current_match_is_the_first_after_the_cursor():
    engine = FindEngine(TEXT)
    engine.search("carney", near=20)
    assert engine.match == (31, 37) and engine.describe() == "3 of 4"
    engine.search("carney", near=len(TEXT))  # after the last one: round to the first
    assert engine.match == (0, 6)


def test_no_query_and_no_match():
    engine = FindEngine(TEXT)
    assert engine.search("") == [] and engine.describe() == ""
    assert engine.search("Macklem") == [] and engine.describe() == "No matches"
    assert engine.step(True) is None and engine.match is None


def test_another_text_is_searched_for_the_same_words():
    engine = FindEngine(TEXT)
    engine.search("trump")
    engine.set_text("Trump, trump and TRUMP.")
    assert len(engine.matches) == 3 and engine.describe() == "1 of 3"


# -- the bar, in the window ---------------------------------------------------------------------
@pytest.fixture
def app(make_app, seed):
    return make_app(seed, analyzer=_never)


def _never(document, *, progress, cancelled, partial=None):
    """An analysis that waits until it is cancelled (find needs no highlights)."""
    import time
    while not cancelled():
        time.sleep(0.01)
    raise InterruptedError("cancelled")


def keys_to(widget) -> None:
    """Give `widget` the keyboard: Tk sends generated key events to the focus, and with no window
    manager on Xvfb the window only has it when forced."""
    widget.focus_force()
    widget.update()


def ranges(text, tag: str) -> list[tuple[str, str]]:
    found = text.tag_ranges(tag)
    return [(str(a), str(b)) for a, b in zip(found[::2], found[1::2])]


@pytest.mark.ui
def test_ctrl_f_opens_the_bar_and_every_match_is_marked(app):
    text, bar = app.reader.text, app.reader.find_bar
    assert not bar.is_open
    text.event_generate("<Control-f>")
    assert bar.is_open
    app.root.update()  # the entry takes the focus once it is on screen
    assert str(app.root.tk.call("focus", "-lastfor", app.root)) == str(bar.entry)  # where keys go
    bar.set_query("carney")
    expected = app.document.text.lower().count("carney")
    assert expected > 3
    assert len(ranges(text, FIND_TAG)) == expected
    assert bar.count == f"1 of {expected}"
    for start, end in ranges(text, FIND_TAG):
        assert text.get(start, end).lower() == "carney"


@pytest.mark.ui
def test_enter_and_shift_enter_move_the_selection_and_the_cursor(app):
    text, bar = app.reader.text, app.reader.find_bar
    app.reader.find_bar.find_selection()
    bar.set_query("Trump")
    matches = ranges(text, FIND_TAG)
    assert [str(i) for i in text.tag_ranges("sel")] == list(matches[0])
    assert text.index("insert") == matches[0][0]
    keys_to(bar.entry)
    bar.entry.event_generate("<Return>")
    assert [str(i) for i in text.tag_ranges("sel")] == list(matches[1])
    assert text.index("insert") == matches[1][0]
    assert ranges(text, FIND_CURRENT_TAG) == [matches[1]]  # in its own colour, over the selection
    assert bar.count == f"2 of {len(matches)}"
    bar.entry.event_generate("<Shift-Return>")
    bar.entry.event_generate("<Shift-Return>")
    assert text.index("insert") == matches[-1][0]  # round the top to the last one
    assert bar.count == f"{len(matches)} of {len(matches)}"
    app.root.event_generate("<F3>")
    assert text.index("insert") == matches[0][0]


@pytest.mark.ui
def test_match_case_narrows_the_matches(app):
    bar = app.reader.find_bar
    bar.set_query("the")
    every = len(ranges(app.reader.text, FIND_TAG))
    bar.case_button.invoke()
    assert bar.match_case
    exact = len(ranges(app.reader.text, FIND_TAG))
    assert 0 < exact < every
    assert bar.count == f"1 of {exact}"


@pytest.mark.ui
def test_escape_closes_the_bar_and_clears_the_matches_but_not_the_analysis(app, wait_until):
    text, bar = app.reader.text, app.reader.find_bar
    wait_until(app.root, lambda: app.worker.running, what="the analysis to run")
    bar.set_query("Trump")
    assert ranges(text, FIND_TAG)
    keys_to(bar.entry)
    bar.entry.event_generate("<Escape>")
    assert not bar.is_open
    assert ranges(text, FIND_TAG) == [] and ranges(text, FIND_CURRENT_TAG) == []
    assert app.busy  # Esc in the bar closes the bar; it does not cancel the analysis
    keys_to(text)
    text.event_generate("<Escape>")  # with the bar closed, Esc cancels the analysis
    assert not app.busy


@pytest.mark.ui
def test_no_match_says_so(app):
    bar = app.reader.find_bar
    bar.set_query("zebra crossing")
    assert bar.count == "No matches"
    assert ranges(app.reader.text, FIND_TAG) == []
    bar.step(True)  # nothing to go to, and no error
    assert bar.count == "No matches"


@pytest.mark.ui
def test_typing_in_the_bar_searches(app, wait_until):
    bar = app.reader.find_bar
    app.reader.find_bar.find_selection()
    keys_to(bar.entry)
    bar.entry.insert("end", "Carney")  # what typing does; then the key is let go
    bar.entry.event_generate("<KeyRelease>", keysym="y")
    wait_until(app.root, lambda: bar.count.endswith(str(app.document.text.lower().count("carney"))),
               timeout=5, what="the search")


@pytest.mark.ui
def test_ctrl_f_with_a_few_words_selected_searches_for_them(app):
    text = app.reader.text
    start = app.document.text.index("Mark Carney")
    text.tag_add("sel", app.reader.index(start), app.reader.index(start + len("Mark Carney")))
    text.event_generate("<Control-f>")
    assert app.reader.find_bar.query == "Mark Carney"
    assert app.reader.find_bar.count.startswith("1 of ")


@pytest.mark.ui
def test_another_article_is_searched_for_the_same_words(app, tmp_path):
    bar = app.reader.find_bar
    bar.set_query("Carney")
    other = tmp_path / "other.txt"
    other.write_text("Carney spoke. Later, Carney left.\n", encoding="utf-8")
    assert app.open_path(other)
    assert bar.count == "1 of 2"
    assert len(ranges(app.reader.text, FIND_TAG)) == 2


@pytest.mark.ui
def test_the_current_match_is_in_view_above_the_bar(app):
    text, bar = app.reader.text, app.reader.find_bar
    app.reader.find_bar.find_selection()  # the bar opens: the text gets shorter
    bar.set_query("Canada")
    bar.step(True)
    app.root.update()
    current = ranges(text, FIND_CURRENT_TAG)[0][0]
    box = text.bbox(current)
    assert box is not None and box[1] + box[3] <= text.winfo_height()
