"""The settings for a kiosk left alone: idle, burn-in, staff PIN, opening hours."""

from __future__ import annotations

import datetime as dt

from kiosk.config import load_config
from kiosk.core.model import IdleSettings, StaffSettings, StatsSettings
from kiosk.core.pin import hash_pin, verify_pin
from kiosk.core.schedule import is_open
from tests.conftest import TODAY

# The defaults docs/staff.md promises (the bundled kiosk.yaml writes the same).
IDLE_DEFAULTS = IdleSettings(timeout_s=60, warning_s=15)
STAFF_DEFAULTS = StaffSettings(pin_hash=None, corner="top-left", taps=5, within_s=3, menu_timeout_s=60)
STATS_DEFAULTS = StatsSettings(enabled=True, keep_days=400)

K = "kiosk.yaml"

SCHEDULE = [
    "schedule:",
    "  first_day: 2027-05-01",
    "  last_day: 2027-06-30",
    "  hours:",
    "    monday: closed",
    "    tuesday: 10:00-18:00",
    "    wednesday: 10:00-18:00",
    "    thursday: 10:00-13:00, 14:00-20:00",
    "    friday: 10:00-18:00",
    "    saturday: 11:00-17:00",
    "    sunday: 11:00-17:00",
    "  wake_s: 45",
]


def _drop_section(cfg, key: str) -> None:
    start = cfg.line_of(K, f"{key}:", top=True)
    cfg.delete(K, start, cfg.block_length(K, start))


def test_the_bundled_settings_are_the_documented_defaults(cfg):
    config = cfg.load().config
    assert config.idle == IDLE_DEFAULTS
    assert config.burn_in_max_static_s == 300
    assert config.staff == STAFF_DEFAULTS  # no PIN: the staff menu cannot open
    assert config.schedule is None


def test_left_out_sections_take_the_defaults(cfg):
    for key in ("idle", "burn_in", "staff", "stats"):
        _drop_section(cfg, key)
    config = cfg.load().config
    assert (config.idle, config.burn_in_max_static_s, config.staff) == (IDLE_DEFAULTS, 300, STAFF_DEFAULTS)


def test_a_left_out_key_takes_its_default_and_the_rest_is_read(cfg):
    cfg.replace(K, "  timeout_s: 60", "  timeout_s: 90")
    cfg.delete(K, cfg.line_of(K, "  warning_s: 15"))
    assert cfg.load().config.idle == IdleSettings(timeout_s=90, warning_s=15)


def test_sources_list_every_file_read(cfg):
    config = cfg.load().config
    names = [path.name for path in config.sources]
    assert names[:3] == ["kiosk.yaml", "texts.yaml", "people.yaml"]
    assert sorted(names[3:]) == sorted(person.portrait.name for person in config.content.people)


def test_zero_seconds_is_refused(cfg, tools):
    line = cfg.replace(K, "  timeout_s: 60", "  timeout_s: 0")
    tools.only(cfg.errors(), K, line, "idle.timeout_s", "must be between 10 and 14400 seconds")


def test_a_corner_that_does_not_exist(cfg, tools):
    line = cfg.replace(K, "  corner: top-left", "  corner: top-middle")
    tools.only(cfg.errors(), K, line, "staff.corner", "top-left, top-right, bottom-left, bottom-right")


def test_a_pin_hash_from_hash_pin_is_accepted(cfg):
    stored = hash_pin("2468")
    cfg.replace(K, "  pin_hash:", f"  pin_hash: {stored}")
    pin_hash = cfg.load().config.staff.pin_hash
    assert pin_hash == stored and verify_pin("2468", pin_hash)


def test_a_pin_written_in_clear_is_refused(cfg, tools):
    line = cfg.replace(K, "  pin_hash:", "  pin_hash: 2468")
    problem = tools.only(cfg.errors(), K, line, "staff.pin_hash", "kiosk hash-pin")
    assert "2468" in problem.message  # which value was wrong, so staff find it


def test_a_pin_hash_cut_short_by_copying_is_refused(cfg, tools):
    stored = hash_pin("2468")
    line = cfg.replace(K, "  pin_hash:", f"  pin_hash: {stored[:-5]}")
    tools.only(cfg.errors(), K, line, "staff.pin_hash", "kiosk hash-pin")


def test_opening_hours_are_read(cfg):
    start = cfg.line_of(K, "#schedule:")
    cfg.insert(K, start, *SCHEDULE)
    hours = cfg.load().config.schedule
    assert (hours.first_day, hours.last_day, hours.wake_s) == (dt.date(2027, 5, 1), dt.date(2027, 6, 30), 45)
    thursday = dt.datetime(2027, 5, 6, 13, 30)
    assert thursday.strftime("%A") == "Thursday"
    assert not is_open(hours, thursday)  # the lunch break
    assert is_open(hours, thursday.replace(hour=19, minute=59))
    assert not is_open(hours, dt.datetime(2027, 5, 3, 12))  # Monday: closed


def test_the_commented_example_works_when_uncommented(cfg):
    lines = cfg.lines(K)
    start = cfg.line_of(K, "#schedule:") - 1
    example = [line[1:] for line in lines[start:] if line.startswith("#")]
    cfg.write_lines(K, lines[:start] + example + [""])
    hours = cfg.load().config.schedule
    assert hours.weekly is not None and len(example) == 12


def test_a_day_with_unreadable_hours_names_its_line(cfg, tools):
    start = cfg.line_of(K, "#schedule:")
    cfg.insert(K, start, *SCHEDULE)
    line = cfg.replace(K, "    friday: 10:00-18:00", "    friday: 10-18")
    tools.only(cfg.errors(), K, line, "schedule.hours.friday", "'10-18'")


def test_a_missing_day_is_named(cfg, tools):
    start = cfg.line_of(K, "#schedule:")
    cfg.insert(K, start, *SCHEDULE)
    cfg.delete(K, cfg.line_of(K, "    sunday: 11:00-17:00"))
    tools.find(cfg.errors(), K, start + 3, "schedule.hours.sunday", "is missing")


def test_an_exhibition_ending_before_it_begins(cfg, tools):
    start = cfg.line_of(K, "#schedule:")
    cfg.insert(K, start, *SCHEDULE)
    line = cfg.replace(K, "  last_day: 2027-06-30", "  last_day: 2027-04-30")
    tools.only(cfg.errors(), K, line, "schedule.last_day", "before first_day")


def test_dates_of_a_coming_exhibition_may_lie_in_the_future(cfg):
    start = cfg.line_of(K, "#schedule:")
    cfg.insert(K, start, *SCHEDULE)
    loaded = load_config(cfg.kiosk, today=TODAY)
    assert loaded.config.schedule.first_day > TODAY


def test_statistics_are_on_for_400_days_unless_switched_off(cfg):
    assert cfg.load().config.stats == STATS_DEFAULTS
    cfg.replace(K, "  enabled: true", "  enabled: false")
    assert cfg.load().config.stats.enabled is False
    _drop_section(cfg, "stats")
    assert cfg.load().config.stats == STATS_DEFAULTS


def test_statistics_kept_for_no_days_is_refused(cfg, tools):
    line = cfg.replace(K, "  keep_days: 400", "  keep_days: 0")
    tools.only(cfg.errors(), K, line, "stats.keep_days", "must be between 1 and 3650 days")
