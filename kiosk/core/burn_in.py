"""Which way the scene is shifted against burn-in, step after step.

The whole scene moves by a few pixels along a small ring, one step every half
of `burn_in.max_static_s`: a thing on screen then never stays on the same
pixels for longer than that, whenever it appeared.
"""

from __future__ import annotations

STEP_PX = 3
# Around a small square: every step moves by STEP_PX at least, in x or y.
RING = (
    (0, 0), (STEP_PX, 0), (STEP_PX, STEP_PX), (0, STEP_PX),
    (-STEP_PX, STEP_PX), (-STEP_PX, 0), (-STEP_PX, -STEP_PX), (0, -STEP_PX), (STEP_PX, -STEP_PX),
)


def burn_in_offset(step: int) -> tuple[int, int]:
    """The scene's (x, y) offset in pixels after `step` steps from the start."""
    return RING[step % len(RING)]


def step_interval_ms(max_static_s: float) -> int:
    """The time between two steps, for `max_static_s` on the same pixels at most."""
    return round(max_static_s * 1000 / 2)
