"""Dated facts age, counts take plural forms, statuses and the showing are
data, and a text cut short by a '#' is pointed out: as `kiosk check` tells
staff, with the file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.core.i18n import counted_text, person_texts, screen_texts
from tests.conftest import TODAY, beyond_bundled

K, T, P = "kiosk.yaml", "texts.yaml", "people.yaml"
CHECKED = dt.date(2026, 12, 6)  # every bundled as_of
PERIOD = 60  # content.review_after_days of the bundled kiosk.yaml


def status_as_of_line(cfg, index: int) -> int:
    return cfg.line_of(P, "as_of:", after=cfg.line_of(P, "    status:", after=cfg.person_line(index)))


# --------------------------------------------------------------------------
# The review period


def test_a_fact_one_day_over_the_period_warns_with_its_line_and_where_to_check(cfg, tools):
    cfg.replace(P, "as_of: 2026-12-06", "as_of: 2026-12-05", after=cfg.person_line(2))
    line = status_as_of_line(cfg, 2)
    loaded = cfg.load(today=dt.date(2026, 12, 5) + dt.timedelta(days=PERIOD + 1))
    warning = tools.only(beyond_bundled(loaded.warnings), P, line, "people[2].status.as_of", "61 days ago")
    assert "review period in kiosk.yaml is 60 days" in warning.message
    assert "https://www.startribune.com/prisoners-freed-by-belarus" in warning.message


def test_a_fact_one_day_under_the_period_or_at_it_does_not_warn(cfg):
    for days in (PERIOD - 1, PERIOD):
        assert beyond_bundled(cfg.load(today=CHECKED + dt.timedelta(days=days)).warnings) == []


def test_an_aged_count_warns_on_its_own_line(cfg, tools):
    line = cfg.line_of(T, "  as_of:", after=cfg.line_of(T, "prisoner_count:", top=True))
    cfg.replace(K, "review_after_days: 60", "review_after_days: 5")
    loaded = cfg.load(today=CHECKED + dt.timedelta(days=6))
    tools.find(
        loaded.warnings, T, line, "prisoner_count.as_of", "6 days ago (the review period in kiosk.yaml is 5 days)"
    )
    assert len(beyond_bundled(loaded.warnings)) == 5 and loaded.config.review_after_days == 5


def test_an_aged_fact_is_still_shown_with_its_date(cfg):
    loaded = cfg.load(today=CHECKED + dt.timedelta(days=400))
    assert beyond_bundled(loaded.warnings)
    someone = loaded.config.content.people[0]
    assert person_texts(loaded.config.content, "en", someone)["statusChecked"] == "Last checked 6 December 2026"


def test_the_review_period_defaults_to_60_days_and_has_bounds(cfg, tools):
    cfg.delete(K, cfg.line_of(K, "  review_after_days:"))
    assert cfg.load().config.review_after_days == PERIOD
    line = cfg.insert(K, cfg.line_of(K, "  people: people.yaml") + 1, "  review_after_days: 0")
    tools.only(cfg.errors(), K, line, "content.review_after_days", "between 1 and 3650")


def test_counted_on_may_not_come_after_the_day_it_was_checked(cfg, tools):
    line = cfg.replace(T, "counted_on: 2026-03-05", "counted_on: 2026-12-07")
    tools.only(cfg.errors(today=dt.date(2026, 12, 8)), T, line, "prisoner_count.counted_on", "after as_of")


def test_counted_on_defaults_to_as_of_and_the_qualifier_to_exact(cfg):
    cfg.delete(T, cfg.line_of(T, "  counted_on:"))
    cfg.delete(T, cfg.line_of(T, "  qualifier:"))
    count = cfg.load().config.content.prisoner_count
    assert (count.counted_on, count.qualifier) == (CHECKED, "exact")


@pytest.mark.parametrize(
    ("qualifier", "sv", "en"),
    [
        ("about", "Omkring 1\u00a0140 politiska fångar i Belarus", "About 1,140 political prisoners in Belarus"),
        (
            "more_than",
            "Fler än 1\u00a0140 politiska fångar i Belarus",
            "More than 1,140 political prisoners in Belarus",
        ),
    ],
)
def test_a_count_can_say_about_or_more_than(cfg, qualifier, sv, en):
    cfg.replace(T, "qualifier: exact", f"qualifier: {qualifier}")
    config = cfg.load().config
    assert [screen_texts(config, code)["prisoner_count"] for code in ("sv", "en")] == [sv, en]


# --------------------------------------------------------------------------
# Numbers and plural forms


def test_one_and_two_take_their_own_forms_in_each_language(cfg):
    content = cfg.load().config.content
    shown = {(code, n): counted_text(content, code, "idle_countdown", n) for code in ("sv", "en") for n in (1, 2)}
    assert shown == {
        ("sv", 1): "Tillbaka till början om 1 sekund.",
        ("sv", 2): "Tillbaka till början om 2 sekunder.",
        ("en", 1): "Going back to the start in 1 second.",
        ("en", 2): "Going back to the start in 2 seconds.",
    }
    assert counted_text(content, "sv", "prisoner_count", 1) == "1 politisk fånge i Belarus"


def test_the_thousands_separator_is_the_languages_own(cfg):
    cfg.replace(T, "thousands: comma", "thousands: period")
    config = cfg.load().config
    assert screen_texts(config, "en")["prisoner_count"] == "1.140 political prisoners in Belarus"
    assert screen_texts(config, "sv")["prisoner_count"] == "1\u00a0140 politiska fångar i Belarus"


def test_a_counted_text_written_as_one_line_asks_for_its_forms(cfg, tools):
    start = cfg.line_of(T, "  idle_countdown:")
    sv = cfg.line_of(T, "sv:", after=start)
    cfg.delete(T, sv, 3)
    cfg.insert(T, sv, '    sv: "Tillbaka om {seconds} sekunder."')
    problem = tools.only(cfg.errors(), T, sv, "ui.idle_countdown.sv", "one line per form")
    assert "'one: ...', 'other: ...'" in problem.message


def test_a_missing_or_unknown_plural_form_is_named(cfg, tools):
    start = cfg.line_of(T, "  idle_countdown:")
    one = cfg.line_of(T, "one:", after=cfg.line_of(T, "en:", after=start))
    cfg.replace(T, "one:", "few:", after=one - 1)
    problems = cfg.errors()
    tools.find(problems, T, one, "ui.idle_countdown.en.few", "not a plural form of 'one-other'")
    tools.find(problems, T, one - 1, "ui.idle_countdown.en.one", "missing the 'one' form")
    assert len(problems) == 2


def test_a_language_with_three_forms_needs_all_three(cfg, tools):
    cfg.replace(T, "plurals: one-other", "plurals: polish")  # sv, the first
    problems = cfg.errors()
    counted = ("prisoner_count", "prisoner_count_about", "prisoner_count_more_than", "idle_countdown")
    assert {problem.field for problem in problems} == {
        f"ui.{key}.sv.{form}" for key in counted for form in ("few", "many", "other")
    }


def test_an_unknown_plural_rule_or_separator_is_named(cfg, tools):
    line = cfg.replace(T, "plurals: one-other", "plurals: swedish")
    problem = tools.only(cfg.errors(), T, line, "numbers.sv.plurals", "must be one of: one-other, east-slavic, polish")
    assert "'swedish'" in problem.message


# --------------------------------------------------------------------------
# Statuses as data


def test_a_new_state_with_its_badge_can_be_used(cfg):
    start = cfg.line_of(T, "statuses:", top=True)
    cfg.insert(T, start + 1, "  on_trial:", "    tone: held", "    badge:", "      sv: Åtalad", "      en: On trial")
    cfg.replace(P, "state: released_into_exile", "state: on_trial", after=cfg.person_line(1))
    config = cfg.load().config
    texts = person_texts(config.content, "en", config.content.people[1])
    assert (texts["statusLabel"], texts["statusTone"]) == ("On trial", "held")


def test_a_state_needs_a_badge_in_every_language_and_a_known_tone(cfg, tools):
    start = cfg.line_of(T, "  released_at_home:")
    tone = cfg.replace(T, "tone: free", "tone: green", after=start)
    cfg.delete(T, cfg.line_of(T, "en: Freed", after=start))
    problems = cfg.errors()
    tools.find(problems, T, tone, "statuses.released_at_home.tone", "must be one of: held, free")
    tools.find(problems, T, tone + 1, "statuses.released_at_home.badge.en", "missing the 'en' text")


def test_a_state_name_staff_cannot_type_is_refused(cfg, tools):
    line = cfg.replace(T, "  released_at_home:", "  Released at home:")
    tools.find(cfg.errors(), T, line, "statuses['Released at home']", "not a valid state name")


# --------------------------------------------------------------------------
# The showing


def test_the_about_text_tells_this_showing(cfg):
    about = screen_texts(cfg.load().config, "en")["about"]
    assert "shown in Vilnius, Brussels, Berlin, Poznań and Riga" in about
    assert "here on Raoul Wallenberg Square in Stockholm from 25 September 2025 to 15 October 2025" in about
    assert "presented by Right Livelihood, Östgruppen and Viasna" in about


def test_moving_to_another_city_is_an_edit_of_the_showing_block(cfg):
    cfg.replace(K, "en: Raoul Wallenberg Square in Stockholm", "en: the Old Town Square in Riga")
    cfg.replace(K, "first_day: 2025-09-25", "first_day: 2026-01-10")
    cfg.replace(K, "last_day: 2025-10-15", "last_day: 2026-02-01")
    about = screen_texts(cfg.load().config, "en")["about"]
    assert "here on the Old Town Square in Riga from 10 January 2026 to 1 February 2026" in about


def test_the_about_text_may_use_only_the_showings_placeholders(cfg, tools):
    about = cfg.line_of(T, "about:", top=True)
    cfg.replace(T, "{place}", "{city}", after=about)
    problem = tools.only(cfg.errors(), T, cfg.line_of(T, "  sv: >-", after=about), "about.sv", "'{city}'")
    assert "{dates}, {earlier_places}, {place}, {presented_by}" in problem.message


def test_a_showing_past_its_last_day_warns_on_that_line_and_says_what_to_edit(cfg, tools):
    line = cfg.replace(K, "last_day: 2025-10-15", f"last_day: {TODAY.isoformat()}")
    assert cfg.load(today=TODAY).warnings == ()  # its last day is still one of its days
    loaded = cfg.load(today=TODAY + dt.timedelta(days=1))  # the kiosk goes on, staff are told
    warning = tools.only(
        loaded.warnings, K, line, "showing.last_day", f"at Raoul Wallenberg Square in Stockholm ended on {TODAY}"
    )
    assert f"tells visitors it stands here from 2025-09-25 to {TODAY}" in warning.message
    assert "edit 'showing:' in kiosk.yaml (place, first_day, last_day, presented_by, earlier_places)" in warning.message
    assert "Raoul Wallenberg Square in Stockholm" in screen_texts(loaded.config, "en")["about"]


def test_a_showing_that_ends_before_it_begins(cfg, tools):
    line = cfg.replace(K, "last_day: 2025-10-15", "last_day: 2025-09-01")
    tools.only(cfg.errors(), K, line, "showing.last_day", "before first_day")


# --------------------------------------------------------------------------
# A '#' that cuts a text


def test_an_unquoted_hashtag_cuts_the_text_and_check_says_where(cfg, tools):
    line = cfg.replace(T, 'sv: "Skanna och stöd kampanjen #FreeViasna"', "sv: Skanna och stöd kampanjen #FreeViasna")
    warning = tools.only(beyond_bundled(cfg.load().warnings), T, line, "ui.campaign_cta.sv", "'#FreeViasna'")
    assert "visitors see only 'Skanna och stöd kampanjen'" in warning.message
    assert 'double quotes: "Skanna och stöd kampanjen #FreeViasna"' in warning.message


def test_a_comment_right_after_a_text_is_pointed_out_too(cfg, tools):
    line = cfg.replace(T, "en: Next", "en: Next # to the next person")
    tools.only(beyond_bundled(cfg.load().warnings), T, line, "ui.next.en", "'# to the next person'")


def test_quoted_texts_comment_lines_and_spaced_comments_are_fine(cfg):
    cfg.replace(T, "en: Next", "en: Next          # the button to the next person")
    cfg.insert(T, cfg.line_of(T, "  back:"), "  # a comment line #with a tag")
    assert beyond_bundled(cfg.load().warnings) == []
