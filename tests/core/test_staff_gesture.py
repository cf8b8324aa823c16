"""The staff's corner gesture: enough quick taps in the right corner, and only there."""

from __future__ import annotations

import pytest

from kiosk.core.model import CORNERS, StaffSettings
from kiosk.core.staff_gesture import corner_taps, in_corner

W, H = 1920, 1080  # the corner is 160 px square at this size


def settings(corner: str = "top-left", taps: int = 5, within_s: float = 3) -> StaffSettings:
    return StaffSettings(pin_hash=None, corner=corner, taps=taps, within_s=within_s, menu_timeout_s=60)


@pytest.mark.parametrize(
    ("corner", "inside", "outside"),
    [
        ("top-left", (10, 10), (170, 10)),
        ("top-right", (W - 10, 10), (W - 10, 170)),
        ("bottom-left", (10, H - 10), (W - 10, H - 10)),
        ("bottom-right", (W - 159, H - 159), (W - 161, H - 10)),
    ],
)
def test_each_corner_is_a_thumb_s_width_square(corner, inside, outside):
    assert corner in CORNERS
    assert in_corner(corner, *inside, W, H)
    assert not in_corner(corner, *outside, W, H)


def test_the_corner_grows_with_the_screen():
    assert in_corner("top-left", 300, 300, 3840, 2160)  # 320 px square on a 4K screen
    assert not in_corner("top-left", 300, 300, W, H)


def test_five_quick_taps_in_the_corner_open_the_pad():
    taps: tuple[float, ...] = ()
    for n in range(4):
        taps, opens = corner_taps(settings(), taps, 10 + n * 0.5, 20, 20, W, H)
        assert not opens
    taps, opens = corner_taps(settings(), taps, 12, 20, 20, W, H)
    assert opens and taps == ()  # the next gesture counts from nothing


def test_taps_exactly_within_s_apart_still_count():
    taps: tuple[float, ...] = ()
    for now in (0, 0.75, 1.5, 2.25):
        taps, opens = corner_taps(settings(within_s=3), taps, now, 20, 20, W, H)
    taps, opens = corner_taps(settings(within_s=3), taps, 3.0, 20, 20, W, H)
    assert opens


def test_slow_taps_never_add_up():
    taps: tuple[float, ...] = ()
    for n in range(20):
        taps, opens = corner_taps(settings(within_s=3), taps, n * 1.0, 20, 20, W, H)
        assert not opens  # at most four taps within any 3 seconds
        assert len(taps) <= 4


def test_a_press_elsewhere_breaks_the_run():
    taps: tuple[float, ...] = ()
    for n in range(4):
        taps, _ = corner_taps(settings(), taps, n * 0.1, 20, 20, W, H)
    taps, opens = corner_taps(settings(), taps, 0.5, 900, 500, W, H)
    assert (taps, opens) == ((), False)
    taps, opens = corner_taps(settings(), taps, 0.6, 20, 20, W, H)
    assert not opens and taps == (0.6,)
