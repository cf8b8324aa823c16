"""The screens `kiosk preview` shows, one Shot each, and how to bring a
running kiosk to one (the layout and accessibility tests walk the same list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.tools.scene import settle

if TYPE_CHECKING:
    from kiosk.core.model import KioskConfig
    from kiosk.ui.shell.app import KioskUi


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
