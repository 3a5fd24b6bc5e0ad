"""What the window remembers between runs (size and place, the last article), a damaged settings
file, and Help ▸ About."""

from __future__ import annotations

import importlib.metadata
import platform

import pytest

from companion import __version__
from companion.resources import DEFAULT_ARTICLE
from companion.store.settings import Settings, load_settings, save_settings, settings_path
from companion.ui.look import fonts, theme

pytestmark = pytest.mark.ui


def test_a_damaged_settings_file_gives_defaults_and_a_message_in_the_status_bar(make_app, seed, analysed):
    path = settings_path()
    path.write_text('{"theme": "dark", "font_size": ', encoding="utf-8")
    app = make_app(seed)
    assert "settings could not be read" in app.status.message
    assert app.status.is_error
    assert app.root.style.theme_use() == theme.LIGHT.ttk_theme  # the defaults, not half the file
    assert app.reader.font_size == fonts.READER_SIZE
    analysed(app)
    assert "settings could not be read" in app.status.message  # still there once the analysis is done
    assert list(path.parent.glob("settings.json.damaged-*"))
    app.appearance.zoom(1)  # a change writes a good file again
    assert load_settings().font_size == 13


def test_settings_that_cannot_be_saved_are_said_in_one_line(make_app, monkeypatch):
    app = make_app(None)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("companion.ui.kit.prefs.save_settings", refuse)
    app.appearance.set_theme("dark")
    assert app.status.is_error
    assert app.status.message.startswith("Your settings could not be saved (Permission denied)")
    assert str(app.reader.text.cget("background")) == theme.DARK.background  # applied all the same


def test_window_size_and_place_come_back(make_app):
    app = make_app(None)
    app.root.geometry("940x610+37+26")
    app.root.update()
    app.destroy()
    assert load_settings().geometry == "940x610+37+26"
    again = make_app(None)
    again.root.update()
    assert (again.root.winfo_width(), again.root.winfo_height()) == (940, 610)
    assert again.root.geometry() == "940x610+37+26"


def test_a_place_off_the_screen_is_not_restored(make_app):
    save_settings(Settings(geometry="5000x4000+9000+9000"))
    app = make_app(None)
    app.root.update()
    assert app.root.winfo_width() <= app.root.winfo_screenwidth()
    assert app.root.winfo_height() <= app.root.winfo_screenheight()
    assert app.root.winfo_rootx() < app.root.winfo_screenwidth() - 100


def test_the_last_article_is_opened_again_without_an_argument(make_app, tmp_path, display, real_analyzer):
    from companion.ui.shell.launch import open_app
    article = tmp_path / "budget.txt"
    article.write_text("Budget day\n\nThe Bank of Canada kept its rate, Tiff Macklem said.\n", encoding="utf-8")
    app = make_app(article)
    app.destroy()
    assert load_settings().last_article == str(article.resolve())
    assert load_settings().recent[0] == str(article.resolve())

    again = open_app(None, analyzer=real_analyzer)
    try:
        again.root.update()
        assert again.document.path == str(article.resolve())
    finally:
        again.destroy()

    article.unlink()  # gone: the sample article instead
    third = open_app(None, analyzer=real_analyzer)
    try:
        assert third.document.path == str(DEFAULT_ARTICLE)
    finally:
        third.destroy()


def test_about_shows_the_versions_and_the_data_folder(make_app, data_dir):
    app = make_app(None)
    help_menu = app.root.nametowidget(app.menubar.entrycget(app.menubar.index("Help"), "menu"))
    help_menu.invoke(help_menu.index("About companion"))
    from companion.ui.shell.help import AboutWindow
    windows = [w for w in app.root.winfo_children() if isinstance(w, AboutWindow)]
    assert len(windows) == 1
    about = windows[0]
    versions = dict(about.versions)
    assert versions["companion"] == __version__
    assert versions["Python"] == platform.python_version()
    assert versions["spaCy"] == importlib.metadata.version("spacy")
    assert versions["ttkbootstrap"] == importlib.metadata.version("ttkbootstrap")
    assert versions["Model"].startswith("en_core_web_sm")
    assert about.folder_entry.get() == str(data_dir)
    assert about.settings_entry.get() == str(settings_path())
    about.close()


def test_about_opens_the_data_folder_or_says_why_not(make_app, data_dir, monkeypatch):
    app = make_app(None)
    about = app.show_about()
    launched = []
    monkeypatch.setattr("companion.ui.shell.help.subprocess.Popen", lambda command, **kw: launched.append(command))
    monkeypatch.setattr("companion.ui.shell.help.sys.platform", "linux")
    about.open_button.invoke()
    assert launched == [["xdg-open", str(data_dir)]]
    assert about.error == ""

    def missing(command, **kw):
        raise FileNotFoundError(2, "No such file or directory", command[0])

    monkeypatch.setattr("companion.ui.shell.help.subprocess.Popen", missing)
    about.open_button.invoke()
    assert about.error.startswith("Could not open the folder (No such file or directory)")
    assert "\n" not in about.error
    about.close()


ABOUT_WITHOUT_SPACY = """
import sys
from companion.ui.shell.app import App
app = App(None)
about = app.show_about()
app.root.update()
print(dict(about.versions)["spaCy"], "spacy" in sys.modules)
app.destroy()
"""


def test_about_does_not_import_spacy(display, tmp_path):
    import os
    import subprocess
    import sys
    from companion.resources import ROOT
    env = dict(os.environ, DISPLAY=display, COMPANION_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", ABOUT_WITHOUT_SPACY], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [importlib.metadata.version("spacy"), "False"]
