"""Light and dark palettes: text on every highlight stays readable (WCAG AA), in the table and in
the reader's Text as it is actually configured in each theme."""

from __future__ import annotations

import pytest


from companion.ui.look import theme
from companion.ui.reading.reader import FIND_CURRENT_TAG, FIND_TAG, FLASH_TAG, GLOSSARY_TAG, NOTE_TAG

AA_TEXT = 4.5
AA_NON_TEXT = 3.0  # an underline is not text: WCAG 1.4.11 asks 3:1 against what is around it

STYLES = [(mode, name) for mode in theme.PALETTES for name in theme.text_styles(theme.PALETTES[mode])]


@pytest.mark.parametrize("mode, name", STYLES)
def test_text_on_every_style_keeps_aa_contrast(mode, name):
    foreground, background = theme.text_styles(theme.PALETTES[mode])[name]
    assert theme.contrast_ratio(foreground, background) >= AA_TEXT, (mode, name, foreground, background)


def test_every_reader_style_is_in_the_table():
    names = set(theme.text_styles(theme.LIGHT))
    assert {"PERSON", "ORG", "note", "flash", "glossary", "find", "find-current", "selection"} <= names


@pytest.mark.parametrize("palette", theme.PALETTES.values(), ids=list(theme.PALETTES))
def test_underlines_stand_out_from_the_page(palette):
    assert theme.contrast_ratio(palette.glossary_underline, palette.background) >= AA_NON_TEXT


@pytest.mark.parametrize("palette", theme.PALETTES.values(), ids=list(theme.PALETTES))
def test_the_highlights_of_a_palette_can_be_told_apart(palette):
    backgrounds = [palette.highlight(label) for label in theme.HIGHLIGHTS]
    backgrounds += [palette.note, palette.flash, palette.find, palette.find_current, palette.selection,
                    palette.background]
    assert len(set(backgrounds)) == len(backgrounds)


def test_the_two_palettes_are_light_and_dark():
    assert theme.contrast_ratio(theme.LIGHT.background, "#ffffff") < 1.1
    assert theme.contrast_ratio(theme.DARK.background, "#000000") < 2.0
    assert theme.palette_of_ttk_theme("bootstrap-dark") is theme.DARK
    assert theme.palette("no such mode") is theme.LIGHT


@pytest.mark.ui
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_reader_draws_each_style_with_aa_contrast(make_app, mode):
    """What the Text is really configured with, after a switch to `mode` (not just the table)."""
    app = make_app(None)
    app.appearance.set_theme("dark" if mode == "light" else "light")
    app.appearance.set_theme(mode)
    text = app.reader.text
    ink = str(text.cget("foreground"))
    page = str(text.cget("background"))
    assert page == theme.palette(mode).background
    tags = {style.label: style.tag for style in theme.HIGHLIGHTS.values()}
    tags.update(note=NOTE_TAG, flash=FLASH_TAG, find=FIND_TAG, find_current=FIND_CURRENT_TAG)
    for name, tag in tags.items():
        background = str(text.tag_cget(tag, "background"))
        foreground = str(text.tag_cget(tag, "foreground")) or ink
        assert theme.contrast_ratio(foreground, background) >= AA_TEXT, (mode, name, background)
    glossary_ink = str(text.tag_cget(GLOSSARY_TAG, "foreground")) or ink
    assert theme.contrast_ratio(glossary_ink, page) >= AA_TEXT
    assert theme.contrast_ratio(str(text.tag_cget(GLOSSARY_TAG, "underlinefg")), page) >= AA_NON_TEXT
    selection = str(text.cget("selectbackground"))
    assert theme.contrast_ratio(str(text.cget("selectforeground")), selection) >= AA_TEXT


@pytest.mark.ui
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_muted_and_error_labels_are_readable_on_the_window(make_app, mode):
    import ttkbootstrap as ttk
    app = make_app(None)
    app.appearance.set_theme(mode)
    style = ttk.Style()
    window = str(style.lookup("TFrame", "background"))
    for name in (theme.MUTED_LABEL, theme.ERROR_LABEL, theme.READER_META):
        background = str(style.lookup(name, "background")) or window
        assert theme.contrast_ratio(str(style.lookup(name, "foreground")), background) >= AA_TEXT, name
    app.status.show_message("Something failed.", error=True)
    assert theme.contrast_ratio(str(app.status.message_label.cget("foreground")), window) >= AA_TEXT
