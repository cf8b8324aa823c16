"""`kiosk check` says how each portrait is shown, and warns only of a photo
too small to look sharp; a large one is fine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.config.problems import display_path
from kiosk.config.portrait_fit import how_shown
from tests.conftest import BUNDLED_WARNINGS, REPO, TODAY, beyond_bundled
from tests.kiosk_copy import copy_config, line_number, replace_in
from tests.test_cli import kiosk
from tests.ui.helpers import exif_orientation_segment

pytestmark = pytest.mark.process


def photo(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#556677"))
    assert image.save(str(path), "JPEG", 80)
    return path


@pytest.fixture
def kiosk_yaml(tmp_path: Path) -> Path:
    return copy_config(tmp_path)


def use_photo(kiosk_yaml: Path, name: str, width: int, height: int) -> str:
    """The first person's portrait replaced by a plain photo of that size; its people.yaml:LINE."""
    photo(kiosk_yaml.parent.parent / "assets" / "portraits" / name, width, height)
    people = kiosk_yaml.parent / "people.yaml"
    replace_in(people, "portrait: ../assets/portraits/ales-bialiatski.jpg", f"portrait: ../assets/portraits/{name}")
    return f"{display_path(people)}:{line_number(people, name)}"


def check(kiosk_yaml: Path, *options: str):
    return kiosk("check", "--config", str(kiosk_yaml), "--today", TODAY.isoformat(), *options)


def test_a_landscape_photo_is_reported_with_how_much_of_it_is_cut_off(kiosk_yaml):
    where = use_photo(kiosk_yaml, "landscape.jpg", 1500, 1000)
    result = check(kiosk_yaml)
    assert result.returncode == 0, result.stderr
    assert f"  {where}: landscape.jpg (1500x1000): cropped to its middle 53% across" in result.stdout.splitlines()
    assert beyond_bundled(result.stderr.splitlines()) == []


def test_the_bundled_portraits_are_shown_whole_and_the_best_size_is_said_once():
    result = kiosk("check", "--today", TODAY.isoformat())
    assert result.stdout.count("shown whole") == 4
    assert result.stdout.count("best: 960x1200 pixels") == 1


def test_a_large_photo_is_no_warning(kiosk_yaml):
    where = use_photo(kiosk_yaml, "large.jpg", 3300, 4125)
    result = check(kiosk_yaml)
    assert result.returncode == 0, result.stderr
    assert f"  {where}: large.jpg (3300x4125): shown whole" in result.stdout.splitlines()
    assert beyond_bundled(result.stderr.splitlines()) == []


def test_a_photo_too_small_for_the_person_page_is_a_warning(kiosk_yaml):
    where = use_photo(kiosk_yaml, "small.jpg", 320, 400)
    result = check(kiosk_yaml)
    assert result.returncode == 0, result.stderr
    assert beyond_bundled(result.stderr.splitlines()) == [
        (
            f"warning: {where}: people[0].portrait: small.jpg is 320x400 pixels; the screens show it at up to "
            "440x550 on this screen, so it looks blurred. Use a larger photo: best 960x1200 (upright, 4:5)"
        )
    ]
    strict = check(kiosk_yaml, "--strict")
    assert strict.returncode == 1
    assert f"{1 + len(BUNDLED_WARNINGS)} warnings: --strict counts them as problems." in strict.stderr


def test_a_photo_turned_upright_by_its_exif_tag_is_reported_upright(kiosk_yaml):
    """A phone's upright photo is often stored lying down, with a tag saying to turn it."""
    where = use_photo(kiosk_yaml, "phone.jpg", 1500, 1000)
    path = kiosk_yaml.parent.parent / "assets" / "portraits" / "phone.jpg"
    data = path.read_bytes()
    path.write_bytes(data[:2] + exif_orientation_segment(6) + data[2:])  # turn 90 degrees clockwise
    result = check(kiosk_yaml)
    assert f"  {where}: phone.jpg (1000x1500): cropped to its middle 83% down" in result.stdout.splitlines()


def test_how_much_each_frame_shows():
    assert how_shown((960, 1200)) == "shown whole"
    assert how_shown((6000, 4000)) == "cropped to its middle 53% across"
    # The overview's cards with larger text, landscape: a low band of the 4:5 box.
    assert how_shown((960, 1200), (430, 155)) == "cropped to a band of 29% of its height around the face"
    assert how_shown((6000, 4000), (224, 179)) == (
        "cropped to its middle 53% across and a band of 64% of its height around the face"
    )


def test_check_needs_no_qt():
    """`kiosk check` runs where Qt's system libraries are missing (it reads photos' headers itself)."""
    code = (
        "import sys; from kiosk.cli import main; main(['check', '--today', '2026-12-20']); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr
