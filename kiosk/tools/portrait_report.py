"""The contact sheet `kiosk preview` writes (portraits.png): every portrait
in every frame, cut from the rendered screens, with its crop in words
(kiosk/config/portrait_fit.py, as `kiosk check` says it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.config.portrait_fit import how_shown, size_text, upright_size
from kiosk.tools.shots import Shot
from kiosk.tools.scene import scene_rect, visible_items

FRAME_NAMES = {"attract": "the first screen", "overview": "the overview", "person": "the person page"}
_HOLDER = re.compile(r"(attractPortrait|personCard)(\d+)|personPortrait")


# --------------------------------------------------------------------------
# The contact sheet


@dataclass(frozen=True)
class FramedPortrait:
    person_index: int
    frame: str  # e.g. "the person page, larger text"
    picture: QImage  # the frame as rendered


def framed_portraits(window: QQuickWindow, image: QImage, shot: Shot) -> list[FramedPortrait]:
    """Every portrait frame wholly on the rendered `image`, with whose portrait it is."""
    found = []
    window_rect = QRectF(0, 0, window.width(), window.height())
    name = FRAME_NAMES[shot.screen] + (", larger text" if shot.mode == "larger-text" else "")
    for item in visible_items(window):
        if not (item.inherits("QQuickImage") and item.property("source").scheme() == "file"):
            continue
        frame = item.parentItem()
        index = _person_of(frame, shot)
        rect = scene_rect(frame)
        if index is not None and window_rect.contains(rect):
            found.append(FramedPortrait(index, name, image.copy(rect.toAlignedRect())))
    return found


def _person_of(item: QQuickItem | None, shot: Shot) -> int | None:
    while item is not None:
        match = _HOLDER.fullmatch(item.objectName())
        if match:
            return int(match[2]) if match[2] is not None else shot.person_index
        item = item.parentItem()
    return None


CELL_HEIGHT = 300
GAP = 24
CAPTION = 64  # room under each frame, and for the headings
LABEL_WIDTH = 360  # the column that names each person and photo


def contact_sheet(config: KioskConfig, framed: list[FramedPortrait]) -> QImage:
    """A row per person, a column per frame: each portrait as each frame shows it."""
    frames = list(dict.fromkeys(item.frame for item in framed))
    by_cell = {(item.person_index, item.frame): item.picture for item in framed}
    widths = {
        frame: max(round(CELL_HEIGHT * p.width() / p.height()) for (_, f), p in by_cell.items() if f == frame)
        for frame in frames
    }
    width = LABEL_WIDTH + sum(widths.values()) + GAP * (len(frames) + 1)
    height = CAPTION + len(config.content.people) * (CELL_HEIGHT + CAPTION + GAP) + GAP
    sheet = QImage(width, height, QImage.Format.Format_RGB32)
    sheet.fill(QColor("#f2f2f2"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    font = QFont()
    font.setPixelSize(20)
    painter.setFont(font)
    painter.setPen(QColor("#1a1a1a"))
    wrap = Qt.TextFlag.TextWordWrap

    x = LABEL_WIDTH + GAP
    for frame in frames:
        painter.drawText(QRect(x, GAP // 2, widths[frame], CAPTION), wrap, frame)
        x += widths[frame] + GAP
    for row, person in enumerate(config.content.people):
        y = CAPTION + row * (CELL_HEIGHT + CAPTION + GAP)
        photo = upright_size(person.portrait)
        about = f"{person.name}\n{person.portrait.name}\n{size_text(photo)} pixels"
        painter.drawText(QRect(GAP, y, LABEL_WIDTH - GAP, CELL_HEIGHT), wrap, about)
        x = LABEL_WIDTH + GAP
        for frame in frames:
            picture = by_cell.get((row, frame))
            if picture is not None:
                shown = (picture.width(), picture.height())
                cell = QRect(x, y, round(CELL_HEIGHT * picture.width() / picture.height()), CELL_HEIGHT)
                painter.drawImage(cell, picture)
                painter.drawText(QRect(x, y + CELL_HEIGHT + 4, widths[frame], CAPTION), wrap,
                                 f"{size_text(shown)}: {how_shown(photo, shown)}")
            x += widths[frame] + GAP
    painter.end()
    return sheet
