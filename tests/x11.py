"""A real X server (Xvfb), a real window manager (openbox) and `kiosk run`
in them, for the tests that need real windows."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import KIOSK_YAML
from tests.kiosk_copy import RunningKiosk

SCREEN_SIZE = "1920x1080"

# The Debian package of each program these tests run (`make test-tools`
# installs them all).
PACKAGES = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "wmctrl": "wmctrl",
    "xprop": "x11-utils",
    "xwininfo": "x11-utils",
    "xmessage": "x11-utils",
}


def program(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install the Debian package {PACKAGES[name]} (make test-tools does)"
    return path


def wait_until(condition: Callable[[], object], timeout: float, failure: Callable[[], str]) -> None:
    """Poll `condition` until it holds; fail with `failure()` at the deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure()
        time.sleep(0.05)


@contextmanager
def xvfb() -> Iterator[str]:
    """A virtual X server at the kiosk's resolution; yields its DISPLAY."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [program("Xvfb"), "-displayfd", str(write_end), "-screen", "0", f"{SCREEN_SIZE}x24",
         "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        # Xvfb picks a free display number itself (tests may run side by
        # side) and writes it once it accepts clients.
        ready, _, _ = select.select([read_end], [], [], 20)
        number = os.read(read_end, 16).decode().strip() if ready else ""
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


def x_run(display: str, *command: str, check: bool = True) -> str:
    """Run an X client (xdotool, wmctrl, xprop...) on `display`; its output."""
    result = subprocess.run(
        [program(command[0]), *command[1:]],
        env=os.environ | {"DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert not check or result.returncode == 0, f"{' '.join(command)} failed: {result.stderr}"
    return result.stdout


@contextmanager
def openbox(display: str, home: Path) -> Iterator[None]:
    """Openbox with its default configuration (Alt+F4 closes a window, Alt+Tab
    switches), as the kiosk may meet it; `home` keeps a user's own
    configuration out."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env |= {"DISPLAY": display, "HOME": str(home)}
    manager = subprocess.Popen(
        [program("openbox")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until(
            lambda: manager.poll() is None
            and "Name: Openbox" in x_run(display, "wmctrl", "-m", check=False),
            timeout=10,
            failure=lambda: f"openbox is not managing {display} (exit code {manager.poll()})",
        )
        yield
    finally:
        manager.terminate()
        manager.wait(timeout=10)


def kiosk_on_display(display: str, state_dir: Path, config: Path = KIOSK_YAML) -> RunningKiosk:
    """`python -m kiosk run` on `config` (the bundled one), shown on `display`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env |= {"DISPLAY": display, "QT_QUICK_BACKEND": "software", "KIOSK_STATE_DIR": str(state_dir)}
    return RunningKiosk(config, env)
