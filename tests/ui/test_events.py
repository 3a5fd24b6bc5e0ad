"""The event contract (companion.ui.events): payloads reach listeners, listeners add up, and the
window's start reads the article once."""

from __future__ import annotations

import tkinter as tk

import pytest

from companion.ui import events

pytestmark = pytest.mark.ui


@pytest.fixture
def root(display):
    window = tk.Tk()
    window.withdraw()
    yield window
    window.destroy()


@pytest.mark.parametrize("on_screen", [True, False], ids=["on screen", "not yet on screen"])
def test_each_listener_gets_the_payload_even_when_a_listener_fires_another_event(root, on_screen):
    if on_screen:
        root.deiconify()
        root.update()
    heard = []
    events.listen(root, events.NOTES_CHANGED, lambda count: (heard.append(("a", count)),
                                                             events.fire(root, events.RECENT_CHANGED, "inner")))
    events.listen(root, events.NOTES_CHANGED, lambda count: heard.append(("b", count)))
    events.listen(root, events.RECENT_CHANGED, lambda value: heard.append(("recent", value)))
    events.fire(root, events.NOTES_CHANGED, 3)
    assert heard == [("a", 3), ("recent", "inner"), ("b", 3)]
    assert events.payload(type("E", (), {"widget": root})()) is None  # nothing left behind


def test_say_reaches_the_status_bar_of_the_window(make_app):
    app = make_app(None)
    events.say(app.reader.text, "Hello there.", error=True)
    assert app.status.message == "Hello there." and app.status.is_error


def test_the_article_is_read_once_at_start(display, real_analyzer, monkeypatch, seed):
    import companion.ui.shell.app as shell_app
    import companion.ui.shell.launch as launch
    reads = []
    real = launch.load_document
    counted = lambda path: (reads.append(path), real(path))[1]  # noqa: E731
    monkeypatch.setattr(launch, "load_document", counted)
    monkeypatch.setattr(shell_app, "load_document", counted)
    app = launch.open_app(seed, analyzer=real_analyzer)
    try:
        assert app.document is not None and reads == [seed]
    finally:
        app.destroy()
