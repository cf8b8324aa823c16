"""What makes the kiosk usable by every visitor: target sizes, reach, contrast.

Sizes on screen come in two kinds: physical ones (a fingertip, the height
of an arm's reach) need the panel's size and how high it hangs; the rest is
given in pixels at a 1080-pixel short side and scales with the resolution.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# A touch target a fingertip hits reliably, whatever the panel's pixel size.
MIN_TARGET_MM = 20
# The same target in pixels at a 1080-px short side, so it also looks like
# a button on a large panel where 20 mm is few pixels.
MIN_TARGET_PX_AT_1080 = 88
# Space between two targets, so a finger does not touch both.
MIN_GAP_PX_AT_1080 = 8
# ADA 308 forward reach: what a visitor in a wheelchair can touch, in mm
# above the floor.
REACH_LOW_MM = 380
REACH_HIGH_MM = 1220
# Body text read at arm's length, standing.
BODY_TEXT_MIN_PX_AT_1080 = 28
# "Larger text" enlarges every text by this factor.
LARGER_TEXT_SCALE = 1.4
# WCAG 2 AA for normal text; the high-contrast palette meets AAA.
CONTRAST_MIN = 4.5
CONTRAST_MIN_HIGH = 7.0
# How high a band the kiosk's lowest layout needs for all visitor controls,
# in px at a 1080-px short side: an upright screen's overview in larger text
# (two rows of name buttons above a bar of two rows) needs about 560.
# tests/ui/test_accessibility.py renders a screen with just this band.
CONTROL_BAND_PX_AT_1080 = 580

_MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Mounting:
    diagonal_in: float  # of the picture, from the data sheet
    bottom_edge_mm: float  # picture's lower edge above the floor


@dataclass(frozen=True)
class ScreenGeometry:
    """The window on a mounted panel: pixels, millimetres and heights."""

    width_px: int
    height_px: int
    mounting: Mounting

    @property
    def mm_per_px(self) -> float:
        # Square pixels: the diagonal in mm over the diagonal in pixels.
        return self.mounting.diagonal_in * _MM_PER_INCH / math.hypot(self.width_px, self.height_px)

    @property
    def scale(self) -> float:
        return min(self.width_px, self.height_px) / 1080

    def height_above_floor_mm(self, y_px: float) -> float:
        """The height of the row y_px (0 = the top of the screen)."""
        return self.mounting.bottom_edge_mm + (self.height_px - y_px) * self.mm_per_px

    def _y_at_height(self, mm: float) -> float:
        return self.height_px - (mm - self.mounting.bottom_edge_mm) / self.mm_per_px

    def reach_band_px(self) -> tuple[float, float] | None:
        """(top_y, bottom_y) of the rows within reach; None if there are none."""
        top = max(self._y_at_height(REACH_HIGH_MM), 0.0)
        bottom = min(self._y_at_height(REACH_LOW_MM), float(self.height_px))
        return (top, bottom) if top < bottom else None

    @property
    def min_target_px(self) -> int:
        return max(math.ceil(MIN_TARGET_MM / self.mm_per_px), self._at_resolution(MIN_TARGET_PX_AT_1080))

    @property
    def min_gap_px(self) -> int:
        return self._at_resolution(MIN_GAP_PX_AT_1080)

    def size_mm(self, px: float) -> float:
        return px * self.mm_per_px

    def _at_resolution(self, px_at_1080: int) -> int:
        # ceil(px_at_1080 * scale) in whole numbers: a float scale could turn 10 into 11.
        return -(-px_at_1080 * min(self.width_px, self.height_px) // 1080)


def reach_problem(geometry: ScreenGeometry) -> str | None:
    """Why visitors in a wheelchair cannot reach every control, for staff; None if they can."""
    needed_px = CONTROL_BAND_PX_AT_1080 * geometry.scale
    band = geometry.reach_band_px()
    band_px = band[1] - band[0] if band else 0.0
    if band_px >= needed_px:
        return None
    bottom_mm = geometry.mounting.bottom_edge_mm
    top_mm = geometry.height_above_floor_mm(0)
    needed_mm = geometry.size_mm(needed_px)
    # Moving the screen by the shortfall widens the band by as much: the reach
    # range (840 mm) is taller than the band needed on any panel up to 120
    # inches that is 4:3 or wider.
    low_mm, high_mm = max(bottom_mm, REACH_LOW_MM), min(top_mm, REACH_HIGH_MM)
    shift_mm = math.ceil(needed_mm - (high_mm - low_mm))
    if band:
        within = f"Only the part of the screen from {low_mm:.0f} to {high_mm:.0f} mm above the floor is"
    else:
        within = "No part of the screen is"
    if top_mm > REACH_HIGH_MM:
        change = f"hang the screen {shift_mm} mm lower (bottom_edge_mm: {bottom_mm - shift_mm:.0f})"
    else:
        change = f"hang the screen {shift_mm} mm higher (bottom_edge_mm: {bottom_mm + shift_mm:.0f})"
    return (
        f"{within} within reach of visitors in wheelchairs, who reach from {REACH_LOW_MM} to "
        f"{REACH_HIGH_MM} mm; the kiosk's buttons need {needed_mm:.0f} mm inside that range, so {change}"
    )


# --------------------------------------------------------------------------
# WCAG 2 contrast

Color = str | tuple[int, int, int]  # "#rrggbb", or (r, g, b) from 0 to 255
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def _channels(color: Color) -> tuple[int, int, int]:
    if isinstance(color, str):
        if not _HEX_COLOR.fullmatch(color):
            raise ValueError(f"{color!r} is not a colour written #rrggbb")
        return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    red, green, blue = color
    return red, green, blue


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(color: Color) -> float:
    red, green, blue = (_linear(channel) for channel in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: Color, b: Color) -> float:
    """From 1 (the same) to 21 (black on white), whichever is the text."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
