"""Display-size copies of photos far larger than any screen shows them
(kiosk/ui/portraits.py): made once, side by side, upright, and kept."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QTransform

from kiosk.ui.portraits import LARGEST_FRAME_AT_1080, PortraitCopies
from kiosk.tools.scene import settle, visible_items
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import exif_orientation_segment

pytestmark = pytest.mark.slow

RED, BLUE = QColor("red"), QColor("blue")


def halves(size: QSize, top: QColor, bottom: QColor) -> QImage:
    """A picture whose upper half is `top` and lower half `bottom`: shows which way is up."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(bottom)
    painter = QPainter(image)
    painter.fillRect(0, 0, size.width(), size.height() // 2, top)
    painter.end()
    return image


def write_jpeg(path: Path, image: QImage) -> Path:
    assert image.save(str(path), "JPG", 95)
    return path


def near(colour: QColor, expected: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True))


def file_of(url: str) -> Path:
    return Path(QUrl(url).toLocalFile())


@pytest.fixture
def copies(kiosk_app, tmp_path) -> PortraitCopies:
    made = PortraitCopies(tmp_path / "state" / "portraits", LANDSCAPE)
    yield made
    made.shutdown()


def copied_url(qtbot, copies: PortraitCopies, photo: Path) -> str:
    """The URL once its copy is made: none ("") until then, the placeholder shows."""
    assert copies.url(photo) == ""
    qtbot.waitUntil(lambda: copies.url(photo) != "", timeout=10_000)
    return copies.url(photo)


def test_a_huge_photo_is_shown_from_a_copy_the_size_of_the_largest_frame(qtbot, copies, tmp_path):
    photo = write_jpeg(tmp_path / "huge.jpg", halves(QSize(6000, 4000), RED, BLUE))
    url = copied_url(qtbot, copies, photo)

    copy = file_of(url)
    assert copy.parent == tmp_path / "state" / "portraits"
    shown = QImage(str(copy))
    # Just covers the largest frame at 1080p (440x550): 825x550, not 6000x4000.
    assert (shown.width(), shown.height()) == (825, 550)
    assert near(shown.pixelColor(412, 100), RED) and near(shown.pixelColor(412, 450), BLUE)


def test_the_copy_is_used_at_every_later_start_and_remade_for_a_new_photo(qtbot, copies, tmp_path, kiosk_app):
    photo = write_jpeg(tmp_path / "huge.jpg", halves(QSize(4000, 5000), RED, BLUE))
    first = copied_url(qtbot, copies, photo)

    restarted = PortraitCopies(tmp_path / "state" / "portraits", LANDSCAPE)
    assert restarted.url(photo) == first  # at once: no placeholder, nothing decoded again

    write_jpeg(photo, halves(QSize(4000, 5000), BLUE, RED))  # staff replace it
    second = copied_url(qtbot, restarted, photo)
    assert second != first
    assert near(QImage(str(file_of(second))).pixelColor(10, 10), BLUE)
    restarted.keep_only([photo])
    assert not file_of(first).exists() and file_of(second).exists()
    restarted.shutdown()


def test_a_photo_not_much_larger_than_shown_is_shown_as_it_is(copies, tmp_path):
    photo = write_jpeg(tmp_path / "fine.jpg", halves(QSize(960, 1200), RED, BLUE))
    assert file_of(copies.url(photo)) == photo
    assert not (tmp_path / "state" / "portraits").exists()


def test_a_photo_held_sideways_is_copied_upright(qtbot, copies, tmp_path):
    # Stored on its side (red on the left), tagged "turn 90 degrees clockwise".
    stored = halves(QSize(4000, 6000), RED, BLUE).transformed(QTransform().rotate(-90))
    jpeg = tmp_path / "sideways.jpg"
    write_jpeg(jpeg, stored)
    data = jpeg.read_bytes()
    jpeg.write_bytes(data[:2] + exif_orientation_segment(6) + data[2:])
    assert QImageReader(str(jpeg)).size() == QSize(6000, 4000)

    shown = QImage(str(file_of(copied_url(qtbot, copies, jpeg))))
    assert shown.height() > shown.width()  # upright again, and covering 440x550
    assert shown.width() >= 440 and shown.height() >= 550
    assert near(shown.pixelColor(shown.width() // 2, 10), RED)
    assert near(shown.pixelColor(shown.width() // 2, shown.height() - 10), BLUE)


def test_when_no_copy_can_be_written_the_photo_is_shown_as_it_is(qtbot, kiosk_app, tmp_path, caplog):
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be")
    copies = PortraitCopies(blocked / "portraits", LANDSCAPE)
    photo = write_jpeg(tmp_path / "huge.jpg", halves(QSize(6000, 4000), RED, BLUE))
    with caplog.at_level(logging.WARNING):
        assert file_of(copied_url(qtbot, copies, photo)) == photo
    # Said once for the folder (a read-only or full disk), not once per photo.
    said = [r.getMessage() for r in caplog.records if "display-size copies" in r.getMessage()]
    assert len(said) == 1 and str(blocked / "portraits") in said[0], said
    copies.shutdown()


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_no_screen_shows_a_portrait_larger_than_the_copies_cover(make_ui, config, size):
    """LARGEST_FRAME_AT_1080 repeats the person page's portrait size: a copy
    made for it must cover every portrait of every screen, in either mode."""
    frame = LARGEST_FRAME_AT_1080[size.width() >= size.height()] * (min(size.width(), size.height()) / 1080)
    largest = QSize(0, 0)
    for larger_text in (False, True):
        ui = make_ui(dataclasses.replace(config), size=size)
        ui.state.setLargerText(larger_text)
        for screen in ("attract", "overview", "person"):
            ui.state.show(screen)
            settle(ui)
            for item in visible_items(ui.window):
                if item.inherits("QQuickImage") and item.property("source").scheme() == "file":
                    largest = largest.expandedTo(item.property("sourceSize"))
    assert largest.width() > 0
    assert largest.width() <= frame.width() and largest.height() <= frame.height(), (largest, frame)


@pytest.mark.parametrize("cut_to", [0, 0.5, -2], ids=["empty", "half", "last-bytes"])
def test_a_copy_cut_short_by_a_power_cut_is_made_again_not_shown_as_a_silhouette(
    qtbot, copies, tmp_path, kiosk_app, cut_to
):
    photo = write_jpeg(tmp_path / "huge.jpg", halves(QSize(6000, 4000), RED, BLUE))
    copy = file_of(copied_url(qtbot, copies, photo))
    data = copy.read_bytes()
    copy.write_bytes(data[: int(len(data) * cut_to)] if cut_to >= 0 else data[:cut_to])

    restarted = PortraitCopies(tmp_path / "state" / "portraits", LANDSCAPE)
    remade = file_of(copied_url(qtbot, restarted, photo))  # the placeholder only while it is made again
    shown = QImage(str(remade))
    assert (shown.width(), shown.height()) == (825, 550)
    assert near(shown.pixelColor(412, 100), RED) and near(shown.pixelColor(412, 450), BLUE)
    restarted.shutdown()
