"""`kiosk status`: how the kiosk is, from its state folder alone.

It reads what the kiosk leaves there (health.json, logs/kiosk.log, stats.db)
and asks the operating system only about the folder's disk and, while the
kiosk runs, its process. So it works while the kiosk runs, after it stopped,
and on a copy of the folder (which then says when the kiosk last ran).

report() gives the figures as a dict (the JSON of `kiosk status --json`, its
keys documented in docs/architecture.md); describe() the same in plain sentences.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.core.review import days_since
from kiosk.runtime.health import (
    CONTENT_COPY,
    CONTENT_STAFF,
    CRASH,
    ERROR_EXIT,
    FIRST_START,
    HEALTH_FILE,
    POWER_CUT,
    PROC,
    CONTENT_NONE,
    SCREEN_ASLEEP,
    SCREEN_KIOSK,
    SCREEN_OUT_OF_ORDER,
    SCREEN_STARTING,
    STAFF_EXIT,
    STOPPED,
    boot_id,
    duration_text,
    parse_stamp,
    process_start,
    read_health,
    stamp,
)
from kiosk.runtime.plain_data import write_text
from kiosk.runtime.screenshots import latest_path
from kiosk.runtime.stats import DATABASE_NAME
from kiosk.runtime.stats_report import ReportError, read_database

LOG_FILE = Path("logs") / "kiosk.log"
RECENT_LOG_LINES = 10
LOG_TAIL_BYTES = 256_000
# A log line of a warning or worse, as kiosk/runtime/logs.py writes them.
_PROBLEM_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (WARNING|ERROR|CRITICAL) ")
# Unhealthy when any of these is passed.
NO_TOUCH_HOURS = 4  # of opening hours without a touch: a dead touch layer looks like no visitors
CRASH_LOOP = 3  # crashes within CRASH_LOOP_WINDOW
CRASH_LOOP_WINDOW = dt.timedelta(hours=1)
LOW_DISK_BYTES = 200_000_000
LOW_DISK_SHARE = 0.05
MISSED_HEARTBEATS = 3  # a running kiosk silent this many heartbeats is frozen

DiskUsage = Callable[[Path], Any]  # shutil.disk_usage, or a test's


def report(
    state_dir: Path,
    *,
    now: dt.datetime,
    disk_usage: DiskUsage = shutil.disk_usage,
    proc: Path = PROC,
) -> dict:
    """Everything `kiosk status` says, as plain data; `now` is local wall time."""
    record = read_health(state_dir)
    problems: list[str] = []
    result: dict = {"healthy": True, "problems": problems, "state_dir": str(state_dir), "now": stamp(now)}
    if record is None:
        problems.append(_no_record(state_dir / HEALTH_FILE))
        result |= dict.fromkeys(
            ("version", "pid", "started_at", "heartbeat_at", "ended", "memory_bytes", "screen", "content",
             "scene_graph", "oldest_as_of", "touch", "last_visit_at", "restarts", "visits")
        ) | {"running": False}
    else:
        result |= _run(record, now, proc, problems)
        result |= _screen(record, now, problems)
        result["restarts"] = _restarts(record, now, problems)
        result["visits"] = _visits(state_dir, record, now)
    result["disk"] = _disk(state_dir, disk_usage, problems)
    result["recent_problems"] = _recent_log_problems(state_dir / LOG_FILE)
    result["log_file"] = str(state_dir / LOG_FILE)
    result |= _screenshot(state_dir)
    result["healthy"] = not problems
    return result


def status_command(
    state_dir: Path,
    *,
    as_json: bool,
    now: dt.datetime,
    prometheus: str | None = None,
    disk_usage: DiskUsage = shutil.disk_usage,
    proc: Path = PROC,
) -> tuple[str, int]:
    """What `kiosk status` prints, and its exit code: 0 when the kiosk is well, 1 when not.

    With `prometheus` ('-' or a file), the figures in Prometheus' text format:
    printed instead ('-'), or written to that file whole (raises OSError)."""
    result = report(state_dir, now=now, disk_usage=disk_usage, proc=proc)
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n" if as_json else describe(result)
    if prometheus == "-":
        text = prometheus_text(result)
    elif prometheus is not None:
        # Readable by node_exporter's user; the figures are no secret.
        write_text(Path(prometheus), prometheus_text(result), mode=0o644)
    return text, 0 if result["healthy"] else 1


def describe(result: dict) -> str:
    """The report in plain sentences; the first line says whether all is well, and if not why."""
    problems = result["problems"]
    lines = [f"NOT WELL: {problems[0]}" if problems else "The kiosk is well."]
    lines += [f"Also: {problem}" for problem in problems[1:]]
    if result["restarts"] is not None:  # the kiosk has run
        lines += _describe_run(result)
    lines.append(_describe_disk(result["disk"]))
    if result["screenshot"]:
        taken = dt.datetime.fromisoformat(result["screenshot_taken_at"])
        lines.append(f"What the screen showed {_when(taken, dt.datetime.fromisoformat(result['now']))}: "
                     f"{result['screenshot']}")
    else:
        lines.append("Screenshot: no screenshots yet.")
    recent = result["recent_problems"]
    if recent:
        lines.append(f"Last warnings and errors (from {result['log_file']}):")
        lines += [f"  {line}" for line in recent]
    else:
        lines.append(f"No warnings or errors in {result['log_file']}.")
    return "\n".join(lines) + "\n"


# --- the parts of the report ---------------------------------------------


def _no_record(path: Path) -> str:
    """Why there is no health record to read in `path`."""
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        return f"the kiosk has not run with this state folder yet ({path} is missing)"
    except PermissionError:
        return (f"cannot read {path}: permission denied. The state folder is only the kiosk user's: "
                "run `kiosk status` as that user (e.g. sudo -u kiosk ...)")
    except OSError as error:
        return f"cannot read {path} ({error.strerror or error})"
    return f"{path} is damaged or not written by this version of the kiosk"


def _run(record: dict, now: dt.datetime, proc: Path, problems: list[str]) -> dict:
    pid = record.get("pid") if isinstance(record.get("pid"), int) else None
    started = parse_stamp(record.get("started_at"))
    heartbeat = parse_stamp(record.get("heartbeat_at"))
    ended = record.get("ended") if isinstance(record.get("ended"), dict) else None
    same_boot = record.get("boot_id") is not None and record.get("boot_id") == boot_id(proc)
    running = (
        ended is None and same_boot and pid is not None and record.get("pid_start") is not None
        and process_start(pid, proc) == record.get("pid_start")
    )
    if ended is None and not running:
        # It ended without saying so: the next start would call it this.
        ended = {"at": record.get("heartbeat_at"), "how": CRASH if same_boot else POWER_CUT, "code": None,
                 "inferred": True}
    if not running:
        problems.append(f"the kiosk is not running: {_ending(ended)}")
    else:
        interval = record.get("heartbeat_s") if isinstance(record.get("heartbeat_s"), (int, float)) else 60
        if heartbeat is None or (now - heartbeat).total_seconds() > MISSED_HEARTBEATS * interval:
            problems.append(
                f"the kiosk is not answering: its last heartbeat was {_when(heartbeat, now)}"
            )
    return {
        "version": record.get("version"),
        "running": running,
        "pid": pid if running else None,
        "started_at": record.get("started_at") if started else None,
        "heartbeat_at": record.get("heartbeat_at") if heartbeat else None,
        "ended": None if running else ended,
        "memory_bytes": _memory(pid, proc) if running else None,
    }


def _screen(record: dict, now: dt.datetime, problems: list[str]) -> dict:
    screen = record.get("screen")
    if screen == SCREEN_OUT_OF_ORDER:
        problems.append("the screen shows the 'out of order' page: " + str(record.get("content_reason")))
    as_of = _date(record.get("oldest_as_of"))
    touched = parse_stamp(record.get("last_touch_at"))
    untouched = record.get("untouched_open_s")
    untouched_h = untouched / 3600 if isinstance(untouched, (int, float)) and untouched >= 0 else 0.0
    if screen in (SCREEN_KIOSK, SCREEN_ASLEEP) and untouched_h >= NO_TOUCH_HOURS:
        problems.append(
            f"no touch for {int(untouched_h)} hours during opening hours (last touched {_when(touched, now)}): "
            "is the touch screen working?"
        )
    scene_graph = record.get("scene_graph")
    return {
        "screen": screen,
        "content": {"source": record.get("content"), "reason": record.get("content_reason")},
        "scene_graph": scene_graph if isinstance(scene_graph, dict) else None,
        "oldest_as_of": {
            "date": as_of.isoformat(),
            "days": days_since(as_of, now.date()),
            "what": record.get("oldest_as_of_what"),
        } if as_of else None,
        "touch": {
            "last_at": record.get("last_touch_at") if touched else None,
            "untouched_open_hours": round(untouched_h, 1),
            "open_now": record.get("open_now"),
        },
        "last_visit_at": record.get("last_visit_at") if parse_stamp(record.get("last_visit_at")) else None,
    }


def _restarts(record: dict, now: dt.datetime, problems: list[str]) -> dict:
    """Starts after an earlier run, by how that run ended: today, this week (the last 7 days)."""
    today: Counter[str] = Counter()
    week: Counter[str] = Counter()
    crashes_lately = 0
    for start in record.get("starts", []):
        at = parse_stamp(start.get("at")) if isinstance(start, dict) else None
        after = start.get("after") if at else None
        if not isinstance(after, str) or after == FIRST_START or at > now:
            continue
        if now - at < dt.timedelta(days=7):
            week[after] += 1
            if at.date() == now.date():
                today[after] += 1
            if after in (CRASH, ERROR_EXIT) and now - at <= CRASH_LOOP_WINDOW:
                crashes_lately += 1
    if crashes_lately >= CRASH_LOOP:
        problems.append(
            f"the kiosk is crash-looping: it crashed or ended with an error {crashes_lately} times in the last hour"
        )
    return {
        "today": sum(today.values()),
        "this_week": sum(week.values()),
        "today_by_reason": dict(today),
        "this_week_by_reason": dict(week),
    }


def _visits(state_dir: Path, record: dict, now: dt.datetime) -> dict:
    enabled = record.get("stats_enabled")
    visits: dict = {"stats_enabled": enabled, "today": None, "yesterday": None, "problem": None}
    if not enabled:
        return visits
    database = state_dir / DATABASE_NAME
    yesterday = now.date() - dt.timedelta(days=1)
    if not database.exists():
        return visits | {"today": 0, "yesterday": 0}
    try:
        days = {day.date: day.sessions for day in read_database(database, since=yesterday, until=now.date())}
    except ReportError as error:
        return visits | {"problem": str(error)}
    return visits | {"today": days.get(now.date(), 0), "yesterday": days.get(yesterday, 0)}


def _disk(state_dir: Path, disk_usage: DiskUsage, problems: list[str]) -> dict:
    try:
        usage = disk_usage(state_dir)
    except OSError as error:
        problems.append(f"cannot see the disk of {state_dir} ({error.strerror or error})")
        return {"free_bytes": None, "total_bytes": None}
    if usage.free < LOW_DISK_BYTES or usage.free < LOW_DISK_SHARE * usage.total:
        problems.append(f"the disk is nearly full: {_bytes(usage.free)} free of {_bytes(usage.total)}")
    return {"free_bytes": usage.free, "total_bytes": usage.total}


def _memory(pid: int, proc: Path) -> int | None:
    """The resident memory of process `pid`, in bytes."""
    try:
        text = (proc / str(pid) / "status").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.MULTILINE)
    return int(match[1]) * 1024 if match else None


def _screenshot(state_dir: Path) -> dict:
    """The latest screenshot's path and when it was taken (its file's time)."""
    latest = latest_path(state_dir)
    try:
        taken = dt.datetime.fromtimestamp(latest.stat().st_mtime)
    except OSError:
        return {"screenshot": None, "screenshot_taken_at": None}
    return {"screenshot": str(latest), "screenshot_taken_at": stamp(taken)}


def _recent_log_problems(path: Path) -> list[str]:
    """The last warnings and errors of the log file, one line each (tracebacks left out)."""
    try:
        with open(path, "rb") as file:
            size = file.seek(0, 2)
            file.seek(max(0, size - LOG_TAIL_BYTES))
            tail = file.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in tail.splitlines() if _PROBLEM_LINE.match(line)][-RECENT_LOG_LINES:]


# --- in words -------------------------------------------------------------

SCREEN_WORDS = {
    SCREEN_KIOSK: "the kiosk",
    SCREEN_OUT_OF_ORDER: "the 'out of order' page",
    SCREEN_ASLEEP: "nothing: the screen is asleep outside the opening hours",
}
ENDINGS = {
    STAFF_EXIT: "staff chose 'exit to the desktop'",
    STOPPED: "it was stopped (systemctl stop or restart, a shutdown, Ctrl+C)",
    ERROR_EXIT: "it ended with an error",
    CRASH: "it crashed (or froze and systemd's watchdog ended it, or it was killed)",
    POWER_CUT: "the computer lost power or was reset",
}
REASON_WORDS = {
    STAFF_EXIT: "after a staff exit",
    STOPPED: "after a stop",
    ERROR_EXIT: "after an error exit",
    CRASH: "after a crash",
    POWER_CUT: "after a power cut",
}


def _describe_run(result: dict) -> list[str]:
    now = dt.datetime.fromisoformat(result["now"])
    version = result["version"] or "unknown"
    if result["running"]:
        started = parse_stamp(result["started_at"])
        memory = f", using {_bytes(result['memory_bytes'])} of memory" if result["memory_bytes"] else ""
        since = f"{started:%Y-%m-%d %H:%M} ({duration_text((now - started).total_seconds())})" if started else "?"
        lines = [f"Version {version}, running since {since} as process {result['pid']}{memory}."]
    else:
        lines = [f"Version {version}, not running: {_ending(result['ended'])}."]
    restarts = result["restarts"]
    lines.append(
        f"Restarts: {_restart_words(restarts['today'], restarts['today_by_reason'])} today, "
        f"{_restart_words(restarts['this_week'], restarts['this_week_by_reason'])} in the last 7 days."
    )
    shown = SCREEN_WORDS.get(result["screen"], "nothing yet (starting)")
    lines.append(f"On screen{'' if result['running'] else ' when it last ran'}: {shown}.")
    content = result["content"]
    if content["source"] == CONTENT_STAFF:
        lines.append("Content: the staff's files" + (f" (but {content['reason']})." if content["reason"] else "."))
    elif content["source"] == CONTENT_COPY:
        lines.append(f"Content: the LAST GOOD COPY, because {content['reason']}.")
    else:
        lines.append("Content: none" + (f" ({content['reason']})." if content["reason"] else "."))
    lines.append(_describe_scene_graph(result["scene_graph"]))
    oldest = result["oldest_as_of"]
    if oldest:
        lines.append(f"Oldest fact: {oldest['what']}, checked {oldest['date']} ({_days(oldest['days'])} ago).")
    lines.append(_describe_visits(result["visits"], parse_stamp(result["last_visit_at"]), now))
    touch = result["touch"]
    touched = parse_stamp(touch["last_at"])
    hours = touch["untouched_open_hours"]
    unusual = f"; no touch for {int(hours)} hours during opening hours" if hours >= NO_TOUCH_HOURS else ""
    lines.append(f"Touch: last touched {_when(touched, now)}{unusual}.")
    return lines


def _describe_scene_graph(scene_graph: dict | None) -> str:
    """What draws the screen, and why the kiosk chose it."""
    if scene_graph is None:
        return "Drawn with: not known yet (the first frame was not shown)."
    drawn_with, choice = scene_graph.get("drawn_with"), scene_graph.get("choice")
    if not choice:
        return f"Drawn with: {drawn_with}."
    # The choice usually names what draws ("software (no GPU: ...)"); said once then.
    said = choice if str(choice).lower().startswith(str(drawn_with).lower()) else f"{drawn_with}, {choice}"
    return f"Drawn with: {said}."


def _describe_visits(visits: dict, last: dt.datetime | None, now: dt.datetime) -> str:
    latest = f"; the last visit started {_when(last, now)}" if last else "; no visit seen yet"
    if not visits["stats_enabled"]:
        return f"Visits: not counted (statistics are off in kiosk.yaml){latest}."
    if visits["problem"]:
        return f"Visits: {visits['problem']}{latest}."
    return f"Visits: {visits['today']} today, {visits['yesterday']} yesterday{latest}."


def _describe_disk(disk: dict) -> str:
    if disk["free_bytes"] is None:
        return "Disk: unknown."
    share = disk["free_bytes"] / disk["total_bytes"] if disk["total_bytes"] else 0
    return f"Disk: {_bytes(disk['free_bytes'])} free of {_bytes(disk['total_bytes'])} ({share:.0%})."


def _restart_words(count: int, by_reason: dict[str, int]) -> str:
    if not count:
        return "none"
    reasons = ", ".join(f"{n} {REASON_WORDS.get(reason, reason)}" for reason, n in sorted(by_reason.items()))
    return f"{count} ({reasons})"


def _ending(ended: dict) -> str:
    at = parse_stamp(ended.get("at"))
    until = f"{at:%Y-%m-%d %H:%M}" if at else "an unknown time"
    if ended.get("inferred"):
        until = f"about {until} (its last heartbeat)"
    how = ENDINGS.get(ended.get("how"), str(ended.get("how")))
    code = f" (exit code {ended['code']})" if ended.get("how") == ERROR_EXIT else ""
    return f"it last ran until {until}, when {how}{code}"


def _when(moment: dt.datetime | None, now: dt.datetime) -> str:
    if moment is None:
        return "never (none recorded)"
    ago = (now - moment).total_seconds()
    return f"at {moment:%Y-%m-%d %H:%M} ({duration_text(max(ago, 0))} ago)"


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _bytes(count: int) -> str:
    return f"{count / 1e9:.1f} GB" if count >= 1e9 else f"{count / 1e6:.0f} MB"


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --- for Prometheus -------------------------------------------------------

# Every value a labelled figure can take is always written (0 or 1), so a
# dashboard or an alert sees a change, not a series that disappears.
SCREENS = (SCREEN_STARTING, SCREEN_KIOSK, SCREEN_ASLEEP, SCREEN_OUT_OF_ORDER)
CONTENTS = (CONTENT_STAFF, CONTENT_COPY, CONTENT_NONE)
RESTART_REASONS = (CRASH, POWER_CUT, STOPPED, STAFF_EXIT, ERROR_EXIT)
PERIODS = (("today", "today_by_reason"), ("7d", "this_week_by_reason"))


def prometheus_text(result: dict) -> str:
    """The report in Prometheus' text exposition format (all gauges), for
    node_exporter's textfile collector. A figure the report lacks (no touch
    yet, statistics off, the kiosk not running) is left out."""
    lines: list[str] = []

    def gauge(name: str, help_text: str, samples: list[tuple[dict[str, str], float | None]]) -> None:
        samples = [(labels, value) for labels, value in samples if value is not None]
        if not samples:
            return
        lines.extend((f"# HELP kiosk_{name} {help_text}", f"# TYPE kiosk_{name} gauge"))
        for labels, value in samples:
            label_text = ",".join(f'{key}="{_label_value(text)}"' for key, text in labels.items())
            lines.append(
                f"kiosk_{name}{{{label_text}}} {_number(value)}" if labels else f"kiosk_{name} {_number(value)}"
            )

    restarts = result["restarts"]
    visits = result["visits"] or {}
    oldest = result["oldest_as_of"]
    touch = result["touch"] or {}
    gauge("healthy", "1 when `kiosk status` finds the kiosk well, 0 when not.", [({}, result["healthy"])])
    gauge("problems", "How many reasons `kiosk status` gives for the kiosk not being well.",
          [({}, len(result["problems"]))])
    gauge("running", "1 while the kiosk's process runs.", [({}, result["running"])])
    gauge("info", "The kiosk's version, always 1.", [({"version": result["version"] or "unknown"}, 1)])
    gauge("screen", "What the screen shows (1) or last showed.",
          [({"screen": screen}, result["screen"] == screen) for screen in SCREENS] if result["screen"] else [])
    gauge("scene_graph", "What draws the screen (1): software or the graphics API, as said at the first frame.",
          [({"drawn_with": str(result["scene_graph"].get("drawn_with"))}, 1)] if result["scene_graph"] else [])
    gauge("content", "Which settings and content the kiosk shows (1).",
          [({"source": source}, result["content"]["source"] == source) for source in CONTENTS]
          if result["content"] else [])
    gauge("start_time_seconds", "When the kiosk last started (Unix time).", [({}, _unix(result["started_at"]))])
    gauge("heartbeat_time_seconds", "When the kiosk last wrote its health file (Unix time).",
          [({}, _unix(result["heartbeat_at"]))])
    gauge("memory_bytes", "Resident memory of the kiosk's process.", [({}, result["memory_bytes"])])
    gauge("restarts", "Starts after an earlier run, by how that run ended, today and in the last 7 days.",
          [({"period": period, "reason": reason}, restarts[key].get(reason, 0))
           for period, key in PERIODS for reason in RESTART_REASONS] if restarts else [])
    gauge("last_touch_time_seconds", "When the screen was last touched (Unix time).",
          [({}, _unix(touch.get("last_at")))])
    gauge("untouched_open_hours", "Hours of opening time since the last touch.",
          [({}, touch.get("untouched_open_hours"))])
    gauge("last_visit_time_seconds", "When the last visit started (Unix time).",
          [({}, _unix(result["last_visit_at"]))])
    gauge("visits", "Visits counted by the kiosk's statistics, today and yesterday.",
          [({"day": "today"}, visits.get("today")), ({"day": "yesterday"}, visits.get("yesterday"))])
    gauge("oldest_fact_age_days", "Days since the oldest dated fact shown was checked.",
          [({}, oldest["days"] if oldest else None)])
    gauge("disk_free_bytes", "Free space on the state folder's disk.", [({}, result["disk"]["free_bytes"])])
    gauge("disk_total_bytes", "Size of the state folder's disk.", [({}, result["disk"]["total_bytes"])])
    gauge("screenshot_time_seconds", "When the latest screenshot was taken (Unix time).",
          [({}, _unix(result["screenshot_taken_at"]))])
    return "\n".join(lines) + "\n"


def _unix(value: str | None) -> float | None:
    moment = parse_stamp(value)
    return moment.timestamp() if moment else None


def _number(value: float | bool) -> str:
    return str(int(value)) if isinstance(value, bool) or float(value).is_integer() else repr(float(value))


def _label_value(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
