"""`kiosk preview`: every screen in every language, rendered offscreen to PNG.

Staff look at the PNGs before copying an edit to the kiosk; tests read the
same files and controls.json, so what is checked is what is rendered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QRectF, QSize, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.ui.app import KioskUi, install_fonts, load_ui

SETTLE_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Shot:
    file_name: str
    screen: str
    person_index: int
    language: str
    idle_warning: bool = False  # "are you still there?" over the screen


def planned_shots(config: KioskConfig) -> list[Shot]:
    """attract-<lang>, overview-<lang>, person-<n>-<lang> (n from 1), idle-<lang>."""
    shots = []
    for language in config.language_codes:
        shots.append(Shot(f"attract-{language}.png", "attract", 0, language))
        shots.append(Shot(f"overview-{language}.png", "overview", 0, language))
        for index in range(len(config.content.people)):
            shots.append(Shot(f"person-{index + 1}-{language}.png", "person", index, language))
        shots.append(Shot(f"idle-{language}.png", "person", 0, language, idle_warning=True))
    return shots


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


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def controls(window: QQuickWindow) -> list[dict]:
    """The interactive controls on screen, as controls.json lists them."""
    result = []
    for item in visible_items(window):
        if item.property("kioskControl") is not True:
            continue
        rect = scene_rect(item)
        text = item.property("text")
        result.append(
            {
                "objectName": item.objectName(),
                "accessibleName": item.property("accessibleName") or "",
                "text": text if isinstance(text, str) else "",
                "x": round(rect.x()),
                "y": round(rect.y()),
                "width": round(rect.width()),
                "height": round(rect.height()),
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
    # One more pass so the last image's frame is painted.
    QGuiApplication.processEvents()


def show(ui: KioskUi, shot: Shot) -> None:
    ui.state.setLanguage(shot.language)
    ui.state.show(shot.screen, shot.person_index)
    if shot.idle_warning:
        ui.state.idle.warn()
    else:
        ui.state.idle.activity()
    settle(ui)


def render_preview(config: KioskConfig, out_dir: Path, size: QSize | None = None) -> list[Path]:
    """Write every screen as PNG plus controls.json into out_dir; returns the PNGs."""
    app = QGuiApplication.instance()
    install_fonts(app)
    ui = load_ui(config, size=size, animated=False)
    ui.window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    controls_by_image: dict[str, list[dict]] = {}
    for shot in planned_shots(config):
        show(ui, shot)
        path = out_dir / shot.file_name
        if not ui.window.grabWindow().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
        controls_by_image[shot.file_name] = controls(ui.window)
    (out_dir / "controls.json").write_text(
        json.dumps(controls_by_image, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    ui.window.close()
    del ui
    return written
