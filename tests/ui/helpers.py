"""What a person sees and does, for the UI tests."""

from __future__ import annotations

import struct

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.tools.layout_rules import rect_of_text, scroll_area_of, visible_text_items  # noqa: F401  (for the tests)
from kiosk.tools.scene import lay_out, scene_rect, visible_items

_touch_device = None


def find(window: QQuickWindow, name: str) -> QQuickItem:
    """The one visible item called `name`; fails if there is none or several."""
    items = [item for item in visible_items(window) if item.objectName() == name]
    assert len(items) == 1, f"expected one visible {name!r}, found {len(items)}"
    return items[0]


def is_shown(window: QQuickWindow, name: str) -> bool:
    return any(item.objectName() == name for item in visible_items(window))


def visible_texts(window: QQuickWindow) -> list[str]:
    return [item.property("text") for item in visible_text_items(window)]


def center(window: QQuickWindow, item: QQuickItem) -> QPoint:
    lay_out(window)  # where a finger finds it by the time it gets there
    return scene_rect(item).center().toPoint()


def tap(qtbot, window: QQuickWindow, item: QQuickItem) -> None:
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=center(window, item))


def _touchscreen():
    global _touch_device
    if _touch_device is None:
        _touch_device = QTest.createTouchDevice()
    return _touch_device


def touch_tap(window: QQuickWindow, item: QQuickItem) -> None:
    """A finger on the item's centre and off again, as on the kiosk's screen."""
    QTest.touchEvent(window, _touchscreen()).press(0, center(window, item), window).commit()
    QTest.qWait(30)
    QTest.touchEvent(window, _touchscreen()).release(0, center(window, item), window).commit()


def swipe(window: QQuickWindow, start: QPointF, end: QPointF, steps: int = 12) -> None:
    """A one-finger swipe with a real touch device, as on the kiosk's screen."""
    _touch_device = _touchscreen()
    QTest.touchEvent(window, _touch_device).press(0, start.toPoint(), window).commit()
    for step in range(1, steps + 1):
        point = start + (end - start) * (step / steps)
        QTest.qWait(10)
        QTest.touchEvent(window, _touch_device).move(0, point.toPoint(), window).commit()
    QTest.touchEvent(window, _touch_device).release(0, end.toPoint(), window).commit()


def exif_orientation_segment(orientation: int) -> bytes:
    """A JPEG APP1 segment holding only the EXIF orientation tag."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8)  # big-endian TIFF header, IFD0 at offset 8
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff + ifd
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
