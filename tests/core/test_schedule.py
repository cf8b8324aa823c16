"""Opening hours: parsing a day's hours, is_open, and next_change."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.schedule import WEEKDAYS, OpeningHours, is_open, next_change, next_look, parse_day_hours, sleeps

T = dt.time
END = dt.time.max
MINUTE = dt.timedelta(minutes=1)
# 2025-03-03 is a Monday.
MONDAY = dt.date(2025, 3, 3)


def at(day_offset: int, clock: str) -> dt.datetime:
    """The moment `clock` (HH:MM) on the day `day_offset` days after MONDAY."""
    hour, minute = map(int, clock.split(":"))
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day_offset), T(hour, minute))


def week(**days: str) -> tuple[tuple[tuple[dt.time, dt.time], ...], ...]:
    """Weekly hours from staff text per day; days not named are closed."""
    return tuple(parse_day_hours(days.get(name, "closed")) for name in WEEKDAYS)


def hours(weekly=None, first_day=None, last_day=None) -> OpeningHours:
    return OpeningHours(first_day=first_day, last_day=last_day, weekly=weekly, wake_s=30)


def test_weekdays_follow_date_weekday():
    assert [WEEKDAYS[(MONDAY + dt.timedelta(days=n)).weekday()] for n in range(7)] == list(WEEKDAYS)


# --------------------------------------------------------------------------
# Parsing


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("10:00-18:00", ((T(10), T(18)),)),
        ("9:00-17:30", ((T(9), T(17, 30)),)),
        ("09:05-9:10", ((T(9, 5), T(9, 10)),)),
        ("10:00-13:00, 14:00-18:00", ((T(10), T(13)), (T(14), T(18)))),
        ("  10:00 - 13:00 ,14:00 -18:00,19:00- 20:00 ", ((T(10), T(13)), (T(14), T(18)), (T(19), T(20)))),
        ("10:00-13:00, 13:00-18:00", ((T(10), T(13)), (T(13), T(18)))),
        ("00:00-24:00", ((T(0), END),)),
        ("0:00-24:00", ((T(0), END),)),
        ("18:00-24:00", ((T(18), END),)),
        ("0:00-0:01", ((T(0), T(0, 1)),)),
        ("closed", ()),
        (" Closed ", ()),
    ],
)
def test_parse_day_hours(text, ranges):
    assert parse_day_hours(text) == ranges


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty; write hours like 10:00-18:00, or 10:00-13:00, 14:00-18:00, or closed"),
        ("   ", "is empty; write hours like"),
        ("open", "'open' is not a range of hours; write hours like 10:00-18:00"),
        ("10:00", "'10:00' is not a range of hours"),
        ("10:00-", "'10:00-' is not a range of hours"),
        ("-18:00", "'-18:00' is not a range of hours"),
        ("10:00-12:00-14:00", "'10:00-12:00-14:00' is not a range of hours"),
        ("10:00 18:00", "'10:00 18:00' is not a range of hours"),
        ("10:00\u201318:00", "'10:00\u201318:00' has a long dash; type a plain hyphen '-'"),
        ("10-18", "'10' is not a time; write hours:minutes, e.g. 9:00 or 17:30"),
        ("10.00-18.00", "'10.00' is not a time"),
        ("10:0-18:00", "'10:0' is not a time"),
        ("100:00-118:00", "'100:00' is not a time"),
        ("10am-6pm", "'10am' is not a time"),
        ("\u0661\u0660:00-18:00", "is not a time"),
        ("10:60-18:00", "'10:60' is not a time; the minutes must be 00 to 59"),
        ("10:00-25:00", "'25:00' is not a time; the hours must be 0 to 23, or 24:00 for the end of the day"),
        ("10:00-24:30", "'24:30' is not a time; the hours must be 0 to 23"),
        ("10:00-10:00", "'10:00-10:00' ends when it starts"),
        (
            "18:00-10:00",
            "'18:00-10:00' ends before it starts; hours cannot run past midnight, so split it into two days",
        ),
        ("22:00-2:00", "split it into two days (e.g. 22:00-24:00 on one day and 00:00-02:00 on the next)"),
        ("24:00-24:00", "ends when it starts"),
        ("10:00-13:00,", "has an empty place between commas; write hours like"),
        ("10:00-13:00,,14:00-18:00", "has an empty place between commas"),
        ("closed, 10:00-13:00", "'closed' is not a range of hours"),
        (
            "14:00-18:00, 10:00-13:00",
            "'14:00-18:00' and '10:00-13:00' are out of order; list the ranges from morning to evening",
        ),
        (
            "10:00-14:00, 13:00-18:00",
            "'10:00-14:00' and '13:00-18:00' overlap; each range must start after the one before it ends",
        ),
        ("10:00-18:00, 10:00-12:00", "'10:00-18:00' and '10:00-12:00' overlap"),
        ("8:00-9:00, 10:00-24:00, 23:00-23:30", "'10:00-24:00' and '23:00-23:30' overlap"),
    ],
)
def test_parse_day_hours_errors(text, message):
    with pytest.raises(ValueError) as error:
        parse_day_hours(text)
    assert message in str(error.value)


# --------------------------------------------------------------------------
# OpeningHours itself


def test_weekly_needs_seven_days():
    with pytest.raises(ValueError, match="7 days"):
        hours(weekly=week()[:6])


def test_last_day_not_before_first_day():
    with pytest.raises(ValueError, match="before the first day"):
        hours(first_day=MONDAY, last_day=MONDAY - dt.timedelta(days=1))
    assert hours(first_day=MONDAY, last_day=MONDAY).first_day == MONDAY


# --------------------------------------------------------------------------
# is_open

MUSEUM = week(
    tuesday="10:00-18:00",
    wednesday="10:00-18:00",
    thursday="10:00-13:00, 14:00-20:00",
    friday="10:00-18:00",
    saturday="00:00-24:00",
    sunday="12:00-24:00",
)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(0, "12:00"), False),  # Monday: closed all day
        (at(1, "09:59"), False),
        (at(1, "10:00"), True),  # start included
        (at(1, "17:59"), True),
        (at(1, "18:00"), False),  # end excluded
        (at(3, "12:59"), True),  # Thursday: split day
        (at(3, "13:00"), False),
        (at(3, "13:59"), False),
        (at(3, "14:00"), True),
        (at(3, "19:59"), True),
        (at(3, "20:00"), False),
        (at(5, "00:00"), True),  # Saturday: all day
        (at(5, "23:59"), True),
        (at(5, "23:59") + dt.timedelta(seconds=59, microseconds=999_999), True),  # 24:00 covers the last instant
        (at(6, "11:59"), False),  # Sunday: noon to midnight
        (at(6, "23:59") + dt.timedelta(seconds=59, microseconds=999_999), True),
        (at(7, "00:00"), False),  # and Monday again
    ],
)
def test_is_open_weekly(moment, expected):
    assert is_open(hours(MUSEUM), moment) is expected


def test_boundaries_to_the_microsecond():
    shop = hours(week(monday="10:00-18:00"))
    assert not is_open(shop, at(0, "09:59") + dt.timedelta(seconds=59, microseconds=999_999))
    assert is_open(shop, at(0, "17:59") + dt.timedelta(seconds=59, microseconds=999_999))


def test_date_range_is_inclusive():
    run = hours(first_day=MONDAY + dt.timedelta(days=2), last_day=MONDAY + dt.timedelta(days=4))
    assert not is_open(run, at(1, "23:59") + dt.timedelta(seconds=59))
    assert is_open(run, at(2, "00:00"))
    assert is_open(run, at(4, "23:59") + dt.timedelta(seconds=59, microseconds=999_999))
    assert not is_open(run, at(5, "00:00"))


def test_date_range_limits_weekly_hours():
    run = hours(MUSEUM, first_day=MONDAY + dt.timedelta(days=2), last_day=MONDAY + dt.timedelta(days=9))
    assert not is_open(run, at(1, "12:00"))  # Tuesday before the first day
    assert is_open(run, at(2, "12:00"))
    assert is_open(run, at(8, "12:00"))  # the next Tuesday
    assert not is_open(run, at(9, "09:00"))  # the last day, but before opening
    assert not is_open(run, at(10, "12:00"))  # Thursday after the last day


def test_no_weekly_hours_and_no_dates_is_always_open():
    always = hours()
    assert all(is_open(always, at(day, "00:00")) and is_open(always, at(day, "13:37")) for day in range(7))


def test_all_closed():
    assert not any(is_open(hours(week()), at(day, "12:00")) for day in range(7))


# --------------------------------------------------------------------------
# next_change: examples


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(0, "12:00"), at(1, "10:00")),  # closed Monday: Tuesday's opening
        (at(1, "10:00"), at(1, "18:00")),
        (at(1, "09:59"), at(1, "10:00")),
        (at(1, "18:00"), at(2, "10:00")),
        (at(3, "12:00"), at(3, "13:00")),  # lunch break
        (at(3, "13:30"), at(3, "14:00")),
        (at(4, "18:00"), at(5, "00:00")),  # Saturday opens at midnight
        (at(5, "12:00"), at(6, "00:00")),  # and closes at Sunday's midnight
        (at(6, "00:00"), at(6, "12:00")),
        (at(6, "12:00"), at(7, "00:00")),  # Sunday's 24:00
        (at(6, "23:59") + dt.timedelta(seconds=59, microseconds=999_999), at(7, "00:00")),
    ],
)
def test_next_change_examples(moment, expected):
    assert next_change(hours(MUSEUM), moment) == expected


def test_next_change_skips_closed_days():
    weekends = hours(week(saturday="10:00-16:00"))
    assert next_change(weekends, at(0, "00:00")) == at(5, "10:00")
    assert next_change(weekends, at(5, "16:00")) == at(12, "10:00")


def test_next_change_ignores_ranges_that_touch():
    hall = hours(week(monday="10:00-13:00, 13:00-18:00", tuesday="00:00-24:00", wednesday="0:00-9:00"))
    assert next_change(hall, at(0, "11:00")) == at(0, "18:00")
    assert next_change(hall, at(0, "18:00")) == at(1, "00:00")  # then open from Monday midnight to Wednesday 9:00
    assert next_change(hall, at(1, "00:00")) == at(2, "09:00")


def test_next_change_before_the_first_day():
    later = MONDAY + dt.timedelta(days=997)  # over 400 days ahead
    assert next_change(hours(first_day=later), at(0, "12:00")) == dt.datetime.combine(later, T(0))
    # The first day is a Thursday; the first opening is the Saturday after.
    saturday = hours(week(saturday="10:00-16:00"), first_day=later)
    assert later.weekday() == 3
    assert next_change(saturday, at(0, "12:00")) == dt.datetime.combine(later + dt.timedelta(days=2), T(10))


def test_next_change_at_the_last_day():
    run = hours(MUSEUM, last_day=MONDAY + dt.timedelta(days=5))  # ends on a Saturday, open all day
    assert next_change(run, at(5, "03:00")) == at(6, "00:00")
    assert next_change(run, at(6, "00:00")) is None


def test_next_change_never():
    assert next_change(hours(), at(0, "12:00")) is None  # always open
    assert next_change(hours(week()), at(0, "12:00")) is None  # never open
    assert next_change(hours(MUSEUM, last_day=MONDAY), at(1, "12:00")) is None  # after the last day
    assert next_change(hours(MUSEUM, last_day=MONDAY), at(0, "12:00")) is None  # a closed last day


def test_next_change_when_open_day_and_night_until_a_distant_last_day():
    last = MONDAY + dt.timedelta(days=700)
    run = hours(week(**dict.fromkeys(WEEKDAYS, "00:00-24:00")), last_day=last)
    assert next_change(run, at(0, "12:00")) == dt.datetime.combine(last + dt.timedelta(days=1), T(0))


def test_next_change_of_non_minute_moments():
    assert next_change(hours(MUSEUM), at(1, "17:59") + dt.timedelta(seconds=30)) == at(1, "18:00")
    assert next_change(hours(MUSEUM), at(1, "10:00") + dt.timedelta(microseconds=1)) == at(1, "18:00")


# --------------------------------------------------------------------------
# next_change against brute force: step minute by minute until is_open flips


def brute_next_change(schedule: OpeningHours, now: dt.datetime, horizon: dt.datetime) -> dt.datetime | None:
    """The first whole minute after `now` when is_open differs; None if none by `horizon`.

    Enough when every boundary is a whole minute, as parse_day_hours makes them.
    """
    state = is_open(schedule, now)
    moment = now.replace(second=0, microsecond=0) + MINUTE
    while moment <= horizon:
        if is_open(schedule, moment) != state:
            return moment
        moment += MINUTE
    return None


def check_against_brute_force(schedule: OpeningHours, now: dt.datetime, horizon: dt.datetime) -> None:
    expected = brute_next_change(schedule, now, horizon)
    found = next_change(schedule, now)
    if expected is None:
        assert found is None or found > horizon
    else:
        assert found == expected


SAMPLES = {
    "museum": hours(MUSEUM),
    "museum for ten days": hours(
        MUSEUM, first_day=MONDAY + dt.timedelta(days=3), last_day=MONDAY + dt.timedelta(days=12)
    ),
    "whole days with gaps": hours(week(monday="00:00-24:00", tuesday="00:00-24:00", thursday="0:00-24:00")),
    "touching ranges": hours(
        week(friday="8:00-12:00, 12:00-24:00", saturday="0:00-1:00, 23:59-24:00", sunday="00:00-00:01")
    ),
    "open every day from a date": hours(first_day=MONDAY + dt.timedelta(days=4)),
    "open every day until a date": hours(last_day=MONDAY + dt.timedelta(days=9)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLES)
def test_next_change_matches_brute_force_every_minute(name):
    schedule = SAMPLES[name]
    start, horizon = at(-1, "00:00"), at(20, "00:00")
    # Precompute each minute's next flip, walking back from the horizon.
    minutes = [start + MINUTE * n for n in range(int((horizon - start) / MINUTE) + 1)]
    states = [is_open(schedule, moment) for moment in minutes]
    flip_after: list[dt.datetime | None] = [None] * len(minutes)
    for index in range(len(minutes) - 2, -1, -1):
        if states[index + 1] != states[index]:
            flip_after[index] = minutes[index + 1]
        else:
            flip_after[index] = flip_after[index + 1]
    assert any(flip is not None for flip in flip_after)  # the sample does change
    for moment, expected in zip(minutes[:-1], flip_after[:-1], strict=True):
        found = next_change(schedule, moment)
        if expected is None:
            assert found is None or found > horizon, moment
        else:
            assert found == expected, moment


def time_on_grid(step_minutes: int) -> st.SearchStrategy[dt.time]:
    return st.integers(0, 24 * 60 // step_minutes).map(
        lambda n: END if n * step_minutes == 24 * 60 else T(n * step_minutes // 60, n * step_minutes % 60)
    )


@st.composite
def day_hours(draw) -> tuple[tuple[dt.time, dt.time], ...]:
    """A day's valid ranges: the pieces between sorted cut points, each open or not.

    Neighbouring open pieces make touching ranges, like 10:00-13:00, 13:00-18:00.
    """
    cuts = sorted({T(0), END, *draw(st.lists(time_on_grid(15), max_size=5))})
    return tuple((start, end) for start, end in pairwise(cuts) if draw(st.booleans()))


@st.composite
def schedules(draw) -> OpeningHours:
    weekly = draw(st.none() | st.tuples(*[day_hours()] * 7))
    first_day = draw(st.none() | st.integers(-3, 10).map(lambda n: MONDAY + dt.timedelta(days=n)))
    last_day = draw(st.none() | st.integers(0, 20).map(lambda n: (first_day or MONDAY) + dt.timedelta(days=n)))
    return hours(weekly, first_day=first_day, last_day=last_day)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    schedule=schedules(),
    now=st.datetimes(min_value=at(-7, "00:00"), max_value=at(28, "00:00")),
)
def test_next_change_matches_brute_force_on_random_schedules(schedule, now):
    check_against_brute_force(schedule, now, horizon=now + dt.timedelta(days=22))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(schedule=schedules(), now=st.datetimes(min_value=at(-7, "00:00"), max_value=at(28, "00:00")))
def test_next_change_is_a_real_flip(schedule, now):
    found = next_change(schedule, now)
    if found is not None:
        assert found > now
        assert is_open(schedule, found) != is_open(schedule, now)
        assert is_open(schedule, found - dt.timedelta(microseconds=1)) == is_open(schedule, now)


# --------------------------------------------------------------------------
# Sleeping and waking (what the sleep watch decides)

SHOP = week(monday="10:00-18:00")


def test_the_screen_sleeps_while_closed_and_not_while_open():
    assert sleeps(hours(SHOP), at(0, "09:59"), None)
    assert not sleeps(hours(SHOP), at(0, "10:00"), None)
    assert sleeps(hours(SHOP), at(0, "18:00"), None)


def test_a_touch_wakes_it_until_the_wake_ends():
    woken_until = at(0, "20:01")
    assert not sleeps(hours(SHOP), at(0, "20:00"), woken_until)
    assert sleeps(hours(SHOP), at(0, "20:01"), woken_until)


def test_the_watch_looks_again_at_the_next_change_or_the_end_of_a_wake():
    hour = dt.timedelta(hours=1)
    assert next_look(hours(SHOP), at(0, "17:30"), None, max_wait=hour) == at(0, "18:00")
    assert next_look(hours(SHOP), at(0, "20:00"), at(0, "20:01"), max_wait=hour) == at(0, "20:01")
    # A wake already over is nothing to wait for.
    assert next_look(hours(SHOP), at(0, "20:02"), at(0, "20:01"), max_wait=hour) == at(0, "21:02")


def test_the_watch_looks_again_within_max_wait_whatever_comes():
    always = hours()
    assert next_look(always, at(0, "12:00"), None, max_wait=MINUTE) == at(0, "12:01")
    assert next_look(hours(SHOP), at(0, "09:00"), None, max_wait=MINUTE) == at(0, "09:01")
