"""Every way an article comes in — file, web address, clipboard, drop, recent list, start page,
command line — what its heading says, and bad input by each route (one line; the article and its
notes stay)."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pytest

from companion.core.analysis import Analysis
from companion.errors import InputError
from companion.resources import DEFAULT_ARTICLE
from companion.store.settings import Settings, load_settings, save_settings
from companion.ui.shell.dnd import accepts_files, drop_script
from companion.ui.shell.opening import web_address
from drive import note_on_selection

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from local_http import local_server, slow  # noqa: E402

pytestmark = pytest.mark.ui

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Talks resume | Daily Paper</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2025-03-04">
<meta property="og:site_name" content="Daily Paper">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume</h1>
<p>Mark Carney and Donald Trump met in Washington on Tuesday to discuss tariffs on steel.</p>
<p>The two leaders spoke for more than an hour, aides said, and agreed to meet again.</p>
</article></body></html>"""
PASSAGE = "Carney triumphed in last week’s election"


def quick(document, *, progress, cancelled, partial=None):
    """No names: these tests are about opening, and spaCy would only slow them down."""
    progress(1, 1)
    return Analysis(document, [], [], [], model="quick")


@pytest.fixture
def site():
    routes = {
        "/article.html": (200, "text/html; charset=utf-8", PAGE),
        "/seed.txt": (200, "text/plain; charset=utf-8", DEFAULT_ARTICLE.read_bytes()),
        "/error": (500, "text/html", b"<p>oops</p>"),
        "/slow": slow(1.0),
    }
    with local_server(routes) as base:
        yield base


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed, analyzer=quick)
    analysed(app)  # so that its "Ready." does not come after the message a test looks for
    return app


def file_menu(app):
    return app.root.nametowidget(app.menubar.entrycget(0, "menu"))


def recent_menu(app):
    menu = file_menu(app)
    return app.root.nametowidget(menu.entrycget(menu.index("Open recent"), "menu"))


def menu_labels(menu) -> list[str]:
    last = menu.index("end")
    return [str(menu.entrycget(i, "label")) for i in range(0 if last is None else last + 1)
            if menu.type(i) != "separator"]


def keys_to(widget) -> None:
    """Generated key events go to the focus; with no window manager it must be forced."""
    widget.focus_force()
    widget.update()


def add_note(app, passage: str = PASSAGE, comment: str = "who?"):
    start = app.document.text.index(passage)
    app.reader.text.tag_add("sel", app.reader.index(start), app.reader.index(start + len(passage)))
    note = note_on_selection(app, comment)
    assert note is not None
    return note


def assert_one_line_error(app, *words: str) -> None:
    message = app.status.message
    assert app.status.is_error, message
    assert "\n" not in message and message
    for word in words:
        assert word in message, message


def drop(app, *paths) -> str:
    """What tkdnd does on a drop: put the files, as a Tcl list, for %D in the bound script and run it."""
    script = drop_script(app.root)
    assert script, "nothing is bound to a drop on the window"
    app.root.tk.call("set", "::test_dropped", tuple(str(p) for p in paths))
    return str(app.root.tk.eval("uplevel #0 [string map [list %D [list $::test_dropped] %A copy] "
                                "[bind . <<Drop>>]]"))


# -- the heading -------------------------------------------------------------------------------
def test_a_web_page_shows_its_title_byline_date_and_site_above_the_text(make_app, tmp_path):
    page = tmp_path / "talks.html"
    page.write_bytes(PAGE)
    app = make_app(page, analyzer=quick)
    assert app.reader.title_label.cget("text") == "Talks resume"
    byline, source = str(app.reader.meta_label.cget("text")).split("\n")
    assert byline == "By Jane Doe  ·  4 March 2025  ·  Daily Paper"
    assert source.endswith("talks.html  ·  31 words")
    title_size = app.root.tk.call("font", "actual", app.reader.title_label.cget("font"), "-size")
    text_size = app.root.tk.call("font", "actual", app.reader.text.cget("font"), "-size")
    assert abs(int(title_size)) > abs(int(text_size))  # the title is big


def test_a_windows_1252_file_says_its_encoding_in_the_status_bar(make_app, tmp_path):
    path = tmp_path / "menu.txt"
    path.write_bytes("Café crème à la française, said Mélanie Joly’s aide.\n".encode("cp1252"))
    app = make_app(path, analyzer=quick)
    assert app.document.text.startswith("Café crème")
    assert "Windows-1252" in app.status.counts_label.cget("text")
    assert len(str(app.reader.meta_label.cget("text")).splitlines()) == 1  # no byline line for a file


def test_a_title_guessed_from_the_file_name_names_the_window_not_the_heading(make_app, tmp_path):
    path = tmp_path / "budget-day.txt"
    path.write_text("The Bank of Canada kept its rate on Wednesday, Tiff Macklem said.\n", encoding="utf-8")
    app = make_app(path, analyzer=quick)
    assert app.reader.title_label.cget("text") == ""
    assert "budget-day.txt" in app.reader.meta_label.cget("text")
    assert "budget-day — companion" in app.root.title()


# -- the clipboard -----------------------------------------------------------------------------
def test_ctrl_shift_v_opens_the_copied_text_as_an_article(app):
    app.root.clipboard_clear()
    app.root.clipboard_append("Budget day\n\nThe Bank of Canada kept its rate, Tiff Macklem said.\n")
    keys_to(app.reader.text)
    app.reader.text.event_generate("<Control-Shift-V>")
    assert app.document.path is None and app.document.source_url is None
    assert app.reader.text.get("1.0", "end-1c").startswith("Budget day\n\nThe Bank of Canada")
    assert app.reader.title_label.cget("text") == "Budget day"
    assert str(app.reader.meta_label.cget("text")).startswith("pasted text  ·  ")


def test_file_menu_new_from_clipboard_with_nothing_copied_says_so_in_one_line(app):
    before = app.document
    app.root.clipboard_clear()
    menu = file_menu(app)
    menu.invoke(menu.index("New from clipboard"))
    assert_one_line_error(app, "clipboard holds no text")
    assert app.document is before
    app.root.clipboard_append("   \n  ")
    menu.invoke(menu.index("New from clipboard"))
    assert_one_line_error(app, "clipboard holds no text")
    assert app.document is before


def test_a_note_made_on_the_file_comes_back_when_the_same_text_is_pasted(app):
    add_note(app, comment="Check the turnout.")
    text = app.document.text
    app.root.clipboard_clear()
    app.root.clipboard_append(text.replace("\n", "\r\n"))  # as copied on Windows
    assert app.opener.from_clipboard()
    assert app.document.path is None
    assert app.panel.notes.rows() == [(PASSAGE, "Check the turnout.")]
    start = app.document.text.index(PASSAGE)
    assert "note" in app.reader.text.tag_names(app.reader.index(start))


def test_a_copied_web_address_is_downloaded(app, site, wait_until):
    app.root.clipboard_clear()
    app.root.clipboard_append(f"  {site}/article.html\n")
    assert app.opener.from_clipboard()
    wait_until(app.root, lambda: app.document.source_url == f"{site}/article.html", what="the page")
    assert app.reader.title_label.cget("text") == "Talks resume"


# -- web addresses -----------------------------------------------------------------------------
def test_open_url_fetches_in_the_background_and_keeps_the_address(app, site, wait_until):
    keys_to(app.reader.text)
    app.reader.text.event_generate("<Control-l>")
    dialog = app.opener.dialog
    assert dialog is not None and dialog.winfo_ismapped()
    dialog.entry.delete(0, "end")  # (it offers the clipboard's address, if any)
    dialog.entry.insert(0, f"{site}/slow")  # answers after a second
    began = time.monotonic()
    dialog.open_button.invoke()
    assert time.monotonic() - began < 0.5  # the window did not wait for the page
    assert app.opener.dialog is None
    assert app.status.message.startswith(f"Downloading {site}/slow")
    assert app.document.path == str(DEFAULT_ARTICLE)  # still the article until the page arrives
    ticks = []
    app.root.after(100, lambda: ticks.append(1))
    wait_until(app.root, lambda: app.document.source_url == f"{site}/slow", what="the page")
    assert ticks  # the event loop ran meanwhile
    assert app.document.text == "Too late."
    assert f"{site}/slow" in str(app.reader.meta_label.cget("text"))


def test_a_web_page_heading_has_its_byline_and_address(app, site, wait_until):
    app.opener.open_url(f"{site}/article.html")
    wait_until(app.root, lambda: app.document.source_url is not None, what="the page")
    byline, source = str(app.reader.meta_label.cget("text")).split("\n")
    assert byline == "By Jane Doe  ·  4 March 2025  ·  Daily Paper"
    assert source.startswith(f"{site}/article.html  ·  ")
    assert app.document.path is None


def test_the_same_text_by_url_has_the_notes_of_the_file(app, site, wait_until):
    add_note(app, comment="From the file.")
    app.opener.open_url(f"{site}/seed.txt")
    wait_until(app.root, lambda: app.document.source_url is not None, what="the page")
    assert app.panel.notes.rows() == [(PASSAGE, "From the file.")]


def test_the_dialog_refuses_what_is_not_an_address_and_completes_a_bare_host(app):
    dialog = app.opener.ask_url()
    dialog.entry.delete(0, "end")
    dialog.entry.insert(0, "not an address")
    dialog.open_button.invoke()
    assert "is not a web address" in dialog.error and "\n" not in dialog.error
    assert app.opener.fetching is None and app.opener.dialog is dialog
    dialog.cancel()
    assert web_address("example.com/news/story") == "https://example.com/news/story"
    assert web_address("http://example.com") == "http://example.com"
    with pytest.raises(InputError):
        web_address("")


def test_opening_a_file_while_a_page_downloads_abandons_the_page(app, site, tmp_path, wait_until, pump):
    app.opener.open_url(f"{site}/slow")
    other = tmp_path / "other.txt"
    other.write_text("Another story about Ottawa.\n", encoding="utf-8")
    assert app.open_path(other)
    assert app.opener.fetching is None
    pump(app.root, 1.3)  # the page arrives meanwhile, and is dropped
    assert app.document.path == str(other)


# -- drag and drop -----------------------------------------------------------------------------
def test_a_file_dropped_on_the_window_is_opened(app, tmp_path, wait_until):
    assert app.drop_enabled, "tkdnd did not load"
    wait_until(app.root, lambda: accepts_files(app.root), what="the window to take dropped files")
    folder = tmp_path / "with space"
    folder.mkdir()
    path = folder / "dropped article.txt"
    path.write_text("Dropped\n\nMark Carney spoke in Ottawa.\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Second.\n", encoding="utf-8")
    assert drop(app, path, second) == "copy"
    assert app.document.path == str(path)
    assert app.reader.title_label.cget("text") == "Dropped"


def test_without_tkdnd_the_window_works_and_says_so_at_info(make_app, seed, monkeypatch, caplog):
    from tkinterdnd2 import TkinterDnD

    def unavailable(root):
        raise RuntimeError("Unable to load tkdnd library.")

    monkeypatch.setattr(TkinterDnD, "_require", unavailable)
    with caplog.at_level(logging.INFO):
        app = make_app(seed, analyzer=quick)
    assert app.drop_enabled is False
    assert drop_script(app.root) == "" and not accepts_files(app.root)
    assert app.document.path == str(DEFAULT_ARTICLE)
    records = [r for r in caplog.records if "Drag and drop" in r.getMessage()]
    assert [r.levelname for r in records] == ["INFO"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- recent articles ---------------------------------------------------------------------------
def test_file_recent_lists_what_was_opened_newest_first_and_opens_it(app, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("First story.\n", encoding="utf-8")
    second.write_text("Second story.\n", encoding="utf-8")
    assert app.open_path(first) and app.open_path(second)
    menu = recent_menu(app)
    app.recent.refresh()  # what posting the menu does
    labels = menu_labels(menu)
    assert labels[0].startswith("1  second.txt") and labels[1].startswith("2  first.txt")
    assert labels[2].startswith("3  " + DEFAULT_ARTICLE.name)
    assert load_settings().recent[:2] == (str(second.resolve()), str(first.resolve()))  # saved
    menu.invoke(1)
    assert app.document.path == str(first.resolve())


def test_a_recent_file_that_is_gone_is_said_and_dropped(app, tmp_path):
    gone = tmp_path / "gone.txt"
    gone.write_text("Soon gone.\n", encoding="utf-8")
    assert app.open_path(gone) and app.open_path(DEFAULT_ARTICLE)
    add_note(app)
    gone.unlink()
    app.recent.refresh()
    menu = recent_menu(app)
    index = next(i for i, label in enumerate(menu_labels(menu)) if "gone.txt" in label)
    menu.invoke(index)
    assert_one_line_error(app, "gone.txt", "no such file", "taken off the recent list")
    assert app.document.path == str(DEFAULT_ARTICLE) and app.panel.notes.rows() == [(PASSAGE, "who?")]
    assert str(gone.resolve()) not in load_settings().recent
    assert not any("gone.txt" in label for label in menu_labels(menu))


def test_opening_keeps_the_settings_saved_by_others(app, tmp_path):
    app.appearance.set_theme("dark")
    path = tmp_path / "story.txt"
    path.write_text("A story.\n", encoding="utf-8")
    assert app.open_path(path)
    saved = load_settings()
    assert saved.theme == "dark" and saved.recent[0] == str(path.resolve())


# -- the start page ----------------------------------------------------------------------------
def test_the_start_page_lists_recent_articles_and_the_ways_in(make_app, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A story\n\nMark Carney spoke.\n", encoding="utf-8")
    save_settings(Settings(recent=(str(story), str(tmp_path / "missing.txt"))))
    app = make_app(None, analyzer=quick)
    page = app.start_page
    assert page.shown and page.winfo_ismapped()
    assert [path for path, _ in page.recent_buttons] == [str(story), str(tmp_path / "missing.txt")]
    assert set(page.buttons) == {"file", "url", "clipboard", "sample"}
    assert app.document is None

    page.recent_buttons[1][1].invoke()  # gone: said, dropped from the page too
    assert_one_line_error(app, "missing.txt", "no such file")
    assert [path for path, _ in page.recent_buttons] == [str(story)]
    assert page.shown

    page.recent_buttons[0][1].invoke()
    assert app.document.path == str(story)
    assert not page.shown and not page.winfo_ismapped()


def test_the_start_page_buttons(make_app, monkeypatch):
    app = make_app(None, analyzer=quick)
    page = app.start_page
    page.buttons["url"].invoke()
    assert app.opener.dialog is not None
    app.opener.dialog.cancel()
    app.root.clipboard_clear()
    page.buttons["clipboard"].invoke()
    assert_one_line_error(app, "clipboard")
    assert page.shown
    monkeypatch.setattr("companion.ui.shell.app.filedialog.askopenfilename", lambda **o: "")
    page.buttons["file"].invoke()  # the dialog cancelled: nothing changes
    assert page.shown and app.document is None
    page.buttons["sample"].invoke()
    assert app.document.path == str(DEFAULT_ARTICLE)
    assert not page.shown


def test_a_command_line_path_that_fails_opens_the_start_page_with_the_reason(display, tmp_path):
    from companion.ui.shell.launch import open_app
    app = open_app(str(tmp_path / "nowhere.txt"), analyzer=quick)
    try:
        app.root.update()
        assert app.start_page.shown and app.document is None
        assert_one_line_error(app, "nowhere.txt: no such file")
    finally:
        app.destroy()


def test_a_command_line_web_address_is_downloaded_once_the_window_is_up(display, site, wait_until):
    from companion.ui.shell.launch import open_app
    app = open_app(f"{site}/article.html", analyzer=quick)
    try:
        assert app.document is None and app.start_page.shown  # the window is up; the page comes
        wait_until(app.root, lambda: app.document is not None, what="the page")
        assert app.document.source_url == f"{site}/article.html"
        assert app.reader.title_label.cget("text") == "Talks resume"
        assert not app.start_page.shown
    finally:
        app.destroy()


# -- bad input, by every route -----------------------------------------------------------------
def open_folder(app, tmp_path, site, monkeypatch):
    monkeypatch.setattr("companion.ui.shell.app.filedialog.askopenfilename", lambda **o: str(tmp_path))
    file_menu(app).invoke(0)
    return "is a folder"


def drop_png(app, tmp_path, site, monkeypatch):
    picture = tmp_path / "photo.png"
    picture.write_bytes(PNG)
    drop(app, picture)
    return "PNG image"


def drop_empty_file(app, tmp_path, site, monkeypatch):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    drop(app, empty)
    return "empty"


def missing_file(app, tmp_path, site, monkeypatch):
    app.opener.open_target(str(tmp_path / "missing.txt"))
    return "no such file"


def server_error(app, tmp_path, site, monkeypatch):
    dialog = app.opener.ask_url()
    dialog.entry.delete(0, "end")
    dialog.entry.insert(0, f"{site}/error")
    dialog.open_button.invoke()
    return "the server answered 500"


@pytest.mark.parametrize("route", [open_folder, drop_png, drop_empty_file, missing_file, server_error],
                         ids=lambda f: f.__name__)
def test_bad_input_is_one_line_and_the_article_and_its_notes_stay(app, tmp_path, site, monkeypatch,
                                                                    wait_until, route):
    add_note(app)
    before = app.document
    expected = route(app, tmp_path, site, monkeypatch)
    wait_until(app.root, lambda: app.status.is_error and app.opener.fetching is None, timeout=15,
               what="the error")
    assert_one_line_error(app, expected)
    assert app.document is before
    assert app.reader.text.get("1.0", "end-1c") == before.text
    assert app.panel.notes.rows() == [(PASSAGE, "who?")]
    assert not app.start_page.shown
