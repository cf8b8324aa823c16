"""The staff menu: hidden corner taps, the PIN pad with its lockout, the menu."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem

from kiosk.core.model import StaffSettings
from kiosk.core.pin import hash_pin
from kiosk.tools.scene import lay_out
from kiosk.ui.state import Clocks
from tests.ui.helpers import find, is_shown, swipe, tap, visible_texts

pytestmark = pytest.mark.slow

PIN = "2468"
STORED = hash_pin(PIN)


class FakeClock:
    """Monotonic seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def staff_settings(**changes) -> StaffSettings:
    base = StaffSettings(pin_hash=STORED, corner="top-left", taps=5, within_s=3, menu_timeout_s=60)
    return dataclasses.replace(base, **changes)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def staff_kiosk(make_ui, config, clock):
    return make_ui(dataclasses.replace(config, staff=staff_settings()), clocks=Clocks(monotonic=clock))


CORNER = QPoint(20, 20)


def corner_taps(qtbot, window, count: int, point: QPoint = CORNER, clock=None, gap_s: float = 0.2):
    for _ in range(count):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=point)
        if clock is not None:
            clock.now += gap_s


def enter(qtbot, window, digits: str) -> None:
    for digit in digits:
        tap(qtbot, window, find(window, f"pinKey{digit}"))
    tap(qtbot, window, find(window, "pinKeyOK"))


def open_pad(qtbot, kiosk, clock) -> None:
    corner_taps(qtbot, kiosk.window, 5, clock=clock)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "pinPad"))


def test_five_quick_taps_in_the_corner_open_the_pin_pad(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    corner_taps(qtbot, window, 4, clock=clock)
    assert not is_shown(window, "pinPad")
    corner_taps(qtbot, window, 1, clock=clock)
    assert is_shown(window, "pinPad")
    assert "Staff PIN" in visible_texts(window)


def test_slow_taps_or_taps_elsewhere_do_not(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    corner_taps(qtbot, window, 5, clock=clock, gap_s=1.0)  # 5 taps over 4 s: more than 3 s
    assert not is_shown(window, "pinPad")
    corner_taps(qtbot, window, 5, point=QPoint(window.width() - 20, 20), clock=clock)
    assert not is_shown(window, "pinPad")
    corner_taps(qtbot, window, 3, clock=clock)
    corner_taps(qtbot, window, 1, point=QPoint(500, 500), clock=clock)  # a tap elsewhere breaks the run
    corner_taps(qtbot, window, 2, clock=clock)
    assert not is_shown(window, "pinPad")


def test_another_corner_can_be_configured(qtbot, make_ui, config, clock):
    settings = staff_settings(corner="bottom-right", taps=3)
    kiosk = make_ui(dataclasses.replace(config, staff=settings), clocks=Clocks(monotonic=clock))
    window = kiosk.window
    corner_taps(qtbot, window, 3, clock=clock)
    assert not is_shown(window, "pinPad")
    corner_taps(qtbot, window, 3, point=QPoint(window.width() - 20, window.height() - 20), clock=clock)
    assert is_shown(window, "pinPad")


def test_without_a_pin_the_gesture_does_nothing(qtbot, kiosk):
    assert kiosk.state.config.staff.pin_hash is None
    corner_taps(qtbot, kiosk.window, 10)
    assert not is_shown(kiosk.window, "pinPad")
    assert not is_shown(kiosk.window, "staffOverlay")


def test_the_right_pin_opens_the_menu_with_the_status(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    enter(qtbot, window, PIN)
    assert is_shown(window, "staffMenu")
    texts = visible_texts(window)
    assert any(text.startswith("Version: ") for text in texts)
    assert f"Settings: {staff_kiosk.state.config.path}" in texts
    assert "Last checked 2026-12-06: the count of political prisoners" in texts
    assert "Last checked 2026-12-06: the status of Uladzimir Labkovich" in texts
    assert any(text.startswith("Running since ") for text in texts)
    assert PIN not in " ".join(texts)


def test_back_to_visitors_leaves_them_where_they_were(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    staff_kiosk.state.show("person", 2)
    open_pad(qtbot, staff_kiosk, clock)
    enter(qtbot, window, PIN)
    tap(qtbot, window, find(window, "staffBack"))
    assert not is_shown(window, "staffOverlay")
    assert find(window, "personName").property("text") == "Uladzimir Labkovich"


def test_a_wrong_pin_says_how_many_tries_are_left(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    enter(qtbot, window, "1111")
    assert is_shown(window, "pinPad") and not is_shown(window, "staffMenu")
    assert find(window, "pinMessage").property("text") == "Wrong PIN. 4 tries left before the pad locks."


def test_five_wrong_pins_lock_the_pad_and_each_lock_lasts_twice_as_long(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    for _ in range(5):
        enter(qtbot, window, "1111")
    assert find(window, "pinMessage").property("text") == "Too many wrong PINs. Try again in 5:00."
    enter(qtbot, window, PIN)  # even the right PIN is not checked while locked
    assert not is_shown(window, "staffMenu")
    clock.now += 299
    enter(qtbot, window, PIN)
    assert not is_shown(window, "staffMenu")
    clock.now += 1.5
    for _ in range(5):
        enter(qtbot, window, "1111")
    assert find(window, "pinMessage").property("text") == "Too many wrong PINs. Try again in 10:00."
    clock.now += 600.5
    enter(qtbot, window, PIN)
    assert is_shown(window, "staffMenu")


def test_the_lock_counts_down_on_the_pad(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    for _ in range(5):
        enter(qtbot, window, "9999")
    clock.now += 61
    qtbot.waitUntil(lambda: find(window, "pinMessage").property("text") == "Too many wrong PINs. Try again in 3:59.")


def test_too_few_digits_are_not_counted_as_a_try(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    enter(qtbot, window, "12")
    assert find(window, "pinMessage").property("text") == "Enter 4 to 12 digits."
    enter(qtbot, window, "1111")
    assert "4 tries left" in find(window, "pinMessage").property("text")


def test_erase_and_cancel(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    for digit in PIN + "7":
        tap(qtbot, window, find(window, f"pinKey{digit}"))
    assert find(window, "pinDots").property("text") == "●" * 5
    tap(qtbot, window, find(window, "pinKeyErase"))
    assert find(window, "pinDots").property("text") == "●" * 4
    tap(qtbot, window, find(window, "pinKeyOK"))
    assert is_shown(window, "staffMenu")  # 2468 after erasing the 7
    tap(qtbot, window, find(window, "staffBack"))
    open_pad(qtbot, staff_kiosk, clock)
    tap(qtbot, window, find(window, "pinCancel"))
    assert not is_shown(window, "staffOverlay")


def test_the_menu_closes_by_itself_when_left_alone(qtbot, make_ui, config, clock):
    kiosk = make_ui(
        dataclasses.replace(config, staff=staff_settings(menu_timeout_s=0.5)), clocks=Clocks(monotonic=clock)
    )
    open_pad(qtbot, kiosk, clock)
    enter(qtbot, kiosk.window, PIN)
    assert is_shown(kiosk.window, "staffMenu")
    qtbot.waitUntil(lambda: not is_shown(kiosk.window, "staffOverlay"), timeout=3000)
    assert is_shown(kiosk.window, f"{kiosk.state.screen}Screen")


def test_reload_and_exit_are_passed_on(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    enter(qtbot, window, PIN)
    with qtbot.waitSignal(staff_kiosk.state.staff.reloadRequested, timeout=1000):
        tap(qtbot, window, find(window, "staffReload"))
    with qtbot.waitSignal(staff_kiosk.state.staff.exitRequested, timeout=1000):
        tap(qtbot, window, find(window, "staffExit"))


def test_a_swipe_across_the_pin_pad_does_not_turn_the_page_beneath(qtbot, staff_kiosk, clock):
    window = staff_kiosk.window
    staff_kiosk.state.show("person", 1)
    open_pad(qtbot, staff_kiosk, clock)
    middle = window.height() / 2
    swipe(window, QPointF(window.width() * 0.85, middle), QPointF(window.width() * 0.15, middle))
    qtbot.wait(100)
    assert staff_kiosk.state.personIndex == 1 and staff_kiosk.state.screen == "person"


@pytest.mark.parametrize("built", ["at once", "in the background"])
def test_the_pin_keys_stand_as_on_a_phone(qtbot, staff_kiosk, clock, built):
    """The staff panel is built in the background once the kiosk is up, or at
    once if the pad is asked for first: either way in the right order."""
    window = staff_kiosk.window
    loader = next(item for item in window.findChildren(QQuickItem) if item.objectName() == "staffOverlayLoader")
    if built == "in the background":
        qtbot.waitUntil(lambda: loader.property("item") is not None)
    else:
        assert loader.property("item") is None
    open_pad(qtbot, staff_kiosk, clock)
    lay_out(window)  # a pad built just now is placed at its first frame, as a visitor's eye would see it
    rows = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["Erase", "0", "OK"]]
    keys = {name: find(window, f"pinKey{name}").mapToScene(QPointF(0, 0)) for row in rows for name in row}
    for above, below in pairwise(rows):
        assert keys[above[0]].y() < keys[below[0]].y()
    for row in rows:
        assert len({keys[name].y() for name in row}) == 1, row
        assert keys[row[0]].x() < keys[row[1]].x() < keys[row[2]].x(), row


# --------------------------------------------------------------------------
# The lock across restarts, the shut after a start, and what staff are told


class KeptLock:
    """What a state folder would keep, as the supervisor hands it over."""

    def __init__(self) -> None:
        self.record = None
        self.wall = 1_700_000_000.0

    def attach(self, kiosk, clock, shut_for_s: float = 0.0) -> None:
        kiosk.state.staff.keep_lock(
            self.record, self.save, wall=lambda: self.wall, shut_until=clock.now + shut_for_s
        )

    def save(self, record) -> None:
        self.record = record


def test_a_restart_keeps_the_lock_and_gives_no_fresh_tries(qtbot, make_ui, config, clock):
    kept = KeptLock()
    settings = dataclasses.replace(config, staff=staff_settings())
    first = make_ui(settings, clocks=Clocks(monotonic=clock))
    kept.attach(first, clock)
    open_pad(qtbot, first, clock)
    for _ in range(5):
        enter(qtbot, first.window, "1111")
    first.window.close()

    clock.now = 7.0  # a new process: its monotonic clock is elsewhere
    kept.wall += 60
    second = make_ui(settings, clocks=Clocks(monotonic=clock))
    kept.attach(second, clock)
    open_pad(qtbot, second, clock)
    assert find(second.window, "pinMessage").property("text") == "Too many wrong PINs. Try again in 4:00."
    enter(qtbot, second.window, PIN)
    assert not is_shown(second.window, "staffMenu")


def test_right_after_a_start_the_pad_stays_shut(qtbot, staff_kiosk, clock):
    KeptLock().attach(staff_kiosk, clock, shut_for_s=30)
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    assert find(window, "pinMessage").property("text").startswith("The kiosk has just started. The PIN pad opens in 0:")
    enter(qtbot, window, PIN)
    assert not is_shown(window, "staffMenu")
    clock.now += 30
    enter(qtbot, window, PIN)
    assert is_shown(window, "staffMenu")


def test_every_wrong_pin_and_lock_is_a_warning_in_the_log_and_in_the_status(qtbot, staff_kiosk, clock, caplog):
    KeptLock().attach(staff_kiosk, clock)
    window = staff_kiosk.window
    open_pad(qtbot, staff_kiosk, clock)
    with caplog.at_level("WARNING", logger="kiosk.ui.staff"):
        for _ in range(5):
            enter(qtbot, window, "1111")
    warned = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert len(warned) == 5, warned
    assert "wrong staff PIN entered on the PIN pad (4 tries left before it locks)" in warned[0]
    assert "the PIN pad is locked for 5 minutes" in warned[4]
    clock.now += 300
    enter(qtbot, window, PIN)
    status = " ".join(staff_kiosk.state.staff.status)
    assert "Wrong PINs since the kiosk started: 5" in status and "the pad locked 1 times" in status
