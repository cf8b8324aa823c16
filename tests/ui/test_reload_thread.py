"""A reload reads and checks the staff's files off the UI thread, with a time limit.

The screen goes on drawing frames while the files are read, however long
that takes; a read past the limit is abandoned and the old content stays.
The files' reading is made slow here by holding the real checker back.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

import kiosk.config
import kiosk.ui.shell.supervisor as supervisor_module
from kiosk.tools.scene import settle
from tests.kiosk_copy import replace_in
from tests.ui.test_supervisor import (  # noqa: F401 (fixtures)
    NEW_BIO,
    NEW_BIO_SHOWN,
    OLD_BIO,
    OLD_BIO_SHOWN,
    kiosk_yaml,
    shows,
    staff_status,
    state_dir,
    supervise,
    wait_for,
)

pytestmark = pytest.mark.slow

READING = "reading the settings"  # the reload thread's name
TOO_SLOW = "reload was abandoned"


class HeldChecker:
    """kiosk.config.load_config, held back until the test lets it go; counts
    the frames the window draws meanwhile."""

    def __init__(self, monkeypatch):
        self.started = threading.Event()
        self.release = threading.Event()
        self.frames_while_reading = 0
        check = kiosk.config.load_config

        def held(*args, **kwargs):
            self.started.set()
            self.release.wait(timeout=60)
            return check(*args, **kwargs)

        monkeypatch.setattr(kiosk.config, "load_config", held)  # read_settings imports it at each call

    def count_frames(self, window) -> None:
        window.frameSwapped.connect(self._frame)

    def _frame(self) -> None:
        if self.started.is_set() and not self.release.is_set():
            self.frames_while_reading += 1


def keep_drawing(window) -> QTimer:
    """Ask for a frame every 20 ms, as an animation would (Qt draws only on a change)."""
    timer = QTimer(interval=20)
    timer.timeout.connect(window.update)
    timer.start()
    return timer


def join_reads() -> None:
    """Until every reload thread has ended, then deliver what they sent."""
    for thread in threading.enumerate():
        if thread.name == READING:
            thread.join(timeout=60)
    QCoreApplication.processEvents()


def test_frames_keep_coming_while_a_reload_reads_and_then_the_new_content_shows(
    supervise, kiosk_yaml, qtbot, monkeypatch
):
    supervisor = supervise(kiosk_yaml)
    ui = supervisor.ui
    ui.state.openPerson(1)
    settle(ui)
    checker = HeldChecker(monkeypatch)
    checker.count_frames(ui.window)
    drawing = keep_drawing(ui.window)
    replace_in(kiosk_yaml.parent / "people.yaml", OLD_BIO, NEW_BIO)

    wait_for(qtbot, checker.started.is_set, "the reload began reading")
    # The UI thread is free: the window draws while the checker is held.
    wait_for(qtbot, lambda: checker.frames_while_reading >= 10, "ten frames drawn during the reload")
    assert shows(supervisor, OLD_BIO_SHOWN)
    checker.release.set()
    wait_for(qtbot, lambda: shows(supervisor, NEW_BIO_SHOWN), "the new bio was shown")
    drawing.stop()
    print(f"frames drawn while the reload read: {checker.frames_while_reading}")


def test_a_reload_past_its_time_limit_is_abandoned_and_the_old_content_stays(
    supervise, kiosk_yaml, qtbot, monkeypatch
):
    monkeypatch.setattr(supervisor_module, "RELOAD_LIMIT_S", 0.5)
    supervisor = supervise(kiosk_yaml)
    ui = supervisor.ui
    ui.state.openPerson(1)
    settle(ui)
    checker = HeldChecker(monkeypatch)
    people = kiosk_yaml.parent / "people.yaml"
    replace_in(people, OLD_BIO, NEW_BIO)

    def staff_told() -> bool:
        return any(TOO_SLOW in line and str(kiosk_yaml) in line for line in staff_status(supervisor))

    wait_for(qtbot, staff_told, "staff were told the reload was abandoned")
    checker.release.set()  # the abandoned read ends now, with the new (valid) content
    join_reads()
    settle(ui)
    assert shows(supervisor, OLD_BIO_SHOWN) and not shows(supervisor, NEW_BIO_SHOWN)

    # The next save is read as usual (the checker is no longer held back).
    replace_in(people, "Stefanovic, rättad", "Stefanovic, åter rättad")
    wait_for(qtbot, lambda: shows(supervisor, "åter rättad"), "the next save was shown")
    assert not any(TOO_SLOW in line for line in staff_status(supervisor))
