"""`kiosk run` as systemd runs it: a real process, offscreen, with its own state folder.

A broken config does not stop it, a second kiosk does not start beside it,
systemd hears when it is ready and that it stays alive, and it logs to a file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.kiosk_copy import (
    RunningKiosk,
    copy_config,
    replace_in,
    state_env,
)

pytestmark = pytest.mark.process

OUT_OF_ORDER = "showing 'out of order'"
LOGGED_FIRST_FRAME = "first frame shown"  # the log's line for people
BROKEN_DEFAULT = ("default: sv", "default: de")


@pytest.fixture
def kiosk_yaml(tmp_path: Path) -> Path:
    return copy_config(tmp_path / "staff")


@pytest.fixture
def start_kiosk(run_kiosk, state_dir) -> Callable[..., RunningKiosk]:
    return lambda config, **extra_env: run_kiosk(config, state_dir, **extra_env)


def check_problem_lines(config: Path, env: dict[str, str]) -> list[str]:
    """The FILE:LINE lines `kiosk check` prints for `config`."""
    checked = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--config", str(config)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert checked.returncode == 1, checked.stderr
    lines = [line for line in checked.stderr.splitlines() if line.startswith(f"{config}:")]
    assert lines, checked.stderr
    return lines


def test_a_broken_config_without_a_good_copy_keeps_running_out_of_order(start_kiosk, kiosk_yaml, state_dir):
    replace_in(kiosk_yaml, *BROKEN_DEFAULT)
    problems = check_problem_lines(kiosk_yaml, state_env(state_dir))

    kiosk = start_kiosk(kiosk_yaml)
    kiosk.wait_for(OUT_OF_ORDER)
    kiosk.wait_for_first_frame()  # the calm screen is up
    time.sleep(1)
    assert kiosk.process.poll() is None, kiosk.stderr  # no exit, so no restart loop under systemd
    for problem in problems:
        assert problem in kiosk.stderr
    assert kiosk.terminate() == 0, kiosk.stderr
    log_file = (state_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert OUT_OF_ORDER in log_file and problems[0] in log_file


def test_a_second_kiosk_on_the_same_state_folder_stops_at_once(start_kiosk, kiosk_yaml, state_dir):
    first = start_kiosk(kiosk_yaml)
    first.wait_for_first_frame()

    second = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--config", str(kiosk_yaml)],
        cwd=REPO, env=state_env(state_dir), capture_output=True, text=True, timeout=60,
    )
    assert second.returncode == 1, second.stderr
    assert f"another kiosk is already running (process {first.process.pid})" in second.stderr
    assert LOGGED_FIRST_FRAME not in second.stderr  # it never showed a window
    time.sleep(1)
    assert first.process.poll() is None, first.stderr
    assert first.terminate() == 0, first.stderr


def test_systemd_hears_ready_then_watchdog_then_stopping(start_kiosk, kiosk_yaml, state_dir):
    kiosk = start_kiosk(kiosk_yaml, WATCHDOG_USEC="1000000")
    kiosk.wait_for_first_frame()
    # The kiosk tells systemd only once its first frame is on screen.
    assert LOGGED_FIRST_FRAME in (state_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")

    def watchdogs_after_ready() -> int:
        messages = kiosk.notifications
        return messages[messages.index("READY=1") :].count("WATCHDOG=1")

    kiosk.wait_until(lambda: watchdogs_after_ready() >= 3, "three WATCHDOG=1 after READY=1")
    assert kiosk.terminate() == 0, kiosk.stderr  # SIGTERM, as systemd stops it
    messages = kiosk.notifications
    assert messages.count("READY=1") == 1
    assert "STOPPING=1" in messages, messages
    # STATUS= lines: tests/test_kiosk_status.py
    assert {m for m in messages if not m.startswith("STATUS=")} <= {"READY=1", "WATCHDOG=1", "STOPPING=1"}, messages


def test_the_kiosk_logs_to_a_rotating_file_in_its_state_folder(start_kiosk, kiosk_yaml, state_dir):
    kiosk = start_kiosk(kiosk_yaml)
    kiosk.wait_for_first_frame()
    assert kiosk.terminate() == 0, kiosk.stderr
    log_file = state_dir / "logs" / "kiosk.log"
    assert log_file.is_file()
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert any(LOGGED_FIRST_FRAME in line and " INFO kiosk.ui.shell.supervisor: " in line for line in lines), lines


# A kiosk started as `kiosk run` starts it, which at its first frame says
# which of these it has loaded by then, and leaves. Each costs a start time
# and serves nothing on the first screen (docs/performance.md): `Qt`,
# PySide6's namespace of enums (built at its first import), the
# control of a kiosk PC's panel (only under cage), platformdirs (only without
# KIOSK_STATE_DIR, which the unit sets).
FIRST_FRAME_PROBE = """
import sys
from pathlib import Path

import PySide6.QtCore
from PySide6.QtGui import QGuiApplication

from kiosk.ui.shell import launcher

LATER = ["kiosk.ui.shell.display_control", "platformdirs"]


def watch(supervisor):
    def first_frame(window):
        loaded = [name for name in LATER if name in sys.modules]
        loaded += ["Qt"] if "Qt" in vars(PySide6.QtCore) else []
        print("loaded before the first frame:", loaded, flush=True)
        QGuiApplication.exit(0)

    supervisor.firstFrameShown.connect(first_frame)


sys.exit(launcher.run(Path(sys.argv[1]), windowed=sys.argv[2] == "windowed", watch=watch))
"""


@pytest.mark.parametrize("how", ["windowed", "full screen"])
def test_the_first_frame_waits_for_nothing_the_first_screen_does_not_need(kiosk_yaml, state_dir, how):
    probe = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE, str(kiosk_yaml), how],
        cwd=REPO, env=state_env(state_dir), capture_output=True, text=True, timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    assert "loaded before the first frame: []" in probe.stdout.splitlines(), probe.stdout + probe.stderr
