"""Colours and fonts, without a display (the contrast of every style: test_palettes)."""

from __future__ import annotations

import pytest

from companion.ui.look import fonts, theme


def test_person_and_organization_have_their_own_tags():
    assert {theme.HIGHLIGHTS[k].tag for k in ("PERSON", "ORG")} == {"ent-PERSON", "ent-ORG"}


def test_contrast_ratio_extremes():
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


def test_pick_font_prefers_the_first_installed():
    assert fonts.pick_font(["DejaVu Serif", "georgia"]) == "georgia"
    assert fonts.pick_font(["Comic Sans"]) is None
