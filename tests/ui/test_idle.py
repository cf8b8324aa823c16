"""Idle reset: after a quiet spell the kiosk asks, counts down, and starts over."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.core.model import IdleSettings
from tests.ui.helpers import find, is_shown, tap, touch_tap, visible_texts

pytestmark = pytest.mark.slow


@pytest.fixture
def quick_idle(make_ui, config):
    """The kiosk with a 0.4 s quiet spell and a 2 s countdown."""
    return make_ui(dataclasses.replace(config, idle=IdleSettings(timeout_s=0.4, warning_s=2)))


def open_person(qtbot, kiosk, index: int) -> None:
    tap(qtbot, kiosk.window, find(kiosk.window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "overviewScreen"))
    tap(qtbot, kiosk.window, find(kiosk.window, f"personCard{index}"))
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "personScreen"))


def switch_to_english(qtbot, kiosk) -> None:
    tap(qtbot, kiosk.window, find(kiosk.window, "language_en"))
    qtbot.waitUntil(lambda: kiosk.state.language == "en")


def test_the_first_screen_never_counts_down(qtbot, quick_idle):
    qtbot.wait(1000)
    assert not is_shown(quick_idle.window, "idleOverlay")
    assert is_shown(quick_idle.window, "attractScreen")


def test_a_quiet_visitor_is_asked_in_their_language_then_the_kiosk_starts_over(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 2)
    switch_to_english(qtbot, quick_idle)
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"), timeout=3000)
    assert find(window, "idleQuestion").property("text") == "Are you still there?"
    first = find(window, "idleCountdown").property("text")
    assert first == "Going back to the start in 2 seconds."
    # One second, in the singular (the plural forms of texts.yaml).
    qtbot.waitUntil(
        lambda: find(window, "idleCountdown").property("text") == "Going back to the start in 1 second.", timeout=3000
    )
    # Under the overlay the person is still there until the count ends.
    assert quick_idle.state.screen == "person"
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"), timeout=4000)
    assert not is_shown(window, "idleOverlay")
    assert quick_idle.state.language == "sv"
    assert quick_idle.state.personIndex == 0
    assert "Tryck på skärmen för att börja" in visible_texts(window)


def test_the_swedish_countdown_says_sekunder_then_sekund(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 1)
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"), timeout=3000)
    assert find(window, "idleCountdown").property("text") == "Tillbaka till början om 2 sekunder."
    qtbot.waitUntil(
        lambda: find(window, "idleCountdown").property("text") == "Tillbaka till början om 1 sekund.", timeout=3000
    )


@pytest.mark.parametrize("by", ["finger", "mouse"])
def test_a_touch_cancels_the_countdown_and_presses_nothing_beneath(qtbot, quick_idle, by):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 1)
    name = find(window, "personName").property("text")
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"), timeout=3000)
    # The finger lands on "Next": it only says "I'm here", it does not turn the page.
    if by == "finger":
        touch_tap(window, find(window, "nextButton"))
    else:
        tap(qtbot, window, find(window, "nextButton"))
    assert not is_shown(window, "idleOverlay")
    assert find(window, "personName").property("text") == name
    # And the quiet spell starts again from that touch.
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"), timeout=3000)
    assert quick_idle.state.screen == "person"


def test_keeping_on_reading_keeps_the_visitor_s_place(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 0)
    for _ in range(6):  # 6 x 0.25 s of taps: never 0.4 s quiet
        tap(qtbot, window, find(window, "personName"))
        qtbot.wait(250)
        assert not is_shown(window, "idleOverlay")
    assert quick_idle.state.screen == "person"


def test_the_question_follows_the_language(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 0)
    qtbot.waitUntil(lambda: is_shown(window, "idleOverlay"), timeout=3000)
    assert find(window, "idleQuestion").property("text") == "Är du kvar?"
    assert find(window, "idleContinue").property("text") == "Tryck på skärmen för att läsa vidare."


def test_after_the_reset_no_key_reaches_the_hidden_buttons(qtbot, quick_idle):
    window = quick_idle.window
    open_person(qtbot, quick_idle, 0)
    switch_to_english(qtbot, quick_idle)  # the English button now has the keyboard focus
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"), timeout=5000)
    assert quick_idle.state.language == "sv"
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the next visitor leans on a keyboard
    assert quick_idle.state.language == "sv"
    assert is_shown(window, "attractScreen")


def test_no_question_while_staff_are_in_their_menu(qtbot, make_ui, config):
    from kiosk.core.pin import hash_pin

    staff = dataclasses.replace(config.staff, pin_hash=hash_pin("2468"), menu_timeout_s=60)
    kiosk = make_ui(dataclasses.replace(config, idle=IdleSettings(timeout_s=0.3, warning_s=1), staff=staff))
    open_person(qtbot, kiosk, 1)
    for _ in range(5):
        qtbot.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert is_shown(kiosk.window, "pinPad")
    qtbot.wait(2000)  # several quiet spells
    assert not kiosk.state.idle.warning
    assert kiosk.state.screen == "person"
