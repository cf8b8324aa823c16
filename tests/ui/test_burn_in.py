"""Burn-in protection: no text or image stays on the same pixels for long."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import pytest

from kiosk.core.burn_in import STEP_PX
from tests.ui.helpers import find, rect_of_text, tap, is_shown

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("screen", ["attract", "overview"])
def test_everything_shown_moves_within_the_allowed_time(qtbot, make_ui, config, screen):
    max_static_s = 0.6
    kiosk = make_ui(dataclasses.replace(config, burn_in_max_static_s=max_static_s))
    window = kiosk.window
    if screen == "overview":
        tap(qtbot, window, find(window, "attractScreen"))
        qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
    names = {"attract": "attractTitle", "overview": "overviewHeading"}
    title = find(window, names[screen])
    seen = [rect_of_text(title).topLeft()]
    pixels = [window.grabWindow()]
    for _ in range(3):
        qtbot.wait(round(max_static_s * 1000))
        seen.append(rect_of_text(title).topLeft())
        pixels.append(window.grabWindow())
    # Each wait of max_static_s saw at least one step of STEP_PX pixels.
    for before, after in pairwise(seen):
        moved = max(abs(after.x() - before.x()), abs(after.y() - before.y()))
        assert moved >= STEP_PX, seen
    # And the drawn pixels changed with it, not only the item's coordinates.
    assert all(a != b for a, b in pairwise(pixels))
    # It stays a small orbit: the layout is never pushed off the screen.
    assert max(abs(p.x() - seen[0].x()) for p in seen) <= 2 * STEP_PX
