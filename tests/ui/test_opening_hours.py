"""Opening hours: outside them the screen sleeps, a touch wakes it for a while."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.core.accessibility import LARGER_TEXT_SCALE
from kiosk.core.schedule import OpeningHours, parse_day_hours
from kiosk.core.theme import HIGH_CONTRAST, PALETTES
from kiosk.ui.state import Clocks
from tests.ui.helpers import find, is_shown, tap
from tests.ui.test_accessibility import background_at_corner

# 10:00-18:00 every day, Monday closed; the exhibition runs through May 2027.
WEEK = tuple(parse_day_hours("closed" if day == 0 else "10:00-18:00") for day in range(7))
HOURS = OpeningHours(first_day=dt.date(2027, 5, 1), last_day=dt.date(2027, 5, 31), weekly=WEEK, wake_s=30)
TUESDAY_NOON = dt.datetime(2027, 5, 4, 12, 0)


class WallClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock():
    return WallClock(TUESDAY_NOON)


@pytest.fixture
def scheduled(make_ui, config, clock):
    return make_ui(dataclasses.replace(config, schedule=HOURS), clocks=Clocks(now=clock))


def black(window) -> bool:
    image = window.grabWindow()
    step = 97
    return all(
        image.pixelColor(x, y).rgb() & 0xFFFFFF == 0
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


def move_to(qtbot, kiosk, clock, when: dt.datetime) -> None:
    clock.now = when
    kiosk.state.sleep.refresh()  # what the kiosk's own timer does at that moment
    # What the window shows follows the state it was moved to.
    qtbot.waitUntil(lambda: black(kiosk.window) == kiosk.state.sleep.asleep)


def test_open_hours_show_the_kiosk(scheduled):
    assert not scheduled.state.sleep.asleep
    assert is_shown(scheduled.window, "attractScreen")
    assert not black(scheduled.window)


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(2027, 5, 4, 18, 0),  # Tuesday, closing time
        dt.datetime(2027, 5, 4, 9, 59),  # Tuesday, before opening
        dt.datetime(2027, 5, 3, 12, 0),  # Monday: closed all day
        dt.datetime(2027, 6, 1, 12, 0),  # after the exhibition
    ],
)
def test_outside_the_hours_the_screen_is_black(qtbot, scheduled, clock, when):
    move_to(qtbot, scheduled, clock, when)
    assert scheduled.state.sleep.asleep
    assert black(scheduled.window)


def test_a_touch_wakes_it_for_wake_s_then_it_sleeps_again(qtbot, scheduled, clock):
    window = scheduled.window
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 4, 20, 0))
    assert black(window)
    # The waking touch only wakes: it does not also start a visit.
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(960, 540))
    qtbot.waitUntil(lambda: not black(window))
    assert is_shown(window, "attractScreen")
    tap(qtbot, window, find(window, "attractScreen"))
    assert scheduled.state.screen == "overview"
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 4, 20, 0, 29))
    assert not black(window)
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 4, 20, 0, 31))
    assert black(window)
    # Falling asleep ended that visit: the morning starts on the first screen.
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 5, 10, 0))
    assert not black(window)
    assert is_shown(window, "attractScreen") and scheduled.state.language == "sv"


def test_the_kiosk_wakes_by_itself_at_opening_time(qtbot, scheduled, clock):
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 4, 7, 0))
    assert black(scheduled.window)
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 4, 10, 0))
    assert not black(scheduled.window)


def test_without_a_schedule_it_never_sleeps(qtbot, kiosk):
    assert kiosk.state.config.schedule is None
    kiosk.state.sleep.refresh()
    assert not kiosk.state.sleep.asleep and not black(kiosk.window)


def test_display_modes_a_visitor_chose_are_gone_the_next_morning(qtbot, scheduled, clock, config):
    """A visit ends at closing time too: the morning's first visitor reads
    normal text in the normal colours, whatever the evening's last one chose."""
    window = scheduled.window

    def open_the_first_person() -> None:
        tap(qtbot, window, find(window, "attractScreen"))
        qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
        tap(qtbot, window, find(window, "personCard0"))
        qtbot.waitUntil(lambda: is_shown(window, "personBio"))

    def bio_size() -> int:
        return find(window, "personBio").property("font").pixelSize()

    open_the_first_person()
    normal = bio_size()
    tap(qtbot, window, find(window, "largerTextButton"))
    tap(qtbot, window, find(window, "highContrastButton"))
    qtbot.waitUntil(lambda: background_at_corner(window) == HIGH_CONTRAST["background"])
    qtbot.waitUntil(lambda: bio_size() >= LARGER_TEXT_SCALE * normal)

    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 4, 18, 0))  # closing time, the visitor still there
    move_to(qtbot, scheduled, clock, dt.datetime(2027, 5, 5, 10, 0))  # the next morning
    assert is_shown(window, "attractScreen")
    assert background_at_corner(window) == PALETTES[config.theme]["background"]
    open_the_first_person()
    assert bio_size() == normal
    assert background_at_corner(window) == PALETTES[config.theme]["background"]
    assert not find(window, "largerTextButton").property("selected")
    assert not find(window, "highContrastButton").property("selected")
