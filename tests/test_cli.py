"""The `kiosk` command as staff use it: check, preview, and run without a screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.core.pin import verify_pin
from tests.conftest import CONFIG_DIR, KIOSK_YAML, REPO
from tests.kiosk_copy import FIRST_FRAME, run_kiosk, state_env  # noqa: F401 (run_kiosk is a fixture)

KIOSK = [sys.executable, "-m", "kiosk"]


def kiosk(*args: str, env: dict[str, str] | None = None, timeout: int = 120, stdin: str | None = None):
    return subprocess.run(
        [*KIOSK, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout, input=stdin
    )


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    """A copy of the staff's folder with its portraits, to break on purpose."""
    shutil.copytree(CONFIG_DIR, tmp_path / "config")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    return tmp_path / "config" / "kiosk.yaml"


def test_check_accepts_the_bundled_config():
    result = kiosk("check", "--config", str(KIOSK_YAML))
    assert result.returncode == 0, result.stderr
    assert "valid (4 people, languages: sv, en)" in result.stdout


def test_check_names_file_line_and_field_of_each_problem(config_copy: Path):
    texts = config_copy.parent / "texts.yaml"
    lines = texts.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines) if line.strip() == "en: Next") + 1
    del lines[line_no - 1]
    texts.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = kiosk("check", "--config", str(config_copy))
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    # Points at the 'next:' text (two lines above its removed English line).
    assert first.startswith(f"{texts}:{line_no - 2}: ui.next.en: "), first
    assert "English" in first


def test_run_on_a_broken_config_keeps_serving_the_last_good_copy_and_prints_the_same_lines_as_check(
    config_copy: Path, tmp_path: Path, run_kiosk
):
    state = tmp_path / "state"
    good = run_kiosk(config_copy, state)  # a good start keeps a copy of the settings
    good.wait_for(FIRST_FRAME)
    assert good.terminate() == 0, good.stderr

    kiosk_yaml = config_copy.read_text(encoding="utf-8")
    config_copy.write_text(kiosk_yaml.replace("default: sv", "default: de"), encoding="utf-8")
    checked = kiosk("check", "--config", str(config_copy), env=state_env(state))
    assert checked.returncode == 1
    problem_lines = [line for line in checked.stderr.splitlines() if line.startswith(f"{config_copy}:")]
    assert problem_lines and ": languages.default:" in problem_lines[0], checked.stderr

    run = run_kiosk(config_copy, state)
    run.wait_for("runs on the last good copy")
    run.wait_for(FIRST_FRAME)  # visitors see the kiosk, not an error
    for line in problem_lines:
        assert line in run.stderr
    assert run.terminate() == 0, run.stderr
    # The broken settings did not replace the good copy.
    copies = list(state.glob("last-good/files/config/kiosk.yaml"))
    assert len(copies) == 1 and "default: sv" in copies[0].read_text(encoding="utf-8")


def test_run_without_any_display_says_so_in_one_sentence():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = kiosk("run", env=env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "kiosk preview" in lines[0]
    assert "qt.qpa" not in result.stderr and "plugin" not in result.stderr


def test_preview_writes_every_screen_and_the_controls(tmp_path: Path):
    out = tmp_path / "preview"
    result = kiosk("preview", "--out", str(out), "--size", "1080x1920")
    assert result.returncode == 0, result.stderr
    expected = {
        f"{screen}-{lang}.png"
        for lang in ("sv", "en")
        for screen in ("attract", "overview", "person-1", "person-2", "person-3", "person-4", "idle")
    }
    assert {p.name for p in out.glob("*.png")} == expected
    for name in expected:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1080, 1920), name

    controls = json.loads((out / "controls.json").read_text(encoding="utf-8"))
    assert set(controls) == expected
    by_name = {c["objectName"]: c for c in controls["person-2-en.png"]}
    assert {"backButton", "previousButton", "nextButton", "language_sv", "language_en"} <= set(by_name)
    assert by_name["nextButton"]["text"] == "Next"
    assert by_name["language_sv"]["accessibleName"] == "Svenska"
    for control in by_name.values():
        assert control["width"] > 0 and control["height"] > 0
        assert 0 <= control["y"] and control["y"] + control["height"] <= 1920
    overview = {c["objectName"] for c in controls["overview-sv.png"]}
    assert {f"personCard{i}" for i in range(4)} <= overview
    assert "nextButton" not in overview


def test_hash_pin_prints_a_line_that_check_accepts_and_that_verifies_the_pin(config_copy: Path):
    result = kiosk("hash-pin", stdin="2468\n2468\n")
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(printed) == 1 and printed[0].lstrip().startswith("pin_hash: "), result.stdout
    pin_hash = printed[0].split("pin_hash: ", 1)[1]
    assert "2468" not in result.stdout + result.stderr

    # Pasted as printed into the staff: section of kiosk.yaml.
    text = config_copy.read_text(encoding="utf-8")
    empty = "\n  pin_hash:\n"
    assert "\nstaff:\n" in text and text.count(empty) == 1
    config_copy.write_text(text.replace(empty, f"\n{printed[0]}\n"), encoding="utf-8")
    checked = kiosk("check", "--config", str(config_copy))
    assert checked.returncode == 0, checked.stderr
    assert "valid" in checked.stdout

    assert verify_pin("2468", pin_hash)
    assert not verify_pin("1357", pin_hash)


def test_hash_pin_refuses_two_different_entries_and_prints_nothing():
    result = kiosk("hash-pin", stdin="2468\n2469\n")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "differ" in result.stderr


def test_hash_pin_refuses_a_too_short_pin_and_says_why():
    result = kiosk("hash-pin", stdin="246\n246\n")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "4 to 12 digits" in result.stderr


def test_service_unit_starts_this_kiosk_in_cage_under_systemds_watchdog(config_copy: Path):
    result = kiosk("service-unit", "--config", str(config_copy), "--user", "kiosk")
    assert result.returncode == 0, result.stderr
    unit = result.stdout.splitlines()
    exec_start = [line for line in unit if line.startswith("ExecStart=")]
    assert len(exec_start) == 1
    assert exec_start[0].startswith("ExecStart=/usr/bin/cage ")
    assert exec_start[0].endswith(f" -m kiosk run --config {config_copy}")
    assert f" -- {sys.executable} -m kiosk" in exec_start[0]
    assert "Type=notify" in unit and "User=kiosk" in unit
    assert any(line.startswith("WatchdogSec=") and int(line.split("=")[1]) > 0 for line in unit)

    # systemd starts the kiosk from /, so a relative --config becomes absolute.
    relative = kiosk("service-unit", "--config", "config/kiosk.yaml")
    assert relative.returncode == 0, relative.stderr
    assert f" -m kiosk run --config {KIOSK_YAML}\n" in relative.stdout
