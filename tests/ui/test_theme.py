"""Colours and fonts, without a display."""

from __future__ import annotations

import pytest

from companion.ui.look import theme


@pytest.mark.parametrize("background", [s.background for s in theme.HIGHLIGHTS.values()]
                         + [theme.NOTE_BACKGROUND, theme.FLASH_BACKGROUND, theme.SELECT_BACKGROUND])
def test_highlighted_text_stays_readable(background):
    assert theme.contrast_ratio(theme.TEXT_FOREGROUND, background) >= 4.5


def test_person_and_organization_colours_differ():
    person, org = theme.HIGHLIGHTS["PERSON"].background, theme.HIGHLIGHTS["ORG"].background
    assert person != org
    assert {theme.HIGHLIGHTS[k].tag for k in ("PERSON", "ORG")} == {"ent-PERSON", "ent-ORG"}


def test_muted_and_error_text_are_readable_on_white():
    assert theme.contrast_ratio(theme.MUTED_FOREGROUND, "#ffffff") >= 4.5
    assert theme.contrast_ratio(theme.ERROR_FOREGROUND, "#ffffff") >= 4.5


def test_contrast_ratio_extremes():
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


def test_pick_font_prefers_the_first_installed():
    assert theme.pick_font(["DejaVu Serif", "georgia"]) == "georgia"
    assert theme.pick_font(["Comic Sans"]) is None
