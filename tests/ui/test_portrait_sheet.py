"""`kiosk preview`'s portraits.png: every portrait cut from the screens as
they draw it, so staff see the crop; and the crop `kiosk check` describes
is the one drawn."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.tools.portrait_report import CAPTION, CELL_HEIGHT, GAP, LABEL_WIDTH
from kiosk.config.portrait_fit import how_shown
from kiosk.tools.preview import PORTRAIT_SHEET, render_preview

pytestmark = pytest.mark.slow

RED, GREEN, BLUE = QColor("#d02020"), QColor("#20d020"), QColor("#2020d0")


def banded_landscape(path, width=1500, height=1000):
    """Red on the left fifth, blue on the right fifth, green between."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(GREEN)
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, width // 5, height), RED)
    painter.fillRect(QRect(width - width // 5, 0, width // 5, height), BLUE)
    painter.end()
    assert image.save(str(path), "PNG")
    return path


def colours(image: QImage) -> set[str]:
    """The clear colours of an image (each channel snapped to 0 or 255)."""
    seen = set()
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            colour = image.pixelColor(x, y)
            rgb = (colour.red(), colour.green(), colour.blue())
            seen.add("".join("1" if channel > 127 else "0" for channel in rgb))
    return seen


def test_the_sheet_shows_a_landscape_photo_cropped_as_the_screens_draw_it(kiosk_app, config, tmp_path):
    landscape = banded_landscape(tmp_path / "landscape.png")
    people = list(config.content.people)
    people[0] = dataclasses.replace(people[0], portrait=landscape)
    changed = dataclasses.replace(config, content=dataclasses.replace(config.content, people=tuple(people)))
    render_preview(changed, tmp_path / "preview")
    sheet = QImage(str(tmp_path / "preview" / PORTRAIT_SHEET))
    assert not sheet.isNull()

    # The first row is the landscape photo; the columns: the first screen, the
    # overview, the person page, the overview and the person page with larger text.
    row = QRect(0, CAPTION, sheet.width(), CELL_HEIGHT)
    first_row = sheet.copy(row)
    # Its middle 53% fills the upright frames: green, with no red or blue side.
    assert how_shown((1500, 1000)) == "cropped to its middle 53% across"
    first_frame = first_row.copy(QRect(LABEL_WIDTH + GAP, 0, round(CELL_HEIGHT * 4 / 5), CELL_HEIGHT))
    assert colours(first_frame) == {"010"}, colours(first_frame)
    # The other people's placeholders have neither green nor red in them.
    second_row = sheet.copy(QRect(0, CAPTION + CELL_HEIGHT + CAPTION + GAP, sheet.width(), CELL_HEIGHT))
    assert "010" not in colours(second_row.copy(QRect(LABEL_WIDTH, 0, sheet.width() - LABEL_WIDTH, CELL_HEIGHT)))

