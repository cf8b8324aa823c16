"""Idle decisions: when the kiosk asks, when it starts over, and when it looks again."""

from __future__ import annotations

import pytest

from kiosk.core.idle import IdleStep, idle_step, next_look_s, seconds_left
from kiosk.core.model import IdleSettings

SETTINGS = IdleSettings(timeout_s=60, warning_s=15)


def step(now: float, quiet_since: float | None, asked_at: float | None = None, staff_busy: bool = False) -> IdleStep:
    return idle_step(SETTINGS, now, quiet_since, asked_at, staff_busy=staff_busy)


def test_the_question_comes_after_a_whole_quiet_spell_and_not_before():
    assert step(now=159.9, quiet_since=100) is IdleStep.WAIT
    assert step(now=160, quiet_since=100) is IdleStep.ASK
    assert step(now=5000, quiet_since=100) is IdleStep.ASK


def test_the_first_screen_is_never_asked_about():
    assert step(now=10_000, quiet_since=None) is IdleStep.WAIT
    assert next_look_s(SETTINGS, 10_000, None, None) is None


def test_staff_in_their_panel_are_not_asked_but_given_a_new_spell():
    assert step(now=160, quiet_since=100, staff_busy=True) is IdleStep.POSTPONE
    assert step(now=159, quiet_since=100, staff_busy=True) is IdleStep.WAIT


def test_an_unanswered_question_starts_over_when_the_countdown_ends():
    assert step(now=174.9, quiet_since=100, asked_at=160) is IdleStep.WAIT
    assert step(now=175, quiet_since=100, asked_at=160) is IdleStep.RESET
    # Once asked, the countdown runs out even if staff open their panel meanwhile.
    assert step(now=175, quiet_since=100, asked_at=160, staff_busy=True) is IdleStep.RESET


@pytest.mark.parametrize(
    ("now", "shown"), [(160, 15), (160.5, 15), (161, 14), (174, 1), (174.99, 1), (175, 0), (180, 0)]
)
def test_the_countdown_shows_whole_seconds_rounded_up(now, shown):
    assert seconds_left(SETTINGS, now, asked_at=160) == shown


def test_the_watch_looks_again_when_the_spell_ends():
    assert next_look_s(SETTINGS, 100, quiet_since=100, asked_at=None) == 60
    assert next_look_s(SETTINGS, 130, quiet_since=100, asked_at=None) == 30
    assert next_look_s(SETTINGS, 200, quiet_since=100, asked_at=None) == 0


@pytest.mark.parametrize("now", [160, 160.25, 167.5, 173.9, 174, 174.5])
def test_during_the_countdown_it_looks_again_exactly_when_the_shown_second_changes(now):
    wait = next_look_s(SETTINGS, now, quiet_since=100, asked_at=160)
    assert 0 < wait <= 1
    assert seconds_left(SETTINGS, now + wait, 160) == seconds_left(SETTINGS, now, 160) - 1
    assert seconds_left(SETTINGS, now + wait * 0.99, 160) == seconds_left(SETTINGS, now, 160)


def test_at_the_countdown_s_end_it_looks_at_once():
    assert next_look_s(SETTINGS, 175, quiet_since=100, asked_at=160) == 0
    assert next_look_s(SETTINGS, 190, quiet_since=100, asked_at=160) == 0
