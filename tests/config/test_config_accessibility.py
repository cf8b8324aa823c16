"""Settings for visitors with disabilities: the screen's size and height (for
touch targets in millimetres and the reach from a wheelchair), reduce_motion,
and the texts of the display options."""

from __future__ import annotations

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.core.accessibility import Mounting
from tests.conftest import beyond_bundled

K, T = "kiosk.yaml", "texts.yaml"


def only_error(cfg, tools, line, field, phrase):
    """The one error, and no warning (a broken size must not also warn about reach)."""
    with pytest.raises(ConfigError) as caught:
        cfg.load()
    assert not beyond_bundled(caught.value.warnings)
    return tools.only(caught.value.problems, K, line, field, phrase)


def test_the_shipped_settings(tools):
    loaded = load_config(tools.REAL_CONFIG / K)
    assert loaded.config.screen.mounting == Mounting(diagonal_in=43, bottom_edge_mm=900)
    assert loaded.config.reduce_motion is False
    assert not [warning for warning in loaded.warnings if warning.field.startswith("screen")]


def test_left_out_they_take_the_defaults(cfg):
    for text in ("  diagonal_in:", "  bottom_edge_mm:", "reduce_motion:"):
        cfg.delete(K, cfg.line_of(K, text))
    loaded = cfg.load()
    assert loaded.config.screen.mounting == Mounting(43, 900)
    assert loaded.config.reduce_motion is False
    assert not beyond_bundled(loaded.warnings)


@pytest.mark.parametrize(("written", "inches"), [("55.5", 55.5), ("32", 32.0), ("10", 10.0), ("120", 120.0)])
def test_diagonal_in_may_have_decimals(cfg, written, inches):
    cfg.replace(K, "diagonal_in: 43", f"diagonal_in: {written}")
    assert cfg.load().config.screen.mounting.diagonal_in == inches


@pytest.mark.parametrize("height", [0, 760, 2500])
def test_bottom_edge_mm(cfg, height):
    cfg.replace(K, "bottom_edge_mm: 900", f"bottom_edge_mm: {height}")
    assert cfg.load().config.screen.mounting.bottom_edge_mm == height


def test_reduce_motion_can_be_switched_on(cfg):
    cfg.replace(K, "reduce_motion: false", "reduce_motion: true")
    assert cfg.load().config.reduce_motion is True


@pytest.mark.parametrize(
    ("old", "new", "field", "phrase"),
    [
        (
            "diagonal_in: 43",
            "diagonal_in: forty-three",
            "screen.diagonal_in",
            "is not a number of inches; write only the number, e.g. 43",
        ),
        ("diagonal_in: 43", 'diagonal_in: 43"', "screen.diagonal_in", "is not a number of inches"),
        ("diagonal_in: 43", "diagonal_in: 55,5", "screen.diagonal_in", "is not a number of inches"),
        ("diagonal_in: 43", 'diagonal_in: "43"', "screen.diagonal_in", "is not a number of inches"),
        ("diagonal_in: 43", "diagonal_in: yes", "screen.diagonal_in", "is not a number of inches"),
        ("diagonal_in: 43", "diagonal_in: [43]", "screen.diagonal_in", "must be a number like 43"),
        ("diagonal_in: 43", "diagonal_in: 9.9", "screen.diagonal_in", "between 10 and 120 inches (not 9.9)"),
        ("diagonal_in: 43", "diagonal_in: 430", "screen.diagonal_in", "between 10 and 120 inches (not 430)"),
        ("diagonal_in: 43", "diagonal_in: .nan", "screen.diagonal_in", "between 10 and 120 inches"),
        ("bottom_edge_mm: 900", "bottom_edge_mm: 90cm", "screen.bottom_edge_mm", "must be a whole number, e.g. 900"),
        ("bottom_edge_mm: 900", "bottom_edge_mm: 900.5", "screen.bottom_edge_mm", "must be a whole number"),
        ("bottom_edge_mm: 900", "bottom_edge_mm: true", "screen.bottom_edge_mm", "must be a whole number"),
        ("bottom_edge_mm: 900", "bottom_edge_mm: -10", "screen.bottom_edge_mm", "between 0 and 2500 (not -10)"),
        ("bottom_edge_mm: 900", "bottom_edge_mm: 9000", "screen.bottom_edge_mm", "between 0 and 2500 (not 9000)"),
        ("reduce_motion: false", "reduce_motion: 1", "reduce_motion", "must be true or false"),
        ("reduce_motion: false", 'reduce_motion: "false"', "reduce_motion", "must be true or false"),
        ("reduce_motion: false", "reduce_motion: sometimes", "reduce_motion", "must be true or false"),
    ],
)
def test_wrong_values(cfg, tools, old, new, field, phrase):
    line = cfg.replace(K, old, new)
    only_error(cfg, tools, line, field, phrase)


def test_a_screen_hung_too_high_is_a_warning_on_its_height(cfg, tools):
    cfg.replace(K, "orientation: landscape", "orientation: portrait")
    line = cfg.replace(K, "bottom_edge_mm: 900", "bottom_edge_mm: 1100")
    loaded = cfg.load()  # the kiosk still runs
    warning = tools.only(
        beyond_bundled(loaded.warnings), K, line, "screen.bottom_edge_mm", "from 1100 to 1220 mm above the floor"
    )
    assert "hang the screen 168 mm lower (bottom_edge_mm: 932)" in warning.message
    cfg.replace(K, "bottom_edge_mm: 1100", "bottom_edge_mm: 932")
    assert not beyond_bundled(cfg.load().warnings)


def test_a_large_screen_at_the_default_height_is_a_warning_on_the_screen_line(cfg, tools):
    # 65 inches: the buttons need 360 mm, but only 900 to 1220 mm is in reach.
    cfg.delete(K, cfg.line_of(K, "  bottom_edge_mm:"))
    cfg.replace(K, "diagonal_in: 43", "diagonal_in: 65")
    screen = cfg.line_of(K, "screen:", top=True)
    warning = tools.only(beyond_bundled(cfg.load().warnings), K, screen, "screen.bottom_edge_mm", "mm lower")
    assert "from 900 to 1220 mm" in warning.message


@pytest.mark.parametrize(("key", "sv", "en"), [
    ("larger_text", "Större text", "Larger text"),
    ("high_contrast", "Hög kontrast", "High contrast"),
    ("display_options", "Visningsalternativ", "Display options"),
])
def test_the_display_option_texts(cfg, tools, key, sv, en):
    assert dict(cfg.load().config.content.ui[key]) == {"sv": sv, "en": en}
    line = cfg.replace(T, f"en: {en}", f"en: {en} {{name}}")
    tools.only(cfg.errors(), T, line, f"ui.{key}.en", "takes no {placeholders}")
    start = cfg.line_of(T, f"  {key}:")
    cfg.delete(T, start, cfg.block_length(T, start))
    tools.only(cfg.errors(), T, cfg.line_of(T, "ui:"), f"ui.{key}", "is missing")
