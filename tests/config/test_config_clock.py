"""A date in the future: an error for `kiosk check`, a warning for a running kiosk.

With a dead clock battery the PC believes it is 2000-01-01, so every date in
the content lies "in the future"; the running kiosk (load_config with
future_dates_are_errors=False) must still show the content, and say why the
dates look wrong.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.config import ConfigError, load_config

DEAD_BATTERY = dt.date(2000, 1, 1)
T, P = "texts.yaml", "people.yaml"


def test_kiosk_check_refuses_a_date_in_the_future(cfg, tools):
    line = cfg.line_of(T, "  as_of: 2026-12-06")
    problems = cfg.errors(today=dt.date(2026, 12, 5))
    tools.find(problems, T, line, "prisoner_count.as_of", "2026-12-06 is in the future (today is 2026-12-05)")


def test_a_running_kiosk_with_a_dead_clock_battery_shows_the_content_and_warns(cfg, tools):
    loaded = load_config(cfg.kiosk, today=DEAD_BATTERY, future_dates_are_errors=False)
    assert [person.id for person in loaded.config.content.people] == [
        person.id for person in cfg.load(today=dt.date(2030, 1, 1)).config.content.people
    ]
    assert loaded.config.content.prisoner_count.as_of == dt.date(2026, 12, 6)
    warning = tools.find(
        loaded.warnings,
        T,
        cfg.line_of(T, "  as_of: 2026-12-06"),
        "prisoner_count.as_of",
        "in the future by this computer's clock",
    )
    assert "today is 2000-01-01" in warning.message and "the clock or the date may be wrong" in warning.message
    detained = cfg.line_of(P, "    detained: 2021-07-14")
    tools.find(loaded.warnings, P, detained, "people[0].detained", "the clock or the date may be wrong")


def test_other_problems_stay_errors_in_a_running_kiosk(cfg, tools):
    line = cfg.replace(P, "    detained: 2021-07-14", "    detained: 2021-02-30")
    with pytest.raises(ConfigError) as caught:
        load_config(cfg.kiosk, today=DEAD_BATTERY, future_dates_are_errors=False)
    tools.only(caught.value.problems, P, line, "people[0].detained", "is not a real date")
