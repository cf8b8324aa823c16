"""Lockdown on a real X server with a real window manager (openbox): keys,
close requests, leaving full screen and other windows get no passer-by out.

One `kiosk run` for the whole module; each test does one thing to it and
then requires it still running, mapped full screen at 1920x1080 and focused.
The kiosk runs outside its opening hours, its screen black: any key that
reached its screens would wake it, so the key tests also see that no key got in.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kiosk.tools.bench import ScreenGrab
from kiosk.ui.shell.lockdown import LOG_INTERVAL_MS
from tests.conftest import beyond_bundled
from tests.kiosk_copy import RunningKiosk, copy_config
from tests.x11 import (
    kiosk_on_display,
    openbox,
    program,
    wait_until,
    x_run,
    xvfb,
)

pytestmark = pytest.mark.x11

CLOSE_REFUSED = "refused a request to close the kiosk window"
FULL_SCREEN_REGAINED = "made it full screen again"
FOCUS_REGAINED = "raised it and asked for the focus"
# Repeats are logged together once per interval: a line can lag its event by that.
LOG_LAG_S = LOG_INTERVAL_MS / 1000
# The kiosk's status for systemd (`systemctl status`) while its screen sleeps, and once woken.
ASLEEP = "asleep (outside opening hours)"
AWAKE = "showing the kiosk"
# Opening hours that have not begun yet (an exhibition far ahead): the screen sleeps until touched.
NOT_OPEN_YET = "\nschedule:\n  first_day: 2999-01-01\n"


def status_lines(kiosk: RunningKiosk, since: int = 0) -> list[str]:
    """What the kiosk told systemd for `systemctl status` (STATUS=), from its `since`th message on."""
    return [
        line.removeprefix("STATUS=")
        for message in kiosk.notifications[since:]
        for line in message.splitlines()
        if line.startswith("STATUS=")
    ]


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
    kiosk_yaml = copy_config(tmp_path_factory.mktemp("staff"))
    with kiosk_yaml.open("a", encoding="utf-8") as settings:
        settings.write(NOT_OPEN_YET)
    with xvfb() as display, openbox(display, home):
        kiosk = kiosk_on_display(display, home / "state", kiosk_yaml)
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
            kiosk.wait_until(lambda: any(line.startswith(ASLEEP) for line in status_lines(kiosk)), "sleep", 10)
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


def black(display: str) -> bool:
    """Every pixel of the screen black, as the sleeping kiosk shows it (blue, green, red of each)."""
    pixels = ScreenGrab(display)
    try:
        image = pixels.grab()
    finally:
        pixels.close()
    return max(image[0::4]) == max(image[1::4]) == max(image[2::4]) == 0


def assert_no_key_reached_the_screens(running: KioskOnX, heard: int) -> None:
    """A key that reached the kiosk's screens would have woken its sleeping
    screen, and it tells systemd so at once. A close request sent behind the
    keys is handled after them: once the kiosk has refused it, any key's wake
    has been told. `heard`: how many messages systemd had had before the keys."""
    since = len(running.kiosk.lines)
    running.x("wmctrl", "-i", "-c", running.window)
    running.kiosk.wait_for(CLOSE_REFUSED, since=since, timeout=LOG_LAG_S + 3)
    told = status_lines(running.kiosk, heard)
    assert not any(line.startswith(AWAKE) for line in told), f"a key woke the sleeping screen: {told}"
    assert black(running.display), "the screen is not black: a key woke it"


def test_the_kiosk_starts_full_screen_with_the_focus(running):
    assert_locked(running)
    assert black(running.display)  # asleep, as the key tests need it


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
    heard = len(running.kiosk.notifications)
    running.x("xdotool", "key", key)
    assert_no_key_reached_the_screens(running, heard)
    assert_locked(running)


def test_alt_f4_is_refused(running):
    assert_locked(running)
    since, heard = len(running.kiosk.lines), len(running.kiosk.notifications)
    running.x("xdotool", "key", "alt+F4")  # openbox turns it into a close request
    running.kiosk.wait_for(CLOSE_REFUSED, since=since, timeout=LOG_LAG_S + 3)
    assert_no_key_reached_the_screens(running, heard)
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
    # Lines start with their level; the bundled showing's daily warning is expected.
    warnings = [line for line in running.kiosk.lines if ".qml" in line or line.startswith(("WARNING", "ERROR"))]
    assert not beyond_bundled(warnings), warnings


def test_sigterm_still_stops_it_cleanly(running):
    # Last: how systemd stops the kiosk; the lockdown must not stand in the way.
    code = running.kiosk.terminate(timeout=10)
    assert code == 0, f"exit code {code} after SIGTERM: {running.kiosk.lines[-5:]}"
