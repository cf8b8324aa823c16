"""kiosk.yaml's optional `health:` section: how often the kiosk keeps a screenshot."""

from __future__ import annotations

from tests.config.conftest import only_problem

K = "kiosk.yaml"


def with_health(cfg, seconds) -> int:
    """`health: screenshot_every_s: seconds` at the end of kiosk.yaml; returns its line."""
    end = len(cfg.lines(K)) + 1
    cfg.insert(K, end, "health:", f"  screenshot_every_s: {seconds}")
    return end + 1


def test_left_out_it_is_every_ten_minutes(cfg):
    assert cfg.load().config.screenshot_every_s == 600


def test_a_chosen_interval_is_used(cfg):
    with_health(cfg, 3600)
    assert cfg.load().config.screenshot_every_s == 3600


def test_more_often_than_a_minute_or_rarer_than_a_day_is_refused_with_the_bounds(cfg):
    line = with_health(cfg, 5)
    only_problem(cfg.errors(), K, line, "health.screenshot_every_s", "must be between 60 and 86400")
    cfg.replace(K, "  screenshot_every_s: 5", "  screenshot_every_s: 86401")
    only_problem(cfg.errors(), K, line, "health.screenshot_every_s", "must be between 60 and 86400")
