"""Visitor-facing text in the current language.

All words come from the content (staff files); this module only picks the
language and fills in {placeholders}, so adding a language is a content edit.
"""

from __future__ import annotations

import datetime as dt

from kiosk.core.model import Content, Person


def ui_text(content: Content, language: str, key: str, **values: str) -> str:
    """The UI text `key` in `language`, with its placeholders filled in."""
    return content.ui[key][language].format_map(values)


def format_date(content: Content, language: str, date: dt.date) -> str:
    month = content.months[language][date.month - 1]
    return ui_text(
        content, language, "date_format", day=str(date.day), month=month, year=str(date.year)
    )


def format_count(value: int) -> str:
    """Thousands grouped with a no-break space (1 110): read alike in every language."""
    return f"{value:,}".replace(",", "\u00a0")


def screen_texts(content: Content, language: str) -> dict[str, str]:
    """Every UI text of the screens in `language`, placeholders filled."""
    figure = content.prisoner_count
    texts = {key: text[language] for key, text in content.ui.items()}
    texts["prisoner_count"] = ui_text(
        content, language, "prisoner_count", count=format_count(figure.value)
    )
    texts["figure_source"] = ui_text(
        content, language, "figure_source", date=format_date(content, language, figure.as_of)
    )
    texts["about"] = content.about[language]
    # Filled in elsewhere, per person or per second.
    for key in ("person_link_cta", "status_checked", "date_format", "idle_countdown"):
        del texts[key]
    return texts


def person_texts(content: Content, language: str, person: Person) -> dict[str, str]:
    """What a person's screen shows, in `language`. Empty strings for absent fields."""
    status = person.status
    return {
        "personId": person.id,
        "name": person.name,
        "nameNative": person.name_native,
        "role": person.role[language],
        "bio": person.bio[language],
        "detained": format_date(content, language, person.detained),
        "sentenced": format_date(content, language, person.sentenced) if person.sentenced else "",
        "term": person.term[language] if person.term else "",
        "statusState": status.state,
        "statusLabel": ui_text(content, language, f"status_{status.state}"),
        "statusSummary": status.summary[language],
        "statusChecked": ui_text(
            content, language, "status_checked", date=format_date(content, language, status.as_of)
        ),
        "link": person.link or "",
        "linkCta": ui_text(content, language, "person_link_cta", name=person.name)
        if person.link
        else "",
    }
