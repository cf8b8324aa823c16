"""Numbers and plural forms, as each language writes them (CLDR's rules)."""

import pytest

from kiosk.core.numbers import PLURAL_RULES, NumberStyle


@pytest.mark.parametrize(
    ("thousands", "written"),
    [("space", "1\u00a0140"), ("comma", "1,140"), ("period", "1.140"), ("apostrophe", "1\u2019140"), ("none", "1140")],
)
def test_thousands_are_grouped_as_the_language_writes_them(thousands, written):
    assert NumberStyle(thousands, "one-other").format(1140) == written


def test_small_and_large_numbers():
    style = NumberStyle("space", "one-other")
    assert [style.format(n) for n in (0, 7, 999, 1000, 1234567)] == [
        "0", "7", "999", "1\u00a0000", "1\u00a0234\u00a0567"
    ]


@pytest.mark.parametrize(
    ("rule", "forms"),
    [
        # Swedish/English: 1 sekund, 2 sekunder; 0 sekunder.
        ("one-other", {0: "other", 1: "one", 2: "other", 11: "other", 21: "other"}),
        # Belarusian: 1, 21, 101 "one"; 2-4, 22-24 "few"; 5-20, 11-14, 25 "many".
        ("east-slavic", {1: "one", 21: "one", 101: "one", 2: "few", 4: "few", 22: "few", 5: "many",
                         11: "many", 12: "many", 14: "many", 20: "many", 111: "many", 1140: "many", 1142: "few"}),
        # Polish: only 1 is "one"; 21 is "many"; 22-24 "few" but 12-14 "many".
        ("polish", {1: "one", 21: "many", 2: "few", 22: "few", 12: "many", 5: "many", 0: "many"}),
        # Lithuanian: 1, 21 "one"; 2-9, 22 "few"; 10-20, 30 "other".
        ("lithuanian", {1: "one", 21: "one", 11: "other", 2: "few", 9: "few", 22: "few", 10: "other", 15: "other"}),
        # Latvian: 0, 10-20, 30 "zero"; 1, 21 "one"; 2-9 "other".
        ("latvian", {0: "zero", 10: "zero", 11: "zero", 30: "zero", 1: "one", 21: "one", 2: "other"}),
        ("french", {0: "one", 1: "one", 2: "other"}),
        ("none", {0: "other", 1: "other", 5: "other"}),
    ],
)
def test_plural_forms_follow_cldr(rule, forms):
    style = NumberStyle("space", rule)
    assert {n: style.form(n) for n in forms} == forms
    assert set(forms.values()) <= set(PLURAL_RULES[rule].forms)


def test_every_rule_uses_every_form_it_names():
    for name, rule in PLURAL_RULES.items():
        assert {rule.form_of(n) for n in range(200)} == set(rule.forms), name
