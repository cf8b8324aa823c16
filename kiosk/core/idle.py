"""When a kiosk left alone asks whether anyone is there, and when it starts over.

The decisions of the idle watch (kiosk/ui/idle.py) on plain numbers: times
are seconds on a monotonic clock. A quiet spell runs from the last touch, key
or new screen (`quiet_since`; None on the first screen, where idle leads and
there is nothing to reset); after `timeout_s` of it the kiosk asks
(`asked_at`) and counts down `warning_s`.
"""

from __future__ import annotations

import enum
import math

from kiosk.core.model import IdleSettings


class IdleStep(enum.Enum):
    WAIT = "wait"  # nothing is due yet
    ASK = "ask"  # quiet for the whole spell: ask whether anyone is there
    POSTPONE = "postpone"  # quiet for the whole spell, but staff are in their panel: a new spell
    RESET = "reset"  # the question went unanswered: start over for the next visitor


def idle_step(
    settings: IdleSettings, now: float, quiet_since: float | None, asked_at: float | None, *, staff_busy: bool
) -> IdleStep:
    """What is due at `now`."""
    if asked_at is not None:
        return IdleStep.RESET if now - asked_at >= settings.warning_s else IdleStep.WAIT
    if quiet_since is None or now - quiet_since < settings.timeout_s:
        return IdleStep.WAIT
    # Staff at work are not asked; their panel closes by itself first.
    return IdleStep.POSTPONE if staff_busy else IdleStep.ASK


def seconds_left(settings: IdleSettings, now: float, asked_at: float) -> int:
    """The whole seconds the countdown shows: rounded up, so it shows 1 until the very end."""
    return max(0, math.ceil(asked_at + settings.warning_s - now))


def next_look_s(settings: IdleSettings, now: float, quiet_since: float | None, asked_at: float | None) -> float | None:
    """Seconds until what is shown may change: the end of the quiet spell, or
    the countdown's next second (or its end). None: nothing to wait for."""
    if asked_at is not None:
        left = asked_at + settings.warning_s - now
        return left - (math.ceil(left) - 1) if left > 0 else 0.0
    if quiet_since is None:
        return None
    return max(0.0, quiet_since + settings.timeout_s - now)
