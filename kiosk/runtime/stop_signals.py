"""SIGTERM and SIGINT end `kiosk run` at any moment, with exit code 0.

Python runs a signal handler only between two bytecodes of the main thread:
while that thread is importing, reading the staff's files or inside Qt
(compiling the QML), a stop would wait; and before the event loop there was
no handler at all, so systemd waited 90 s before it killed the kiosk. Here
the C-level handler also writes each signal to a pipe (signal.set_wakeup_fd)
that a thread of its own reads at once, whatever the main thread is doing:

- until the event loop runs there is nothing to finish (the last good copy
  and the small state files are replaced whole by a rename, statistics are
  in SQLite): the process ends there and then;
- once it runs, the loop is asked to exit, and the launcher writes the last
  counts and releases the lock as after any stop.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import NoReturn

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_stop_loop: Callable[[], None] | None = None  # set once the event loop runs
_before_early_exit: list[Callable[[], None]] = []
_installed = False


def stop_at_any_moment() -> None:
    """From the first line of `kiosk run` on (on the main thread); once."""
    global _installed
    if _installed:
        return
    _installed = True
    read_end, write_end = os.pipe2(os.O_CLOEXEC)
    os.set_blocking(write_end, False)  # a handler must never wait
    signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    for stop in STOP_SIGNALS:
        # Nothing to do on the main thread (the pipe's reader does it), but a
        # handler must be installed, or the signal would kill the process.
        signal.signal(stop, lambda *_: None)
    threading.Thread(target=_read_signals, args=(read_end,), name="stop signals", daemon=True).start()


def loop_runs(stop_loop: Callable[[], None]) -> None:
    """Called from the running event loop: from now on a stop signal calls
    `stop_loop` (from the signals' thread: it must be safe there)."""
    global _stop_loop
    _stop_loop = stop_loop


def before_early_exit(chore: Callable[[], None]) -> None:
    """Run `chore` (briefly) when a stop signal ends the process before the event loop."""
    _before_early_exit.append(chore)


def _read_signals(read_end: int) -> None:
    while True:
        stops = [number for number in os.read(read_end, 64) if number in STOP_SIGNALS]
        if not stops:
            continue
        if _stop_loop is not None:
            try:
                _stop_loop()
            except RuntimeError:  # its Qt object went with the app: the kiosk is ending already
                pass
            continue
        log.info("stopped by %s while starting", signal.Signals(stops[0]).name)
        for chore in _before_early_exit:
            try:
                chore()
            except Exception:  # the stop goes on whatever a chore does
                log.exception("while stopping")
        exit_now(0)


def exit_now(code: int) -> NoReturn:
    """End the process with `code` once the logs are written, without
    Python's finalization: that puts back the signals' default action, and a
    SIGTERM then would end a kiosk that had stopped cleanly 'killed'."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)
