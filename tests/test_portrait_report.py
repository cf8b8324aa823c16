"""`kiosk check` says how each portrait is shown, and warns only of a photo
too small to look sharp; a large one is fine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.config.problems import display_path
from tests.conftest import TODAY
from tests.kiosk_copy import copy_config, line_number, replace_in
from tests.test_cli import kiosk


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
    result = check(kiosk_yaml, "--strict")
    assert result.returncode == 0, result.stderr
    assert f"  {where}: landscape.jpg (1500x1000): cropped to its middle 53% across" in result.stdout.splitlines()
    assert result.stderr == ""


def test_the_bundled_portraits_are_shown_whole_and_the_best_size_is_said_once():
    result = kiosk("check", "--today", TODAY.isoformat())
    assert result.stdout.count("shown whole") == 4
    assert result.stdout.count("best: 960x1200 pixels") == 1


def test_a_large_photo_is_no_warning(kiosk_yaml):
    where = use_photo(kiosk_yaml, "large.jpg", 3300, 4125)
    result = check(kiosk_yaml, "--strict")
    assert result.returncode == 0, result.stderr
    assert f"  {where}: large.jpg (3300x4125): shown whole" in result.stdout.splitlines()


def test_a_photo_too_small_for_the_person_page_is_a_warning(kiosk_yaml):
    where = use_photo(kiosk_yaml, "small.jpg", 320, 400)
    result = check(kiosk_yaml)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {where}: people[0].portrait: small.jpg is 320x400 pixels; the screens show it at up to 440x550 "
        "on this screen, so it looks blurred. Use a larger photo: best 960x1200 (upright, 4:5)"
    ]
    assert check(kiosk_yaml, "--strict").returncode == 1
