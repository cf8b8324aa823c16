"""Screenshots of what visitors see, taken by the running kiosk of its own
window: on every change between the kiosk, the night and 'out of order', at
the interval, the same pixels as the window, and a folder that refuses them
said once. (The frame figures while one is taken are measured by
scripts/measure-screenshot-frames, not asserted here.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import logging

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.runtime.background import chore_pool
from kiosk.runtime.screenshots import FOLDER, LATEST, ring_files
from kiosk.ui.shell.health_watch import HealthWatch
from kiosk.ui.shell.screenshots import ScreenshotTaker
from kiosk.ui.state import Clocks
from kiosk.ui.shell.supervisor import load_out_of_order
from tests.ui.test_opening_hours import clock, scheduled  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

HOUR = dt.timedelta(hours=1)
WAIT_MS = 20_000  # PNG encoding on a busy machine


def taken(state) -> list[str]:
    """The ring's file names, oldest first (none while the folder is not made)."""
    return [path.name for path in ring_files(state / FOLDER)]


def wait_for_reasons(qtbot, state, *reasons: str) -> list[str]:
    """The ring once its newest files were taken for these reasons, in this order."""
    def there() -> bool:
        names = taken(state)
        return [name.split(" ", 1)[1].removesuffix(".png") for name in names[-len(reasons):]] == list(reasons)

    qtbot.waitUntil(there, timeout=WAIT_MS)
    return taken(state)


def same_pixels(png_path, window) -> bool:
    kept = QImage(str(png_path)).convertToFormat(QImage.Format.Format_RGB32)
    shown = window.grabWindow().convertToFormat(QImage.Format.Format_RGB32)
    return not kept.isNull() and kept == shown


@pytest.fixture
def out_of_order(qtbot):
    page = load_out_of_order(QSize(1920, 1080))
    page.window.show()
    qtbot.waitExposed(page.window)
    yield page
    page.window.close()
    page.engine.deleteLater()


def test_each_change_of_screen_is_photographed(qtbot, scheduled, clock, out_of_order, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    watch = HealthWatch(state, clocks=Clocks(now=clock), interval_s=3600)
    watch.shown(scheduled, out_of_order=False, on_copy=False, problems=[])
    (first,) = wait_for_reasons(qtbot, state, "kiosk")
    assert first == "2027-05-04_12-00-00 kiosk.png"
    # What the PNG shows is what the window shows.
    assert same_pixels(state / FOLDER / LATEST, scheduled.window)
    assert same_pixels(state / FOLDER / first, scheduled.window)

    # A visit changes what is on the screen but not which screen: no screenshot for it.
    scheduled.state.show("overview")
    clock.now += 7 * HOUR  # 19:00, closed: the night
    scheduled.state.sleep.refresh()
    wait_for_reasons(qtbot, state, "kiosk", "asleep")
    assert same_pixels(state / FOLDER / LATEST, scheduled.window)

    clock.now += HOUR
    watch.shown(None, out_of_order=True, on_copy=False, problems=[], window=out_of_order.window)
    assert wait_for_reasons(qtbot, state, "kiosk", "asleep", "out of order") == [
        "2027-05-04_12-00-00 kiosk.png", "2027-05-04_19-00-00 asleep.png", "2027-05-04_20-00-00 out of order.png",
    ]
    assert same_pixels(state / FOLDER / LATEST, out_of_order.window)
    watch.ended(0)


def ticking(start: dt.datetime):
    """A clock a minute later at every look: each screenshot its own name."""
    minutes = itertools.count()
    return lambda: start + dt.timedelta(minutes=next(minutes))


def test_screenshots_come_at_the_interval(qtbot, kiosk, tmp_path):
    writer = chore_pool("test screenshots")
    taker = ScreenshotTaker(tmp_path, writer=writer, failed=pytest.fail, every_s=0.5,
                            clocks=Clocks(now=ticking(dt.datetime(2027, 5, 4, 12, 0))))
    taker.watch(kiosk.window)
    assert taken(tmp_path) == []
    wait_for_reasons(qtbot, tmp_path, "interval", "interval", "interval")
    taker.stop()
    writer.shutdown(wait=True)
    assert same_pixels(tmp_path / FOLDER / LATEST, kiosk.window)


def test_the_interval_comes_from_kiosk_yaml(qtbot, make_ui, config, tmp_path):
    ui = make_ui(dataclasses.replace(config, screenshot_every_s=1))
    watch = HealthWatch(tmp_path, interval_s=3600)
    watch.shown(ui, out_of_order=False, on_copy=False, problems=[])
    # Named to the second: two taken at the interval are two files.
    wait_for_reasons(qtbot, tmp_path, "kiosk", "interval", "interval")
    watch.ended(0)


def test_a_folder_that_refuses_screenshots_is_said_once(qtbot, scheduled, clock, tmp_path, caplog):
    state = tmp_path / "state"
    state.mkdir()
    (state / FOLDER).write_text("a file where the screenshots' folder should be", encoding="utf-8")
    watch = HealthWatch(state, clocks=Clocks(now=clock), interval_s=3600)
    tries = []
    with caplog.at_level(logging.WARNING):
        watch.shown(scheduled, out_of_order=False, on_copy=False, problems=[])
        for hours in (7, 16, 8):  # to 19:00 (closed), Wednesday 11:00 (open), 19:00 (closed)
            # Each change of screen is a screenshot tried (and refused).
            clock.now += hours * HOUR
            scheduled.state.sleep.refresh()
            qtbot.waitUntil(lambda: not watch.screenshots.pending, timeout=WAIT_MS)
            tries.append(scheduled.state.sleep.asleep)
        watch.ended(0)
    assert tries == [True, False, True]  # three changes of screen
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert warnings == [f"cannot keep screenshots in {state} (File exists): `kiosk status` will show none"]
