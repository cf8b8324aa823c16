"""Every text the screens draw is readable on what it is drawn on."""

from __future__ import annotations

import pytest

from kiosk.core.accessibility import CONTRAST_MIN, CONTRAST_MIN_HIGH, contrast_ratio
from kiosk.core.model import THEMES
from kiosk.core.theme import HIGH_CONTRAST, PALETTES, TEXT_PAIRS, palette


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_theme_text_meets_wcag_aa(theme, text, background):
    colors = PALETTES[theme]
    assert contrast_ratio(colors[text], colors[background]) >= CONTRAST_MIN


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_high_contrast_text_meets_wcag_aaa(text, background):
    assert contrast_ratio(HIGH_CONTRAST[text], HIGH_CONTRAST[background]) >= CONTRAST_MIN_HIGH


def test_every_palette_has_the_same_colours():
    keys = set(HIGH_CONTRAST)
    assert set(PALETTES) == set(THEMES)
    assert all(set(colors) == keys for colors in PALETTES.values())
    assert {key for pair in TEXT_PAIRS for key in pair} <= keys


def test_high_contrast_replaces_either_theme():
    for theme in THEMES:
        assert palette(theme, high_contrast=False) is PALETTES[theme]
        assert palette(theme, high_contrast=True) is HIGH_CONTRAST
