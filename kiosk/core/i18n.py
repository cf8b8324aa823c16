"""Visitor-facing text in the current language.

All words come from the content (staff files); this module only picks the
language, fills in {placeholders}, writes numbers and picks plural forms the
way each language does (core/numbers.py), so adding a language is a content
edit.
"""

from __future__ import annotations

import datetime as dt

from kiosk.core.model import COUNTED_TEXTS, FIGURE_QUALIFIERS, Content, KioskConfig, Person, Showing


def ui_text(content: Content, language: str, key: str, **values: str) -> str:
    """The UI text `key` in `language`, with its placeholders filled in."""
    return content.ui[key][language].format_map(values)


def counted_text(content: Content, language: str, key: str, count: int, **values: str) -> str:
    """A text with a count in it (one of COUNTED_TEXTS), in the plural form
    `count` takes in `language`, with the number written as it writes them."""
    style = content.numbers[language]
    forms = content.counted[key][language]
    return forms[style.form(count)].format_map(values | {COUNTED_TEXTS[key]: style.format(count)})


def format_date(content: Content, language: str, date: dt.date) -> str:
    month = content.months[language][date.month - 1]
    return ui_text(
        content, language, "date_format", day=str(date.day), month=month, year=str(date.year)
    )


def last_checked(content: Content, language: str, date: dt.date) -> str:
    return ui_text(content, language, "last_checked", date=format_date(content, language, date))


def about_text(content: Content, showing: Showing, language: str) -> str:
    """The text about the installation, with this showing's place and dates."""
    dates = ui_text(
        content,
        language,
        "date_range",
        first=format_date(content, language, showing.first_day),
        last=format_date(content, language, showing.last_day),
    )
    return content.about[language].format_map(
        {
            "place": showing.place[language],
            "dates": dates,
            "presented_by": showing.presented_by[language],
            "earlier_places": showing.earlier_places[language],
        }
    )


def screen_texts(config: KioskConfig, language: str) -> dict[str, str]:
    """Every UI text of the screens in `language`, placeholders filled."""
    content = config.content
    figure = content.prisoner_count
    texts = {key: text[language] for key, text in content.ui.items()}
    texts["prisoner_count"] = counted_text(content, language, FIGURE_QUALIFIERS[figure.qualifier], figure.value)
    texts["figure_source"] = ui_text(
        content, language, "figure_source", date=format_date(content, language, figure.counted_on)
    )
    texts["figure_checked"] = last_checked(content, language, figure.as_of)
    texts["figure_note"] = figure.note[language] if figure.note else ""
    texts["about"] = about_text(content, config.showing, language)
    # Filled in elsewhere, per person or per second.
    for key in ("person_link_cta", "last_checked", "date_format", "date_range"):
        del texts[key]
    return texts


def person_texts(content: Content, language: str, person: Person) -> dict[str, str]:
    """What a person's screen shows, in `language`. Empty strings for absent fields."""
    status = person.status
    kind = content.statuses[status.state]
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
        "statusTone": kind.tone,
        "statusLabel": kind.badge[language],
        "statusSummary": status.summary[language],
        "statusChecked": last_checked(content, language, status.as_of),
        "link": person.link or "",
        "linkCta": ui_text(content, language, "person_link_cta", name=person.name)
        if person.link
        else "",
    }
