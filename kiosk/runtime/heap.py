"""Python's garbage collector around the kiosk's start.

A start allocates many objects and frees few, so collecting garbage then is
wasted work (about 40 ms of a half-second start on the reference machine):
`kiosk` and `python -m kiosk` start with the collector off (kiosk/__main__.py).
Once the kiosk shows its first frame, what exists lives as long as the kiosk,
so it is frozen out of the collector's sight before the collector comes back:
a full collection then looks only at newer objects and takes well under a
millisecond instead of 15-25 ms, which would cost a frame each time.
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Before the imports of a start."""
    gc.disable()


def settle_after_start() -> None:
    """Once the kiosk is up (or the command is not the kiosk: then nothing is frozen
    that matters). Safe to call again."""
    gc.freeze()
    gc.enable()
