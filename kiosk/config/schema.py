"""What kiosk.yaml, texts.yaml and people.yaml must contain.

Declared with the specs of specs.py; the comments in the files themselves
explain each field to the staff. Keys are listed in the order the files
write them, which is also the order problems are reported in.
"""

from __future__ import annotations

from types import MappingProxyType

from kiosk.core.model import (
    ORIENTATIONS,
    STATUS_STATES,
    THEMES,
    UI_TEXTS,
    Figure,
    Language,
    Person,
    ScreenSettings,
    Status,
)

from .specs import (
    INVALID,
    Bool,
    Choice,
    Date,
    Field,
    FilePath,
    ImageFile,
    Int,
    ListOf,
    PerLanguage,
    Record,
    Resolution,
    Str,
    Text,
    TextLine,
    Url,
)
from .problems import show

# Limits above which a person's text only gets a warning: the kiosk stands in
# an exhibition, visitors read standing up.
BIO_MAX_WORDS = 100
SENTENCE_MAX_WORDS = 25


# --------------------------------------------------------------------------
# Cross-field checks


def _default_is_offered(values, nodes, field, ctx) -> bool:
    offered, default = values["offered"], values["default"]
    if offered is INVALID or default is INVALID:
        return True  # already reported; comparing would only add noise
    codes = [language.code for language in offered]
    if default not in codes:
        ctx.error(
            nodes["default"].line,
            f"{field}.default",
            f"{show(default)} is not one of the offered languages ({', '.join(codes)}); write one of them",
        )
        return False
    return True


def _sentenced_after_detained(values, nodes, field, ctx) -> bool:
    detained, sentenced = values["detained"], values["sentenced"]
    if detained in (INVALID, None) or sentenced in (INVALID, None):
        return True
    if sentenced < detained:
        ctx.error(
            nodes["sentenced"].line,
            f"{field}.sentenced",
            f"{sentenced.isoformat()} is before the day of detention ({detained.isoformat()}); check both dates",
        )
        return False
    return True


def _screen(values) -> ScreenSettings:
    # The resolution may be written either way round; the orientation decides.
    long_side, short_side = sorted(values["resolution"], reverse=True)
    width, height = (long_side, short_side) if values["orientation"] == "landscape" else (short_side, long_side)
    return ScreenSettings(
        orientation=values["orientation"],
        width=width,
        height=height,
        index=values["index"],
        hide_cursor=values["hide_cursor"],
    )


# --------------------------------------------------------------------------
# kiosk.yaml

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
                        ListOf(
                            LANGUAGE,
                            noun="language",
                            min_items=1,
                            unique="code",
                            duplicate="list each language only once",
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
                    "index": Field(Int(minimum=0, example="0")),
                    "hide_cursor": Field(Bool()),
                },
                build=_screen,
            )
        ),
        "theme": Field(Choice(options=THEMES, example="dark")),
        "links": Field(Record({"campaign": Field(Url())})),
        "content": Field(
            Record(
                {
                    "texts": Field(FilePath(example="texts.yaml")),
                    "people": Field(FilePath(example="people.yaml")),
                }
            )
        ),
    }
)


# --------------------------------------------------------------------------
# texts.yaml

TEXTS = Record(
    {
        "ui": Field(
            Record(
                {key: Field(Text(placeholders=allowed)) for key, allowed in UI_TEXTS.items()},
                build=lambda v: MappingProxyType(dict(v)),
            )
        ),
        "months": Field(
            PerLanguage(
                ListOf(Str(example="January"), noun="month name", exactly=12),
                noun="month names",
            )
        ),
        "about": Field(Text()),
        "prisoner_count": Field(
            Record(
                {
                    "value": Field(Int(minimum=0, example="1110")),
                    "as_of": Field(Date()),
                    "source": Field(Url(example="https://prisoners.spring96.org/en")),
                },
                build=lambda v: Figure(**v),
            )
        ),
    }
)


# --------------------------------------------------------------------------
# people.yaml

PERSON_ID = Str(
    pattern=r"[a-z0-9]+(-[a-z0-9]+)*",
    rule="is not a valid id; use only lower-case letters a-z, digits and single hyphens between them, e.g. ales-bialiatski",
    example="ales-bialiatski",
)

# A person's texts: long sentences and bios only warn.
PERSON_TEXT = Text(max_sentence_words=SENTENCE_MAX_WORDS)

STATUS = Record(
    {
        "state": Field(Choice(options=STATUS_STATES, example="imprisoned")),
        "summary": Field(PERSON_TEXT),
        "as_of": Field(Date()),
        "source": Field(Url(example="https://spring96.org/en")),
    },
    build=lambda v: Status(**v),
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
        "link": Field(Url(), required=False),
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
            )
        ),
    }
)
