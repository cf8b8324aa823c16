"""`kiosk preview`: every screen in every language, rendered offscreen to PNG.

Staff look at the PNGs before copying an edit to the kiosk; tests read the
same files and controls.json, so what is checked is what is rendered.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QRect, QRectF, QSize, QThread
from PySide6.QtGui import QAccessible, QGuiApplication, QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.accessibility import ScreenGeometry, contrast_ratio
from kiosk.core.model import KioskConfig
from kiosk.ui.app import KioskUi, install_fonts, load_ui

if TYPE_CHECKING:  # kiosk.file_lines loads the config checker; the bench imports this module
    from kiosk.file_lines import FileLines

SETTLE_TIMEOUT_MS = 10_000


# The display modes a visitor can choose, as they appear in file names.
MODES = ("", "larger-text", "high-contrast")


@dataclass(frozen=True)
class Shot:
    file_name: str
    screen: str
    person_index: int
    language: str
    idle_warning: bool = False  # "are you still there?" over the screen
    mode: str = ""  # one of MODES; "" is neither


def planned_shots(config: KioskConfig) -> list[Shot]:
    """attract-<lang>, overview-<lang>, person-<n>-<lang> (n from 1), idle-<lang>,
    and each but the first screen again as ...-larger-text and ...-high-contrast
    (the first screen is always shown without: the modes end with the visit)."""
    shots = []
    for language in config.language_codes:
        shots.append(Shot(f"attract-{language}.png", "attract", 0, language))
        for mode in MODES:
            suffix = f"-{mode}" if mode else ""
            shots.append(Shot(f"overview-{language}{suffix}.png", "overview", 0, language, mode=mode))
            for index in range(len(config.content.people)):
                shots.append(
                    Shot(f"person-{index + 1}-{language}{suffix}.png", "person", index, language, mode=mode)
                )
            shots.append(Shot(f"idle-{language}{suffix}.png", "person", 0, language, idle_warning=True, mode=mode))
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
    shown = visible_items(window)
    # While "are you still there?" covers the screen, a touch anywhere only
    # answers it: nothing beneath can be pressed.
    overlays = [item for item in shown if item.objectName() == "idleOverlay"]
    for item in shown:
        if item.property("kioskControl") is not True:
            continue
        if overlays and not overlays[0].isAncestorOf(item):
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


def show(ui: KioskUi, shot: Shot) -> None:
    ui.state.setLanguage(shot.language)
    ui.state.setLargerText(shot.mode == "larger-text")
    ui.state.setHighContrast(shot.mode == "high-contrast")
    ui.state.show(shot.screen, shot.person_index)
    if shot.idle_warning:
        ui.state.idle.warn()
    else:
        ui.state.idle.activity()
    settle(ui)


@dataclass
class Rendered:
    """One screen as `kiosk preview` drew it."""

    shot: Shot
    image: QImage
    controls: list[dict]  # as controls.json lists them
    problems: list  # what the layout rules find broken (LayoutProblem)
    portraits: list  # each portrait frame on it (FramedPortrait), in the first language only


def rendered_screens(config: KioskConfig, size: QSize | None = None) -> Iterator[Rendered]:
    """Every planned screen, shown in turn, and what is found on it."""
    # They build on this module.
    from kiosk.ui.layout_rules import screen_problems
    from kiosk.ui.portrait_report import framed_portraits

    app = QGuiApplication.instance()
    install_fonts(app)
    ui = load_ui(config, size=size, animated=False)
    ui.window.show()
    try:
        for shot in planned_shots(config):
            show(ui, shot)
            image = ui.window.grabWindow()
            found = controls(ui.window, ui.state.geometry, image)
            # Portraits look the same in every language and colour scheme.
            framed = (
                framed_portraits(ui.window, image, shot)
                if shot.language == config.language_codes[0] and shot.mode != "high-contrast" and not shot.idle_warning
                else []
            )
            yield Rendered(shot, image, found, screen_problems(ui.window, image, found), framed)
    finally:
        ui.window.close()
        del ui


PORTRAIT_SHEET = "portraits.png"


def render_preview(config: KioskConfig, out_dir: Path, size: QSize | None = None) -> PreviewResult:
    """Write every screen as PNG, controls.json and the portraits' contact sheet into out_dir."""
    from kiosk.ui.portrait_report import contact_sheet

    out_dir.mkdir(parents=True, exist_ok=True)
    result = PreviewResult()
    controls_by_image: dict[str, list[dict]] = {}
    framed = []
    for rendered in rendered_screens(config, size):
        name = rendered.shot.file_name
        _save(rendered.image, out_dir / name)
        result.written.append(out_dir / name)
        controls_by_image[name] = rendered.controls
        result.problems[name] = rendered.problems
        framed += rendered.portraits
    (out_dir / "controls.json").write_text(
        json.dumps(controls_by_image, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    _save(contact_sheet(config, framed), out_dir / PORTRAIT_SHEET)
    return result


def _save(image: QImage, path: Path) -> None:
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")


def check_layout(config: KioskConfig, size: QSize | None = None) -> dict[str, list]:
    """What the layout rules find broken on each screen, drawn but not written."""
    return {rendered.shot.file_name: rendered.problems for rendered in rendered_screens(config, size)}


@dataclass
class PreviewResult:
    written: list[Path] = field(default_factory=list)  # the screens' PNGs
    problems: dict[str, list] = field(default_factory=dict)  # file name -> its LayoutProblems


def layout_report(problems: dict[str, list], lines: FileLines) -> list[str]:
    """One line a problem: "person-3-de.png: 'Festgenommen' overlaps '14. Juli 2021'
    (config/texts.yaml:104)", with the line of each text the files hold."""
    report = []
    for file_name, found in problems.items():
        for problem in found:
            where = [at for at in map(lines.of_text, problem.texts) if at is not None]
            report.append(f"{file_name}: {problem}" + (f" ({', '.join(where)})" if where else ""))
    return report
