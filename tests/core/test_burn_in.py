"""Burn-in steps: each one moves the scene visibly, never far, and in time."""

from __future__ import annotations

from itertools import pairwise

from kiosk.core.burn_in import STEP_PX, burn_in_offset, step_interval_ms


def test_the_scene_starts_in_place():
    assert burn_in_offset(0) == (0, 0)


def test_every_step_moves_by_at_least_a_step_and_stays_near_home():
    offsets = [burn_in_offset(step) for step in range(100)]
    for before, after in pairwise(offsets):
        assert max(abs(after[0] - before[0]), abs(after[1] - before[1])) >= STEP_PX, (before, after)
    assert all(abs(x) <= STEP_PX and abs(y) <= STEP_PX for x, y in offsets)


def test_the_steps_go_round_the_ring_and_visit_each_place():
    first_round = {burn_in_offset(step) for step in range(9)}
    assert len(first_round) == 9
    assert [burn_in_offset(step) for step in range(9, 18)] == [burn_in_offset(step) for step in range(9)]


def test_two_steps_fit_in_the_longest_time_on_the_same_pixels():
    assert step_interval_ms(300) == 150_000
    assert step_interval_ms(0.6) == 300
