"""What kiosk.yaml, texts.yaml and people.yaml must contain.

Declared with the specs of specs.py; the comments in the files themselves
explain each field to the staff. Keys are listed in the order the files
write them, which is also the order problems are reported in.
"""

from __future__ import annotations

from types import MappingProxyType

from kiosk.core.accessibility import Mounting, ScreenGeometry, reach_problem
from kiosk.core.model import (
    ABOUT_PLACEHOLDERS,
    CORNERS,
    COUNTED_TEXTS,
    FIGURE_QUALIFIERS,
    ORIENTATIONS,
    PANEL_TURNS,
    STATUS_TONES,
    THEMES,
    UI_TEXTS,
    Figure,
    IdleSettings,
    Language,
    Person,
    ScreenSettings,
    Showing,
    StaffSettings,
    StatsSettings,
    Status,
    StatusKind,
)
from kiosk.core.numbers import PLURAL_RULES, THOUSANDS, NumberStyle
from kiosk.core.pin import hash_problem
from kiosk.core.qr import qr_size_px
from kiosk.core.review import days_since, review_due
from kiosk.core.schedule import WEEKDAYS, OpeningHours, parse_day_hours

from .specs import (
    INVALID,
    Bool,
    Choice,
    CountedText,
    Date,
    Field,
    FilePath,
    ImageFile,
    Int,
    Known,
    ListOf,
    NamedGroups,
    Number,
    Parsed,
    PerLanguage,
    QrLink,
    Record,
    Resolution,
    StatusState,
    Str,
    Text,
    TextLine,
    Url,
    link_fits_qr,
)
from .problems import join, show

# Limits above which a person's text only gets a warning: the kiosk stands in
# an exhibition, visitors read standing up.
BIO_MAX_WORDS = 100
SENTENCE_MAX_WORDS = 25


# --------------------------------------------------------------------------
# Cross-field checks


def _default_is_offered(values, node, field, ctx) -> bool:
    offered, default = values["offered"], values["default"]
    if offered is INVALID or default is INVALID:
        return True  # already reported; comparing would only add noise
    codes = [language.code for language in offered]
    if default not in codes:
        ctx.error(
            node.value["default"].line,
            f"{field}.default",
            f"{show(default)} is not one of the offered languages ({', '.join(codes)}); write one of them",
        )
        return False
    return True


def _sentenced_after_detained(values, node, field, ctx) -> bool:
    detained, sentenced = values["detained"], values["sentenced"]
    if detained in (INVALID, None) or sentenced in (INVALID, None):
        return True
    if sentenced < detained:
        ctx.error(
            node.value["sentenced"].line,
            f"{field}.sentenced",
            f"{sentenced.isoformat()} is before the day of detention ({detained.isoformat()}); check both dates",
        )
        return False
    return True


def _due_for_review(values, node, field, ctx) -> bool:
    """Only a warning: an old fact may still be true, but staff should look."""
    as_of = values["as_of"]
    if as_of is INVALID or ctx.review_after_days is None or not review_due(as_of, ctx.today, ctx.review_after_days):
        return True
    source = values["source"]
    where = f"at {source}" if source is not INVALID else "at its source"
    ctx.warn(
        node.value["as_of"].line,
        join(field, "as_of"),
        f"last checked {as_of.isoformat()}, {days_since(as_of, ctx.today)} days ago (the review period in "
        f"kiosk.yaml is {ctx.review_after_days} days); check it again {where}, then write the date you "
        "checked it here",
    )
    return True


def _counted_after_checked(values, node, field, ctx) -> bool:
    counted_on, as_of = values["counted_on"], values["as_of"]
    if counted_on in (INVALID, None) or as_of is INVALID or counted_on <= as_of:
        return True
    ctx.error(
        node.value["counted_on"].line,
        join(field, "counted_on"),
        f"{counted_on.isoformat()} is after as_of ({as_of.isoformat()}), the day the figure was last checked; "
        "check both dates",
    )
    return False


def _window_size(values) -> tuple[int, int]:
    # The resolution may be written either way round; the orientation decides.
    long_side, short_side = sorted(values["resolution"], reverse=True)
    return (long_side, short_side) if values["orientation"] == "landscape" else (short_side, long_side)


def _mounting(values) -> Mounting:
    return Mounting(**{key: values[key] for key in ("diagonal_in", "bottom_edge_mm") if values[key] is not None})


def _screen(values) -> ScreenSettings:
    width, height = _window_size(values)
    return ScreenSettings(
        orientation=values["orientation"],
        width=width,
        height=height,
        index=values["index"],
        hide_cursor=values["hide_cursor"],
        mounting=_mounting(values),
        panel_turned=values["panel_turned"] or "none",
    )


def _controls_within_reach(values, node, field, ctx) -> bool:
    # Only a warning: a screen out of reach from a wheelchair still serves most visitors.
    if any(values[key] is INVALID for key in ("orientation", "resolution", "diagonal_in", "bottom_edge_mm")):
        return True
    problem = reach_problem(ScreenGeometry(*_window_size(values), _mounting(values)))
    if problem:
        height = node.value.get("bottom_edge_mm")
        ctx.warn((height or node).at, join(field, "bottom_edge_mm"), problem)
    return True


def _campaign_fits_qr(values, node, field, ctx) -> bool:
    screen, links = values["screen"], values["links"]
    if screen is INVALID or not isinstance(links, dict) or links.get("campaign", INVALID) is INVALID:
        return True
    problem = link_fits_qr(links["campaign"], qr_size_px(screen.width, screen.height))
    if problem:
        ctx.error(node.value["links"].value["campaign"].line, "links.campaign", problem)
        return False
    return True


def _last_day_not_before_first(values, node, field, ctx) -> bool:
    first, last = values["first_day"], values["last_day"]
    if first in (INVALID, None) or last in (INVALID, None):
        return True
    if last < first:
        ctx.error(
            node.value["last_day"].line,
            f"{field}.last_day",
            f"{last.isoformat()} is before first_day ({first.isoformat()}); check both dates",
        )
        return False
    return True


def _valid_pin_hash(text: str) -> str:
    problem = hash_problem(text)
    if problem:
        raise ValueError(problem)
    return text


def _with_defaults(build, **defaults):
    """A Record build that fills the optional keys staff left out."""
    return lambda values: build(**{key: defaults[key] if value is None else value for key, value in values.items()})


# --------------------------------------------------------------------------
# kiosk.yaml

# The optional sections, as they are when kiosk.yaml leaves them out.
DEFAULT_IDLE = IdleSettings(timeout_s=60, warning_s=15)
DEFAULT_BURN_IN_MAX_STATIC_S = 300
DEFAULT_STAFF = StaffSettings(pin_hash=None, corner="top-left", taps=5, within_s=3, menu_timeout_s=60)
DEFAULT_WAKE_S = 60
DEFAULT_STATS = StatsSettings(enabled=True, keep_days=400)

# Every number has bounds the running kiosk can honour: Qt's timers take at
# most 2^31-1 ms (24.8 days), dates end in the year 9999, and a value far
# outside what a kiosk needs is a typing mistake. docs/staff.md's field table
# lists them.
IDLE_TIMEOUT = Int(minimum=10, maximum=4 * 3600, example="60", unit="seconds", span="at most 4 hours")
IDLE_WARNING = Int(minimum=5, maximum=300, example="15", unit="seconds", span="at most 5 minutes")
BURN_IN_MAX_STATIC = Int(minimum=10, maximum=24 * 3600, example="300", unit="seconds", span="at most a day")
STAFF_TAPS = Int(minimum=3, maximum=20, example="5", unit="taps")
STAFF_WITHIN = Int(minimum=1, maximum=60, example="3", unit="seconds", span="at most a minute")
STAFF_MENU_TIMEOUT = Int(minimum=10, maximum=3600, example="60", unit="seconds", span="at most an hour")
WAKE = Int(minimum=10, maximum=4 * 3600, example="60", unit="seconds", span="at most 4 hours")
KEEP_DAYS = Int(minimum=1, maximum=3650, example="400", unit="days", span="at most 10 years")
SCREEN_INDEX = Int(minimum=0, maximum=15, example="0")

LANGUAGE_CODE = Str(
    pattern=r"[a-z]{2,3}(-([A-Z]{2}|[0-9]{3}))?",
    rule="is not a language code; write 2 or 3 lower-case letters, optionally with a region, e.g. sv, en or pt-BR",
    example="en",
)

LANGUAGE = Record(
    {
        "code": Field(LANGUAGE_CODE),
        "name": Field(Str(example="English")),
    },
    build=lambda v: Language(code=v["code"], name=v["name"]),
)

KIOSK = Record(
    {
        "languages": Field(
            Record(
                {
                    "offered": Field(
                        Known(
                            ListOf(
                                LANGUAGE,
                                noun="language",
                                min_items=1,
                                unique="code",
                                duplicate="list each language only once",
                            ),
                            into="languages",  # for the showing's texts below
                        )
                    ),
                    "default": Field(LANGUAGE_CODE),
                },
                checks=(_default_is_offered,),
            )
        ),
        "screen": Field(
            Record(
                {
                    "orientation": Field(Choice(options=ORIENTATIONS, example="landscape")),
                    "resolution": Field(Resolution()),
                    "index": Field(SCREEN_INDEX),
                    "hide_cursor": Field(Bool()),
                    "panel_turned": Field(Choice(options=PANEL_TURNS, example="left"), required=False),
                    "diagonal_in": Field(Number(minimum=10, maximum=120, unit="inches", example="43"), required=False),
                    "bottom_edge_mm": Field(Int(minimum=0, maximum=2500, example="900"), required=False),
                },
                build=_screen,
                checks=(_controls_within_reach,),
            )
        ),
        "theme": Field(Choice(options=THEMES, example="dark")),
        "reduce_motion": Field(Bool(), required=False),
        "links": Field(Record({"campaign": Field(QrLink())})),
        "showing": Field(
            Record(
                {
                    "place": Field(Text()),
                    "first_day": Field(Date(not_future=False, example="2025-09-25")),
                    "last_day": Field(Date(not_future=False, example="2025-10-15")),
                    "presented_by": Field(Text()),
                    "earlier_places": Field(Text()),
                },
                build=lambda v: Showing(**v),
                checks=(_last_day_not_before_first,),
            )
        ),
        "content": Field(
            Record(
                {
                    "texts": Field(FilePath(example="texts.yaml")),
                    "people": Field(FilePath(example="people.yaml")),
                    "review_after_days": Field(
                        Int(minimum=1, maximum=3650, example="60", unit="days", span="10 years"), required=False
                    ),
                }
            )
        ),
        "idle": Field(
            Record(
                {
                    "timeout_s": Field(IDLE_TIMEOUT, required=False),
                    "warning_s": Field(IDLE_WARNING, required=False),
                },
                build=_with_defaults(IdleSettings, **vars(DEFAULT_IDLE)),
            ),
            required=False,
        ),
        "burn_in": Field(
            Record(
                {"max_static_s": Field(BURN_IN_MAX_STATIC, required=False)},
                build=lambda v: DEFAULT_BURN_IN_MAX_STATIC_S if v["max_static_s"] is None else v["max_static_s"],
            ),
            required=False,
        ),
        "staff": Field(
            Record(
                {
                    "pin_hash": Field(Parsed(parse=_valid_pin_hash, example="scrypt$..."), required=False),
                    "corner": Field(Choice(options=CORNERS, example="top-left"), required=False),
                    "taps": Field(STAFF_TAPS, required=False),
                    "within_s": Field(STAFF_WITHIN, required=False),
                    "menu_timeout_s": Field(STAFF_MENU_TIMEOUT, required=False),
                },
                build=_with_defaults(StaffSettings, **vars(DEFAULT_STAFF)),
            ),
            required=False,
        ),
        "schedule": Field(
            Record(
                {
                    "first_day": Field(Date(not_future=False, example="2026-05-01"), required=False),
                    "last_day": Field(Date(not_future=False, example="2026-06-30"), required=False),
                    "hours": Field(
                        Record(
                            {
                                day: Field(Parsed(parse=parse_day_hours, example="10:00-18:00"))
                                for day in WEEKDAYS
                            },
                            build=lambda v: tuple(v[day] for day in WEEKDAYS),
                        ),
                        required=False,
                    ),
                    "wake_s": Field(WAKE, required=False),
                },
                build=lambda v: OpeningHours(
                    first_day=v["first_day"],
                    last_day=v["last_day"],
                    weekly=v["hours"],
                    wake_s=DEFAULT_WAKE_S if v["wake_s"] is None else v["wake_s"],
                ),
                checks=(_last_day_not_before_first,),
            ),
            required=False,
        ),
        "stats": Field(
            Record(
                {
                    "enabled": Field(Bool(), required=False),
                    "keep_days": Field(KEEP_DAYS, required=False),
                },
                build=_with_defaults(StatsSettings, **vars(DEFAULT_STATS)),
            ),
            required=False,
        ),
        "health": Field(
            Record(
                {
                    "screenshot_every_s": Field(
                        Int(minimum=60, maximum=24 * 3600, example="600", unit="seconds", span="at most a day"),
                        required=False,
                    ),
                },
                build=lambda v: v["screenshot_every_s"],
            ),
            required=False,
        ),
    },
    checks=(_campaign_fits_qr,),
)


# --------------------------------------------------------------------------
# texts.yaml

NUMBER_STYLE = Record(
    {
        "thousands": Field(Choice(options=tuple(THOUSANDS), example="space")),
        "plurals": Field(Choice(options=tuple(PLURAL_RULES), example="one-other")),
    },
    build=lambda v: NumberStyle(**v),
)

STATUS_KIND = Record(
    {
        "tone": Field(Choice(options=STATUS_TONES, example="free")),
        "badge": Field(Text()),
    },
    build=lambda v: StatusKind(**v),
)

STATUS_KEY = Str(
    pattern=r"[a-z][a-z0-9_]*",
    rule="is not a valid state name; use lower-case letters a-z, digits and _, e.g. released_into_exile",
    example="imprisoned",
)


def _figure(values) -> Figure:
    return Figure(
        value=values["value"],
        qualifier=values["qualifier"] or "exact",
        counted_on=values["counted_on"] or values["as_of"],
        as_of=values["as_of"],
        source=values["source"],
        note=values["note"],
    )


TEXTS = Record(
    {
        # First: the counted texts in `ui` are checked against the plural forms.
        "numbers": Field(Known(PerLanguage(NUMBER_STYLE, noun="number style"), into="numbers")),
        "ui": Field(
            Record(
                {
                    key: Field(CountedText(placeholders=allowed, count=COUNTED_TEXTS[key]))
                    if key in COUNTED_TEXTS
                    else Field(Text(placeholders=allowed))
                    for key, allowed in UI_TEXTS.items()
                },
                build=lambda v: MappingProxyType(dict(v)),
            )
        ),
        "months": Field(
            PerLanguage(
                ListOf(Str(example="January"), noun="month name", exactly=12),
                noun="month names",
            )
        ),
        "statuses": Field(NamedGroups(STATUS_KIND, key=STATUS_KEY, noun="state")),
        "about": Field(Text(placeholders=ABOUT_PLACEHOLDERS)),
        "prisoner_count": Field(
            Record(
                {
                    "value": Field(Int(minimum=0, maximum=10_000_000, example="1140")),
                    "qualifier": Field(Choice(options=tuple(FIGURE_QUALIFIERS), example="exact"), required=False),
                    "counted_on": Field(Date(example="2026-03-05"), required=False),
                    "as_of": Field(Date()),
                    "source": Field(Url(example="https://prisoners.spring96.org/en")),
                    "note": Field(Text(), required=False),
                },
                build=_figure,
                checks=(_counted_after_checked, _due_for_review),
            )
        ),
    }
)


# --------------------------------------------------------------------------
# people.yaml

PERSON_ID = Str(
    pattern=r"[a-z0-9]+(-[a-z0-9]+)*",
    rule=(
        "is not a valid id; use only lower-case letters a-z, digits and single hyphens between them, "
        "e.g. ales-bialiatski"
    ),
    example="ales-bialiatski",
)

# A person's texts: long sentences and bios only warn.
PERSON_TEXT = Text(max_sentence_words=SENTENCE_MAX_WORDS)

STATUS = Record(
    {
        "state": Field(StatusState(example="imprisoned")),
        "summary": Field(PERSON_TEXT),
        "as_of": Field(Date()),
        "source": Field(Url(example="https://prisoners.spring96.org/en/person/...")),
    },
    build=lambda v: Status(**v),
    checks=(_due_for_review,),
)

PERSON = Record(
    {
        "id": Field(PERSON_ID),
        "name": Field(Str(example="Ales Bialiatski")),
        "name_native": Field(Str(example="Алесь Бяляцкі")),
        "portrait": Field(ImageFile()),
        "role": Field(PERSON_TEXT),
        "bio": Field(PerLanguage(TextLine(max_words=BIO_MAX_WORDS, max_sentence_words=SENTENCE_MAX_WORDS))),
        "detained": Field(Date(example="2021-07-14")),
        "sentenced": Field(Date(example="2023-03-03"), required=False),
        "term": Field(PERSON_TEXT, required=False),
        "status": Field(STATUS),
        "link": Field(QrLink(), required=False),
    },
    build=lambda v: Person(**v),
    checks=(_sentenced_after_detained,),
)

PEOPLE = Record(
    {
        "people": Field(
            ListOf(
                PERSON,
                noun="person",
                min_items=1,
                unique="id",
                duplicate="give each person their own id",
                label="name",
            )
        ),
    }
)
