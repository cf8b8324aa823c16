"""What kiosk.yaml, texts.yaml and people.yaml must contain.

Declared with the specs of specs.py; the comments in the files themselves
explain each field to the staff. Keys are listed in the order the files
write them, which is also the order problems are reported in.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from kiosk.core.accessibility import Mounting, ScreenGeometry, reach_problem
from kiosk.core.model import (
    ABOUT_PLACEHOLDERS,
    CORNERS,
    COUNTED_TEXTS,
    DEFAULT_SCREENSHOT_EVERY_S,
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
from kiosk.core.review import days_since, describe_showing_over, review_due, showing_over
from kiosk.core.schedule import WEEKDAYS, OpeningHours, parse_day_hours

from .specs import (
    FROM_FIELDS,
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
    return Mounting(diagonal_in=values["diagonal_in"], bottom_edge_mm=values["bottom_edge_mm"])


def _screen(values) -> ScreenSettings:
    width, height = _window_size(values)
    return ScreenSettings(
        orientation=values["orientation"],
        width=width,
        height=height,
        index=values["index"],
        hide_cursor=values["hide_cursor"],
        mounting=_mounting(values),
        panel_turned=values["panel_turned"],
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


def _showing_not_over(values, node, field, ctx) -> bool:
    """Only a warning, as for an aged fact: the next place may not be known yet."""
    if not ctx.languages or any(value is INVALID for value in values.values()):
        return True  # without the languages, the place has no text to name it by
    showing = Showing(**values)
    if showing_over(showing, ctx.today):
        ctx.warn(node.value["last_day"].line, join(field, "last_day"), describe_showing_over(showing))
    return True


def _valid_pin_hash(text: str) -> str:
    problem = hash_problem(text)
    if problem:
        raise ValueError(problem)
    return text


# --------------------------------------------------------------------------
# kiosk.yaml

# Every number has bounds the running kiosk can honour: Qt's timers take at
# most 2^31-1 ms (24.8 days), dates end in the year 9999, and a value far
# outside what a kiosk needs is a typing mistake. docs/staff.md's field table
# lists them, with each Field's default and `about` (python -m kiosk.tools.field_table).
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
                        ),
                        about="the languages visitors can choose, in the order of their buttons: each a `code` and a "
                        "`name` (the language's name in itself: Svenska, English)",
                    ),
                    "default": Field(
                        LANGUAGE_CODE, about="the language each visitor starts in; one of the codes offered"
                    ),
                },
                checks=(_default_is_offered,),
            )
        ),
        "screen": Field(
            Record(
                {
                    "orientation": Field(
                        Choice(options=ORIENTATIONS, example="landscape"),
                        about="wider than tall, or taller than wide",
                    ),
                    "resolution": Field(
                        Resolution(), about="the panel's resolution, as on its data sheet; either way round"
                    ),
                    "index": Field(SCREEN_INDEX, about="which monitor shows the kiosk: 0 is the first"),
                    "hide_cursor": Field(Bool(), about="hide the mouse pointer (right for a touchscreen)"),
                    "panel_turned": Field(
                        Choice(options=PANEL_TURNS, example="left"),
                        required=False,
                        default="none",
                        about="how the panel hangs, seen from the front: `left` is a quarter turn anticlockwise (its "
                        "top edge now on the left), `right` clockwise; the kiosk PC turns the picture (next start) "
                        "and, after `sudo ./scripts/install-kiosk-pc` again, the touches",
                    ),
                    # Left out: the panel most exhibitions rent, hung at a height most visitors reach.
                    "diagonal_in": Field(
                        Number(minimum=10, maximum=120, unit="inches", example="43"),
                        required=False,
                        default=43,
                        about="the size of the picture corner to corner, as on the data sheet (e.g. 55.5); buttons "
                        "are made at least as big as a fingertip",
                    ),
                    "bottom_edge_mm": Field(
                        Int(minimum=0, maximum=2500, example="900"),
                        required=False,
                        default=900,
                        about="how high the lower edge of the picture is above the floor, in millimetres; `kiosk "
                        "check` warns if too little of the screen is within reach from a wheelchair (380 to 1220 mm) "
                        "and says how much to lower or raise it",
                    ),
                },
                build=_screen,
                checks=(_controls_within_reach,),
            )
        ),
        "theme": Field(
            Choice(options=THEMES, example="dark"),
            about="light text on near-black, or dark text on off-white; visitors can switch to high contrast",
        ),
        "reduce_motion": Field(
            Bool(),
            required=False,
            default=False,
            about="`true` stops the decorative motion: the first screen no longer slowly breathes, and people fade "
            "in instead of sliding; the small burn-in shift stays",
        ),
        "links": Field(
            Record(
                {
                    "campaign": Field(
                        QrLink(),
                        about="the campaign site, shown as a QR code on every screen but the first; short enough "
                        'to scan (see "Links and their QR codes")',
                    )
                }
            )
        ),
        "showing": Field(
            Record(
                {
                    "place": Field(Text(), about="where the installation stands, as a visitor there would name it"),
                    "first_day": Field(
                        Date(not_future=False, example="2025-09-25"), about="the first day of this showing"
                    ),
                    "last_day": Field(
                        Date(not_future=False, example="2025-10-15"), about="the last day of this showing"
                    ),
                    "presented_by": Field(Text(), about="who presents the installation here"),
                    "earlier_places": Field(Text(), about="where it was shown before"),
                },
                build=lambda v: Showing(**v),
                checks=(_last_day_not_before_first, _showing_not_over),
            )
        ),
        "content": Field(
            Record(
                {
                    "texts": Field(FilePath(example="texts.yaml"), about="the file of every text on the screens"),
                    "people": Field(FilePath(example="people.yaml"), about="the file of the people"),
                    "review_after_days": Field(
                        Int(minimum=1, maximum=3650, example="60", unit="days", span="10 years"),
                        required=False,
                        default=60,
                        about="a status or count last checked longer ago than this is due for review: listed in "
                        "the staff menu and the log",
                    ),
                }
            )
        ),
        "idle": Field(
            Record(
                {
                    "timeout_s": Field(
                        IDLE_TIMEOUT,
                        required=False,
                        default=60,
                        about='untouched this long (past the first screen), the kiosk asks "are you still there?"',
                    ),
                    "warning_s": Field(
                        IDLE_WARNING,
                        required=False,
                        default=15,
                        about="that question counts down this long before the kiosk starts over for the next visitor",
                    ),
                },
                build=lambda v: IdleSettings(**v),
            ),
            required=False,
            default=FROM_FIELDS,
        ),
        "burn_in": Field(
            Record(
                {
                    "max_static_s": Field(
                        BURN_IN_MAX_STATIC,
                        required=False,
                        default=300,
                        about="nothing stays on the same pixels longer than this (it protects the panel)",
                    )
                },
                build=lambda v: v["max_static_s"],
            ),
            required=False,
            default=FROM_FIELDS,
        ),
        "staff": Field(
            Record(
                {
                    "pin_hash": Field(
                        Parsed(parse=_valid_pin_hash, example="scrypt$..."),
                        required=False,
                        about="the staff PIN as `kiosk hash-pin` prints it; without one the staff menu cannot open",
                    ),
                    "corner": Field(
                        Choice(options=CORNERS, example="top-left"),
                        required=False,
                        default="top-left",
                        about="the corner of the hidden gesture that opens the PIN pad",
                    ),
                    "taps": Field(STAFF_TAPS, required=False, default=5, about="that many taps in that corner..."),
                    "within_s": Field(
                        STAFF_WITHIN, required=False, default=3, about="...within this long open the PIN pad"
                    ),
                    "menu_timeout_s": Field(
                        STAFF_MENU_TIMEOUT,
                        required=False,
                        default=60,
                        about="the PIN pad and the staff menu close after this long untouched",
                    ),
                },
                build=lambda v: StaffSettings(**v),
            ),
            required=False,
            default=FROM_FIELDS,
        ),
        "schedule": Field(
            Record(
                {
                    "first_day": Field(
                        Date(not_future=False, example="2026-05-01"),
                        required=False,
                        about="the screen stays dark before this day",
                    ),
                    "last_day": Field(
                        Date(not_future=False, example="2026-06-30"),
                        required=False,
                        about="and after this day",
                    ),
                    "hours": Field(
                        Record(
                            {
                                day: Field(Parsed(parse=parse_day_hours, example="10:00-18:00"))
                                for day in WEEKDAYS
                            },
                            build=lambda v: tuple(v[day] for day in WEEKDAYS),
                        ),
                        required=False,
                        about="opening hours, one line per weekday: `monday: 10:00-18:00`, "
                        "`10:00-13:00, 14:00-18:00` or `closed`; outside them the screen sleeps",
                    ),
                    "wake_s": Field(
                        WAKE, required=False, default=60, about="a touch while the screen sleeps wakes it for this long"
                    ),
                },
                build=lambda v: OpeningHours(
                    first_day=v["first_day"], last_day=v["last_day"], weekly=v["hours"], wake_s=v["wake_s"]
                ),
                checks=(_last_day_not_before_first,),
            ),
            required=False,  # left out: open whenever the screen is on
        ),
        "stats": Field(
            Record(
                {
                    "enabled": Field(
                        Bool(),
                        required=False,
                        default=True,
                        about="anonymous hourly counts of what visitors do (see [statistics.md](statistics.md)); "
                        "`false`: nothing is recorded",
                    ),
                    "keep_days": Field(
                        KEEP_DAYS, required=False, default=400, about="hourly counts older than this are deleted"
                    ),
                },
                build=lambda v: StatsSettings(**v),
            ),
            required=False,
            default=FROM_FIELDS,
        ),
        "health": Field(
            Record(
                {
                    "screenshot_every_s": Field(
                        Int(minimum=60, maximum=24 * 3600, example="600", unit="seconds", span="at most a day"),
                        required=False,
                        default=DEFAULT_SCREENSHOT_EVERY_S,
                        about="how often the kiosk keeps a screenshot of what visitors see; also at every change "
                        "between the kiosk, the night and the 'out of order' page (see \"Is the kiosk well?\" in "
                        "[operating.md](operating.md))",
                    ),
                },
                build=lambda v: v["screenshot_every_s"],
            ),
            required=False,
            default=FROM_FIELDS,
        ),
    },
    checks=(_campaign_fits_qr,),
)


def kiosk_fields(record: Record = KIOSK, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every setting of kiosk.yaml, by its dotted name, in the file's order;
    a group with an `about` of its own (schedule.hours) is one setting."""
    for key, field in record.fields.items():
        name = f"{prefix}{key}"
        if isinstance(field.spec, Record) and not field.about:
            yield from kiosk_fields(field.spec, name + ".")
        else:
            yield name, field


def kiosk_default(name: str):
    """The default of the kiosk.yaml setting `name` (e.g. "content.review_after_days")."""
    return dict(kiosk_fields())[name].default


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
        qualifier=values["qualifier"],
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
                    "qualifier": Field(
                        Choice(options=tuple(FIGURE_QUALIFIERS), example="exact"), required=False, default="exact"
                    ),
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
