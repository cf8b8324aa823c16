"""Lockdown on a real X server with a real window manager (openbox): keys,
close requests, leaving full screen and other windows get no passer-by out.

One `kiosk run` for the whole module; each test does one thing to it and
then requires it still running, mapped full screen at 1920x1080 and focused.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kiosk.ui.shell.lockdown import LOG_INTERVAL_MS
from tests.kiosk_copy import RunningKiosk
from tests.x11 import (
    kiosk_on_display,
    openbox,
    program,
    wait_until,
    x_run,
    xvfb,
)

CLOSE_REFUSED = "refused a request to close the kiosk window"
FULL_SCREEN_REGAINED = "made it full screen again"
FOCUS_REGAINED = "raised it and asked for the focus"
# Repeats are logged together once per interval: a line can lag its event by that.
LOG_LAG_S = LOG_INTERVAL_MS / 1000


@dataclass
class KioskOnX:
    display: str
    kiosk: RunningKiosk
    window: str  # its X window id

    def x(self, *command: str, check: bool = True) -> str:
        return x_run(self.display, *command, check=check)


@pytest.fixture(scope="module")
def running(tmp_path_factory) -> Iterator[KioskOnX]:
    home = tmp_path_factory.mktemp("home")
    with xvfb() as display, openbox(display, home):
        kiosk = kiosk_on_display(display, home / "state")
        try:
            kiosk.wait_for_first_frame(timeout=60)
            pid = str(kiosk.process.pid)
            wait_until(
                lambda: x_run(display, "xdotool", "search", "--onlyvisible", "--pid", pid, check=False),
                timeout=10,
                failure=lambda: f"no visible window of the kiosk: {kiosk.lines}",
            )
            windows = x_run(display, "xdotool", "search", "--onlyvisible", "--pid", pid).split()
            assert len(windows) == 1, f"the kiosk shows {len(windows)} windows"
            yield KioskOnX(display, kiosk, windows[0])
        finally:
            kiosk.kill()


def lockdown_problem(running: KioskOnX) -> str | None:
    """What is wrong with the kiosk now; None if it is up, full screen and focused."""
    if not running.kiosk.running:
        return f"the kiosk exited ({running.kiosk.process.returncode}): {running.kiosk.lines}"
    info = running.x("xwininfo", "-id", running.window, check=False)
    fields = dict(re.findall(r"^\s*([A-Za-z -]+):\s+(\S+)", info, re.MULTILINE))
    corner_and_size = ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
    geometry = [fields.get(name) for name in corner_and_size]
    if fields.get("Map State") != "IsViewable" or geometry != ["0", "0", "1920", "1080"]:
        return f"the kiosk window is not mapped over the whole screen: {info}"
    state = running.x("xprop", "-id", running.window, "_NET_WM_STATE", check=False)
    if "_NET_WM_STATE_FULLSCREEN" not in state:
        return f"the kiosk window is not full screen: {state}"
    active = running.x("xdotool", "getactivewindow", check=False).strip()
    if active != running.window:
        return f"the active window is {active or 'none'}, not the kiosk's {running.window}"
    return None


def assert_locked(running: KioskOnX) -> None:
    wait_until(lambda: lockdown_problem(running) is None, 5, lambda: lockdown_problem(running))


def test_the_kiosk_starts_full_screen_with_the_focus(running):
    assert_locked(running)


KEYS = [
    # Swallowed by the kiosk:
    "Escape", "F11", "ctrl+q", "ctrl+w", "F1", "Menu", "super",
    # Taken by openbox's default bindings, undone by the lockdown: lower the
    # window, show the desktop, another desktop, send the window to one.
    "alt+Tab", "alt+Escape", "super+d", "ctrl+alt+Right", "super+F2", "shift+alt+Left",
]


@pytest.mark.parametrize("key", KEYS)
def test_a_key_does_not_get_out(running, key):
    assert_locked(running)  # the keys go to the focused window: it must be the kiosk's
    running.x("xdotool", "key", key)
    assert_locked(running)


def test_alt_f4_is_refused(running):
    assert_locked(running)
    since = len(running.kiosk.lines)
    running.x("xdotool", "key", "alt+F4")  # openbox turns it into a close request
    running.kiosk.wait_for(CLOSE_REFUSED, since=since, timeout=LOG_LAG_S + 3)
    assert_locked(running)


def test_leaving_full_screen_is_undone(running):
    since = len(running.kiosk.lines)
    running.x("wmctrl", "-i", "-r", running.window, "-b", "remove,fullscreen")
    running.kiosk.wait_for(FULL_SCREEN_REGAINED, since=since, timeout=LOG_LAG_S + 3)
    assert_locked(running)


def test_minimizing_is_undone(running):
    since = len(running.kiosk.lines)
    running.x("xdotool", "windowminimize", running.window)
    running.kiosk.wait_for(FULL_SCREEN_REGAINED, since=since, timeout=LOG_LAG_S + 3)
    assert_locked(running)


@pytest.fixture
def other_window(running) -> Iterator[str]:
    """Another program's window popping up over the kiosk: its X window id."""
    message = subprocess.Popen(
        [program("xmessage"), "-geometry", "+200+200", "Another program"],
        env=os.environ | {"DISPLAY": running.display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        find = ("xdotool", "search", "--onlyvisible", "--class", "Xmessage")
        wait_until(lambda: running.x(*find, check=False), 10, lambda: "xmessage shows no window")
        yield running.x(*find).split()[0]
    finally:
        message.terminate()
        message.wait(timeout=10)


def test_another_window_does_not_keep_the_focus(running, other_window):
    since = len(running.kiosk.lines)
    running.x("xdotool", "windowactivate", other_window)
    running.kiosk.wait_for(FOCUS_REGAINED, since=since, timeout=LOG_LAG_S + 3)
    assert_locked(running)

    since = len(running.kiosk.lines)
    running.x("xdotool", "key", "alt+Tab")  # openbox switches to the other window
    running.kiosk.wait_for(FOCUS_REGAINED, since=since, timeout=LOG_LAG_S + 3)
    assert_locked(running)


def test_the_window_managers_close_request_is_refused(running):
    since = len(running.kiosk.lines)
    running.x("wmctrl", "-i", "-c", running.window)
    running.kiosk.wait_for(CLOSE_REFUSED, since=since, timeout=LOG_LAG_S + 3)
    assert_locked(running)


def test_no_warnings_from_qt(running):
    warnings = [line for line in running.kiosk.lines if ".qml" in line or "warning" in line.lower()]
    assert not warnings, warnings


def test_sigterm_still_stops_it_cleanly(running):
    # Last: how systemd stops the kiosk; the lockdown must not stand in the way.
    code = running.kiosk.terminate(timeout=10)
    assert code == 0, f"exit code {code} after SIGTERM: {running.kiosk.lines[-5:]}"
