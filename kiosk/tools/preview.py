"""`kiosk preview`: every screen in every language, rendered offscreen to PNG.

Staff look at the PNGs before copying an edit to the kiosk; tests read the
same files and controls.json, so what is checked is what is rendered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage

from kiosk.core.model import KioskConfig
from kiosk.tools.portrait_report import framed_portraits
from kiosk.tools.layout_rules import screen_problems
from kiosk.tools.scene import controls
from kiosk.tools.shots import Shot, planned_shots, show
from kiosk.ui.shell.app import install_fonts, load_ui

if TYPE_CHECKING:  # kiosk.config.file_lines loads the config checker; the bench imports this module
    from kiosk.config.file_lines import FileLines

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
    from kiosk.tools.portrait_report import contact_sheet

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
