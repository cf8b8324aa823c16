"""Dated facts and their review period: when a status or a count is due to
be checked again.

The kiosk shows every fact that can change with the day it was last checked.
A fact older than `content.review_after_days` (kiosk.yaml) is not refused,
since it may still be true, but staff are told: `kiosk check` warns with its
line, the staff menu lists it and the log says so once a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.core.model import Content


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
