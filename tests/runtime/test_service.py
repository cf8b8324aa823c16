"""The systemd unit: its key lines, and systemd's own verdict on it."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.runtime.service import STAFF_EXIT_CODE, systemd_unit

PYTHON = "/opt/unbreakable-kiosk/.venv/bin/python"
CONFIG = Path("/opt/unbreakable-kiosk/config/kiosk.yaml")


def sections(unit: str) -> dict[str, dict[str, list[str]]]:
    """Section -> key -> every value, as systemd reads a unit (keys may repeat)."""
    parsed: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in unit.splitlines():
        if not line.strip() or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = parsed.setdefault(line.strip("[]"), {})
            continue
        key, sep, value = line.partition("=")
        assert sep and current is not None, f"not a key=value line in a section: {line!r}"
        current.setdefault(key, []).append(value)
    return parsed


@pytest.fixture
def unit() -> dict[str, dict[str, list[str]]]:
    return sections(systemd_unit(python=PYTHON, config=CONFIG, user="kiosk"))


def test_the_kiosk_runs_inside_cage_without_vt_switching(unit):
    (command,) = unit["Service"]["ExecStart"]
    # No -s: cage then refuses Ctrl+Alt+F<n>, so visitors cannot reach a console.
    assert shlex.split(command) == [
        "/usr/bin/cage", "-d", "--", PYTHON, "-m", "kiosk", "run", "--config", str(CONFIG),
    ]


def test_systemd_waits_for_ready_watches_and_restarts(unit):
    service = unit["Service"]
    assert service["Type"] == ["notify"]
    assert service["NotifyAccess"] == ["all"]
    assert service["UnsetEnvironment"] == ["WATCHDOG_PID"]
    assert service["WatchdogSec"] == ["30"]
    assert service["Restart"] == ["always"]
    assert service["RestartSec"] == ["2"]
    assert service["RestartPreventExitStatus"] == [str(STAFF_EXIT_CODE)]
    assert STAFF_EXIT_CODE == 64
    assert unit["Unit"]["StartLimitIntervalSec"] == ["0"]


def test_cage_gets_a_seat_on_the_first_console(unit):
    service = unit["Service"]
    assert service["User"] == ["kiosk"]
    assert service["PAMName"] == ["login"]
    assert service["TTYPath"] == ["/dev/tty1"]
    assert service["StandardInput"] == ["tty-fail"]
    assert service["StandardError"] == ["journal"]
    assert service["Environment"] == ["QT_QPA_PLATFORM=wayland"]
    assert unit["Unit"]["Conflicts"] == ["getty@tty1.service"]
    assert "systemd-user-sessions.service" in unit["Unit"]["After"][0].split()
    assert unit["Install"]["WantedBy"] == ["graphical.target"]


def test_the_header_says_how_to_install_it():
    text = systemd_unit(python=PYTHON, config=CONFIG, user="kiosk")
    header = text[: text.index("[Unit]")]
    assert all(line.startswith("#") for line in header.strip().splitlines())
    assert "/etc/systemd/system/unbreakable-kiosk.service" in header
    assert "systemctl enable --now unbreakable-kiosk" in header


def test_a_state_dir_becomes_the_environment_variable():
    unit = sections(systemd_unit(python=PYTHON, config=CONFIG, user="kiosk", state_dir=Path("/var/lib/kiosk")))
    assert unit["Service"]["Environment"] == ["QT_QPA_PLATFORM=wayland", "KIOSK_STATE_DIR=/var/lib/kiosk"]


def test_spaces_and_systemd_specials_in_paths_are_quoted():
    unit = sections(
        systemd_unit(
            python="/home/kiosk/my kiosk/.venv/bin/python",
            config=Path("/home/kiosk/100% $art/kiosk.yaml"),
            user="kiosk",
            state_dir=Path("/var/lib/kiosk state"),
        )
    )
    (command,) = unit["Service"]["ExecStart"]
    assert shlex.split(command)[3] == "/home/kiosk/my kiosk/.venv/bin/python"
    # systemd reads %% as % and $$ as $.
    assert shlex.split(command)[-1] == "/home/kiosk/100%% $$art/kiosk.yaml"
    assert unit["Service"]["Environment"][1] == '"KIOSK_STATE_DIR=/var/lib/kiosk state"'


@pytest.mark.parametrize(
    "arguments",
    [
        {"python": "python3", "config": CONFIG, "user": "kiosk"},
        {"python": PYTHON, "config": Path("config/kiosk.yaml"), "user": "kiosk"},
        {"python": PYTHON, "config": CONFIG, "user": "kiosk", "state_dir": Path("state")},
        {"python": PYTHON, "config": CONFIG, "user": "two words"},
        {"python": PYTHON, "config": Path("/tmp/a\nExecStartPre=/bin/evil"), "user": "kiosk"},
    ],
)
def test_arguments_that_would_make_a_broken_unit_are_refused(arguments):
    with pytest.raises(ValueError):
        systemd_unit(**arguments)


def test_systemd_accepts_the_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    path = tmp_path / "unbreakable-kiosk.service"
    path.write_text(systemd_unit(python=PYTHON, config=CONFIG, user="kiosk", state_dir=tmp_path / "state"))
    if analyze is None:
        # No systemd here: the structural checks above are all we can do.
        assert sections(path.read_text())["Service"]["Type"] == ["notify"]
        return
    result = subprocess.run([analyze, "verify", str(path)], capture_output=True, text=True, timeout=60)
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if Path("/usr/bin/cage").exists():
        assert result.returncode == 0, complaints
    else:
        # The one thing a machine without cage cannot confirm.
        complaints.remove(f"{path.name}: Command /usr/bin/cage is not executable: No such file or directory")
    assert complaints == []
