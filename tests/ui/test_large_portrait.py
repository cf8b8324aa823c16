"""A huge photograph as a portrait: fine for staff (no warning), and the kiosk
decodes it at display size instead of holding 40 megapixels in memory."""

import shutil

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.config import load_config
from kiosk.tools.scene import settle, visible_items
from tests.conftest import CONFIG_DIR, REPO
from tests.ui.helpers import is_shown

pytestmark = pytest.mark.slow


def test_a_40_megapixel_portrait_is_shown_decoded_at_display_size(qtbot, make_ui, tmp_path):
    shutil.copytree(CONFIG_DIR, tmp_path / "config")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    photo = QImage(7800, 5200, QImage.Format.Format_RGB32)
    photo.fill(QColor("#6d7b8a"))
    assert photo.save(str(tmp_path / "assets" / "big.jpg"), "JPEG", 60)
    people = tmp_path / "config" / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "../assets/portraits/ales-bialiatski.jpg", "../assets/big.jpg", 1
        ),
        encoding="utf-8",
    )

    loaded = load_config(tmp_path / "config" / "kiosk.yaml")
    assert not [w for w in loaded.warnings if w.field == "people[0].portrait"]

    ui = make_ui(loaded.config)
    ui.state.show("person", 0)
    qtbot.waitUntil(lambda: is_shown(ui.window, "personPortrait"))
    settle(ui)
    frame = next(item for item in visible_items(ui.window) if item.objectName() == "personPortrait")
    image = next(child for child in frame.childItems() if child.inherits("QQuickImage"))
    assert image.property("progress") == 1.0
    assert image.property("source").toString().startswith("file://")  # Qt decodes it, not Python
    # The size it was decoded at: enough to cover the frame, which crops it.
    decoded_width, decoded_height = image.property("implicitWidth"), image.property("implicitHeight")
    assert abs(decoded_height - frame.height()) <= 1, decoded_height
    assert frame.width() <= decoded_width <= 2 * frame.width(), decoded_width
