"""Target sizes, reach and contrast, against values worked out by hand."""

from __future__ import annotations

import re

import pytest

from kiosk.core.accessibility import (
    Mounting,
    ScreenGeometry,
    contrast_ratio,
    reach_problem,
    relative_luminance,
)

# A 43-inch panel with its picture's lower edge 900 mm above the floor (kiosk.yaml's defaults).
DIAGONAL_IN = 43
REFERENCE = Mounting(diagonal_in=DIAGONAL_IN, bottom_edge_mm=900)
LANDSCAPE = ScreenGeometry(1920, 1080, REFERENCE)
PORTRAIT = ScreenGeometry(1080, 1920, REFERENCE)


def hung_at(bottom_edge_mm: float, width: int = 1920, height: int = 1080) -> ScreenGeometry:
    return ScreenGeometry(width, height, Mounting(DIAGONAL_IN, bottom_edge_mm))


# --------------------------------------------------------------------------
# Contrast


def test_black_on_white_is_the_largest_contrast():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


@pytest.mark.parametrize(("grey", "ratio"), [("#777777", 4.48), ("#767676", 4.54)])
def test_greys_on_white_either_side_of_wcag_aa(grey, ratio):
    # #767676 is the lightest grey that passes 4.5:1 on white; #777777 just fails.
    assert contrast_ratio(grey, "#ffffff") == pytest.approx(ratio, abs=0.005)
    assert contrast_ratio("#ffffff", grey) == contrast_ratio(grey, "#ffffff")


def test_dark_channels_are_linear_below_the_srgb_threshold():
    assert relative_luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)  # 0.0392 <= 0.04045
    assert relative_luminance("#0b0b0b") == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)


def test_measured_pixels_may_be_given_as_rgb():
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)
    assert contrast_ratio((119, 119, 119), "#FFFFFF") == contrast_ratio("#777777", "#ffffff")


@pytest.mark.parametrize("color", ["777777", "#777", "#77777g", "white"])
def test_a_colour_not_written_rrggbb_is_refused(color):
    with pytest.raises(ValueError):
        relative_luminance(color)


# --------------------------------------------------------------------------
# Sizes


def test_a_43_inch_full_hd_panel():
    # 1092.2 mm of diagonal over 2202.9 pixels.
    assert LANDSCAPE.mm_per_px == pytest.approx(0.4958, abs=5e-5)
    assert PORTRAIT.mm_per_px == LANDSCAPE.mm_per_px
    assert LANDSCAPE.scale == PORTRAIT.scale == 1
    assert LANDSCAPE.size_mm(1080) == pytest.approx(535.5, abs=0.05)
    assert (LANDSCAPE.min_target_px, LANDSCAPE.min_gap_px) == (88, 8)


def test_targets_scale_with_the_resolution():
    uhd = ScreenGeometry(3840, 2160, REFERENCE)
    assert (uhd.scale, uhd.min_target_px, uhd.min_gap_px) == (2, 176, 16)
    assert ScreenGeometry(2560, 1440, REFERENCE).min_gap_px == 11  # 10.67 rounded up
    assert ScreenGeometry(2400, 1350, REFERENCE).min_gap_px == 10  # exactly 10, not 11


def test_a_small_panel_needs_targets_of_20_mm():
    tablet = ScreenGeometry(1920, 1080, Mounting(diagonal_in=10, bottom_edge_mm=1000))
    assert tablet.min_target_px == 174  # 20 mm / 0.1153 mm per pixel = 173.5
    assert tablet.size_mm(tablet.min_target_px) >= 20


# --------------------------------------------------------------------------
# Reach


def test_heights_above_the_floor():
    assert LANDSCAPE.height_above_floor_mm(1080) == 900
    assert LANDSCAPE.height_above_floor_mm(0) == pytest.approx(1435.5, abs=0.05)
    assert PORTRAIT.height_above_floor_mm(0) == pytest.approx(1851.9, abs=0.05)


def test_the_default_mounting_has_its_lower_part_within_reach():
    # The top of the band is 1220 mm: 215.5 mm (landscape) or 631.9 mm (portrait)
    # below the top of the screen; the bottom edge at 900 mm is within reach.
    assert LANDSCAPE.reach_band_px() == pytest.approx((434.6, 1080), abs=0.05)
    assert PORTRAIT.reach_band_px() == pytest.approx((1274.6, 1920), abs=0.05)


def test_a_screen_hung_above_reach_has_no_band():
    assert hung_at(1300).reach_band_px() is None
    assert hung_at(1220).reach_band_px() is None


def test_a_screen_hung_low_has_its_band_above_its_bottom():
    top, bottom = hung_at(200).reach_band_px()
    assert top == 0
    assert bottom == pytest.approx(1080 - 180 / 0.4958, abs=0.1)  # 380 mm is 180 mm above the edge
    assert hung_at(200).height_above_floor_mm(bottom) == pytest.approx(380)


@pytest.mark.parametrize("geometry", [LANDSCAPE, PORTRAIT, hung_at(200), hung_at(0, 1080, 1920)], ids=repr)
def test_no_reach_problem_where_the_controls_fit(geometry):
    assert reach_problem(geometry) is None


@pytest.mark.parametrize(
    ("geometry", "within", "direction"),
    [
        (hung_at(1100, 1080, 1920), "from 1100 to 1220 mm above the floor", "lower"),
        (hung_at(1300), "No part of the screen", "lower"),
        (hung_at(0), "from 380 to 535 mm above the floor", "higher"),
    ],
)
def test_a_screen_out_of_reach_gets_advice_that_works(geometry, within, direction):
    problem = reach_problem(geometry)
    assert within in problem and f"mm {direction}" in problem
    suggested = int(re.search(r"bottom_edge_mm: (\d+)", problem)[1])
    moved = ScreenGeometry(geometry.width_px, geometry.height_px, Mounting(DIAGONAL_IN, suggested))
    assert reach_problem(moved) is None
    assert problem.count(".") == 0 and "\n" not in problem  # one sentence, for staff
