"""Every text the screens draw is readable on what it is drawn on."""

from __future__ import annotations

import pytest

from kiosk.core.accessibility import contrast_ratio
from kiosk.core.model import THEMES
from kiosk.core.theme import HIGH_CONTRAST, PALETTES, TEXT_PAIRS, palette

# Stated here, not taken from the code under test: WCAG 2.1 asks 4.5:1 for
# text (AA) and 7:1 for enhanced contrast (AAA), and these are the pairs the
# screens draw text on (a new pair in the code must be added here too).
AA, AAA = 4.5, 7.0
DRAWN_PAIRS = (
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("accent", "background"),
    ("accent", "surface"),
    ("buttonText", "button"),
    ("selectedText", "selected"),
    ("badgeText", "imprisoned"),
    ("badgeText", "released"),
)


def test_the_code_lists_the_pairs_the_screens_draw():
    assert set(TEXT_PAIRS) == set(DRAWN_PAIRS)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("text", "background"), DRAWN_PAIRS)
def test_theme_text_meets_wcag_aa(theme, text, background):
    colors = PALETTES[theme]
    assert contrast_ratio(colors[text], colors[background]) >= AA


@pytest.mark.parametrize(("text", "background"), DRAWN_PAIRS)
def test_high_contrast_text_meets_wcag_aaa(text, background):
    assert contrast_ratio(HIGH_CONTRAST[text], HIGH_CONTRAST[background]) >= AAA


def test_the_contrast_formula_gives_the_known_extremes():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert contrast_ratio("#777777", "#777777") == 1.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes AA on white


def test_every_palette_has_the_same_colours():
    keys = set(HIGH_CONTRAST)
    assert set(PALETTES) == set(THEMES)
    assert all(set(colors) == keys for colors in PALETTES.values())
    assert {key for pair in DRAWN_PAIRS for key in pair} <= keys


def test_high_contrast_replaces_either_theme():
    for theme in THEMES:
        assert palette(theme, high_contrast=False) is PALETTES[theme]
        assert palette(theme, high_contrast=True) is HIGH_CONTRAST
