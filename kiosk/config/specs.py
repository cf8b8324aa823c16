"""Small, reusable descriptions of what a config value must look like.

Each spec checks one `Node` (see yaml_nodes) and returns the clean Python
value, or INVALID after reporting why to the `Context`. Checking never stops
at the first problem: a Record checks all of its fields, a list all of its
items, so one run of `kiosk check` lists everything that is wrong. A value of
the wrong kind (a list where a text belongs, say) is reported once and not
looked into further, so one mistake does not cause a cascade of problems.

The files themselves are described with these specs in schema.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from collections.abc import Callable, Mapping

from kiosk.core.model import Language
from kiosk.core.numbers import PLURAL_RULES, NumberStyle
from kiosk.core.qr import MIN_MODULE_PX, max_link_bytes

from .images import ImageError, inspect_image
from .problems import Report, join, show
from .yaml_nodes import Node, describe_type


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()  # a value that failed its check (already reported)

PLURAL_FORMS = frozenset(form for rule in PLURAL_RULES.values() for form in rule.forms)  # one, few, other, ...

# Unknown keys in one group reported one by one (each with a "did you mean");
# past that, the rest in one problem, so junk costs neither time nor pages.
MAX_UNKNOWN_KEYS = 20

_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # 2+ letters, so C:\ is no scheme
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_BRACES = re.compile(r"\{([^{}]*)\}")
# Characters no text on the screen may hold: C0 and C1 controls (a YAML
# file can still spell them, e.g. "\x1b" in double quotes) and the
# bidirectional embeddings, overrides and isolates, which reorder the text
# drawn after them (a name could show as someone else's). Right-to-left
# letters and the ordinary direction marks (U+200E, U+200F) stay allowed.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Context:
    """What a check needs to know about the file it is checking."""

    file: Path  # absolute
    report: Report
    today: dt.date
    languages: tuple[Language, ...] = ()  # known once kiosk.yaml's are valid
    default_language: str | None = None  # its code, known once kiosk.yaml's languages are valid
    qr_px: int | None = None  # how wide the screen draws a QR code, once kiosk.yaml's screen is valid
    # False in a running kiosk: a date after `today` is more likely a wrong
    # clock (a dead clock battery) than a wrong date, so it only warns.
    future_dates_are_errors: bool = True
    # Known once the part of the files that defines them is valid (see Known):
    numbers: Mapping[str, NumberStyle] | None = None  # texts.yaml's number styles
    statuses: tuple[str, ...] | None = None  # texts.yaml's status states, for people.yaml
    review_after_days: int | None = None  # kiosk.yaml's review period for dated facts
    # Named list items, by field path (e.g. people[0]: "the 1st person, Ales
    # Bialiatski"), so a problem inside one says whose it is (see ListOf.label).
    names: dict[str, str] = dataclass_field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.file.parent

    def error(self, line: int, field: str, message: str) -> None:
        self.report.error(self.file, line, field, message, self._about(field))

    def warn(self, line: int, field: str, message: str) -> None:
        self.report.warn(self.file, line, field, message, self._about(field))

    def _about(self, field: str) -> str:
        for path, name in self.names.items():
            if field == path or field.startswith((path + ".", path + "[")):
                return name
        return ""


def did_you_mean(word: str, choices) -> str:
    matches = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{matches[0]}'?" if matches else ""


# --------------------------------------------------------------------------
# The base class and single values


class Spec:
    example = "..."  # how the value is written, for "add a line 'key: EXAMPLE'"

    def check(self, node: Node, field: str, ctx: Context) -> Any:
        raise NotImplementedError

    def how_to_add(self, key: str, ctx: Context) -> str:
        return f"a line like '{key}: {self.example}'"


def _wrong_kind(node: Node, field: str, ctx: Context, expected: str) -> Any:
    ctx.error(node.at, field, f"must be {expected}, but it is {describe_type(node.value)}")
    return INVALID


def _text(node: Node, field: str, ctx: Context, example: str) -> Any:
    """The stripped text of a scalar.

    A plain scalar that YAML 1.1 reads as something else (`no` as false,
    `2025` as a number) is taken as written: staff mean the text.
    """
    value = node.value
    if isinstance(value, (list, dict)):
        return _wrong_kind(node, field, ctx, f"a single value like '{example}'")
    if value is None:
        text = ""
    else:
        text = value if isinstance(value, str) else (node.source or str(value))
    text = text.strip()
    if not text:
        hint = "the text" if example == "..." else f"a value, e.g. '{example}',"
        ctx.error(node.at, field, f"is empty; write {hint} after the colon")
        return INVALID
    return text


@dataclass(frozen=True)
class Str(Spec):
    """Non-empty text, optionally matching `pattern` (`rule` says how, in words)."""

    pattern: str | None = None
    rule: str = ""
    example: str = "..."
    # Control characters allowed in the text (a bio may have line breaks);
    # None: no check here (a subclass checks for itself).
    allowed_controls: str | None = ""

    def check(self, node, field, ctx):
        text = _text(node, field, ctx, self.example)
        if text is INVALID:
            return INVALID
        if self.allowed_controls is not None and not _no_hidden_characters(
            text, self.allowed_controls, node, field, ctx
        ):
            return INVALID
        if self.pattern is not None and not re.fullmatch(self.pattern, text):
            ctx.error(node.line, field, f"{show(text)} {self.rule}")
            return INVALID
        return self.refine(text, node, field, ctx)

    def refine(self, text: str, node: Node, field: str, ctx: Context) -> Any:
        """Further checks and conversion in subclasses."""
        return text


def _no_hidden_characters(text: str, allowed: str, node: Node, field: str, ctx: Context) -> bool:
    """Report the first control or direction-override character in `text`."""
    for match in _HIDDEN.finditer(text):
        char = match.group()
        if char in allowed:
            continue
        code = f"U+{ord(char):04X}"
        name = unicodedata.name(char, "a control character")
        where = f"after {show(text[: match.start()][-20:])}" if match.start() else "at the start"
        ctx.error(
            node.line,
            field,
            f"has an invisible character ({code}, {name}) {where}; "
            "it can hide the text or reorder the letters drawn after it. Delete it: retype that part of the text, "
            "or remove the escape (like \\u202e) written in quotes",
        )
        return False
    return True


@dataclass(frozen=True)
class Choice(Str):
    options: tuple[str, ...] = ()

    def refine(self, text, node, field, ctx):
        if text not in self.options:
            ctx.error(
                node.line,
                field,
                f"must be one of: {', '.join(self.options)} (not {show(text)}){did_you_mean(text, self.options)}",
            )
            return INVALID
        return text


@dataclass(frozen=True)
class Int(Spec):
    """A whole number from minimum to maximum.

    unit: what it counts, in the plural (e.g. "seconds"), for the message;
    span: the maximum in everyday words (e.g. "4 hours"), if that helps.
    """

    minimum: int = 0
    maximum: int | None = None
    example: str = "0"
    unit: str = ""
    span: str = ""

    def check(self, node, field, ctx):
        value = node.value
        # bool is a subclass of int: `index: yes` must not count as 1.
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, (list, dict)):
                return _wrong_kind(node, field, ctx, f"a whole number like {self.example}")
            ctx.error(
                node.at,
                field,
                f"must be a whole number, e.g. {self.example}; write only digits (not {show(node.source or value)})",
            )
            return INVALID
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            ctx.error(node.line, field, f"must be {self.limits()} (not {value}); write a number in that range")
            return INVALID
        return value

    def limits(self) -> str:
        """E.g. "between 10 and 14400 seconds (at most 4 hours)"."""
        unit = f" {self.unit}" if self.unit else ""
        if self.maximum is None:
            return f"{self.minimum} or more{unit}"
        span = f" ({self.span})" if self.span else ""
        return f"between {self.minimum} and {self.maximum}{unit}{span}"


@dataclass(frozen=True)
class Number(Spec):
    """A measurement that may have decimals (55.5), from minimum to maximum.

    unit: what it counts, in the plural, e.g. "inches".
    """

    minimum: float
    maximum: float
    unit: str
    example: str = "0"

    def check(self, node, field, ctx):
        value = node.value
        if isinstance(value, (list, dict)):
            return _wrong_kind(node, field, ctx, f"a number like {self.example}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.error(
                node.at,
                field,
                f"is not a number of {self.unit}; write only the number, e.g. {self.example} "
                f"(not {show(node.source or value)})",
            )
            return INVALID
        if not self.minimum <= value <= self.maximum:  # also refuses .nan
            ctx.error(node.line, field, f"must be between {self.minimum} and {self.maximum} {self.unit} (not {value})")
            return INVALID
        return float(value)


@dataclass(frozen=True)
class Bool(Spec):
    example: str = "true"

    def check(self, node, field, ctx):
        if not isinstance(node.value, bool):
            ctx.error(node.at, field, f"must be true or false (not {show(node.source or describe_type(node.value))})")
            return INVALID
        return node.value


@dataclass(frozen=True)
class Date(Spec):
    """A date written YYYY-MM-DD (YAML reads it as a date; quoted, as text)."""

    not_future: bool = True
    example: str = "2025-12-15"

    def check(self, node, field, ctx):
        value = node.value
        if isinstance(value, dt.datetime):  # a subclass of date: test it first
            ctx.error(
                node.line, field, f"must be only a date, written YYYY-MM-DD (e.g. {self.example}), without a time"
            )
            return INVALID
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value):
            year, month, day = (int(part) for part in value.strip().split("-"))
            try:
                value = dt.date(year, month, day)
            except ValueError:
                ctx.error(
                    node.line,
                    field,
                    f"{show(value.strip())} is not a real date; check the month and the day (YYYY-MM-DD)",
                )
                return INVALID
        if not isinstance(value, dt.date):
            if isinstance(value, (list, dict)):
                return _wrong_kind(node, field, ctx, f"a date written YYYY-MM-DD, e.g. {self.example}")
            ctx.error(
                node.at,
                field,
                f"must be a date written YYYY-MM-DD, e.g. {self.example} (not {show(node.source or value)})",
            )
            return INVALID
        if self.not_future and value > ctx.today:
            if ctx.future_dates_are_errors:
                ctx.error(
                    node.line,
                    field,
                    f"{value.isoformat()} is in the future (today is {ctx.today.isoformat()}); "
                    "check the year, month and day",
                )
                return INVALID
            ctx.warn(
                node.line,
                field,
                f"{value.isoformat()} is in the future by this computer's clock (today is {ctx.today.isoformat()}); "
                "the clock or the date may be wrong: check the computer's date and time, and this date",
            )
        return value


@dataclass(frozen=True)
class Url(Str):
    example: str = "https://freeviasna.org"

    def refine(self, text, node, field, ctx):
        from urllib.parse import urlsplit

        full = f"write the full address, e.g. {self.example}"
        if any(char.isspace() for char in text):
            ctx.error(node.line, field, f"must be a web address without spaces; {full}")
            return INVALID
        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError:
            ctx.error(node.line, field, f"{show(text)} is not a valid web address; {full}")
            return INVALID
        if parts.scheme.lower() == "http":
            ctx.error(
                node.line, field, f"must start with https:// (not http://); use the secure address, e.g. {self.example}"
            )
            return INVALID
        if parts.scheme.lower() != "https" or not text.lower().startswith("https://"):
            ctx.error(node.line, field, f"must start with https://; {full}")
            return INVALID
        if not host:
            ctx.error(node.line, field, f"has no site name after https://; {full}")
            return INVALID
        return text


def link_fits_qr(text: str, qr_px: int) -> str | None:
    """Why a QR code of `text`, drawn qr_px wide, is too fine to scan; None if it is not."""
    length, limit = len(text.encode("utf-8")), max_link_bytes(qr_px)
    if length <= limit:
        return None
    return (
        f"this address is {length} characters; a QR code of it would be too fine for a phone to read at "
        f"arm's length (the screen draws its codes {qr_px} pixels wide, and each square needs at least "
        f"{MIN_MODULE_PX} pixels); use a shorter address of at most {limit} characters, e.g. a short link"
    )


@dataclass(frozen=True)
class QrLink(Url):
    """A web address the kiosk shows as a QR code: short enough to scan from the screen."""

    def refine(self, text, node, field, ctx):
        text = super().refine(text, node, field, ctx)
        if text is INVALID or ctx.qr_px is None:  # kiosk.yaml's own link: checked with the screen
            return text
        problem = link_fits_qr(text, ctx.qr_px)
        if problem:
            ctx.error(node.line, field, problem)
            return INVALID
        return text


@dataclass(frozen=True)
class Parsed(Str):
    """Text that `parse` turns into a value; its ValueError says what is wrong."""

    parse: Callable[[str], Any] = str

    def refine(self, text, node, field, ctx):
        try:
            return self.parse(text)
        except ValueError as error:
            ctx.error(node.line, field, f"{show(text)}: {error}")
            return INVALID


@dataclass(frozen=True)
class Resolution(Str):
    """WIDTHxHEIGHT in either order; the screen's orientation decides which is which."""

    example: str = "1920x1080"
    # The kiosk's layout needs 720 pixels on the shorter side (its QR codes
    # would be too small below), and software rendering keeps up to 4K.
    min_px: int = 720
    max_px: int = 3840

    def refine(self, text, node, field, ctx):
        match = re.fullmatch(r"(\d{1,6})\s*[xX×]\s*(\d{1,6})", text)
        if not match:
            ctx.error(node.line, field, f"must be written WIDTHxHEIGHT in pixels, e.g. 1920x1080 (not {show(text)})")
            return INVALID
        sizes = (int(match[1]), int(match[2]))
        if not all(self.min_px <= size <= self.max_px for size in sizes):
            ctx.error(
                node.line,
                field,
                f"{text} is not a screen size the kiosk can fill; each side must be between {self.min_px} and "
                f"{self.max_px} pixels; write the size from the screen's data sheet, e.g. 1920x1080",
            )
            return INVALID
        return sizes


@dataclass(frozen=True)
class FilePath(Str):
    """A file on this computer, relative to the folder of the file naming it."""

    example: str = "texts.yaml"
    allowed_controls: str | None = None  # refused below, as not a usable file name

    def refine(self, text, node, field, ctx):
        if _URL_SCHEME.match(text):
            ctx.error(
                node.line,
                field,
                f"must be a file on this computer, not a web address ({show(text)}); save the file "
                f"into a folder here and write its path relative to the folder of {ctx.file.name}, e.g. {self.example}",
            )
            return INVALID
        if any(ord(char) < 32 for char in text):  # e.g. "\0" or "\n" written in quotes
            ctx.error(
                node.line, field, f"{show(text)} is not a usable file name (it has a control character); check it"
            )
            return INVALID
        path = Path(os.path.abspath(ctx.folder / text))
        try:
            exists, is_dir, is_file = path.exists(), path.is_dir(), path.is_file()
        except (OSError, ValueError):  # e.g. a name too long, or with a NUL character
            ctx.error(node.line, field, f"{show(text)} is not a usable file name; check it")
            return INVALID
        if not exists:
            ctx.error(
                node.line,
                field,
                f"there is no file {path}; check the name (capital letters matter) and that the path "
                f"is relative to the folder of {ctx.file.name} ({ctx.folder})",
            )
            return INVALID
        if is_dir:
            ctx.error(node.line, field, f"{path} is a folder; write the path of the file itself, e.g. {self.example}")
            return INVALID
        if not is_file:  # a device or a pipe, which could block the kiosk forever
            ctx.error(
                node.line, field, f"{path} is not an ordinary file; write the path of a file, e.g. {self.example}"
            )
            return INVALID
        return self.inspect(path, node, field, ctx)

    def inspect(self, path: Path, node: Node, field: str, ctx: Context) -> Any:
        return path


@dataclass(frozen=True)
class ImageFile(FilePath):
    """A readable PNG or JPEG file; returned as an absolute resolved Path."""

    example: str = "../assets/portraits/ales-bialiatski.jpg"

    def inspect(self, path, node, field, ctx):
        try:
            inspect_image(path)  # raises if it is no usable PNG or JPEG
        except PermissionError:
            ctx.error(
                node.line,
                field,
                f"{path} cannot be read (permission denied); give the kiosk's user read access to it, e.g. chmod a+r",
            )
            return INVALID
        except OSError as error:
            ctx.error(
                node.line, field, f"{path} cannot be read ({error.strerror or error}); copy the image there again"
            )
            return INVALID
        except ImageError as error:
            ctx.error(node.line, field, f"{path.name} {error}")
            return INVALID
        # Any size is fine (the kiosk makes display-size copies of large photos);
        # `kiosk check` says how each is shown and warns of one too small.
        return path.resolve()


# --------------------------------------------------------------------------
# Texts in every offered language


@dataclass(frozen=True)
class TextLine(Str):
    """One language's version of a visitor-facing text.

    placeholders: for UI texts, the {names} allowed in it (None: braces are
    ordinary characters, as in a bio). The length limits only warn.
    """

    placeholders: frozenset[str] | None = None
    max_words: int | None = None
    max_sentence_words: int | None = None
    allowed_controls: str | None = "\n"  # a text may run over several lines

    def refine(self, text, node, field, ctx):
        if self.placeholders is not None and not self._placeholders_ok(text, node, field, ctx):
            return INVALID
        if node.cut is not None:
            ctx.warn(
                node.line,
                field,
                f"the text stops at {show(node.cut[:20])}: YAML reads everything from ' #' on as a comment, so "
                f"visitors see only {show(text)}; put the whole text in double quotes: \"{text} {node.cut}\"",
            )
        words = len(text.split())
        if self.max_words is not None and words > self.max_words:
            ctx.warn(
                node.line,
                field,
                f"has {words} words; visitors read it standing, so shorten it to about {self.max_words} words",
            )
        if self.max_sentence_words is not None:
            sentences = [sentence.split() for sentence in _SENTENCE_END.split(text)]
            longest = max(sentences, key=len)
            if len(longest) > self.max_sentence_words:
                start = " ".join(longest[:6])
                ctx.warn(
                    node.line,
                    field,
                    f"the sentence starting {show(start + ' …')} has {len(longest)} words; split it into shorter "
                    f"sentences (at most about {self.max_sentence_words} words) so it reads easily on the screen",
                )
        return text

    def _placeholders_ok(self, text, node, field, ctx) -> bool:
        allowed = sorted(self.placeholders or ())
        allowed_text = (
            "allowed here: " + ", ".join("{" + name + "}" for name in allowed)
            if allowed
            else "this text takes no {placeholders}"
        )
        ok = True
        for match in _BRACES.finditer(text):
            if match[1] not in allowed:
                ctx.error(
                    node.line,
                    field,
                    f"has the placeholder {show(match[0])}, which the kiosk cannot fill in here; {allowed_text}. "
                    "Check the spelling, or write the text without it",
                )
                ok = False
        leftover = _BRACES.sub("", text)
        if "{" in leftover or "}" in leftover:
            ctx.error(
                node.line,
                field,
                "has a '{' or '}' that is not part of a placeholder like {count}; remove it or complete the "
                f"placeholder ({allowed_text}); the kiosk cannot show braces",
            )
            ok = False
        return ok


@dataclass(frozen=True)
class PerLanguage(Spec):
    """One value per offered language, e.g. `sv: ...` and `en: ...` lines.

    Returns an immutable mapping in the order of languages.offered. A value
    for a language that is not offered is only a warning: staff may prepare
    a language before offering it.
    """

    item: Spec = dataclass_field(default_factory=TextLine)
    noun: str = "text"

    def how_to_add(self, key, ctx):
        return f"a line '{key}:' with one line per language below it ({self._lines(ctx)})"

    def _lines(self, ctx: Context) -> str:
        return ", ".join(f"'{language.code}: ...'" for language in ctx.languages)

    def check(self, node, field, ctx):
        if not isinstance(node.value, dict):
            ctx.error(
                node.at,
                field,
                f"must have one line per language below it ({self._lines(ctx)}), but it is {describe_type(node.value)}",
            )
            return INVALID
        offered = [language.code for language in ctx.languages]
        items = dict(node.value)
        for code, child in node.value.items():
            if code not in offered and not self._outdented_form(code, node, items, field, ctx):
                ctx.warn(
                    child.at,
                    join(field, code),
                    f"'{code}' is not a language offered in kiosk.yaml ({', '.join(offered)}), so this "
                    f"line is not shown; add '{code}' to languages.offered there, or remove this line",
                )
        values = {}
        for language in ctx.languages:
            child = items.get(language.code)
            if child is None:
                ctx.error(
                    node.at,
                    join(field, language.code),
                    f"missing the '{language.code}' {self.noun}; add a line '{language.code}: ...' "
                    f"with the {language.name} {self.noun}",
                )
                values[language.code] = INVALID
            else:
                values[language.code] = self.item.check(child, join(field, language.code), ctx)
        if any(value is INVALID for value in values.values()):
            return INVALID
        if self._takes_placeholders() and not self._placeholders_agree(values, items, field, ctx):
            return INVALID
        return MappingProxyType(values)

    def _outdented_form(self, key: str, node: Node, items: dict, field: str, ctx: Context) -> bool:
        """`other:` indented less than the `one:` above it: a form of that language's text."""
        if not isinstance(self.item, _PluralForms) or key not in PLURAL_FORMS:
            return False
        return _outdented_line(
            key, node, items, field, ctx, lambda above: True, "a counted text's forms", f"its '{key}' form"
        )

    def _takes_placeholders(self) -> bool:
        line = self.item.line if isinstance(self.item, _PluralForms) else self.item
        return isinstance(line, TextLine) and line.placeholders is not None

    def _placeholders_agree(self, values: dict, lines: dict[str, Node], field: str, ctx: Context) -> bool:
        """Every language's text (each plural form) has the {placeholders} of
        the default language's text (its 'other' form): a translation that
        drops {count} shows visitors a sentence without its number."""
        default = ctx.default_language
        reference = _forms(values[default]).get("other") if default in values else None
        if reference is None:  # no default language, or no 'other' form (unknown number style): reported elsewhere
            return True
        expected = _placeholder_names(reference)
        reference_line = _text_node(lines[default], "other").line
        ok = True
        for code, value in values.items():
            for form, text in _forms(value).items():
                names = _placeholder_names(text)
                if names == expected:
                    continue
                where = join(join(field, code), form) if isinstance(self.item, _PluralForms) else join(field, code)
                line = _text_node(lines[code], form).line
                missing = sorted(expected - names)
                unknown = sorted(names - expected)
                reasons = []
                if missing:
                    reasons.append(
                        f"lacks {_braced(missing)}, which the '{default}' text (line {reference_line}) has, so "
                        f"visitors would not see {'that value' if len(missing) == 1 else 'those values'}; add "
                        f"{'it' if len(missing) == 1 else 'them'} where "
                        f"{'it belongs' if len(missing) == 1 else 'they belong'} in this sentence"
                    )
                if unknown:
                    reasons.append(
                        f"has {_braced(unknown)}, which the '{default}' text (line {reference_line}) does not have; "
                        "every language must fill in the same values: remove it, or add it to the "
                        f"'{default}' text too"
                    )
                ctx.error(line, where, "; and it ".join(reasons))
                ok = False
        return ok


def _forms(value) -> Mapping[str, str]:
    """A checked text as {form: text}: a counted text's plural forms, or 'other' alone."""
    return value if isinstance(value, Mapping) else {"other": value}


def _text_node(node: Node, form: str) -> Node:
    """The node of one plural form of a language's text (the text itself if it has no forms)."""
    return node.value[form] if isinstance(node.value, dict) else node


def _placeholder_names(text: str) -> set[str]:
    return {match[1] for match in _BRACES.finditer(text)}


def _braced(names: list[str]) -> str:
    return " and ".join("{" + name + "}" for name in names)


def Text(**limits) -> PerLanguage:  # noqa: N802 (reads as a type among the specs, beside TextLine)
    """A visitor-facing text in every offered language."""
    return PerLanguage(TextLine(**limits))


@dataclass(frozen=True)
class _PluralForms(Spec):
    """One language's counted text: a line per plural form of that language
    (`one: ...`, `other: ...`), or one line for a language without forms."""

    line: TextLine
    count: str  # the placeholder that holds the count, e.g. "seconds"

    def check(self, node, field, ctx):
        code = field.rsplit(".", 1)[-1]  # PerLanguage names the field after the language
        style = (ctx.numbers or {}).get(code)
        forms = PLURAL_RULES[style.plurals].forms if style else None  # None: its style is already reported
        example = f"{{{self.count}}}"
        if not isinstance(node.value, dict):
            if forms is not None and len(forms) > 1:
                ctx.error(
                    node.at,
                    field,
                    f"the words after the number change with the number (1 {example} ... / 2 {example} ...), so "
                    f"write one line per form below '{code}:', indented: "
                    + ", ".join(f"'{form}: ...'" for form in forms)
                    + f" (the forms of '{style.plurals}' in numbers.{code})",
                )
                return INVALID
            text = self.line.check(node, field, ctx)
            return INVALID if text is INVALID else MappingProxyType({"other": text})
        given = list(node.value)
        for form in given:
            if forms is not None and form not in forms:
                ctx.error(
                    node.value[form].at,
                    join(field, form),
                    f"'{form}' is not a plural form of '{style.plurals}' (numbers.{code}); "
                    f"its forms are: {', '.join(forms)}",
                )
        values = {form: self.line.check(child, join(field, form), ctx) for form, child in node.value.items()}
        missing = [form for form in forms or () if form not in values]
        for form in missing:
            ctx.error(
                node.at, join(field, form), f"missing the '{form}' form; add a line '{form}: ...' below '{code}:'"
            )
        if missing or any(value is INVALID for value in values.values()) or (forms and set(given) - set(forms)):
            return INVALID
        return MappingProxyType(values)


def CountedText(*, placeholders: frozenset[str], count: str) -> PerLanguage:  # noqa: N802 (as Text)
    """A text with a count in it, in every offered language and each of its plural forms."""
    return PerLanguage(_PluralForms(TextLine(placeholders=placeholders), count))


@dataclass(frozen=True)
class Known(Spec):
    """A value that fields checked after it are checked against: once valid,
    it is kept in the Context as `into` (e.g. the offered languages, for
    kiosk.yaml's own texts below them). The Record that holds it must list it
    before the fields that need it."""

    spec: Spec
    into: str

    def how_to_add(self, key, ctx):
        return self.spec.how_to_add(key, ctx)

    def check(self, node, field, ctx):
        value = self.spec.check(node, field, ctx)
        if value is not INVALID:
            setattr(ctx, self.into, value)
        return value


@dataclass(frozen=True)
class StatusState(Str):
    """The name of one of the states texts.yaml's `statuses:` defines."""

    def refine(self, text, node, field, ctx):
        if ctx.statuses is not None and text not in ctx.statuses:
            ctx.error(
                node.line,
                field,
                f"{show(text)} is not one of the states in texts.yaml's statuses ({', '.join(ctx.statuses)})"
                f"{did_you_mean(text, ctx.statuses)}; use one of them, or add the state there with its badge",
            )
            return INVALID
        return text


# --------------------------------------------------------------------------
# Lists and groups


@dataclass(frozen=True)
class ListOf(Spec):
    """A YAML list; returns a tuple.

    unique: a key of the items (mappings) whose value must differ per item;
    duplicate: what to do about a repeated one, for the message.
    """

    item: Spec
    noun: str = "item"
    min_items: int = 0
    exactly: int | None = None
    unique: str | None = None
    duplicate: str = ""
    # A key of the items whose text names each of them in problems, with its
    # place counted from 1 (e.g. "the 1st person, Ales Bialiatski").
    label: str | None = None

    def how_to_add(self, key, ctx):
        return f"a line '{key}:' with one {self.noun} per line below it, each starting with '- '"

    def check(self, node, field, ctx):
        if not isinstance(node.value, list):
            return _wrong_kind(node, field, ctx, f"a list: one {self.noun} per line, each starting with '- '")
        count = len(node.value)
        if self.exactly is not None and count != self.exactly:
            ctx.error(node.at, field, f"must have exactly {self.exactly} {self.noun}s, but it has {count}")
        elif count < self.min_items:
            ctx.error(
                node.at,
                field,
                f"must have at least {self.min_items} {self.noun}; add one as a line starting with '- '",
            )
        if self.label is not None:
            self._name_items(node, field, ctx)
        items = tuple(self.item.check(child, join(field, index), ctx) for index, child in enumerate(node.value))
        unique_ok = self._check_unique(node, field, ctx)
        if not unique_ok or any(item is INVALID for item in items):
            return INVALID
        if (self.exactly is not None and count != self.exactly) or count < self.min_items:
            return INVALID
        return items

    def _name_items(self, node: Node, field: str, ctx: Context) -> None:
        for index, child in enumerate(node.value):
            label = child.value.get(self.label) if isinstance(child.value, dict) else None
            name = label.value if label is not None and isinstance(label.value, str) else ""
            place = f"the {_ordinal(index + 1)} {self.noun}"
            ctx.names[join(field, index)] = f"{place}, {show(name.strip(), 40)[1:-1]}" if name.strip() else place

    def _check_unique(self, node: Node, field: str, ctx: Context) -> bool:
        if self.unique is None:
            return True
        first: dict[str, tuple[int, int]] = {}
        ok = True
        for index, child in enumerate(node.value):
            key_node = child.value.get(self.unique) if isinstance(child.value, dict) else None
            if key_node is None or isinstance(key_node.value, (list, dict)) or key_node.value is None:
                continue  # missing or malformed: reported by the item's own check
            key = (key_node.value if isinstance(key_node.value, str) else key_node.source or "").strip()
            if key in first:
                other_index, other_line = first[key]
                ctx.error(
                    key_node.line,
                    join(join(field, index), self.unique),
                    f"{show(key)} is used twice (also by {join(field, other_index)} on line {other_line}); "
                    f"{self.duplicate}",
                )
                ok = False
            else:
                first[key] = (index, key_node.line)
        return ok


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class NamedGroups(Spec):
    """Groups of lines under names that staff choose (`imprisoned:`, ...);
    returns an immutable mapping in the order written."""

    item: Spec
    key: Str
    noun: str = "item"

    def how_to_add(self, key, ctx):
        return f"a line '{key}:' with one {self.noun} below it, each a name followed by its lines"

    def check(self, node, field, ctx):
        if not isinstance(node.value, dict):
            return _wrong_kind(
                node, field, ctx, f"a group of {self.noun}s, each a name with its lines indented below it"
            )
        if not node.value:
            ctx.error(node.at, field, f"has no {self.noun}; add at least one")
            return INVALID
        values = {}
        for name, child in node.value.items():
            key_ok = self.key.check(Node(name, child.at), join(field, name), ctx) is not INVALID
            value = self.item.check(child, join(field, name), ctx)
            values[name] = value if key_ok else INVALID
        if any(value is INVALID for value in values.values()):
            return INVALID
        return MappingProxyType(values)


def _outdented_line(
    key: str, node: Node, items: dict, field: str, ctx: Context, holds: Callable[[str], bool], lines: str, meaning: str
) -> bool:
    """Report `key:`, indented less than the lines of the group just above it,
    as the indentation mistake it is; True if it is one.

    YAML reads such a line as a key of the group around both; the key above
    it (if `holds(that key)`) is where it belongs. Said so, it is moved into
    that group in `items`, so the group is not also reported as missing it.
    lines: what must line up, e.g. "a text's language lines"; meaning: what
    the line was meant to be, e.g. "its English text".
    """
    keys = list(node.value)
    position = keys.index(key)
    above = keys[position - 1] if position else None
    if above is None or not holds(above):
        return False
    child, group = node.value[key], items[above]
    if not isinstance(group.value, dict) or not group.value or key in group.value:
        return False
    first_key, first = next(iter(group.value.items()))
    if child.key_column is None or first.key_column is None or child.key_column >= first.key_column:
        return False
    less = first.key_column - child.key_column
    ctx.error(
        child.at,
        join(join(field, above), key),
        f"this line is indented {less} space{'s' if less != 1 else ''} less than the '{first_key}:' line above it; "
        f"{lines} must line up: indent '{key}:' by {first.key_column} spaces, like '{first_key}:'. "
        f"(As it is, '{key}' is read as a setting of its own next to '{above}', not as {meaning}.)",
    )
    items[above] = Node(
        {**group.value, key: child}, group.line, group.key_line, group.source, group.cut, group.key_column
    )
    del items[key]
    return True


@dataclass(frozen=True)
class Field:
    """One key of a Record. An optional one left out (or left empty) is
    `default`; FROM_FIELDS makes a left-out group what it is with each of
    its keys left out. This is the one place a setting's default is written;
    `about` says what the setting does, for docs/staff.md's field table
    (python -m kiosk.tools.field_table)."""

    spec: Spec
    required: bool = True
    default: Any = None
    about: str = ""


FROM_FIELDS: Any = object()  # a Field's default: its Record with every key left out


# A check across the fields of one Record: (values, node, field, ctx) -> ok,
# with the Record's own node, so a check can report on the group's line.
CrossCheck = Callable[[dict, Node, str, Context], bool]


@dataclass(frozen=True)
class Record(Spec):
    """A group of `key: value` lines with known keys.

    build turns the checked values into the model object; without it the
    Record returns a dict of its values, with INVALID for any that failed
    (the loader uses that for kiosk.yaml, to go on with what is valid).
    """

    fields: Mapping[str, Field]
    build: Callable[[dict], Any] | None = None
    checks: tuple[CrossCheck, ...] = ()

    def how_to_add(self, key, ctx):
        needed = ", ".join(name for name, spec in self.fields.items() if spec.required)
        return f"a line '{key}:' with its settings indented below it ({needed})"

    def check(self, node, field, ctx):
        if not isinstance(node.value, dict):
            names = ", ".join(self.fields)
            return _wrong_kind(node, field, ctx, f"a group of 'name: value' lines indented below it ({names})")
        items = dict(node.value)
        unknown = [
            (key, child)
            for key, child in node.value.items()
            if key not in self.fields and not self._outdented_language_line(key, node, items, field, ctx)
        ]
        for key, child in unknown[:MAX_UNKNOWN_KEYS]:
            allowed = did_you_mean(key, self.fields) or f"; allowed here: {', '.join(self.fields)}"
            ctx.error(child.at, join(field, key), f"unknown key {show(key)}{allowed}")
        if len(unknown) > MAX_UNKNOWN_KEYS:  # junk, not typing mistakes: say so once
            key, child = unknown[MAX_UNKNOWN_KEYS]
            ctx.error(
                child.at,
                join(field, key),
                f"and {len(unknown) - MAX_UNKNOWN_KEYS:,} more unknown keys from here on; "
                f"allowed here: {', '.join(self.fields)}; check it is the right file",
            )
        values = {}
        for key, spec in self.fields.items():
            child = items.get(key)
            if child is None or child.value is None:
                values[key] = self._absent(key, spec, node, child, field, ctx)
            else:
                values[key] = spec.spec.check(child, join(field, key), ctx)
        valid = all(value is not INVALID for value in values.values())
        for cross_check in self.checks:
            valid = cross_check(values, node, field, ctx) and valid
        if self.build is None:
            return values
        return self.build(values) if valid else INVALID

    def _outdented_language_line(self, key: str, node: Node, items: dict, field: str, ctx: Context) -> bool:
        """`de:` indented less than the `sv:` above it: a line of that text (see _outdented_line)."""
        names = {language.code: language.name for language in ctx.languages}
        if key not in names:
            return False

        def holds_languages(above: str) -> bool:
            spec = self.fields[above].spec if above in self.fields else None
            return isinstance(spec.spec if isinstance(spec, Known) else spec, PerLanguage)

        return _outdented_line(
            key, node, items, field, ctx, holds_languages, "a text's language lines", f"its {names[key]} text"
        )

    def defaults(self) -> Any:
        """What this group is when every key is left out (all must be optional)."""
        values = {key: spec.spec.defaults() if spec.default is FROM_FIELDS else spec.default
                  for key, spec in self.fields.items()}
        return values if self.build is None else self.build(values)

    def _absent(self, key, spec: Field, node: Node, child: Node | None, field: str, ctx: Context):
        if not spec.required:
            # `term:` with nothing after it means no term (a default of None).
            return spec.spec.defaults() if spec.default is FROM_FIELDS else spec.default
        how = spec.spec.how_to_add(key, ctx)
        if child is None:
            ctx.error(node.at, join(field, key), f"is missing; add {how}")
        else:
            ctx.error(child.at, join(field, key), f"has no value; write {how}")
        return INVALID
