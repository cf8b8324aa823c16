"""What the running kiosk leaves for `kiosk status`: health.json in the state folder.

The kiosk opens no socket; whoever wants to know how it is reads this file
(over SSH, or from a copy of the folder on a USB stick). It is plain JSON,
written whole or not at all (kiosk/runtime/plain_data.py): at start, when
what the screen shows changes, every HEARTBEAT_S seconds, and at a clean
exit. Touches are kept in memory and written with the heartbeat.

How a run ended is known from the run itself when it ended cleanly (the
exit code), and otherwise inferred at the next start: no clean exit on the
same boot of the computer is a crash (or systemd's watchdog ending a frozen
kiosk, or a kill); no clean exit on an earlier boot is a power cut (or a
reset of the computer)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from kiosk.runtime.plain_data import read_json, write_json
from kiosk.runtime.service import STAFF_EXIT_CODE

HEALTH_FILE = "health.json"
FORMAT = 1
HEARTBEAT_S = 60
# Starts kept for "restarts today and this week".
KEEP_STARTS = dt.timedelta(days=8)
MAX_STARTS = 500  # a crash loop at systemd's pace fills a week with fewer

# How a run ended; the next start records it as the reason it came.
FIRST_START = "first start"
STAFF_EXIT = "staff exit"
STOPPED = "stopped"  # SIGTERM or Ctrl+C: systemctl stop/restart, a shutdown
ERROR_EXIT = "error exit"
CRASH = "crash"
POWER_CUT = "power cut"

# What the screen shows.
SCREEN_STARTING = "starting"
SCREEN_KIOSK = "kiosk"
SCREEN_OUT_OF_ORDER = "out of order"
SCREEN_ASLEEP = "asleep"

# Which settings and content it shows.
CONTENT_STAFF = "staff files"
CONTENT_COPY = "last good copy"
CONTENT_NONE = "none"

PROC = Path("/proc")


@functools.cache
def kiosk_version() -> str:
    from importlib import metadata  # here, not at the top: it slows every start (docs/performance.md)

    try:
        return metadata.version("unbreakable-kiosk")
    except metadata.PackageNotFoundError:
        return "unknown (not installed as a package)"


def duration_text(seconds: float) -> str:
    """'2 d 3 h 5 min' or '3 h 5 min'."""
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days} d {hours} h {minutes} min" if days else f"{hours} h {minutes} min"


def stamp(moment: dt.datetime) -> str:
    """A time as health.json keeps it: local, to the second."""
    return moment.replace(microsecond=0).isoformat()


def parse_stamp(value: object) -> dt.datetime | None:
    """A time from health.json; None for anything that is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def boot_id(proc: Path = PROC) -> str | None:
    """This boot of the computer (Linux); a new one after every power cut or reboot."""
    try:
        return (proc / "sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def process_start(pid: int, proc: Path = PROC) -> int | None:
    """When process `pid` started (clock ticks since boot), or None if there is
    none: with the pid and the boot, it tells a live kiosk from a reused pid."""
    try:
        text = (proc / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # Field 22; the name in field 2 may hold spaces and parentheses.
    fields = text[text.rfind(")") + 2 :].split()
    return int(fields[19]) if len(fields) > 19 and fields[19].isdigit() else None


def read_health(state_dir: Path) -> dict | None:
    """The last health record kept in `state_dir`, or None."""
    record = read_json(state_dir / HEALTH_FILE)
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None


def save_health(state_dir: Path, record: dict) -> None:
    """Raises OSError (a full or read-only disk)."""
    write_json(state_dir / HEALTH_FILE, record)


def how_it_ended(previous: dict | None, boot: str | None) -> str:
    """How the run of `previous` ended, seen from a start on boot `boot`."""
    if previous is None:
        return FIRST_START
    ended = previous.get("ended")
    if isinstance(ended, dict) and isinstance(ended.get("how"), str):
        return ended["how"]
    return CRASH if previous.get("boot_id") == boot and boot is not None else POWER_CUT


def begin_run(
    previous: dict | None, *, now: dt.datetime, pid: int, boot: str | None, version: str | None, proc: Path = PROC
) -> dict:
    """The record of a run starting now, after the run of `previous`.

    The last touch, the opening time since it and the last visit carry
    over: a kiosk restarting all day has still not been touched."""
    previous = previous or {}
    starts = [
        start
        for start in previous.get("starts", [])
        if isinstance(start, dict) and (at := parse_stamp(start.get("at"))) and now - at <= KEEP_STARTS
    ][-MAX_STARTS + 1 :]
    starts.append({"at": stamp(now), "after": how_it_ended(previous or None, boot)})
    untouched = previous.get("untouched_open_s", 0)
    return {
        "format": FORMAT,
        "version": version,
        "pid": pid,
        "pid_start": process_start(pid, proc),
        "boot_id": boot,
        "heartbeat_s": HEARTBEAT_S,
        "started_at": stamp(now),
        "heartbeat_at": stamp(now),
        "ended": None,
        "screen": SCREEN_STARTING,
        "content": CONTENT_NONE,
        "content_reason": None,
        "oldest_as_of": None,
        "oldest_as_of_what": None,
        "stats_enabled": None,
        "scene_graph": None,
        "open_now": None,
        "last_touch_at": previous.get("last_touch_at") if parse_stamp(previous.get("last_touch_at")) else None,
        "untouched_open_s": untouched if isinstance(untouched, (int, float)) and untouched >= 0 else 0,
        "last_visit_at": previous.get("last_visit_at") if parse_stamp(previous.get("last_visit_at")) else None,
        "starts": starts,
    }


def end_run(record: dict, *, now: dt.datetime, code: int) -> None:
    """Mark `record` as ended cleanly with exit code `code`."""
    how = STAFF_EXIT if code == STAFF_EXIT_CODE else STOPPED if code == 0 else ERROR_EXIT
    record["ended"] = {"at": stamp(now), "how": how, "code": code}
    record["heartbeat_at"] = stamp(now)


def status_line(record: dict) -> str:
    """One line for `systemctl status`: the screen, the content, the last visit."""
    screen = {
        SCREEN_KIOSK: "showing the kiosk",
        SCREEN_OUT_OF_ORDER: "showing OUT OF ORDER",
        SCREEN_ASLEEP: "asleep (outside opening hours)",
    }.get(record.get("screen"), "starting")
    content = {
        CONTENT_STAFF: "content: the staff's files",
        CONTENT_COPY: "content: the LAST GOOD COPY (the staff's files have errors)",
    }.get(record.get("content"), "no content")
    visit = parse_stamp(record.get("last_visit_at"))
    last = f"last visit {visit:%Y-%m-%d %H:%M}" if visit else "no visit yet"
    return f"{screen}; {content}; {last}"
