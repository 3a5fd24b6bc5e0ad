"""View menu: light/dark, text size, font, column width and line spacing — shown at once,
remembered in the settings and there again in the next window."""

from __future__ import annotations

import json

import pytest

from companion.store.settings import load_settings, settings_path
from companion.ui.look import fonts, theme

pytestmark = pytest.mark.ui


def menu_named(app, label: str):
    """The menu bar's cascade called `label`."""
    for i in range(app.menubar.index("end") + 1):
        if app.menubar.type(i) == "cascade" and app.menubar.entrycget(i, "label") == label:
            return app.root.nametowidget(app.menubar.entrycget(i, "menu"))
    raise AssertionError(f"no {label} menu")


def entry_index(menu, label: str) -> int:
    for i in range(menu.index("end") + 1):
        if menu.type(i) not in ("separator", "tearoff") and menu.entrycget(i, "label") == label:
            return i
    raise AssertionError(f"no entry {label!r}")


def submenu(app, menu, label: str):
    return app.root.nametowidget(menu.entrycget(entry_index(menu, label), "menu"))


def font_size(app) -> int:
    return int(app.reader.tk.call("font", "actual", app.reader.text.cget("font"), "-size"))


def test_dark_theme_from_the_view_menu_repaints_the_reader_and_is_remembered(make_app):
    app = make_app(None)
    text = app.reader.text
    assert str(text.cget("background")) == theme.LIGHT.background
    view = menu_named(app, "View")
    view.invoke(entry_index(view, "Dark theme"))
    app.root.update()
    assert str(text.cget("background")) == theme.DARK.background
    assert str(text.cget("foreground")) == theme.DARK.text
    assert str(text.tag_cget("ent-PERSON", "background")) == theme.DARK.highlight("PERSON")
    assert app.root.style.theme_use() == "bootstrap-dark"
    assert load_settings().theme == "dark"
    app.destroy()

    again = make_app(None)
    assert again.root.style.theme_use() == "bootstrap-dark"
    assert str(again.reader.text.cget("background")) == theme.DARK.background
    assert str(again.reader.text.tag_cget("note", "background")) == theme.DARK.note
    # Ctrl+Shift+D goes back to light.
    again.reader.text.event_generate("<Control-Shift-D>")
    assert str(again.reader.text.cget("background")) == theme.LIGHT.background
    assert load_settings().theme == "light"


def test_a_theme_switch_keeps_hidden_highlights_hidden(make_app):
    app = make_app(None)
    app.legend.buttons["PERSON"].invoke()  # untick People
    app.appearance.set_theme("dark")
    assert str(app.reader.text.tag_cget("ent-PERSON", "background")) == ""
    assert str(app.reader.text.tag_cget("ent-ORG", "background")) == theme.DARK.highlight("ORG")


def test_zoom_keys_change_the_text_size_and_it_is_remembered(make_app):
    app = make_app(None)
    text = app.reader.text
    assert font_size(app) == fonts.READER_SIZE
    text.event_generate("<Control-plus>")
    text.event_generate("<Control-equal>")  # Ctrl+= is the same key without Shift
    assert font_size(app) == 14
    assert load_settings().font_size == 14
    title_size = int(app.reader.tk.call("font", "actual", app.reader.title_label.cget("font"), "-size"))
    assert title_size == 14 + fonts.TITLE_EXTRA
    app.root.event_generate("<Control-minus>")
    assert font_size(app) == 13
    app.destroy()

    again = make_app(None)
    assert font_size(again) == 13
    again.reader.text.event_generate("<Control-Key-0>")
    assert font_size(again) == fonts.READER_SIZE
    assert load_settings().font_size == fonts.READER_SIZE


def test_the_font_chosen_in_the_view_menu_is_remembered(make_app):
    app = make_app(None)
    fonts = submenu(app, menu_named(app, "View"), "Font")
    labels = [fonts.entrycget(i, "label") for i in range(fonts.index("end") + 1)]
    assert labels[0].startswith("Default (")
    if len(labels) < 2:
        pytest.skip("only one font family is installed")
    fonts.invoke(1)
    chosen = labels[1]
    assert app.reader.text.cget("font").startswith(("{" + chosen, chosen))
    assert load_settings().font_family == chosen
    app.destroy()
    again = make_app(None)
    assert again.reader.font_family == chosen


def test_narrower_and_wider_column_change_the_margins_and_are_remembered(make_app):
    app = make_app(None)
    left, right = app.reader.margins
    assert left == right and left > fonts.MIN_MARGIN  # centred, with room to spare at 1280 px
    app.reader.text.event_generate("<Control-bracketleft>")
    app.root.update()
    narrower = app.reader.margins[0]
    assert narrower > left
    assert load_settings().column_width == fonts.COLUMN_WIDTH - fonts.COLUMN_STEP
    assert "column" in app.status.message
    view = menu_named(app, "View")
    view.invoke(entry_index(view, "Wider column"))
    view.invoke(entry_index(view, "Wider column"))
    app.root.update()
    assert app.reader.margins[0] < left
    assert load_settings().column_width == fonts.COLUMN_WIDTH + fonts.COLUMN_STEP
    app.destroy()

    again = make_app(None)
    assert again.reader.column_width == fonts.COLUMN_WIDTH + fonts.COLUMN_STEP


def test_line_spacing_from_the_view_menu_is_applied_and_remembered(make_app):
    app = make_app(None)
    text = app.reader.text
    spacing = submenu(app, menu_named(app, "View"), "Line spacing")
    heights = {}
    for name in ("Compact", "Comfortable", "Airy"):
        spacing.invoke(entry_index(spacing, name))
        heights[name] = int(text.cget("spacing2"))
    assert heights["Compact"] < heights["Comfortable"] < heights["Airy"]
    assert load_settings().line_spacing == fonts.LINE_SPACINGS["airy"]
    app.destroy()
    again = make_app(None)
    assert int(again.reader.text.cget("spacing2")) == heights["Airy"]
    assert again.root.getvar("companion_line_spacing") == "airy"


def test_the_ticked_highlights_are_remembered(make_app):
    app = make_app(None)
    app.legend.buttons["glossary"].invoke()
    assert load_settings().shown == ("PERSON", "ORG")
    app.destroy()
    again = make_app(None)
    assert not again.legend.is_shown("glossary") and again.legend.is_shown("PERSON")
    assert again.reader.glossary_visible is False


def test_settings_are_one_json_object_on_disk(make_app):
    app = make_app(None)
    app.appearance.zoom(1)
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data["font_size"] == 13 and "problem" not in data
