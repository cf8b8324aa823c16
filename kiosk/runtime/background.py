"""Threads for the kiosk's slow chores (copying files, shrinking portraits),
which must not take the processor from the screens."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

NICENESS = 10  # Linux's scale: 0 is the kiosk's own, 19 the most yielding


def _yield_to_the_screens() -> None:
    # On Linux each thread has a nice value of its own, so the UI thread
    # (the first frame, an animation) gets the processor first.
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    except (AttributeError, OSError):
        pass  # elsewhere the chores run at the kiosk's priority


def chore_pool(name: str, workers: int = 1) -> ThreadPoolExecutor:
    """Threads that do what is given to them in the order given, at a lower priority."""
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name, initializer=_yield_to_the_screens)
