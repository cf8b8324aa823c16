"""Valid means it runs: every number in kiosk.yaml has bounds the kiosk can honour.

Each hostile value below once passed `kiosk check` and then stopped or broke
the running kiosk (a Qt timer takes at most 2^31-1 ms; a date at most the
year 9999). tests/ui/test_bounds.py builds the real kiosk at every bound.
"""

from __future__ import annotations

import pytest

from kiosk.config import schema
from kiosk.config.specs import Int, Number

K = "kiosk.yaml"

SCHEDULE = [
    "schedule:",
    "  hours:",
    "    monday: 10:00-18:00",
    "    tuesday: 10:00-18:00",
    "    wednesday: 10:00-18:00",
    "    thursday: 10:00-18:00",
    "    friday: 10:00-18:00",
    "    saturday: closed",
    "    sunday: closed",
    "  wake_s: 60",
]

# field, the line in the bundled kiosk.yaml, its spec, a value that broke the running kiosk
NUMBERS = [
    ("idle.timeout_s", "  timeout_s: 60", schema.IDLE_TIMEOUT, 2_147_484),  # > 2^31 ms: OverflowError
    ("idle.warning_s", "  warning_s: 15", schema.IDLE_WARNING, 10**12),
    ("burn_in.max_static_s", "  max_static_s: 300", schema.BURN_IN_MAX_STATIC, 4_294_968),
    ("staff.taps", "  taps: 5", schema.STAFF_TAPS, 10**6),  # the staff menu could never open
    ("staff.within_s", "  within_s: 3", schema.STAFF_WITHIN, 10**9),
    ("staff.menu_timeout_s", "  menu_timeout_s: 60", schema.STAFF_MENU_TIMEOUT, 2_147_484),
    ("schedule.wake_s", "  wake_s: 60", schema.WAKE, 10**12),  # timedelta overflows on a touch
    ("stats.keep_days", "  keep_days: 400", schema.KEEP_DAYS, 10**9),  # timedelta overflows at start
    ("screen.index", "  index: 0", schema.SCREEN_INDEX, 10**30),
]
IDS = [field for field, *_ in NUMBERS]


def write(cfg, line: str, value) -> int:
    if line == "  wake_s: 60":
        cfg.insert(K, len(cfg.lines(K)) + 1, *SCHEDULE)
    key = line.split(":")[0]
    return cfg.replace(K, line, f"{key}: {value}", after=cfg.line_of(K, "schedule:", top=True) if "wake" in line else 0)


def value_of(config, field: str):
    section, key = field.split(".")
    if section == "burn_in":
        return config.burn_in_max_static_s
    owner = {"schedule": config.schedule, "screen": config.screen}.get(section) or getattr(config, section)
    return getattr(owner, key)


@pytest.mark.parametrize(("field", "line", "spec", "hostile"), NUMBERS, ids=IDS)
def test_a_value_the_kiosk_cannot_run_with_is_refused_with_its_bounds(cfg, tools, field, line, spec, hostile):
    number = write(cfg, line, hostile)
    problem = tools.only(cfg.errors(), K, number, field, f"must be between {spec.minimum} and {spec.maximum}")
    assert f"(not {hostile})" in problem.message


@pytest.mark.parametrize(("field", "line", "spec", "hostile"), NUMBERS, ids=IDS)
def test_one_past_either_bound_is_refused(cfg, tools, field, line, spec, hostile):
    number = write(cfg, line, spec.maximum + 1)
    tools.only(cfg.errors(), K, number, field, f"must be between {spec.minimum} and {spec.maximum}")
    number = cfg.replace(K, f": {spec.maximum + 1}", f": {spec.minimum - 1}")
    tools.only(cfg.errors(), K, number, field, f"must be between {spec.minimum} and {spec.maximum}")


@pytest.mark.parametrize(("field", "line", "spec", "hostile"), NUMBERS, ids=IDS)
@pytest.mark.parametrize("bound", ["minimum", "maximum"])
def test_both_bounds_are_accepted(cfg, field, line, spec, hostile, bound):
    write(cfg, line, getattr(spec, bound))
    assert value_of(cfg.load().config, field) == getattr(spec, bound)


def test_the_defaults_lie_within_the_bounds():
    numbers = {name: field for name, field in schema.kiosk_fields() if isinstance(field.spec, (Int, Number))}
    assert {"idle.timeout_s", "staff.taps", "stats.keep_days", "health.screenshot_every_s"} <= set(numbers)
    for name, field in numbers.items():
        if field.required:
            assert field.default is None, name  # a default nobody gets is a mistake
        else:
            assert field.spec.minimum <= field.default <= field.spec.maximum, name


def test_every_timer_fits_qt(cfg):
    """Qt's timers take int milliseconds up to 2^31-1; a timer of half the burn-in too."""
    for spec in (
        schema.IDLE_TIMEOUT, schema.IDLE_WARNING, schema.BURN_IN_MAX_STATIC, schema.STAFF_MENU_TIMEOUT, schema.WAKE
    ):
        assert spec.maximum * 1000 < 2**31 - 1


@pytest.mark.parametrize("resolution", ["20000x20000", "100x100", "1920x480", "7680x4320"])
def test_a_screen_the_kiosk_cannot_fill_is_refused(cfg, tools, resolution):
    line = cfg.replace(K, "resolution: 1920x1080", f"resolution: {resolution}")
    tools.only(cfg.errors(), K, line, "screen.resolution", "each side must be between 720 and 3840 pixels")


@pytest.mark.parametrize("resolution", ["1280x720", "3840x2160", "720x720"])
def test_screens_from_720p_to_4k_are_accepted(cfg, resolution):
    cfg.replace(K, "resolution: 1920x1080", f"resolution: {resolution}")
    cfg.load()
