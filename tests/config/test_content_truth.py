"""The bundled content says what the content brief says, as of its dates.

One test per person: when a status changes, its test changes with it, with
the new source. Every status and the count rest on an article or record about
that person and event, never on a site's home page.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from kiosk.config import load_config
from kiosk.core.i18n import person_texts, screen_texts
from tests.conftest import KIOSK_YAML, TODAY, beyond_bundled

CHECKED = dt.date(2026, 12, 6)  # the brief's "Status in 2026" was checked that day


@pytest.fixture(scope="module")
def config():
    loaded = load_config(KIOSK_YAML, today=TODAY)
    assert beyond_bundled(loaded.warnings) == []
    return loaded.config


def person(config, person_id):
    return next(p for p in config.content.people if p.id == person_id)


def status_shown(config, person_id, language):
    texts = person_texts(config.content, language, person(config, person_id))
    return texts["statusLabel"], texts["statusSummary"], texts["statusChecked"]


def test_ales_bialiatski_was_freed_in_december_2025_into_exile_in_lithuania(config):
    status = person(config, "ales-bialiatski").status
    assert (status.state, status.as_of) == ("released_into_exile", CHECKED)
    assert status.source == "https://www.rferl.org/a/belarus-prisoners-freed-us-trump/33622355.html"
    assert status_shown(config, "ales-bialiatski", "en") == (
        "Freed, in exile",
        "Freed on 13 December 2025 and taken out of Belarus to Lithuania. He cannot return home.",
        "Last checked 6 December 2026",
    )
    assert "tvångsförd till Litauen" in status.summary["sv"]


def test_valiantsin_stefanovic_was_freed_in_march_2026_and_taken_to_lithuania(config):
    status = person(config, "valiantsin-stefanovic").status
    assert (status.state, status.as_of) == ("released_into_exile", CHECKED)
    assert status.source == "https://zerkalo-jan20.online/news/amp/life/123093.html"
    label, summary, _ = status_shown(config, "valiantsin-stefanovic", "en")
    assert label == "Freed, in exile" and summary.startswith("Freed on 19 March 2026 and taken to Lithuania")


def test_uladzimir_labkovich_was_freed_in_december_2025_and_expelled_to_ukraine_without_a_passport(config):
    status = person(config, "uladzimir-labkovich").status
    assert (status.state, status.as_of) == ("released_into_exile", CHECKED)
    assert status.source == (
        "https://www.startribune.com/prisoners-freed-by-belarus-say-their-passports-are-taken-away-/601550106"
    )
    assert status_shown(config, "uladzimir-labkovich", "sv")[1] == (
        "Frigiven 13 december 2025, utvisad till Ukraina utan pass."
    )
    # Where he lives now was not found: the content must not claim it.
    assert "lives" not in status.summary["en"] and "bor" not in status.summary["sv"]


def test_marfa_rabkova_is_reported_freed_in_march_2026_on_one_published_list(config):
    status = person(config, "marfa-rabkova").status
    assert (status.state, status.as_of) == ("reported_released_into_exile", CHECKED)
    assert status.source == "https://reform.news/en/us-secures-release-of-250-political-prisoners"
    label, summary, _ = status_shown(config, "marfa-rabkova", "en")
    assert label == "Reported freed, in exile" and summary.startswith("Reported freed on 19 March 2026")
    sv_label, sv_summary, _ = status_shown(config, "marfa-rabkova", "sv")
    assert sv_label == "Uppges frigiven, i exil" and sv_summary.startswith("Uppges ha frigetts den 19 mars 2026")


def test_nobody_is_called_imprisoned_and_the_badge_says_more_than_released(config):
    for someone in config.content.people:
        kind = config.content.statuses[someone.status.state]
        assert kind.tone == "free"
        assert "exil" in kind.badge["sv"] and "exile" in kind.badge["en"]


def test_the_count_is_the_march_figure_with_the_pardon_that_followed(config):
    count = config.content.prisoner_count
    counted = (count.value, count.qualifier, count.counted_on, count.as_of)
    assert counted == (1140, "exact", dt.date(2026, 3, 5), CHECKED)
    assert count.source.startswith("https://www.wsls.com/news/world/2026/03/06/")
    assert "250" in count.note["en"] and "19 March 2026" in count.note["en"]
    assert "250" in count.note["sv"] and "19 mars 2026" in count.note["sv"]


def test_every_source_is_an_article_not_a_home_page(config):
    sources = [config.content.prisoner_count.source, *(p.status.source for p in config.content.people)]
    for source in sources:
        assert urlsplit(source).path.strip("/"), f"{source} is a home page"


def test_no_text_calls_the_four_imprisoned_and_no_sentence_names_a_regime(config):
    for language in config.language_codes:
        texts = " ".join(screen_texts(config, language).values())
        people = " ".join(" ".join(person_texts(config.content, language, p).values()) for p in config.content.people)
        for stale in ("imprisoned members", "fängslade medlemmar", "high-security", "sträng regim", "Frisläppt"):
            assert stale not in texts + people
        assert "FIDH" not in people or ("was elected" in people or "valdes" in people)
