"""`kiosk run` on a real X server (Xvfb): full-screen, first frame, no warnings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

FIRST_FRAME = "first frame shown at 1920x1080"


@pytest.fixture
def x_display():
    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is missing: install the Debian package xvfb (.ci/run does)"
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 20
    while not socket.exists():
        assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_kiosk_run_shows_the_window_full_screen(x_display):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env |= {"DISPLAY": x_display, "QT_QUICK_BACKEND": "software"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run"],
        cwd=REPO,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    shown = threading.Event()

    def read() -> None:
        for line in process.stderr:
            lines.append(line.rstrip())
            if FIRST_FRAME in line:
                shown.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not shown.wait(0.1) and process.poll() is None and time.monotonic() < deadline:
            pass
        time.sleep(1)  # let any late warnings arrive
        assert process.poll() is None, f"the kiosk exited: {lines}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        reader.join(timeout=5)
    assert shown.is_set(), f"no first frame at the screen's full size: {lines}"
    warnings = [line for line in lines if ".qml" in line or "warning" in line.lower()]
    assert not warnings, warnings
