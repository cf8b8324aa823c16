"""The hidden gesture that opens the staff's PIN pad: quick taps in a corner.

The corner and the number of taps are settings (kiosk.yaml `staff`); the
corner's size follows the screen, so it stays a thumb's width on any
resolution.
"""

from __future__ import annotations

from kiosk.core.model import StaffSettings

CORNER_SIZE_PX = 160  # at 1080 px on the short side: a thumb's width from the edge


def in_corner(corner: str, x: float, y: float, width: float, height: float) -> bool:
    """Whether a press at (x, y) on a width x height window is in `corner` (one of model.CORNERS)."""
    size = CORNER_SIZE_PX * min(width, height) / 1080
    vertical, horizontal = corner.split("-")
    in_x = x < size if horizontal == "left" else x > width - size
    in_y = y < size if vertical == "top" else y > height - size
    return in_x and in_y


def corner_taps(
    settings: StaffSettings, taps: tuple[float, ...], now: float, x: float, y: float, width: float, height: float
) -> tuple[tuple[float, ...], bool]:
    """A press at (x, y) at `now` (seconds, monotonic), after the corner taps
    `taps`: the taps that count from now on, and whether they open the PIN pad.

    A press outside the corner breaks the run; in it, the press counts with
    those at most `within_s` before it. Enough of them open the pad, and the
    count starts again.
    """
    if not in_corner(settings.corner, x, y, width, height):
        return (), False
    taps = (*(tap for tap in taps if now - tap <= settings.within_s), now)
    if len(taps) >= settings.taps:
        return (), True
    return taps, False
