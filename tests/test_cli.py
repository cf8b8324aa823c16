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

from tests.conftest import CONFIG_DIR, KIOSK_YAML, REPO

KIOSK = [sys.executable, "-m", "kiosk"]


def kiosk(*args: str, env: dict[str, str] | None = None, timeout: int = 120):
    return subprocess.run(
        [*KIOSK, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout
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


def test_run_refuses_a_broken_config_with_the_same_lines_as_check(config_copy: Path):
    kiosk_yaml = config_copy.read_text(encoding="utf-8")
    config_copy.write_text(kiosk_yaml.replace("default: sv", "default: de"), encoding="utf-8")
    checked = kiosk("check", "--config", str(config_copy))
    run = kiosk("run", "--config", str(config_copy))
    assert checked.returncode == run.returncode == 1
    problem_lines = [line for line in checked.stderr.splitlines() if ": languages.default:" in line]
    assert problem_lines and problem_lines[0] in run.stderr


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
        for screen in ("attract", "overview", "person-1", "person-2", "person-3", "person-4")
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
