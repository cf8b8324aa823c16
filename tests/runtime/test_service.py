"""The systemd unit: its key lines, and systemd's own verdict on it."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
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
    # `kiosk cage` becomes cage, the picture turned as kiosk.yaml says, with
    # the kiosk in it (tests/runtime/test_display.py); never with -s, so cage
    # refuses Ctrl+Alt+F<n> and visitors cannot reach a console.
    assert shlex.split(command) == [PYTHON, "-m", "kiosk", "cage", "--config", str(CONFIG)]


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
    assert service["Environment"][0] == "QT_QPA_PLATFORM=wayland"
    assert unit["Unit"]["Conflicts"] == ["getty@tty1.service"]
    assert "systemd-user-sessions.service" in unit["Unit"]["After"][0].split()
    assert unit["Install"]["WantedBy"] == ["graphical.target"]


def test_the_header_says_how_to_install_it():
    text = systemd_unit(python=PYTHON, config=CONFIG, user="kiosk")
    header = text[: text.index("[Unit]")]
    assert all(line.startswith("#") for line in header.strip().splitlines())
    assert "/etc/systemd/system/unbreakable-kiosk.service" in header
    assert "systemctl enable --now unbreakable-kiosk" in header


def test_the_state_folder_is_systemds_and_the_only_writable_place(unit):
    service = unit["Service"]
    assert service["StateDirectory"] == ["unbreakable-kiosk"]
    assert service["Environment"] == [
        "QT_QPA_PLATFORM=wayland",
        "KIOSK_STATE_DIR=/var/lib/unbreakable-kiosk",
        "XDG_CACHE_HOME=/var/lib/unbreakable-kiosk/cache",
    ]
    assert service["ProtectSystem"] == ["strict"]
    # cage's Wayland socket: the one other place it writes.
    assert service["ReadWritePaths"] == ["/run/user"]
    assert service["PrivateTmp"] == ["yes"]


def test_the_offline_promise_is_the_operating_systems_too(unit):
    service = unit["Service"]
    assert service["IPAddressDeny"] == ["any"]
    assert service["RestrictAddressFamilies"] == ["AF_UNIX AF_NETLINK"]
    assert "IPAddressAllow" not in service


def test_cage_keeps_its_devices_and_its_seat(unit):
    service = unit["Service"]
    assert service["DevicePolicy"] == ["closed"]
    assert service["DeviceAllow"] == ["/dev/tty1 rw", "char-drm rw", "char-input rw"]
    # Each of these would hide what cage needs (devices, /run/user, udev's events).
    for breaks_cage in ("PrivateDevices", "ProtectHome", "PrivateNetwork", "PrivateUsers"):
        assert breaks_cage not in service


def test_every_sandbox_setting_says_why():
    text = systemd_unit(python=PYTHON, config=CONFIG, user="kiosk")
    sandbox = text[text.index("# --- Files ---") : text.index("[Install]")]
    for paragraph in sandbox.strip().split("\n\n"):
        lines = paragraph.splitlines()
        assert lines[0].startswith("#"), f"no comment above: {paragraph}"
        assert any("=" in line and not line.startswith("#") for line in lines), paragraph


def test_spaces_and_systemd_specials_in_paths_are_quoted():
    unit = sections(
        systemd_unit(
            python="/home/kiosk/my kiosk/.venv/bin/python",
            config=Path("/home/kiosk/100% $art/kiosk.yaml"),
            user="kiosk",
        )
    )
    (command,) = unit["Service"]["ExecStart"]
    assert shlex.split(command)[0] == "/home/kiosk/my kiosk/.venv/bin/python"
    # systemd reads %% as % and $$ as $.
    assert shlex.split(command)[-1] == "/home/kiosk/100%% $$art/kiosk.yaml"


@pytest.mark.parametrize(
    "arguments",
    [
        {"python": "python3", "config": CONFIG, "user": "kiosk"},
        {"python": PYTHON, "config": Path("config/kiosk.yaml"), "user": "kiosk"},
        {"python": PYTHON, "config": CONFIG, "user": "two words"},
        {"python": PYTHON, "config": Path("/tmp/a\nExecStartPre=/bin/evil"), "user": "kiosk"},
    ],
)
def test_arguments_that_would_make_a_broken_unit_are_refused(arguments):
    with pytest.raises(ValueError):
        systemd_unit(**arguments)


def analyze(*arguments: str) -> subprocess.CompletedProcess:
    # `make test` installs systemd-analyze and cage (test-tools): without them these tests fail, never pass.
    program = shutil.which("systemd-analyze")
    assert program, "systemd-analyze is missing: install the Debian package systemd (make test-tools does)"
    return subprocess.run([program, *arguments], capture_output=True, text=True, timeout=120)


def unit_file(tmp_path: Path) -> Path:
    path = tmp_path / "unbreakable-kiosk.service"
    # A Python that is there: systemd-analyze verify checks that the command exists.
    path.write_text(systemd_unit(python=sys.executable, config=CONFIG, user="kiosk"))
    return path


def assert_systemd_accepts(path: Path) -> None:
    result = analyze("verify", str(path))
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode == 0, complaints
    assert complaints == []


OVERALL = re.compile(r"Overall exposure level for \S+: (\d+\.\d) (\w+)")


def exposure(path: Path) -> float:
    """systemd's own rating, 0 (locked) to 10 (wide open), from its last line."""
    result = analyze("security", "--offline=yes", "--no-pager", str(path))
    found = OVERALL.search(result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return float(found.group(1))


def test_systemd_accepts_the_unit(tmp_path):
    assert_systemd_accepts(unit_file(tmp_path))


def test_systemd_rates_the_sandbox_at_most_2_5_of_10(tmp_path):
    score = exposure(unit_file(tmp_path))
    assert score <= 2.5
