"""`kiosk status` on prepared state folders: what staff read over SSH, the JSON, the exit code.

The folders are made the way the kiosk makes them (kiosk/runtime/health.py's
begin_run and end_run, the fields kiosk/ui/shell/health_watch.py fills in); a
running kiosk is this test process (its pid and start time), a stopped one
ended. The clock is TODAY at 15:00; the disk is the test's own."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from kiosk.runtime.health import (
    CONTENT_COPY,
    CONTENT_NONE,
    CONTENT_STAFF,
    SCREEN_KIOSK,
    SCREEN_OUT_OF_ORDER,
    begin_run,
    boot_id,
    end_run,
    read_health,
    save_health,
    stamp,
)
from kiosk.runtime.screenshots import keep_screenshot
from kiosk.runtime.service import STAFF_EXIT_CODE
from kiosk.runtime.stats import DATABASE_NAME, SCHEMA, UPSERT
from kiosk.tools.status import status_command
from tests.conftest import TODAY

NOW = dt.datetime.combine(TODAY, dt.time(15, 0))
GB = 1_000_000_000
DiskUsage = namedtuple("DiskUsage", "total used free")  # as shutil.disk_usage gives it
ROOMY_DISK = DiskUsage(total=32 * GB, used=12 * GB, free=20 * GB)


def roomy(path: Path):
    return ROOMY_DISK


def kiosk_started(state: Path, at: dt.datetime, *, boot: str | None = None, **shown) -> dict:
    """A start of the kiosk at `at` after whatever ran before in `state`, showing
    the staff's files, touched a few minutes ago; `shown` changes that."""
    record = begin_run(read_health(state), now=at, pid=os.getpid(), boot=boot or boot_id(), version="1.4.2")
    record.update(
        screen=SCREEN_KIOSK,
        content=CONTENT_STAFF,
        oldest_as_of="2026-11-20",
        oldest_as_of_what="the status of Ales Bialiatski",
        stats_enabled=True,
        open_now=True,
        heartbeat_at=stamp(NOW - dt.timedelta(seconds=40)),
        last_touch_at=stamp(NOW - dt.timedelta(minutes=12)),
        untouched_open_s=12 * 60,
        last_visit_at=stamp(NOW - dt.timedelta(minutes=13)),
        scene_graph={"drawn_with": "software", "choice": "software (no GPU: nothing in /dev/dri)"},
    )
    record.update(shown)
    save_health(state, record)
    return record


def visits(state: Path, counts: dict[str, int]) -> None:
    """Sessions per hour ('YYYY-MM-DD HH') in stats.db, as the kiosk's recorder keeps them."""
    connection = sqlite3.connect(state / DATABASE_NAME)
    with connection:
        connection.execute(SCHEMA)
        connection.executemany(UPSERT, [(hour, "sessions", "", count) for hour, count in counts.items()])
    connection.close()


def status(state: Path, disk=roomy) -> tuple[str, dict, int]:
    """The plain text, the JSON and the exit code (the same for both)."""
    text, code = status_command(state, as_json=False, now=NOW, disk_usage=disk)
    as_json, json_code = status_command(state, as_json=True, now=NOW, disk_usage=disk)
    assert json_code == code
    return text, json.loads(as_json), code


@pytest.fixture
def state(tmp_path: Path) -> Path:
    folder = tmp_path / "state"
    folder.mkdir()
    return folder


def test_a_healthy_kiosk_says_so_on_its_first_line_and_exits_0(state):
    kiosk_started(state, NOW - dt.timedelta(hours=6, minutes=5))
    yesterday = TODAY - dt.timedelta(days=1)
    visits(state, {f"{TODAY} 10": 4, f"{TODAY} 14": 3, f"{yesterday} 11": 9, f"{TODAY - dt.timedelta(days=2)} 11": 5})
    (state / "logs").mkdir()
    (state / "logs" / "kiosk.log").write_text(
        f"{TODAY} 09:00:01,100 INFO kiosk.ui.shell.supervisor: first frame shown at 1080x1920\n"
        f"{TODAY} 11:30:00,200 WARNING kiosk.ui.portraits: cannot shrink portrait x.jpg\n"
        "Traceback (most recent call last):\n  File ...\n"
        f"{TODAY} 12:00:00,300 ERROR kiosk.ui.shell.supervisor: settings not used: kiosk.yaml:3: bad\n",
        encoding="utf-8",
    )
    text, figures, code = status(state)
    lines = text.splitlines()
    assert code == 0
    assert lines[0] == "The kiosk is well."
    assert f"running since {TODAY} 08:55 (6 h 5 min) as process {os.getpid()}, using" in lines[1]
    assert lines[1].startswith("Version 1.4.2,")
    assert "Restarts: none today, none in the last 7 days." in lines
    assert "On screen: the kiosk." in lines
    assert "Content: the staff's files." in lines
    assert "Drawn with: software (no GPU: nothing in /dev/dri)." in lines
    assert "Oldest fact: the status of Ales Bialiatski, checked 2026-11-20 (30 days ago)." in lines
    assert f"Visits: 7 today, 9 yesterday; the last visit started at {TODAY} 14:47 (0 h 13 min ago)." in lines
    assert f"Touch: last touched at {TODAY} 14:48 (0 h 12 min ago)." in lines
    assert "Disk: 20.0 GB free of 32.0 GB (62%)." in lines
    assert "Screenshot: no screenshots yet." in lines
    assert lines[-2:] == [
        f"  {TODAY} 11:30:00,200 WARNING kiosk.ui.portraits: cannot shrink portrait x.jpg",
        f"  {TODAY} 12:00:00,300 ERROR kiosk.ui.shell.supervisor: settings not used: kiosk.yaml:3: bad",
    ]
    assert figures["healthy"] is True and figures["problems"] == []
    assert figures["running"] is True and figures["pid"] == os.getpid()
    assert figures["memory_bytes"] > 1_000_000  # this test process, from /proc
    assert figures["visits"] == {"stats_enabled": True, "today": 7, "yesterday": 9, "problem": None}
    assert figures["oldest_as_of"] == {"date": "2026-11-20", "days": 30, "what": "the status of Ales Bialiatski"}
    assert figures["screen"] == "kiosk"
    assert figures["content"] == {"source": "staff files", "reason": None}
    assert figures["scene_graph"] == {"drawn_with": "software", "choice": "software (no GPU: nothing in /dev/dri)"}
    assert figures["disk"] == {"free_bytes": 20 * GB, "total_bytes": 32 * GB}
    assert figures["screenshot"] is None
    assert len(figures["recent_problems"]) == 2


def test_what_draws_the_screen_is_said_once_with_how_it_was_chosen(state):
    kiosk_started(state, NOW - dt.timedelta(hours=1),
                  scene_graph={"drawn_with": "OpenGL", "choice": "as set in the environment (QSG_RHI_BACKEND=opengl)"})
    text, figures, _ = status(state)
    assert "Drawn with: OpenGL, as set in the environment (QSG_RHI_BACKEND=opengl)." in text.splitlines()
    kiosk_started(state, NOW - dt.timedelta(minutes=1),
                  scene_graph={"drawn_with": "OpenGL", "choice": "OpenGL on Mesa Intel(R) UHD Graphics 620"})
    text, figures, _ = status(state)
    assert "Drawn with: OpenGL on Mesa Intel(R) UHD Graphics 620." in text.splitlines()
    assert figures["scene_graph"]["drawn_with"] == "OpenGL"


def test_two_crashes_today_are_counted_with_their_reason_but_are_no_crash_loop(state):
    kiosk_started(state, NOW - dt.timedelta(days=3), boot="an earlier boot")
    kiosk_started(state, NOW - dt.timedelta(days=1))  # no clean exit before: a power cut
    kiosk_started(state, NOW - dt.timedelta(hours=5))  # same boot, no clean exit: crashes
    kiosk_started(state, NOW - dt.timedelta(hours=2))
    text, figures, code = status(state)
    assert code == 0, text
    assert "Restarts: 2 (2 after a crash) today, 3 (2 after a crash, 1 after a power cut) in the last 7 days." in text
    assert figures["restarts"] == {
        "today": 2,
        "this_week": 3,
        "today_by_reason": {"crash": 2},
        "this_week_by_reason": {"crash": 2, "power cut": 1},
    }


def test_three_crashes_within_an_hour_are_a_crash_loop(state):
    for minutes in (70, 50, 30, 10):
        kiosk_started(state, NOW - dt.timedelta(minutes=minutes))
    text, figures, code = status(state)
    assert code == 1
    crash_loop = "the kiosk is crash-looping: it crashed or ended with an error 3 times in the last hour"
    assert text.splitlines()[0] == f"NOT WELL: {crash_loop}"
    assert figures["problems"] == [crash_loop]


def test_running_on_the_last_good_copy_says_why_and_stays_healthy(state):
    reason = "the staff's files have errors: /srv/kiosk/content.yaml:12: the date 2026-13-01 does not exist"
    kiosk_started(state, NOW - dt.timedelta(hours=1), content=CONTENT_COPY, content_reason=reason)
    text, figures, code = status(state)
    assert code == 0
    assert f"Content: the LAST GOOD COPY, because {reason}." in text.splitlines()
    assert figures["content"] == {"source": "last good copy", "reason": reason}


def test_out_of_order_is_not_well(state):
    reason = "no usable settings and no good copy of earlier ones"
    kiosk_started(state, NOW - dt.timedelta(hours=1), screen=SCREEN_OUT_OF_ORDER, content=CONTENT_NONE,
                  content_reason=reason, oldest_as_of=None, untouched_open_s=6 * 3600)
    text, figures, code = status(state)
    assert code == 1
    # No touch is expected on that page: the one reason is the page itself.
    assert text.splitlines()[0] == f"NOT WELL: the screen shows the 'out of order' page: {reason}"
    assert "On screen: the 'out of order' page." in text.splitlines()
    assert figures["problems"] == [f"the screen shows the 'out of order' page: {reason}"]
    assert figures["screen"] == "out of order"


def test_five_hours_without_a_touch_in_opening_hours_is_not_well(state):
    kiosk_started(state, NOW - dt.timedelta(days=1), last_touch_at=stamp(NOW - dt.timedelta(hours=19)),
                  untouched_open_s=5 * 3600 + 120)
    text, figures, code = status(state)
    assert code == 1
    first = (
        f"NOT WELL: no touch for 5 hours during opening hours (last touched at {TODAY - dt.timedelta(days=1)} "
        "20:00 (19 h 0 min ago)): is the touch screen working?"
    )
    assert text.splitlines()[0] == first
    assert figures["touch"]["untouched_open_hours"] == 5.0


def test_three_hours_without_a_touch_is_a_quiet_afternoon(state):
    kiosk_started(state, NOW - dt.timedelta(days=1), untouched_open_s=3 * 3600)
    text, _, code = status(state)
    assert code == 0, text


def test_a_nearly_full_disk_is_not_well(state):
    kiosk_started(state, NOW - dt.timedelta(hours=1))
    text, figures, code = status(state, disk=lambda path: DiskUsage(32 * GB, 32 * GB - 90_000_000,
                                                                                   90_000_000))
    assert code == 1
    assert text.splitlines()[0] == "NOT WELL: the disk is nearly full: 90 MB free of 32.0 GB"
    assert "Disk: 90 MB free of 32.0 GB (0%)." in text.splitlines()
    assert figures["disk"]["free_bytes"] == 90_000_000


def test_without_statistics_it_says_visits_are_not_counted(state):
    kiosk_started(state, NOW - dt.timedelta(hours=1), stats_enabled=False, last_visit_at=None)
    text, figures, code = status(state)
    assert code == 0
    assert "Visits: not counted (statistics are off in kiosk.yaml); no visit seen yet." in text.splitlines()
    assert figures["visits"] == {"stats_enabled": False, "today": None, "yesterday": None, "problem": None}
    assert figures["last_visit_at"] is None


def test_statistics_on_but_none_recorded_yet_count_zero(state):
    kiosk_started(state, NOW - dt.timedelta(hours=1))
    _, figures, _ = status(state)
    assert (figures["visits"]["today"], figures["visits"]["yesterday"]) == (0, 0)


def test_a_staff_exit_is_not_running_and_says_when(state):
    record = kiosk_started(state, NOW - dt.timedelta(hours=3))
    end_run(record, now=NOW - dt.timedelta(hours=1), code=STAFF_EXIT_CODE)
    save_health(state, record)
    text, figures, code = status(state)
    assert code == 1
    ending = f"it last ran until {TODAY} 14:00, when staff chose 'exit to the desktop'"
    assert text.splitlines()[:2] == [f"NOT WELL: the kiosk is not running: {ending}",
                                     f"Version 1.4.2, not running: {ending}."]
    assert "On screen when it last ran: the kiosk." in text.splitlines()
    assert figures["running"] is False and figures["memory_bytes"] is None
    assert figures["ended"] == {"at": stamp(NOW - dt.timedelta(hours=1)), "how": "staff exit", "code": STAFF_EXIT_CODE}


def test_a_copy_from_another_computer_tells_how_the_kiosk_last_ran(state):
    """A folder brought home on a USB stick: the run's boot is not this one."""
    kiosk_started(state, NOW - dt.timedelta(hours=3), boot="the kiosk computer's boot")
    text, figures, code = status(state)
    assert code == 1
    assert figures["running"] is False
    assert figures["ended"]["how"] == "power cut"
    assert f"it last ran until about {TODAY} 14:59 (its last heartbeat)" in text.splitlines()[0]


def test_a_folder_the_kiosk_never_ran_in(state):
    text, figures, code = status(state)
    assert code == 1
    assert text.splitlines()[0] == (
        f"NOT WELL: the kiosk has not run with this state folder yet ({state / 'health.json'} is missing)"
    )
    assert figures["running"] is False and figures["restarts"] is None and figures["scene_graph"] is None


def test_a_damaged_health_file_is_said_so(state):
    (state / "health.json").write_bytes(b"{\"format\": 1, \"pid\": 12")  # cut short
    text, figures, code = status(state)
    assert code == 1
    assert text.splitlines()[0] == (
        f"NOT WELL: {state / 'health.json'} is damaged or not written by this version of the kiosk"
    )


def test_the_latest_screenshot_is_named_with_when_it_was_taken(state):
    kiosk_started(state, NOW - dt.timedelta(hours=1))
    keep_screenshot(state, b"a PNG", at=NOW, reason="kiosk")
    latest = state / "screenshots" / "latest.png"
    taken = (NOW - dt.timedelta(minutes=5)).timestamp()
    os.utime(latest, (taken, taken))
    text, figures, code = status(state)
    assert f"What the screen showed at {TODAY} 14:55 (0 h 5 min ago): {latest}" in text.splitlines()
    assert figures["screenshot"] == str(latest)
    assert figures["screenshot_taken_at"] == f"{TODAY}T14:55:00"
