"""`kiosk preview` and `kiosk check --layout` tell staff what a visitor would
see broken, with the line of the text: German added, "Festgenommen" runs into
the date beside it on every person page."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.problems import display_path
from tests.german import german_config
from tests.kiosk_copy import line_number
from tests.test_cli import kiosk

pytestmark = pytest.mark.process


@pytest.fixture
def german(tmp_path: Path) -> Path:
    return german_config(tmp_path / "copy")


def festgenommen_overlap(kiosk_yaml: Path) -> str:
    texts = kiosk_yaml.parent / "texts.yaml"
    line = line_number(texts, "de: Festgenommen")
    return f"person-3-de.png: 'Festgenommen' overlaps '14. Juli 2021' ({display_path(texts)}:{line})"


def test_preview_names_the_overlap_with_its_line_and_fails(german, tmp_path):
    out = tmp_path / "preview"
    result = kiosk("preview", "--config", str(german), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert festgenommen_overlap(german) in result.stderr.splitlines()
    assert "20 layout problems: a visitor would see these on the screens named." in result.stderr
    assert (out / "person-3-de.png").is_file()  # drawn all the same, to be looked at


def test_report_only_lists_the_same_and_exits_0(german, tmp_path):
    result = kiosk("preview", "--config", str(german), "--out", str(tmp_path / "preview"), "--report-only")
    assert result.returncode == 0, result.stderr
    assert festgenommen_overlap(german) in result.stderr.splitlines()


def test_check_layout_finds_it_without_writing_a_picture(german, tmp_path):
    result = kiosk("check", "--layout", "--config", str(german))
    assert result.returncode == 1, result.stderr
    assert festgenommen_overlap(german) in result.stderr.splitlines()
    assert not list(tmp_path.rglob("*.png"))  # only the copy's portraits (JPEG) are there


def test_check_layout_passes_the_bundled_content():
    result = kiosk("check", "--layout")
    assert result.returncode == 0, result.stderr
    assert "layout: nothing clipped, overlapping or off the screen on 38 screens." in result.stdout
    assert "layout problem" not in result.stderr and "note:" not in result.stderr
