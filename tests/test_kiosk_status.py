"""`kiosk status` on the state folder of a real `kiosk run`, as staff run it over SSH.

The kiosk runs as a process of its own (offscreen); `kiosk status` is run as
a command beside it, while it runs, after systemd stops it and after it is
killed, and systemd's status line arrives on a socket standing in for systemd's."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.runtime.health import read_health
from tests.conftest import BUNDLED_WARNINGS, REPO
from tests.kiosk_copy import START_TIMEOUT_S, copy_config, state_env

pytestmark = pytest.mark.process


def kiosk_status(state: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "status", "--state", str(state), *options],
        cwd=REPO, env=state_env(state), capture_output=True, text=True, timeout=120,
    )


def wait_for_health(state: Path, pid: int) -> None:
    """Until the kiosk of process `pid` has written what it shows."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not ((record := read_health(state)) and record["pid"] == pid and record["screen"] == "kiosk"):
        assert time.monotonic() < deadline, f"no health file from process {pid}: {record}"
        time.sleep(0.05)


def test_a_running_kiosk_is_well_and_a_stopped_or_killed_one_is_not(run_kiosk, tmp_path):
    config = copy_config(tmp_path / "staff")
    state = tmp_path / "state"
    state.mkdir()
    kiosk = run_kiosk(config, state)
    kiosk.wait_for_first_frame()
    assert kiosk.notifications[:2] == ["STATUS=showing the kiosk; content: the staff's files; no visit yet", "READY=1"]
    wait_for_health(state, kiosk.process.pid)

    shown = kiosk_status(state)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "The kiosk is well."
    assert f"as process {kiosk.process.pid}, using " in lines[1]
    assert "On screen: the kiosk." in lines
    assert "Content: the staff's files." in lines
    # The screenshot of the first screen, at its first quiet moment.
    latest = state / "screenshots" / "latest.png"
    deadline = time.monotonic() + START_TIMEOUT_S
    while not latest.exists():
        assert time.monotonic() < deadline, "no screenshot of the kiosk's screen"
        time.sleep(0.05)
    assert latest.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert any(line.startswith("What the screen showed at ") and line.endswith(f": {latest}")
               for line in kiosk_status(state).stdout.splitlines())
    # What draws the screen, as the window said at its first frame, and why.
    while read_health(state)["scene_graph"] is None:
        assert time.monotonic() < deadline, "the scene graph never reached the health file"
        time.sleep(0.05)
    later = kiosk_status(state).stdout.splitlines()
    assert "Drawn with: software, as set in the environment (QT_QUICK_BACKEND=software)." in later
    # The daily log line that the bundled showing is over (it ended 2025-10-15, before any day this runs).
    told = f" WARNING kiosk.ui.shell.fact_review: showing over: {BUNDLED_WARNINGS[0]}"
    assert len([line for line in later if line.endswith(told)]) == 1, "\n".join(later)
    figures = json.loads(kiosk_status(state, "--json").stdout)
    assert figures["running"] is True and figures["memory_bytes"] > 20_000_000
    assert figures["scene_graph"] == {"drawn_with": "software",
                                      "choice": "as set in the environment (QT_QUICK_BACKEND=software)"}
    assert figures["restarts"]["this_week"] == 0

    assert kiosk.terminate() == 0, kiosk.stderr
    stopped = kiosk_status(state)
    assert stopped.returncode == 1
    assert stopped.stdout.startswith("NOT WELL: the kiosk is not running: it last ran until ")
    assert stopped.stdout.splitlines()[0].endswith(
        ", when it was stopped (systemctl stop or restart, a shutdown, Ctrl+C)"
    )

    kiosk = run_kiosk(config, state)
    wait_for_health(state, kiosk.process.pid)
    kiosk.kill()  # SIGKILL: no clean exit, as after a crash
    killed = json.loads(kiosk_status(state, "--json").stdout)
    assert killed["healthy"] is False
    assert killed["ended"]["how"] == "crash" and killed["ended"]["inferred"] is True

    kiosk = run_kiosk(config, state)
    wait_for_health(state, kiosk.process.pid)
    again = json.loads(kiosk_status(state, "--json").stdout)
    assert again["healthy"] is True, again["problems"]
    assert again["restarts"]["this_week_by_reason"] == {"stopped": 1, "crash": 1}
