"""How each portrait will be shown, for staff: a line per photo in `kiosk
check` (the crop, and a warning if it is too small to look sharp), and the
contact sheet `kiosk preview` writes (portraits.png: every portrait in every
frame, cut from the rendered screens)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.file_lines import FileLines
from kiosk.ui.portraits import RECOMMENDED_SIZE, how_shown, largest_frame, too_small, upright_size
from kiosk.ui.preview import PORTRAIT_SHEET, Shot, scene_rect, visible_items

FRAME_NAMES = {"attract": "the first screen", "overview": "the overview", "person": "the person page"}
_HOLDER = re.compile(r"(attractPortrait|personCard)(\d+)|personPortrait")


def size_text(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


def portrait_lines(config: KioskConfig, lines: FileLines) -> tuple[list[str], list[str]]:
    """(a line per portrait on how it is shown, a warning per photo too small to look sharp)."""
    screen = QSize(config.screen.width, config.screen.height)
    frame = largest_frame(screen)
    shown, warnings = [], []
    for index, person in enumerate(config.content.people):
        field = f"people[{index}].portrait"
        where = lines.by_field.get(field, field)
        photo = upright_size(person.portrait)
        if not photo.isValid():
            continue  # `kiosk check` has said why already
        shown.append(f"  {where}: {person.portrait.name} ({size_text(photo)}): {how_shown(photo)}")
        if too_small(photo, screen):
            warnings.append(
                f"{where}: {field}: {person.portrait.name} is {size_text(photo)} pixels; the screens show it "
                f"at up to {size_text(frame)} on this screen, so it looks blurred. Use a larger photo: "
                f"best {size_text(RECOMMENDED_SIZE)} (upright, 4:5)"
            )
    heading = (
        "Portraits, as the first screen and the person page show them (upright 4:5 frames; the overview's cards "
        f"show a band around the face: see {PORTRAIT_SHEET} from kiosk preview). Photos of any size work, large "
        f"ones are copied down to display size by themselves; best: {size_text(RECOMMENDED_SIZE)} pixels, "
        "upright 4:5, the face in the middle."
    )
    return [heading, *shown], warnings


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
                cell = QRect(x, y, round(CELL_HEIGHT * picture.width() / picture.height()), CELL_HEIGHT)
                painter.drawImage(cell, picture)
                painter.drawText(QRect(x, y + CELL_HEIGHT + 4, widths[frame], CAPTION), wrap,
                                 f"{size_text(picture.size())}: {how_shown(photo, picture.size())}")
            x += widths[frame] + GAP
    painter.end()
    return sheet
