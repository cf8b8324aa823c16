"""The running kiosk's health file and systemd status line, on the real kiosk window.

A HealthWatch watches a kiosk window in this process with a clock of the
test's own; what it writes is read back with `kiosk status`'s own code, and
its STATUS= lines arrive on a datagram socket standing in for systemd's."""

from __future__ import annotations

import datetime as dt
import json
import logging
import socket

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.runtime.health import HEALTH_FILE, kiosk_version, read_health
from kiosk.runtime.notify import SystemdNotifier
from kiosk.tools.status import status_command
from kiosk.ui.shell.health_watch import HealthWatch
from kiosk.ui.state import Clocks
# The kiosk open 10:00-18:00, at noon on a Tuesday, with a clock the test moves.
from tests.ui.test_opening_hours import clock, scheduled  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def systemd(tmp_path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(str(tmp_path / "notify.sock"))
        listener.settimeout(5)
        notifier = SystemdNotifier(str(tmp_path / "notify.sock"))
        yield notifier, listener
        notifier.close()


def status_lines(listener: socket.socket) -> list[str]:
    """The STATUS= lines sent so far."""
    lines = []
    listener.setblocking(False)
    try:
        while True:
            lines.append(listener.recv(4096).decode("utf-8"))
    except BlockingIOError:
        pass
    listener.settimeout(5)
    return lines


def written(qtbot, state, **expected) -> dict:
    """The health file once the writer thread has written these fields."""
    def matches() -> bool:
        record = read_health(state)
        return record is not None and all(record.get(key) == value for key, value in expected.items())

    qtbot.waitUntil(matches, timeout=5000)
    return read_health(state)


def kiosk_status(state, clock) -> tuple[str, int]:
    return status_command(state, as_json=False, now=clock.now)


def test_touches_visits_opening_hours_and_the_exit_reach_the_file_and_systemd(qtbot, scheduled, clock, systemd,
                                                                              tmp_path):
    notifier, listener = systemd
    state = tmp_path / "state"
    state.mkdir()
    watch = HealthWatch(state, clocks=Clocks(now=clock), notifier=notifier, interval_s=3600)
    watch.shown(scheduled, out_of_order=False, on_copy=False, problems=[])
    record = written(qtbot, state, screen="kiosk")
    assert record["content"] == "staff files" and record["stats_enabled"] is True
    assert status_lines(listener) == ["STATUS=showing the kiosk; content: the staff's files; no visit yet"]

    # Five hours open without a touch: a dead touch layer, as `kiosk status` says.
    for _ in range(5):
        clock.now += HOUR
        watch.beat()
    written(qtbot, state, untouched_open_s=5 * 3600)
    text, code = kiosk_status(state, clock)
    assert code == 1
    assert text.startswith("NOT WELL: no touch for 5 hours during opening hours (last touched never")
    # With every heartbeat, the same line again.
    assert len(status_lines(listener)) == 5

    qtbot.mouseClick(scheduled.window, Qt.MouseButton.LeftButton, pos=QPoint(900, 500))
    watch.beat()
    written(qtbot, state, untouched_open_s=0, last_touch_at="2027-05-04T17:00:00")
    text, code = kiosk_status(state, clock)
    assert code == 0, text
    assert "Touch: last touched at 2027-05-04 17:00 (0 h 0 min ago)." in text.splitlines()

    scheduled.state.show("overview")  # a visit: sent at once, written with the heartbeat
    assert status_lines(listener)[-1] == (
        "STATUS=showing the kiosk; content: the staff's files; last visit 2027-05-04 17:00"
    )

    # Closing time: the screen sleeps, at once in the file and to systemd; closed hours are not counted.
    clock.now += HOUR
    scheduled.state.sleep.refresh()
    written(qtbot, state, screen="asleep", open_now=False)
    assert status_lines(listener) == [
        "STATUS=asleep (outside opening hours); content: the staff's files; last visit 2027-05-04 17:00"
    ]
    clock.now += 10 * HOUR
    watch.beat()
    written(qtbot, state, untouched_open_s=0, heartbeat_at="2027-05-05T04:00:00")

    watch.ended(0)
    ended = json.loads((state / HEALTH_FILE).read_text(encoding="utf-8"))["ended"]
    assert ended == {"at": "2027-05-05T04:00:00", "how": "stopped", "code": 0}


def test_the_last_good_copy_and_out_of_order_are_said(qtbot, scheduled, clock, systemd, tmp_path):
    notifier, listener = systemd
    state = tmp_path / "state"
    state.mkdir()
    watch = HealthWatch(state, clocks=Clocks(now=clock), notifier=notifier, interval_s=3600)
    watch.shown(scheduled, out_of_order=False, on_copy=True, problems=["kiosk.yaml:4: 'xx' is not a language"])
    record = written(qtbot, state, content="last good copy")
    assert record["content_reason"] == "the staff's files have errors: kiosk.yaml:4: 'xx' is not a language"
    watch.shown(None, out_of_order=True, on_copy=False, problems=[])
    written(qtbot, state, screen="out of order")
    assert status_lines(listener) == [
        "STATUS=showing the kiosk; content: the LAST GOOD COPY (the staff's files have errors); no visit yet",
        "STATUS=showing OUT OF ORDER; no content; no visit yet",
    ]
    watch.ended(0)


def test_once_the_first_frame_is_shown_the_file_says_the_version_and_what_draws_the_screen(
        qtbot, scheduled, clock, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    watch = HealthWatch(state, clocks=Clocks(now=clock), interval_s=3600)
    watch.scene_graph_chosen("software (no GPU: nothing in /dev/dri)")
    watch.shown(scheduled, out_of_order=False, on_copy=False, problems=[])
    # Before the first frame the version is not looked up (it would hold the first frame up).
    record = written(qtbot, state, screen="kiosk")
    assert record["version"] is None and record["scene_graph"] is None
    text, _ = kiosk_status(state, clock)
    assert "Drawn with: not known yet (the first frame was not shown)." in text.splitlines()

    scheduled.window.show()
    qtbot.waitExposed(scheduled.window)
    watch.started(scheduled.window)  # as the supervisor calls it from the first frameSwapped
    record = written(qtbot, state, scene_graph={"drawn_with": "software",
                                                "choice": "software (no GPU: nothing in /dev/dri)"})
    assert record["version"] == kiosk_version()
    text, _ = kiosk_status(state, clock)
    assert "Drawn with: software (no GPU: nothing in /dev/dri)." in text.splitlines()
    assert f"Version {kiosk_version()}, running since" in text
    watch.ended(0)


def test_a_state_folder_that_cannot_be_written_is_said_once(qtbot, scheduled, clock, tmp_path, caplog):
    not_a_folder = tmp_path / "state"
    not_a_folder.write_text("a file where the folder should be", encoding="utf-8")
    watch = HealthWatch(not_a_folder, clocks=Clocks(now=clock), interval_s=3600)
    with caplog.at_level(logging.WARNING):
        watch.shown(scheduled, out_of_order=False, on_copy=False, problems=[])
        for _ in range(3):
            clock.now += HOUR
            watch.beat()
        # The screenshot of the kiosk's screen is tried too, and is not a second warning.
        qtbot.waitUntil(lambda: not watch.screenshots.pending, timeout=20_000)
        watch.ended(0)
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert warnings == [
        f"cannot keep the health file in {not_a_folder} (Not a directory): `kiosk status` will not see this run"
    ]
