"""The panel switched off outside opening hours and turned from inside the
session (kiosk.ui.shell.display_control), with the commands it sends run for real:
small programs named wlopm and wlr-randr on PATH note what they were asked
(the kiosk's own cage cannot answer them: tests/test_cage.py), or are missing.
Each test ends as the kiosk stops: the command under way finished, never
destroyed while it runs (Qt would kill it, and warn).

Whatever the tools do, the sleeping screen is black (tests/ui/test_opening_hours.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.ui.shell.app import KioskUi
from kiosk.ui.shell.display_control import DisplayControl
# The kiosk open at Tuesday noon, its clock in the test's hand (clock, scheduled).
from tests.ui.test_opening_hours import black, clock, move_to, scheduled  # noqa: F401 (fixtures)

EVENING = dt.datetime(2027, 5, 4, 20, 0)  # a Tuesday after closing
NEXT_MORNING = dt.datetime(2027, 5, 5, 10, 0)
LISTING = 'HEADLESS-1 "Headless output 1"\n  Enabled: yes\n  Transform: normal\nHDMI-A-1 "Second"\n  Enabled: yes\n'


@dataclasses.dataclass
class Tools:
    folder: Path
    asked: Path  # one line per call: the program's name and its arguments

    def install(self, name: str, script: str) -> None:
        path = self.folder / name
        path.write_text(f'#!/bin/sh\necho "{name} $*" >> "{self.asked}"\n{script}\n')
        path.chmod(0o755)

    def calls(self) -> list[str]:
        return self.asked.read_text().splitlines() if self.asked.exists() else []


@pytest.fixture
def tools(tmp_path, monkeypatch) -> Tools:
    """A PATH with only the tools a test installs (and the shell they are written in)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "sh").symlink_to("/bin/sh")
    monkeypatch.setenv("PATH", str(folder))
    return Tools(folder, tmp_path / "asked.txt")


MakeControl = Callable[..., DisplayControl]


@pytest.fixture
def make_control(make_ui) -> Iterator[MakeControl]:
    """DisplayControl for a kiosk, as the supervisor makes it (turn: as
    DisplayControl's), and finished as the supervisor's shutdown does,
    before the kiosk goes (make_ui's own end)."""
    made: list[DisplayControl] = []

    def make(kiosk: KioskUi, turn: str | None = None) -> DisplayControl:
        control = DisplayControl(kiosk.state.sleep, kiosk.state.config, turn=turn, parent=kiosk.state)
        made.append(control)
        return control

    yield make
    for control in made:
        control.finish()


def test_the_panel_is_switched_off_while_asleep_and_on_at_opening_time(qtbot, scheduled, clock, tools, make_control):
    tools.install("wlopm", "exit 0")
    make_control(scheduled)
    # At start, open: on (a kiosk restarted in the night may have left it off).
    qtbot.waitUntil(lambda: tools.calls() == ["wlopm --on *"])
    move_to(qtbot, scheduled, clock, EVENING)
    qtbot.waitUntil(lambda: tools.calls()[1:] == ["wlopm --off *"])
    assert black(scheduled.window)
    move_to(qtbot, scheduled, clock, NEXT_MORNING)
    qtbot.waitUntil(lambda: tools.calls()[2:] == ["wlopm --on *"])
    assert not black(scheduled.window)


def test_a_touch_on_the_dark_panel_switches_it_on(qtbot, scheduled, clock, tools, make_control):
    tools.install("wlopm", "exit 0")
    move_to(qtbot, scheduled, clock, EVENING)
    make_control(scheduled)
    qtbot.waitUntil(lambda: tools.calls() == ["wlopm --off *"])
    qtbot.mouseClick(scheduled.window, Qt.MouseButton.LeftButton, pos=QPoint(960, 540))
    qtbot.waitUntil(lambda: tools.calls() == ["wlopm --off *", "wlopm --on *"])
    assert not black(scheduled.window)


def test_without_a_schedule_the_panels_power_is_left_alone(qtbot, make_ui, config, tools, make_control):
    tools.install("wlopm", "exit 0")
    tools.install("wlr-randr", "exit 0")
    kiosk = make_ui(config)
    make_control(kiosk, turn="right")
    qtbot.waitUntil(lambda: len(tools.calls()) == 1)
    assert tools.calls() == ["wlr-randr "]  # the listing asked for; nothing for the power


@pytest.mark.parametrize("wlopm", [None, 'echo "ERROR: Wayland compositor does not support the protocol" >&2; exit 1'])
def test_no_power_management_is_said_once_and_the_sleeping_screen_is_black(
    qtbot, scheduled, clock, tools, caplog, wlopm, make_control
):
    if wlopm:
        tools.install("wlopm", wlopm)
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.shell.display_control"):
        make_control(scheduled)
        qtbot.waitUntil(lambda: len(caplog.records) == 1)
        for when in (EVENING, NEXT_MORNING, EVENING):
            move_to(qtbot, scheduled, clock, when)
    assert black(scheduled.window)
    (record,) = caplog.records
    message = record.getMessage()
    assert message.startswith("cannot switch the screen off outside opening hours: ")
    assert ("wlopm is not installed" in message) if wlopm is None else ("does not support the protocol" in message)
    assert "it shows black instead" in message
    assert tools.calls() == ([] if wlopm is None else ["wlopm --on *"])  # tried once, not again


def test_the_picture_is_turned_on_the_kiosks_screen(qtbot, make_ui, config, tools, make_control):
    tools.install("wlr-randr", f'[ $# -eq 0 ] && printf \'{LISTING}\'\nexit 0')
    second = dataclasses.replace(config, screen=dataclasses.replace(config.screen, index=1))
    for kiosk_config, output in ((config, "HEADLESS-1"), (second, "HDMI-A-1")):
        kiosk = make_ui(kiosk_config)
        first = len(tools.calls())
        make_control(kiosk, turn="left")
        expected = ["wlr-randr ", f"wlr-randr --output {output} --transform 270"]
        qtbot.waitUntil(lambda: tools.calls()[first:] == expected)  # noqa: B023 (waited for here, in this turn)


def test_a_cage_that_cannot_turn_the_picture_is_said_plainly(qtbot, make_ui, config, tools, caplog, make_control):
    # What Debian 12's cage 0.1.4 answers (it has no output management; it turns with -r instead).
    tools.install("wlr-randr", 'echo "compositor doesn\'t support wlr-output-management-unstable-v1" >&2; exit 1')
    kiosk = make_ui(config)
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.shell.display_control"):
        make_control(kiosk, turn="left")
        qtbot.waitUntil(lambda: len(caplog.records) == 1)
    message = caplog.records[0].getMessage()
    assert "cannot turn the picture for screen.panel_turned" in message
    assert "doesn't support wlr-output-management-unstable-v1" in message
    assert tools.calls() == ["wlr-randr "]


@pytest.fixture
def gate(tmp_path) -> Path:
    """A named pipe a tool waits at (`read go < gate`) until the test writes a line into it."""
    path = tmp_path / "gate"
    os.mkfifo(path)
    return path


def test_the_command_under_way_when_the_kiosk_stops_is_waited_for(qtbot, kiosk, tools, caplog, gate):
    tools.install("wlr-randr", f'read go < "{gate}"\necho done >> "{tools.folder}/finished"\nprintf \'{LISTING}\'')
    control = DisplayControl(kiosk.state.sleep, kiosk.state.config, turn="left", parent=kiosk.state)
    qtbot.waitUntil(lambda: tools.calls() == ["wlr-randr "])  # it runs, and waits at the gate
    with caplog.at_level(logging.INFO, logger="kiosk.ui.shell.display_control"), gate.open("w") as opened:
        opened.write("go\n")
        opened.close()  # the tool goes on now, while the kiosk stops
        control.finish()
    assert (tools.folder / "finished").read_text() == "done\n"
    # The listing ended normally (said so), and the turn it would have led to is not started.
    assert [record.getMessage() for record in caplog.records] == ["list the screens: wlr-randr"]
    assert tools.calls() == ["wlr-randr "]


def test_a_command_that_hangs_when_the_kiosk_stops_is_stopped_and_said(qtbot, kiosk, tools, caplog, gate):
    tools.install("wlr-randr", f'read go < "{gate}"')  # nobody ever opens the gate
    control = DisplayControl(kiosk.state.sleep, kiosk.state.config, turn="left", parent=kiosk.state)
    qtbot.waitUntil(lambda: tools.calls() == ["wlr-randr "])
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.shell.display_control"):
        control.finish(wait_ms=200)
    (record,) = caplog.records
    assert record.getMessage() == "`wlr-randr` had not finished 0.2 s after the kiosk was asked to stop: stopped it"
