"""Idle reset: after a quiet spell the kiosk asks, counts down, and starts over.

The kiosk's monotonic clock is the test's: time passes in a step, and the
idle watch looks at the clock as its timer would when that time comes.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.core.model import IdleSettings
from kiosk.ui.shell.app import KioskUi
from kiosk.ui.state import Clocks
from tests.ui.helpers import find, is_shown, tap, touch_tap, visible_texts

SETTINGS = IdleSettings(timeout_s=60, warning_s=2)


class StoppedClock:
    """A monotonic clock that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclasses.dataclass
class IdleKiosk:
    ui: KioskUi
    clock: StoppedClock

    @property
    def window(self):
        return self.ui.window

    @property
    def state(self):
        return self.ui.state

    def let_pass(self, seconds: float) -> None:
        """`seconds` pass untouched, and the idle timer comes due."""
        self.clock.now += seconds
        self.state.idle.refresh()  # what its timer does at that moment


@pytest.fixture
def make_idle_kiosk(make_ui, config):
    def make(**changes) -> IdleKiosk:
        clock = StoppedClock()
        ui = make_ui(dataclasses.replace(config, idle=SETTINGS, **changes), clocks=Clocks(monotonic=clock))
        return IdleKiosk(ui, clock)

    return make


@pytest.fixture
def quick_idle(make_idle_kiosk) -> IdleKiosk:
    """The kiosk asking after 60 s untouched, and counting down 2 s."""
    return make_idle_kiosk()


def open_person(qtbot, kiosk: IdleKiosk, index: int) -> None:
    tap(qtbot, kiosk.window, find(kiosk.window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "overviewScreen"))
    tap(qtbot, kiosk.window, find(kiosk.window, f"personCard{index}"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))


def switch_to_english(qtbot, kiosk: IdleKiosk) -> None:
    tap(qtbot, kiosk.window, find(kiosk.window, "language_en"))
    qtbot.waitUntil(lambda: kiosk.state.language == "en")


def countdown(kiosk: IdleKiosk) -> str:
    return find(kiosk.window, "idleCountdown").property("text")


def ask(qtbot, kiosk: IdleKiosk) -> None:
    """A whole quiet spell passes: the question is on screen."""
    kiosk.let_pass(SETTINGS.timeout_s)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "idleOverlay"))


def test_the_first_screen_never_counts_down(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 1)
    ask(qtbot, quick_idle)
    quick_idle.let_pass(SETTINGS.warning_s)
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"))
    # Back on the first screen, an hour passes, with a key pressed now and then.
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Shift)
        quick_idle.let_pass(900)
    assert not quick_idle.state.idle.warning
    assert not is_shown(window, "idleOverlay")
    assert is_shown(window, "attractScreen")


def test_a_quiet_visitor_is_asked_in_their_language_then_the_kiosk_starts_over(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 2)
    switch_to_english(qtbot, quick_idle)
    quick_idle.let_pass(59.5)
    assert not is_shown(window, "idleOverlay")  # not a moment before the spell ends
    quick_idle.let_pass(0.5)
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"))
    assert find(window, "idleQuestion").property("text") == "Are you still there?"
    assert countdown(quick_idle) == "Going back to the start in 2 seconds."
    # One second, in the singular (the plural forms of texts.yaml).
    quick_idle.let_pass(1)
    qtbot.waitUntil(lambda: countdown(quick_idle) == "Going back to the start in 1 second.")
    quick_idle.let_pass(0.75)
    # Under the overlay the person is still there until the count ends.
    assert countdown(quick_idle) == "Going back to the start in 1 second."
    assert quick_idle.state.screen == "person"
    quick_idle.let_pass(0.25)
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"))
    assert not is_shown(window, "idleOverlay")
    assert quick_idle.state.language == "sv"
    assert quick_idle.state.personIndex == 0
    assert "Tryck på skärmen för att börja" in visible_texts(window)


def test_the_swedish_countdown_says_sekunder_then_sekund(qtbot, quick_idle):
    open_person(qtbot, quick_idle, 1)
    ask(qtbot, quick_idle)
    assert countdown(quick_idle) == "Tillbaka till början om 2 sekunder."
    quick_idle.let_pass(1)
    qtbot.waitUntil(lambda: countdown(quick_idle) == "Tillbaka till början om 1 sekund.")


@pytest.mark.parametrize("by", ["finger", "mouse"])
def test_a_touch_cancels_the_countdown_and_presses_nothing_beneath(qtbot, quick_idle, by):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 1)
    name = find(window, "personName").property("text")
    ask(qtbot, quick_idle)
    quick_idle.let_pass(1)
    # The finger lands on "Next": it only says "I'm here", it does not turn the page.
    if by == "finger":
        touch_tap(window, find(window, "nextButton"))
    else:
        tap(qtbot, window, find(window, "nextButton"))
    assert not is_shown(window, "idleOverlay")
    assert find(window, "personName").property("text") == name
    # The countdown is over for good: its end passes and nothing happens.
    quick_idle.let_pass(SETTINGS.warning_s)
    assert quick_idle.state.screen == "person"
    # And the quiet spell starts again from that touch.
    quick_idle.let_pass(SETTINGS.timeout_s - SETTINGS.warning_s - 0.5)
    assert not is_shown(window, "idleOverlay")
    quick_idle.let_pass(0.5)
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"))
    assert quick_idle.state.screen == "person"


def test_keeping_on_reading_keeps_the_visitor_s_place(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 0)
    for _ in range(6):  # five minutes of reading, with a touch every 50 seconds
        tap(qtbot, window, find(window, "personName"))
        quick_idle.let_pass(50)
        assert not is_shown(window, "idleOverlay")
    assert quick_idle.state.screen == "person"


def test_the_question_follows_the_language(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 0)
    ask(qtbot, quick_idle)
    assert find(window, "idleQuestion").property("text") == "Är du kvar?"
    assert find(window, "idleContinue").property("text") == "Tryck på skärmen för att läsa vidare."


def test_after_the_reset_no_key_reaches_the_hidden_buttons(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 0)
    switch_to_english(qtbot, quick_idle)  # the English button now has the keyboard focus
    ask(qtbot, quick_idle)
    quick_idle.let_pass(SETTINGS.warning_s)
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"))
    assert quick_idle.state.language == "sv"
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the next visitor leans on a keyboard
    assert quick_idle.state.language == "sv"
    assert is_shown(window, "attractScreen")


def test_no_question_while_staff_are_in_their_menu(qtbot, make_idle_kiosk, config):
    from kiosk.core.pin import hash_pin

    kiosk = make_idle_kiosk(staff=dataclasses.replace(config.staff, pin_hash=hash_pin("2468"), menu_timeout_s=600))
    open_person(qtbot, kiosk, 1)
    for _ in range(5):
        qtbot.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert is_shown(kiosk.window, "pinPad")
    for _ in range(5):  # several quiet spells
        kiosk.let_pass(SETTINGS.timeout_s)
        assert not kiosk.state.idle.warning
    assert kiosk.state.screen == "person"
    # Staff gone, the visitor screens get a whole spell again, then the question.
    tap(qtbot, kiosk.window, find(kiosk.window, "pinCancel"))
    qtbot.waitUntil(lambda: not is_shown(kiosk.window, "pinPad"))
    kiosk.let_pass(SETTINGS.timeout_s - 0.5)
    assert not kiosk.state.idle.warning
    kiosk.let_pass(0.5)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "idleOverlay"))


def test_the_kiosk_asks_and_starts_over_by_itself(qtbot, make_ui, config):
    """On the real clock, with a spell and a countdown of a split second: the
    watch's own timer comes due, with nobody looking at the clock for it."""
    kiosk = make_ui(dataclasses.replace(config, idle=IdleSettings(timeout_s=0.2, warning_s=0.3)))
    tap(qtbot, kiosk.window, find(kiosk.window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "idleOverlay"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "attractScreen"))
    assert not is_shown(kiosk.window, "idleOverlay")


def test_a_question_asked_for_a_preview_counts_down_from_the_start(qtbot, quick_idle):
    open_person(qtbot, quick_idle, 0)
    switch_to_english(qtbot, quick_idle)
    ask(qtbot, quick_idle)
    quick_idle.let_pass(1)
    qtbot.waitUntil(lambda: countdown(quick_idle) == "Going back to the start in 1 second.")
    quick_idle.state.idle.warn()  # as `kiosk preview` asks, for its picture of the question
    qtbot.waitUntil(lambda: countdown(quick_idle) == "Going back to the start in 2 seconds.")
