"""`image://qr/<url>`: QR codes drawn at display size with whole-pixel modules."""

from __future__ import annotations

import logging
from functools import lru_cache
from urllib.parse import unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

from kiosk.core.qr import module_pixels, qr_matrix

log = logging.getLogger(__name__)

# Colours by value, not Qt.GlobalColor: this module is imported before the
# first frame, which must not wait for Qt's namespace of enums to be built
# (docs/performance.md).
WHITE, BLACK = QColor(255, 255, 255), QColor(0, 0, 0)

_unreadable: set[str] = set()  # links already logged as impossible to draw

# Used when QML gives no sourceSize: 240 px is the smallest width a phone
# reads reliably from a metre away on a 43-inch 1080p screen.
DEFAULT_SIZE_PX = 240


class QrImageProvider(QQuickImageProvider):
    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested_size: QSize) -> QImage:  # noqa: A002
        target = requested_size.width() if requested_size.width() > 0 else DEFAULT_SIZE_PX
        return _qr_image(unquote(id), target)


# Screens are built anew each time they show, and Qt asks again: encoding a
# QR code in Python each time cost a frame during the transition.
@lru_cache(maxsize=16)
def _qr_image(text: str, target: int) -> QImage:
    try:
        matrix = qr_matrix(text)
    except Exception as error:  # noqa: BLE001 -- e.g. too long for any code; kiosk check refuses such links
        # A blank square, never a traceback or a missing image; said once per link.
        if text not in _unreadable:
            _unreadable.add(text)
            log.warning(
                "no QR code can be made of a %d-character link (%s); showing a blank square", len(text), error
            )
        image = QImage(target, target, QImage.Format.Format_RGB32)
        image.fill(WHITE)
        return image
    modules = len(matrix)
    scale = module_pixels(modules, target)
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(WHITE)
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, BLACK)
    painter.end()
    return image
