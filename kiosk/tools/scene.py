"""What a person sees on a running kiosk window: the visible items, where
they stand, the contrast of their text, the controls a finger can press.

`kiosk preview`, the layout rules, the bench and the UI tests all look at
the screens through these."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QRect, QRectF, QThread
from PySide6.QtGui import QAccessible, QGuiApplication, QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.accessibility import ScreenGeometry, contrast_ratio

if TYPE_CHECKING:
    from kiosk.ui.shell.app import KioskUi

SETTLE_TIMEOUT_MS = 10_000


def visible_items(window: QQuickWindow) -> list[QQuickItem]:
    """Every item a person could see: visible, not transparent, all ancestors too."""
    found: list[QQuickItem] = []

    def walk(item: QQuickItem) -> None:
        if not item.isVisible() or item.opacity() <= 0:
            return
        found.append(item)
        for child in item.childItems():
            walk(child)

    walk(window.contentItem())
    return found


def every_screen_built(window: QQuickWindow) -> bool:
    """Every Loader of the window has its item: the screens not shown yet,
    which the kiosk builds in the background after the first, are built too."""
    loaders = [item for item in window.findChildren(QQuickItem) if item.inherits("QQuickLoader")]
    return all(loader.property("item") is not None for loader in loaders)


# What can cover the screens, topmost first (Main.qml draws the staff panel
# over "are you still there?"): while one is shown, only it can be seen and touched.
OVERLAYS = ("staffOverlay", "idleOverlay")


def covering_overlay(window: QQuickWindow) -> QQuickItem | None:
    """The overlay that covers the screens now, if any."""
    shown = {item.objectName(): item for item in visible_items(window) if item.objectName() in OVERLAYS}
    return next((shown[name] for name in OVERLAYS if name in shown), None)


def lay_out(window: QQuickWindow) -> None:
    """Place every item now, not at the next frame: rows and flows of
    buttons (the bottom bar) position their children only when a frame is
    made, so right after a change of screen they may still stand where the
    last screen had them. Children first, so each row knows its size before
    the flow that holds it."""
    for item in reversed(visible_items(window)):
        item.ensurePolished()


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def measured_contrast(image: QImage, rect: QRectF) -> float | None:
    """The contrast of text in `rect` of a rendered image, by WCAG's formula.

    The commonest colour is the background; the text is the colour, among
    those covering a fair share of the rest, that stands out most from it
    (smoothed glyph edges blend the two and never count). None if the rect
    holds a single colour.
    """
    area = QRect(rect.toAlignedRect()).intersected(image.rect())
    if area.isEmpty():
        return None
    pixels = image.copy(area).convertToFormat(QImage.Format.Format_RGB32)
    row_bytes = pixels.width() * 4
    data = bytes(pixels.constBits())
    counts: Counter[int] = Counter()
    for row in range(pixels.height()):  # rows may be padded
        counts.update(memoryview(data[row * pixels.bytesPerLine():][:row_bytes]).cast("I"))
    (background, background_count), *others = counts.most_common()
    rest = sum(count for _, count in others)
    candidates = [value for value, count in others if count >= max(3, 0.04 * rest)]
    if not candidates:
        return None

    def rgb(value: int) -> tuple[int, int, int]:
        return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF

    return max(contrast_ratio(rgb(background), rgb(value)) for value in candidates)


def accessible_role_name(role: int) -> str:
    return QAccessible.Role(role).name


def controls(window: QQuickWindow, geometry: ScreenGeometry, image: QImage) -> list[dict]:
    """The interactive controls on screen, as controls.json lists them: where
    they are in pixels, how big and how high above the floor in millimetres,
    what a screen reader calls them, and the contrast of their label as
    measured on `image` (the rendered window)."""
    result = []
    # While "are you still there?" or the staff panel covers the screen,
    # nothing beneath can be pressed.
    overlay = covering_overlay(window)
    for item in visible_items(window):
        if item.property("kioskControl") is not True:
            continue
        if overlay is not None and not overlay.isAncestorOf(item):
            continue
        rect = scene_rect(item)
        text = item.property("text")
        label = item.property("label")
        contrast = measured_contrast(image, label.mapRectToScene(label.boundingRect())) if label else None
        result.append(
            {
                "objectName": item.objectName(),
                "accessibleName": item.property("accessibleName") or "",
                "accessibleRole": accessible_role_name(item.property("accessibleRole")),
                "text": text if isinstance(text, str) else "",
                "x": round(rect.x()),
                "y": round(rect.y()),
                "width": round(rect.width()),
                "height": round(rect.height()),
                "widthMm": round(geometry.size_mm(rect.width()), 1),
                "heightMm": round(geometry.size_mm(rect.height()), 1),
                # Of its top and bottom edges.
                "topAboveFloorMm": round(geometry.height_above_floor_mm(rect.top()), 1),
                "bottomAboveFloorMm": round(geometry.height_above_floor_mm(rect.bottom()), 1),
                "labelContrast": None if contrast is None else round(contrast, 2),
            }
        )
    return result


def _is_loading(item: QQuickItem) -> bool:
    # `progress`, not `status`: Python cannot convert QQuickImage's status enum.
    if not item.inherits("QQuickImage") or item.property("source").isEmpty():
        return False
    return item.property("progress") < 1.0


def settle(ui: KioskUi) -> None:
    """Let the window finish loading images and laying out before a grab."""
    deadline = QDeadlineTimer(SETTLE_TIMEOUT_MS)
    while not deadline.hasExpired():
        QGuiApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not any(_is_loading(item) for item in visible_items(ui.window)):
            break
        QThread.msleep(5)
    lay_out(ui.window)
    QGuiApplication.processEvents()
