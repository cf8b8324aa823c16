"""`kiosk status --prometheus`: the figures in Prometheus' text exposition
format, read back by a strict parser of that format, for a prepared state
folder (the same as tests/test_status.py prepares)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.runtime.health import CONTENT_NONE, CRASH, SCREEN_OUT_OF_ORDER
from kiosk.runtime.screenshots import keep_screenshot
from kiosk.tools.status import status_command
from tests import test_status as prepared
from tests.conftest import TODAY

NOW = prepared.NOW
NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(rf"({NAME})(?:\{{((?:{LABEL})(?:,{LABEL})*)?\}})? (\S+)")
HELP = re.compile(rf"# HELP ({NAME}) (.*)")
TYPE = re.compile(rf"# TYPE ({NAME}) (counter|gauge|histogram|summary|untyped)")


def parse_exposition(text: str) -> dict[tuple[str, frozenset], float]:
    """(name, labels) -> value; fails on anything the text format does not allow."""
    assert text.endswith("\n"), "the exposition must end with a line break"
    samples: dict[tuple[str, frozenset], float] = {}
    typed: dict[str, str] = {}
    helped: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if match := HELP.fullmatch(line):
            assert match[1] not in helped, f"line {number}: a second HELP for {match[1]}"
            helped.add(match[1])
        elif match := TYPE.fullmatch(line):
            assert match[1] not in typed, f"line {number}: a second TYPE for {match[1]}"
            assert not any(name == match[1] for name, _ in samples), f"line {number}: TYPE after its samples"
            typed[match[1]] = match[2]
        else:
            match = SAMPLE.fullmatch(line)
            assert match, f"line {number} is not a sample: {line!r}"
            name, label_text, value = match.groups()
            assert name in typed, f"line {number}: {name} has no TYPE"
            labels = frozenset(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', label_text or ""))
            key = (name, labels)
            assert key not in samples, f"line {number}: {name}{{{label_text}}} twice"
            samples[key] = float(value)
    assert helped == set(typed), "every metric has HELP and TYPE"
    return samples


def value(samples: dict, name: str, **labels: str) -> float:
    return samples[(name, frozenset(labels.items()))]


def exposition(state: Path) -> dict:
    text, _ = status_command(state, as_json=False, now=NOW, prometheus="-", disk_usage=prepared.roomy)
    return parse_exposition(text)


state = prepared.state  # an empty state folder


def test_a_healthy_kiosk_in_prometheus_figures(state):
    started = NOW - dt.timedelta(hours=6)
    prepared.kiosk_started(state, started)
    yesterday = TODAY - dt.timedelta(days=1)
    prepared.visits(state, {f"{TODAY} 10": 4, f"{TODAY} 14": 3, f"{yesterday} 11": 9})
    keep_screenshot(state, b"\x89PNG not really", at=NOW, reason="interval")
    samples = exposition(state)
    assert value(samples, "kiosk_healthy") == 1
    assert value(samples, "kiosk_problems") == 0
    assert value(samples, "kiosk_running") == 1
    assert value(samples, "kiosk_info", version="1.4.2") == 1
    assert value(samples, "kiosk_screen", screen="kiosk") == 1
    assert value(samples, "kiosk_screen", screen="out of order") == 0
    assert value(samples, "kiosk_content", source="staff files") == 1
    assert value(samples, "kiosk_content", source="last good copy") == 0
    assert value(samples, "kiosk_scene_graph", drawn_with="software") == 1
    assert value(samples, "kiosk_start_time_seconds") == started.timestamp()
    assert value(samples, "kiosk_last_touch_time_seconds") == (NOW - dt.timedelta(minutes=12)).timestamp()
    assert value(samples, "kiosk_untouched_open_hours") == 0.2
    assert value(samples, "kiosk_visits", day="today") == 7
    assert value(samples, "kiosk_visits", day="yesterday") == 9
    assert value(samples, "kiosk_oldest_fact_age_days") == 30
    assert value(samples, "kiosk_disk_free_bytes") == 20 * prepared.GB
    assert value(samples, "kiosk_memory_bytes") > 1_000_000  # this test process stands for the kiosk
    assert value(samples, "kiosk_restarts", period="today", reason="crash") == 0
    assert abs(value(samples, "kiosk_screenshot_time_seconds") - dt.datetime.now().timestamp()) < 3600


def test_crashes_and_out_of_order_in_prometheus_figures(state):
    prepared.kiosk_started(state, NOW - dt.timedelta(hours=3))
    prepared.kiosk_started(state, NOW - dt.timedelta(hours=2))  # after a crash (no clean end)
    prepared.kiosk_started(state, NOW - dt.timedelta(hours=1), screen=SCREEN_OUT_OF_ORDER, content=CONTENT_NONE,
                           content_reason="no usable settings", stats_enabled=False, last_touch_at=None)
    samples = exposition(state)
    assert value(samples, "kiosk_healthy") == 0
    assert value(samples, "kiosk_problems") == 1
    assert value(samples, "kiosk_screen", screen="out of order") == 1
    assert value(samples, "kiosk_screen", screen="kiosk") == 0
    assert value(samples, "kiosk_content", source="none") == 1
    assert value(samples, "kiosk_restarts", period="today", reason=CRASH) == 2
    assert value(samples, "kiosk_restarts", period="7d", reason=CRASH) == 2
    # Figures the kiosk has not got are left out, not written as 0.
    names = {name for name, _ in samples}
    assert not {"kiosk_visits", "kiosk_last_touch_time_seconds", "kiosk_screenshot_time_seconds"} & names


def test_a_folder_the_kiosk_never_ran_in_still_parses(state):
    samples = exposition(state)
    assert value(samples, "kiosk_healthy") == 0
    assert value(samples, "kiosk_running") == 0
    assert value(samples, "kiosk_info", version="unknown") == 1
    assert "kiosk_scene_graph" not in {name for name, _ in samples}


@pytest.mark.process
def test_the_command_writes_the_file_whole_and_readable_by_node_exporter(state, tmp_path):
    prepared.kiosk_started(state, NOW - dt.timedelta(hours=1))
    target = tmp_path / "textfile" / "unbreakable_kiosk.prom"
    target.parent.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "status", "--state", str(state), "--prometheus", str(target)],
        capture_output=True, text=True, timeout=60,
    )
    assert run.stdout.startswith("The kiosk is well."), run.stderr  # the words still go to the terminal
    assert os.stat(target).st_mode & 0o777 == 0o644
    assert list(target.parent.iterdir()) == [target]  # no partial file left beside it
    assert ("kiosk_running", frozenset()) in parse_exposition(target.read_text(encoding="utf-8"))


@pytest.mark.process
def test_a_file_that_cannot_be_written_is_exit_2_with_the_reason(state, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "status", "--state", str(state), "--prometheus",
         str(tmp_path / "missing folder" / "k.prom")],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 2
    assert "cannot write" in run.stderr and "missing folder" in run.stderr


def test_quotes_and_backslashes_in_a_label_are_escaped(state):
    prepared.kiosk_started(state, NOW - dt.timedelta(hours=1), version='1.5 "rc" C:\\x')
    samples = exposition(state)
    assert value(samples, "kiosk_info", version='1.5 \\"rc\\" C:\\\\x') == 1
