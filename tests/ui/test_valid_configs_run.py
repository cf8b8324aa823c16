"""Valid means it runs: any config `kiosk check` accepts, the real kiosk shows.

Hypothesis draws configs at and near every bound (tests/drawn_configs.py);
for each, the kiosk (started as `kiosk run` starts it) builds every screen
in every language and display mode, takes a tap on each control of the
first screens, and reloads, as when staff save, to another drawn config for
the same screen: all without an exception or a Qt warning. A few examples
run in `make test`; KIOSK_CONFIG_EXAMPLES=200 runs more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QSize, QtMsgType
from pytestqt.exceptions import capture_exceptions

from kiosk.config import ConfigError, load_config
from kiosk.core.model import KioskConfig
from kiosk.ui.shell.app import KioskUi
from kiosk.tools.shots import Shot, planned_shots, show
from kiosk.tools.scene import visible_items
from kiosk.ui.state import Clocks
from kiosk.ui.shell.supervisor import Supervisor
from tests.conftest import TODAY
from tests.drawn_configs import NOON, RESOLUTIONS, kiosk_configs, write_config
from tests.ui.helpers import tap
from tests.ui.test_supervisor import stop

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("KIOSK_CONFIG_EXAMPLES", "3"))
PROBLEMS = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


def checked(folder, files) -> KioskConfig:
    """The config as `kiosk check` reads it; a refusal is a fault of the drawing, said plainly."""
    try:
        return load_config(write_config(folder, files), today=TODAY).config
    except ConfigError as error:
        raise AssertionError(f"kiosk check refused a drawn config:\n{error}") from None


def controls(ui: KioskUi):
    return [item for item in visible_items(ui.window) if item.property("kioskControl") is True]


def tap_each_control(ui: KioskUi, qtbot, shot: Shot) -> int:
    """Tap every control of the screen `shot` shows, from that screen each time; how many."""
    show(ui, shot)
    count = len(controls(ui))
    for index in range(count):
        show(ui, shot)
        shown = controls(ui)
        if index < len(shown):  # a screen may build its controls lazily
            tap(qtbot, ui.window, shown[index])
            QCoreApplication.processEvents()
    return count


def visit(ui: KioskUi, qtbot, config: KioskConfig) -> None:
    shots = planned_shots(config)
    for shot in shots:
        show(ui, shot)
    first = config.language_codes[0]
    people = len(config.content.people)
    for shot in shots:
        if shot.language == first and not shot.mode and not shot.idle_warning:
            if shot.screen != "person" or shot.person_index in (0, people - 1):
                assert tap_each_control(ui, qtbot, shot) > 0, f"no control on {shot.file_name}"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_config_the_checker_accepts_runs_and_reloads(kiosk_app, qtbot, qtlog, tmp_path_factory, data):
    resolution = data.draw(st.sampled_from(RESOLUTIONS), label="resolution")
    orientation = data.draw(st.sampled_from(["landscape", "portrait"]), label="orientation")
    first_files = data.draw(kiosk_configs(resolution, orientation), label="first")
    second_files = data.draw(kiosk_configs(resolution, orientation), label="second")
    staff = tmp_path_factory.mktemp("staff")
    first = checked(staff, first_files)

    warnings_before = len(qtlog.records)
    # The kiosk as `kiosk run` starts it, on a state folder of its own.
    supervisor = Supervisor(
        staff / "kiosk.yaml",
        tmp_path_factory.mktemp("state"),
        windowed=True,
        size=QSize(first.screen.width, first.screen.height),
        animated=False,
        clocks=Clocks(now=lambda: NOON),
    )
    try:
        with capture_exceptions() as exceptions:
            supervisor.start()
            assert supervisor.ui is not None and supervisor.out_of_order is None, "the kiosk showed 'out of order'"
            qtbot.waitExposed(supervisor.ui.window)
            visit(supervisor.ui, qtbot, first)
            second = checked(staff, second_files)  # staff save other files
            supervisor.reload()  # as when the kiosk sees them change; read on a thread of its own
            qtbot.waitUntil(lambda: supervisor.ui.state.config.content.people == second.content.people, timeout=20_000)
            visit(supervisor.ui, qtbot, second)
        assert not exceptions, "\n".join(str(error) for _, error, _ in exceptions)
        warnings = [record.message for record in qtlog.records[warnings_before:] if record.type in PROBLEMS]
        assert not warnings, "\n".join(warnings)
    finally:
        stop(supervisor)
