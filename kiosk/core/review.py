"""What the content says that ages with the days: dated facts and the showing.

The kiosk shows every fact that can change with the day it was last checked.
A fact older than `content.review_after_days` (kiosk.yaml) is not refused,
since it may still be true, but staff are told: `kiosk check` warns with its
line, the staff menu lists it and the log says so once a day.

The same goes for the showing (kiosk.yaml, `showing:`): the text about the
installation tells visitors it stands here on those days, so once its last
day has passed staff are told the same three ways. The kiosk goes on as it
is: the next place may not be known yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.core.model import Content, Showing, Text


def days_since(as_of: dt.date, today: dt.date) -> int:
    return (today - as_of).days


def review_due(as_of: dt.date, today: dt.date, period_days: int) -> bool:
    """Whether a fact checked on `as_of` is older than the review period."""
    return days_since(as_of, today) > period_days


@dataclass(frozen=True)
class DatedFact:
    what: str  # in words for staff, e.g. "the status of Marfa Rabkova"
    as_of: dt.date  # when it was last checked
    source: str  # where to check it again


def dated_facts(content: Content) -> list[DatedFact]:
    """Every fact of the content that carries an as_of, in the order shown."""
    count = content.prisoner_count
    return [
        DatedFact("the count of political prisoners", count.as_of, count.source),
        *(
            DatedFact(f"the status of {person.name}", person.status.as_of, person.status.source)
            for person in content.people
        ),
    ]


def aged_facts(content: Content, today: dt.date, period_days: int) -> list[DatedFact]:
    return [fact for fact in dated_facts(content) if review_due(fact.as_of, today, period_days)]


def describe_aged(fact: DatedFact, today: dt.date) -> str:
    """One line for the staff menu and the log."""
    return (
        f"{fact.what} was last checked {fact.as_of.isoformat()}, {days_since(fact.as_of, today)} days ago; "
        f"check it again ({fact.source}) and update its as_of"
    )


def showing_over(showing: Showing, today: dt.date) -> bool:
    """Whether the showing has ended: its last day is still one of its days."""
    return today > showing.last_day


def describe_showing_over(showing: Showing) -> str:
    """One line for `kiosk check`, the staff menu and the log."""
    first, last = showing.first_day.isoformat(), showing.last_day.isoformat()
    return (
        f"the showing at {_in_staff_language(showing.place)} ended on {last}, but the text about the installation "
        f"still tells visitors it stands here from {first} to {last}; for the next place, edit 'showing:' in "
        "kiosk.yaml (place, first_day, last_day, presented_by, earlier_places), or write a later last_day if it "
        "stays longer"
    )


def _in_staff_language(text: Text) -> str:
    """Staff read English: the English line if there is one, else the first."""
    return text.get("en") or next(iter(text.values()))
