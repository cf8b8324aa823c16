"""Optional opening hours: when the exhibition is open, so the screen can sleep.

Times are naive local times. A day's hours are ranges like 10:00-18:00
(start included, end excluded); 24:00 is the end of the day, held as
dt.time.max, and a range ending then covers the day's last minute too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

TimeRange = tuple[dt.time, dt.time]

_END_OF_DAY = dt.time.max
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_EXAMPLE = "write hours like 10:00-18:00, or 10:00-13:00, 14:00-18:00, or closed"
# Scanning this many days from the start of a search sees every weekday whole.
_SCAN_DAYS = 8


@dataclass(frozen=True)
class OpeningHours:
    """When the exhibition is open.

    first_day/last_day: the dates it runs, both included; None = no bound.
    weekly: each weekday's ranges, Monday first; None = open all day.
    wake_s: how long a touch wakes the sleeping screen while closed.
    """

    first_day: dt.date | None
    last_day: dt.date | None
    weekly: tuple[tuple[TimeRange, ...], ...] | None
    wake_s: int

    def __post_init__(self) -> None:
        if self.weekly is not None and len(self.weekly) != len(WEEKDAYS):
            raise ValueError(f"weekly must have {len(WEEKDAYS)} days, Monday to Sunday (not {len(self.weekly)})")
        if self.first_day is not None and self.last_day is not None and self.last_day < self.first_day:
            raise ValueError(f"the last day {self.last_day} is before the first day {self.first_day}")


def parse_day_hours(text: str) -> tuple[TimeRange, ...]:
    """One day's hours from staff text: `closed` or ranges separated by commas.

    Raises ValueError with a message for staff if the text is not that.
    """
    text = text.strip()
    if not text:
        raise ValueError(f"is empty; {_EXAMPLE}")
    if text.lower() == "closed":
        return ()
    parts = [piece.strip() for piece in text.split(",")]
    if not all(parts):
        raise ValueError(f"has an empty place between commas; {_EXAMPLE}")
    ranges = tuple(_parse_range(part) for part in parts)
    _check_order(parts, ranges)
    return ranges


def is_open(hours: OpeningHours, now: dt.datetime) -> bool:
    """Whether the exhibition is open at `now` (naive local time)."""
    day = now.date()
    if hours.first_day is not None and day < hours.first_day:
        return False
    if hours.last_day is not None and day > hours.last_day:
        return False
    if hours.weekly is None:
        return True
    moment = now.time()
    return any(
        start <= moment and (moment < end or end == _END_OF_DAY)
        for start, end in hours.weekly[day.weekday()]
    )


def next_change(hours: OpeningHours, now: dt.datetime) -> dt.datetime | None:
    """The first moment after `now` when is_open flips; None if it never does.

    is_open only changes at a midnight or a range's start or end, so those
    are the only moments to test. The week repeats, so if nothing flips
    within _SCAN_DAYS, nothing does until the exhibition's last day ends.
    """
    state = is_open(hours, now)
    first = now.date() if hours.first_day is None else max(now.date(), hours.first_day)
    for offset in range(_SCAN_DAYS):
        for moment in _boundaries(hours, first + dt.timedelta(days=offset)):
            if moment > now and is_open(hours, moment) != state:
                return moment
    if state and hours.last_day is not None:
        return dt.datetime.combine(hours.last_day + dt.timedelta(days=1), dt.time())
    return None


def sleeps(hours: OpeningHours, now: dt.datetime, woken_until: dt.datetime | None) -> bool:
    """Whether the screen sleeps at `now`: while closed, unless a touch woke
    it until a later moment."""
    return not is_open(hours, now) and (woken_until is None or now >= woken_until)


def next_look(
    hours: OpeningHours, now: dt.datetime, woken_until: dt.datetime | None, *, max_wait: dt.timedelta
) -> dt.datetime:
    """When `sleeps` may next change: the hours' next change or the end of a
    wake, and `max_wait` after `now` at the latest (a clock set by NTP, or a
    change to summer time, is then noticed within that)."""
    moments = [now + max_wait]
    change = next_change(hours, now)
    if change is not None:
        moments.append(change)
    if woken_until is not None and woken_until > now:
        moments.append(woken_until)
    return min(moments)


def _boundaries(hours: OpeningHours, day: dt.date) -> list[dt.datetime]:
    """The moments of `day` at which is_open may change, in order."""
    times = {dt.time()}
    if hours.weekly is not None:
        for start, end in hours.weekly[day.weekday()]:
            # A range ending at 24:00 ends at the next day's midnight.
            times.update(t for t in (start, end) if t != _END_OF_DAY)
    return [dt.datetime.combine(day, t) for t in sorted(times)]


def _parse_range(text: str) -> TimeRange:
    if "\u2013" in text or "\u2014" in text:
        raise ValueError(f"'{text}' has a long dash; type a plain hyphen '-' between the times, e.g. 10:00-18:00")
    pieces = [piece.strip() for piece in text.split("-")]
    if len(pieces) != 2 or not all(pieces):
        raise ValueError(f"'{text}' is not a range of hours; {_EXAMPLE}")
    start, end = (_parse_time(piece) for piece in pieces)
    if end == start:
        raise ValueError(f"'{text}' ends when it starts; write when it opens and when it closes, e.g. 10:00-18:00")
    if end < start:
        raise ValueError(
            f"'{text}' ends before it starts; hours cannot run past midnight, "
            "so split it into two days (e.g. 22:00-24:00 on one day and 00:00-02:00 on the next)"
        )
    return start, end


def _parse_time(text: str) -> dt.time:
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not a time; write hours:minutes, e.g. 9:00 or 17:30")
    hour, minute = int(match[1]), int(match[2])
    if minute > 59:
        raise ValueError(f"'{text}' is not a time; the minutes must be 00 to 59")
    if hour == 24 and minute == 0:
        return _END_OF_DAY
    if hour > 23:
        raise ValueError(f"'{text}' is not a time; the hours must be 0 to 23, or 24:00 for the end of the day")
    return dt.time(hour, minute)


def _check_order(parts: list[str], ranges: tuple[TimeRange, ...]) -> None:
    """Each range must start once the one before it has ended; `parts` as written."""
    for index in range(1, len(ranges)):
        (earlier_start, earlier_end), (start, _) = ranges[index - 1], ranges[index]
        both = f"'{parts[index - 1]}' and '{parts[index]}'"
        if start < earlier_start:
            raise ValueError(f"{both} are out of order; list the ranges from morning to evening")
        if start < earlier_end:
            raise ValueError(f"{both} overlap; each range must start after the one before it ends")
