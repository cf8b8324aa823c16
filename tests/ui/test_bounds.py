"""Valid means it runs: the real kiosk built from a kiosk.yaml with every number at its bound.

Before the bounds, `burn_in.max_static_s: 4294968` (or an idle or staff menu
timeout past 2^31 ms) passed `kiosk check` and stopped the kiosk with an
OverflowError from a Qt timer; a huge `wake_s` or `keep_days` overflowed a
date. tests/config/test_config_bounds.py checks that such values are refused;
here every value `kiosk check` accepts at the edges arms its timer or date
without an error or a QML warning, and does what a person expects.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QSize, Qt

from kiosk.config import load_config, schema
from kiosk.core.pin import hash_pin
from kiosk.runtime.stats import StatsRecorder
from kiosk.ui.state import Clocks
from tests.kiosk_copy import copy_config, replace_in
from tests.ui.helpers import find, is_shown

pytestmark = pytest.mark.slow

TODAY = dt.date(2027, 5, 4)
TUESDAY_NOON = dt.datetime(2027, 5, 4, 12, 0)
SATURDAY_NOON = dt.datetime(2027, 5, 8, 12, 0)  # closed
PIN = "246813"

LINES = {
    "  timeout_s: 60": schema.IDLE_TIMEOUT,
    "  warning_s: 15": schema.IDLE_WARNING,
    "  max_static_s: 300": schema.BURN_IN_MAX_STATIC,
    "  taps: 5": schema.STAFF_TAPS,
    "  within_s: 3": schema.STAFF_WITHIN,
    "  menu_timeout_s: 60": schema.STAFF_MENU_TIMEOUT,
    "  keep_days: 400": schema.KEEP_DAYS,
}


class WallClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def config_at(tmp_path, bound: str, resolution: str):
    kiosk_yaml = copy_config(tmp_path)
    for line, spec in LINES.items():
        key = line.split(":")[0]
        replace_in(kiosk_yaml, line, f"{key}: {getattr(spec, bound)}")
    replace_in(kiosk_yaml, "resolution: 1920x1080", f"resolution: {resolution}")
    replace_in(kiosk_yaml, "  pin_hash:", f"  pin_hash: {hash_pin(PIN)}")
    week = "\n".join(f"    {day}: {'closed' if day == 'saturday' else '10:00-18:00'}" for day in schema.WEEKDAYS)
    with kiosk_yaml.open("a", encoding="utf-8") as stream:
        stream.write(f"\nschedule:\n  hours:\n{week}\n  wake_s: {getattr(schema.WAKE, bound)}\n")
    return load_config(kiosk_yaml, today=TODAY).config


@pytest.mark.parametrize(
    ("bound", "resolution"), [("minimum", "1280x720"), ("maximum", "3840x2160")], ids=["minimum", "maximum"]
)
def test_the_kiosk_runs_with_every_number_at_its_bound(qtbot, make_ui, tmp_path, bound, resolution):
    config = config_at(tmp_path, bound, resolution)
    width, height = config.screen.width, config.screen.height
    clock = WallClock(TUESDAY_NOON)
    ui = make_ui(config, QSize(width, height), clocks=Clocks(now=clock))  # the burn-in timer starts here
    window, state = ui.window, ui.state

    # A visitor walks in: the idle timer starts; asked if still there, the countdown shows its seconds.
    state.start()
    qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
    state.idle.warn()
    qtbot.waitUntil(lambda: is_shown(window, "idleCountdown"))
    assert str(schema.IDLE_WARNING.minimum if bound == "minimum" else schema.IDLE_WARNING.maximum) in find(
        window, "idleCountdown"
    ).property("text")
    state.idle.activity()
    qtbot.waitUntil(lambda: not is_shown(window, "idleOverlay"))

    # Staff tap the corner as often as configured: the PIN pad opens, and its timer is armed.
    for _ in range(config.staff.taps):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: is_shown(window, "pinPad"))
    state.staff.touched()
    assert is_shown(window, "pinPad")

    # Out of hours the screen sleeps; a touch wakes it for wake_s.
    clock.now = SATURDAY_NOON
    state.sleep.refresh()
    assert state.sleep.asleep
    state.sleep.wake()
    assert not state.sleep.asleep

    # The hourly counts are kept keep_days days.
    StatsRecorder(tmp_path / "stats.sqlite3", keep_days=config.stats.keep_days).close()
