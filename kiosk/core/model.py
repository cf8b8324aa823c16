"""The kiosk's settings and content as frozen, typed objects.

The config loader (kiosk.config) builds these from the staff's YAML files; the
Qt layer only reads them. Nothing here knows about Qt or YAML.

A `Text` is one visitor-facing text in every offered language:
{"sv": "...", "en": "..."}. The loader guarantees that every Text holds exactly
the offered languages, so lookups by the current language never miss.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping

from kiosk.core.accessibility import Mounting
from kiosk.core.numbers import NumberStyle
from kiosk.core.schedule import OpeningHours

Text = Mapping[str, str]
# A text with a count in it, per language and plural form:
# {"sv": {"one": "... 1 sekund", "other": "... {seconds} sekunder"}, ...}.
CountedText = Mapping[str, Mapping[str, str]]

# Every UI text the screens use, with the {placeholders} it may contain.
# The loader requires each key in every offered language and rejects a
# placeholder that is not listed here, so a typo like {cuont} is caught by
# `kiosk check` instead of showing up on the screen.
UI_TEXTS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "title": frozenset(),
        "subtitle": frozenset(),
        "touch_to_start": frozenset(),
        "overview_heading": frozenset(),
        "overview_hint": frozenset(),
        "prisoner_count": frozenset({"count"}),
        "prisoner_count_about": frozenset({"count"}),
        "prisoner_count_more_than": frozenset({"count"}),
        "figure_source": frozenset({"date"}),
        "campaign_cta": frozenset(),
        "person_link_cta": frozenset({"name"}),
        "back": frozenset(),
        "previous": frozenset(),
        "next": frozenset(),
        "detained": frozenset(),
        "sentenced": frozenset(),
        "term": frozenset(),
        "last_checked": frozenset({"date"}),
        "language_switch": frozenset(),
        "display_options": frozenset(),
        "larger_text": frozenset(),
        "high_contrast": frozenset(),
        "idle_question": frozenset(),
        "idle_countdown": frozenset({"seconds"}),
        "idle_continue": frozenset(),
        "date_format": frozenset({"day", "month", "year"}),
        "date_range": frozenset({"first", "last"}),
    }
)

# The UI texts with a count in them, and the placeholder that holds it: each
# is written once per plural form of its language (core/numbers.py), so that
# a visitor never reads "1 sekunder".
COUNTED_TEXTS: Mapping[str, str] = MappingProxyType(
    {
        "prisoner_count": "count",
        "prisoner_count_about": "count",
        "prisoner_count_more_than": "count",
        "idle_countdown": "seconds",
    }
)

# What the text about the installation may say of the showing (kiosk.yaml).
ABOUT_PLACEHOLDERS = frozenset({"place", "dates", "presented_by", "earlier_places"})

# How sure a figure is: the UI text it is shown with, per qualifier.
FIGURE_QUALIFIERS: Mapping[str, str] = MappingProxyType(
    {"exact": "prisoner_count", "about": "prisoner_count_about", "more_than": "prisoner_count_more_than"}
)
# The colour of a status badge: held (still in prison) or free.
STATUS_TONES = ("held", "free")
ORIENTATIONS = ("landscape", "portrait")
# How the panel hangs, seen from the front (kiosk.runtime.display turns the picture and the touches to match).
PANEL_TURNS = ("none", "left", "right", "upside_down")
THEMES = ("dark", "light")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


@dataclass(frozen=True)
class Language:
    code: str  # e.g. "sv"
    name: str  # the language's name in itself, e.g. "Svenska"


# The settings of kiosk.yaml: what each does, its bounds and its default are
# written once, in config/schema.py's KIOSK (each Field's `about` and
# `default`; docs/staff.md's table is made from them). The comments here say
# only what the code needs beyond that.


@dataclass(frozen=True)
class ScreenSettings:
    orientation: str  # one of ORIENTATIONS
    width: int  # window width in pixels, in that orientation (kiosk.yaml's resolution turned to fit)
    height: int
    index: int
    hide_cursor: bool
    mounting: Mounting  # diagonal_in and bottom_edge_mm
    panel_turned: str  # one of PANEL_TURNS


@dataclass(frozen=True)
class IdleSettings:
    timeout_s: float
    warning_s: float


@dataclass(frozen=True)
class StaffSettings:
    pin_hash: str | None  # None: the staff menu cannot be opened
    corner: str  # one of CORNERS
    taps: int
    within_s: float
    menu_timeout_s: float


@dataclass(frozen=True)
class StatsSettings:
    enabled: bool
    keep_days: int


@dataclass(frozen=True)
class StatusKind:
    """One state a person's status can be in (texts.yaml, `statuses:`)."""

    tone: str  # one of STATUS_TONES: the badge's colour
    badge: Text  # the word(s) on the badge, e.g. "Freed, in exile"


@dataclass(frozen=True)
class Status:
    state: str  # a key of Content.statuses, e.g. "exiled"
    summary: Text  # what the state means today, with its date
    as_of: dt.date  # when staff last checked it
    source: str  # https URL of an article or record about this person and event


@dataclass(frozen=True)
class Person:
    id: str
    name: str  # Latin script, as the installation spells it
    name_native: str  # Belarusian Cyrillic
    role: Text
    portrait: Path  # absolute, checked to be a readable PNG or JPEG
    bio: Text
    detained: dt.date
    sentenced: dt.date | None
    term: Text | None  # the sentence, e.g. "10 years in a penal colony"
    status: Status
    link: str | None  # optional https URL of their own (shown as a QR code)


@dataclass(frozen=True)
class Figure:
    """A number that changes, shown with its date and when it was last checked."""

    value: int
    qualifier: str  # a key of FIGURE_QUALIFIERS: exact, about or more_than
    counted_on: dt.date  # the day the number was counted (published)
    as_of: dt.date  # when staff last looked for a newer one
    source: str  # https URL of the article or page that gives the number
    note: Text | None  # a line on what has changed since, e.g. a mass pardon


@dataclass(frozen=True)
class Showing:
    """Where and when the installation is shown (kiosk.yaml, `showing:`)."""

    place: Text  # e.g. "Raoul Wallenberg Square, Stockholm"
    first_day: dt.date
    last_day: dt.date
    presented_by: Text  # who presents the installation here
    earlier_places: Text  # where it was shown before


@dataclass(frozen=True)
class Content:
    ui: Mapping[str, Text]  # exactly the keys of UI_TEXTS but COUNTED_TEXTS
    counted: Mapping[str, CountedText]  # exactly the keys of COUNTED_TEXTS
    months: Mapping[str, tuple[str, ...]]  # language -> 12 month names
    numbers: Mapping[str, NumberStyle]  # language -> how it writes numbers
    statuses: Mapping[str, StatusKind]  # the states a status may be in
    about: Text  # the installation and the #FreeViasna campaign; may hold ABOUT_PLACEHOLDERS
    prisoner_count: Figure
    people: tuple[Person, ...]


# health.screenshot_every_s left out, and the interval while no settings are
# shown ('out of order'); written here, not in the schema, for the shell needs
# it without loading the config checker.
DEFAULT_SCREENSHOT_EVERY_S = 600


@dataclass(frozen=True)
class KioskConfig:
    path: Path  # the kiosk.yaml this came from (absolute)
    languages: tuple[Language, ...]  # in the order the switch shows them
    default_language: str
    screen: ScreenSettings
    theme: str  # one of THEMES
    reduce_motion: bool
    campaign_url: str  # links.campaign
    showing: Showing
    content: Content
    review_after_days: int  # content.review_after_days
    idle: IdleSettings
    burn_in_max_static_s: float  # burn_in.max_static_s
    staff: StaffSettings
    schedule: OpeningHours | None  # None: open whenever the screen is on
    stats: StatsSettings
    sources: tuple[Path, ...]  # every file the config was read from, kiosk.yaml first
    screenshot_every_s: int  # health.screenshot_every_s

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)
