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


# --------------------------------------------------------------------------
# Invisible characters: controls and direction overrides, written as escapes in quotes

HIDDEN = {
    "\\u202e": "U+202E",  # RIGHT-TO-LEFT OVERRIDE: reorders what follows
    "\\u202a": "U+202A",
    "\\u2066": "U+2066",
    "\\u2069": "U+2069",
    "\\a": "U+0007",
    "\\e": "U+001B",  # the start of a terminal escape sequence
    "\\x7f": "U+007F",
    "\\x9b": "U+009B",  # a C1 control
    "\\N": "U+0085",
}
# file, the line as written, how to write it with a character inside, the field
PLACES = [
    (P, "    name: Ales Bialiatski", '    name: "Ales {} Bialiatski"', "people[0].name"),
    (P, "    name_native: Алесь Бяляцкі", '    name_native: "Алесь {}Бяляцкі"', "people[0].name_native"),
    ("texts.yaml", "    en: Next", '    en: "Ne{}xt"', "ui.next.en"),
    (K, "      name: English", '      name: "Eng{}lish"', "languages.offered[1].name"),
    (K, "  campaign: https://freeviasna.org", '  campaign: "https://free{}viasna.org"', "links.campaign"),
]


@pytest.mark.parametrize("escape", list(HIDDEN), ids=list(HIDDEN.values()))
@pytest.mark.parametrize(("name", "old", "new", "field"), PLACES, ids=[place[3] for place in PLACES])
def test_an_invisible_character_is_refused_where_it_is(cfg, tools, escape, name, old, new, field):
    line = cfg.replace(name, old, new.format(escape))
    problem = tools.only(cfg.errors(), name, line, field, f"has an invisible character ({HIDDEN[escape]}")
    assert "Delete it" in problem.message


def test_the_first_invisible_character_is_named_with_the_text_before_it(cfg, tools):
    line = cfg.replace(P, "    name: Ales Bialiatski", '    name: "Ales \\u202eiksta\\u202c"')
    problem = tools.only(cfg.errors(), P, line, "people[0].name", "U+202E, RIGHT-TO-LEFT OVERRIDE) after 'Ales '")
    assert "reorder" in problem.message


def test_a_bio_keeps_its_line_breaks(cfg):
    bio = cfg.line_of(P, "    bio:")
    cfg.delete(P, bio, cfg.block_length(P, bio))
    paragraphs = ["      {}: |", "        First paragraph.", "", "        Second paragraph."]
    cfg.insert(P, bio, "    bio:", *[line.format(code) for code in ("sv", "en") for line in paragraphs])
    assert cfg.load().config.content.people[0].bio["en"] == "First paragraph.\n\nSecond paragraph."


def test_right_to_left_scripts_and_direction_marks_are_allowed(cfg):
    cfg.replace(P, "    name_native: Алесь Бяляцкі", '    name_native: "אלס ביאליאצקי \\u200e(עברית)"')
    cfg.replace(P, "    name_native: Валянцін Стэфановіч", "    name_native: فالانتسين ستيفانوفيتش")
    cfg.replace("texts.yaml", "    en: Next", '    en: "Next \\u200f‏السابق"')
    people = cfg.load().config.content.people
    assert people[0].name_native == "אלס ביאליאצקי \u200e(עברית)"
    assert people[1].name_native == "فالانتسين ستيفانوفيتش"
