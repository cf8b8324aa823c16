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
from typing import Mapping

from kiosk.core.accessibility import Mounting
from kiosk.core.schedule import OpeningHours

Text = Mapping[str, str]

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
        "figure_source": frozenset({"date"}),
        "campaign_cta": frozenset(),
        "person_link_cta": frozenset({"name"}),
        "back": frozenset(),
        "previous": frozenset(),
        "next": frozenset(),
        "detained": frozenset(),
        "sentenced": frozenset(),
        "term": frozenset(),
        "status_imprisoned": frozenset(),
        "status_released": frozenset(),
        "status_checked": frozenset({"date"}),
        "language_switch": frozenset(),
        "display_options": frozenset(),
        "larger_text": frozenset(),
        "high_contrast": frozenset(),
        "idle_question": frozenset(),
        "idle_countdown": frozenset({"seconds"}),
        "idle_continue": frozenset(),
        "date_format": frozenset({"day", "month", "year"}),
    }
)

STATUS_STATES = ("imprisoned", "released")
ORIENTATIONS = ("landscape", "portrait")
THEMES = ("dark", "light")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


@dataclass(frozen=True)
class Language:
    code: str  # e.g. "sv"
    name: str  # the language's name in itself, e.g. "Svenska"


@dataclass(frozen=True)
class ScreenSettings:
    orientation: str  # one of ORIENTATIONS
    width: int  # window width in pixels, in that orientation
    height: int
    index: int  # which monitor, 0 = the first
    hide_cursor: bool
    mounting: Mounting  # the panel's size and height, for sizes in mm and the reach


@dataclass(frozen=True)
class IdleSettings:
    timeout_s: float  # untouched this long (past the first screen), the kiosk asks if anyone is there
    warning_s: float  # and counts down this long before it starts over for the next visitor


@dataclass(frozen=True)
class StaffSettings:
    pin_hash: str | None  # from `kiosk hash-pin`; None: the staff menu cannot be opened
    corner: str  # one of CORNERS: where the hidden taps go
    taps: int  # this many taps in that corner...
    within_s: float  # ...within this many seconds open the PIN pad
    menu_timeout_s: float  # the PIN pad and menu close by themselves after this long untouched


@dataclass(frozen=True)
class StatsSettings:
    enabled: bool  # false: the kiosk records nothing at all
    keep_days: int  # hourly counts older than this are deleted


@dataclass(frozen=True)
class Status:
    state: str  # one of STATUS_STATES
    summary: Text  # what the state means, e.g. "released, but forced into exile"
    as_of: dt.date  # when staff last checked it
    source: str  # https URL the fact rests on


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
    """A number that changes, shown with the date it was checked."""

    value: int
    as_of: dt.date
    source: str


@dataclass(frozen=True)
class Content:
    ui: Mapping[str, Text]  # exactly the keys of UI_TEXTS
    months: Mapping[str, tuple[str, ...]]  # language -> 12 month names
    about: Text  # the installation and the #FreeViasna campaign
    prisoner_count: Figure
    people: tuple[Person, ...]


@dataclass(frozen=True)
class KioskConfig:
    path: Path  # the kiosk.yaml this came from (absolute)
    languages: tuple[Language, ...]  # in the order the switch shows them
    default_language: str
    screen: ScreenSettings
    theme: str  # one of THEMES
    reduce_motion: bool  # no decorative motion (breathing, slides); the burn-in shift stays
    campaign_url: str
    content: Content
    idle: IdleSettings
    burn_in_max_static_s: float  # no pixel shows the same thing longer than this
    staff: StaffSettings
    schedule: OpeningHours | None  # None: open whenever the screen is on
    stats: StatsSettings
    sources: tuple[Path, ...]  # every file the config was read from, kiosk.yaml first

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)
