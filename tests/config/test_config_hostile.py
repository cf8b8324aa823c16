"""Hostile files from tests/fixtures/hostile/: refused quickly, with a located problem.

The checker's time is not asserted here (tests do not time things); the
commit that added these measured it: the merge bomb took 8.5 s to read
(and was accepted) before every node of the walk was counted, 0.06 s after.
"""

from __future__ import annotations

import shutil

import pytest

from kiosk.config.specs import MAX_UNKNOWN_KEYS
from kiosk.config.yaml_nodes import MAX_NODES
from tests.conftest import REPO

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
K, P = "kiosk.yaml", "people.yaml"


@pytest.mark.parametrize("fixture", ["merge-bomb.yaml", "alias-bomb.yaml"])
@pytest.mark.parametrize("name", [K, P])
def test_an_expansion_bomb_is_refused_where_it_starts(cfg, tools, fixture, name):
    shutil.copy(HOSTILE / fixture, cfg.path(name))
    anchor = cfg.line_of(name, "a0: &a0")
    tools.only(cfg.errors(), name, anchor, name, "far too large once its aliases (*name) and merges (<<) are filled in")


def test_a_few_merges_are_still_read(cfg):
    """Merges under the limit work as before: the first source wins, written keys win."""
    lines = cfg.lines(K)
    at = cfg.line_of(K, "idle:", top=True)
    lines[at - 1 : at - 1] = ["x-quick: &quick {timeout_s: 30, warning_s: 10}", "x-slow: &slow {timeout_s: 90}"]
    cfg.write_lines(K, lines)
    cfg.replace(K, "idle:", "idle:\n  <<: [*quick, *slow]")
    cfg.delete(K, cfg.line_of(K, "  timeout_s: 60"))
    problems = {problem.field for problem in cfg.errors()}
    assert problems == {"x-quick", "x-slow"}  # unknown top-level keys; the merged idle is fine


def test_a_file_of_too_many_values_is_refused_before_it_is_read_whole(cfg, tools):
    cfg.path(P).write_text("people:\n" + "  - a\n" * (MAX_NODES + 10), encoding="utf-8")
    # The mapping, its key and the list are three values: the limit falls on the list's item MAX_NODES - 2.
    tools.only(cfg.errors(), P, 1 + MAX_NODES - 2, P, f"more than {MAX_NODES:,} values")


def test_a_group_of_junk_keys_is_reported_in_a_few_lines(cfg, tools):
    junk = [f"    junk{i}: 1" for i in range(1000)]
    at = cfg.line_of(P, "  - id:") + 1
    cfg.insert(P, at, *junk)
    problems = [p for p in cfg.errors() if p.field.startswith("people[0].junk")]
    assert len(problems) == MAX_UNKNOWN_KEYS + 1
    last = problems[-1]
    assert (last.line, last.field) == (at + MAX_UNKNOWN_KEYS, f"people[0].junk{MAX_UNKNOWN_KEYS}")
    assert f"and {1000 - MAX_UNKNOWN_KEYS:,} more unknown keys" in last.message
