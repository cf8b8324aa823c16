"""When the showing is over, and what staff are told about it (kiosk/core/review.py)."""

from __future__ import annotations

import datetime as dt

from kiosk.core.model import Showing
from kiosk.core.review import describe_showing_over, showing_over

LAST_DAY = dt.date(2026, 6, 30)


def showing(place: dict[str, str]) -> Showing:
    return Showing(
        place=place,
        first_day=dt.date(2026, 5, 1),
        last_day=LAST_DAY,
        presented_by=dict.fromkeys(place, "a gallery"),
        earlier_places=dict.fromkeys(place, "Vilnius"),
    )


def test_a_showing_on_its_last_day_is_not_over_and_the_day_after_it_is():
    riga = showing({"sv": "Rådhustorget i Riga", "en": "Town Hall Square in Riga"})
    assert not showing_over(riga, dt.date(2026, 5, 1))
    assert not showing_over(riga, LAST_DAY)
    assert showing_over(riga, LAST_DAY + dt.timedelta(days=1))


def test_staff_read_which_showing_ended_when_what_to_edit_and_why():
    riga = showing({"sv": "Rådhustorget i Riga", "en": "Town Hall Square in Riga"})
    assert describe_showing_over(riga) == (
        "the showing at Town Hall Square in Riga ended on 2026-06-30, but the text about the installation still "
        "tells visitors it stands here from 2026-05-01 to 2026-06-30; for the next place, edit 'showing:' in "
        "kiosk.yaml (place, first_day, last_day, presented_by, earlier_places), or write a later last_day if it "
        "stays longer"
    )


def test_without_english_the_place_is_named_in_the_first_language():
    berlin = showing({"de": "Pariser Platz in Berlin", "sv": "Pariser Platz i Berlin"})
    assert describe_showing_over(berlin).startswith("the showing at Pariser Platz in Berlin ended on 2026-06-30")
