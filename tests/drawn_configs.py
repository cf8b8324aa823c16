"""Configs that `kiosk check` accepts, drawn at random (Hypothesis), for the
tests that hold the checker and the runtime to one rule: valid means it runs.

Drawn from the bundled config: every bounded number at, next to or between
its bounds (schema.py), one to eight people, one to three languages in any
order (German as a copy of English), long and odd texts (any script, emoji,
markup that must show literally, quotes, braces in a bio), both themes and
orientations, and campaign and person links up to the longest a QR code on
that screen can hold.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import yaml
from hypothesis import strategies as st

from kiosk.config import schema
from kiosk.core.qr import max_link_bytes, qr_size_px
from tests.conftest import CONFIG_DIR

FILES = ("kiosk.yaml", "texts.yaml", "people.yaml")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: faster
BUNDLED = {name: yaml.load((CONFIG_DIR / name).read_text(encoding="utf-8"), Loader=_Loader) for name in FILES}

# The wall clock of the kiosks these configs run in: a Tuesday noon, within the drawn opening hours.
NOON = dt.datetime(2026, 12, 22, 12, 0)
OPEN_HOURS = "08:00-20:00"

# Every number staff can set, by its place in kiosk.yaml, with its bounds.
BOUNDED_NUMBERS = {
    ("idle", "timeout_s"): schema.IDLE_TIMEOUT,
    ("idle", "warning_s"): schema.IDLE_WARNING,
    ("burn_in", "max_static_s"): schema.BURN_IN_MAX_STATIC,
    ("staff", "taps"): schema.STAFF_TAPS,
    ("staff", "within_s"): schema.STAFF_WITHIN,
    ("staff", "menu_timeout_s"): schema.STAFF_MENU_TIMEOUT,
    ("schedule", "wake_s"): schema.WAKE,
    ("stats", "keep_days"): schema.KEEP_DAYS,
}
RESOLUTIONS = ("1280x720", "1920x1080", "1920x1080", "3840x2160")

# Texts a visitor may see: any script, emoji, markup and quotes; no control
# or direction-override characters (refused), no braces (placeholders in UI texts).
_LETTERS = [
    *"abcxyz ÅÄÖåäöéßŁłЖжЎў",
    *("ש", "ع", "中", "😀", "<b>", "</b>", "&amp;", "'", '"', "-", ".", ",", "!", "?"),
]
ODD_TEXT = st.lists(st.sampled_from(_LETTERS), min_size=1, max_size=120).map("".join).filter(lambda text: text.strip())
LONG_TEXT = st.one_of(ODD_TEXT, st.integers(1, 60).map(lambda words: " ".join(["Wortzusammensetzung"] * words)))


def with_language(value, code: str, source: str = "en"):
    """`value` (parsed YAML) with a `code` line beside every `source` line of a text."""
    if isinstance(value, dict):
        copied = {key: with_language(item, code, source) for key, item in value.items()}
        if "sv" in copied and source in copied and code not in copied:
            copied[code] = copy.deepcopy(copied[source])  # its own lines, not a YAML alias
        return copied
    if isinstance(value, list):
        return [with_language(item, code, source) for item in value]
    return value


def write_config(folder: Path, files: dict) -> Path:
    """Write the three files (portraits as in the bundled folder); the kiosk.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder / "kiosk.yaml"


def near_bounds(spec) -> st.SearchStrategy[int]:
    edges = [spec.minimum, spec.minimum + 1, spec.maximum - 1, spec.maximum]
    return st.one_of(st.sampled_from(edges), st.integers(spec.minimum, spec.maximum))


def link(draw, qr_px: int, path: str) -> str:
    """A web address at most as long as a QR code of qr_px can hold, often exactly that long."""
    start = f"https://freeviasna.org/{path}/"
    room = max_link_bytes(qr_px) - len(start)
    return start + "x" * draw(st.one_of(st.just(room), st.just(room - 1), st.integers(0, room)))


@st.composite
def kiosk_configs(draw, resolution: str | None = None, orientation: str | None = None) -> dict:
    """The three files' data of a config `kiosk check` accepts (its screen as given, if given)."""
    files = copy.deepcopy(BUNDLED)
    kiosk, texts, people = files["kiosk.yaml"], files["texts.yaml"], files["people.yaml"]

    codes = draw(st.lists(st.sampled_from(["sv", "en", "de"]), min_size=1, max_size=3, unique=True))
    if "de" in codes:
        files = {name: with_language(data, "de") for name, data in files.items()}
        kiosk, texts, people = files["kiosk.yaml"], files["texts.yaml"], files["people.yaml"]
    names = {"sv": "Svenska", "en": "English", "de": "Deutsch"}
    kiosk["languages"] = {
        "offered": [{"code": code, "name": names[code]} for code in codes],
        "default": draw(st.sampled_from(codes)),
    }

    screen = kiosk["screen"]
    screen["resolution"] = resolution or draw(st.sampled_from(RESOLUTIONS))
    screen["orientation"] = orientation or draw(st.sampled_from(["landscape", "portrait"]))
    kiosk["theme"] = draw(st.sampled_from(["dark", "light"]))
    kiosk["reduce_motion"] = draw(st.booleans())
    kiosk["schedule"] = {"hours": dict.fromkeys(schema.WEEKDAYS, OPEN_HOURS)}
    for (section, key), spec in BOUNDED_NUMBERS.items():
        kiosk.setdefault(section, {})[key] = draw(near_bounds(spec))
    width, height = (int(side) for side in screen["resolution"].split("x"))
    qr_px = qr_size_px(width, height)
    kiosk["links"]["campaign"] = link(draw, qr_px, "campaign")
    for key in ("place", "presented_by"):
        kiosk["showing"][key] = {code: draw(LONG_TEXT) for code in codes}

    bundled_people = people["people"]
    count = draw(st.integers(1, 8))
    drawn = []
    for index in range(count):
        person = copy.deepcopy(bundled_people[index % len(bundled_people)])
        person["portrait"] = str((CONFIG_DIR / person["portrait"]).resolve())  # written elsewhere
        if index >= len(bundled_people):
            person["id"] = f"{person['id']}-{index + 1}"
        if draw(st.booleans()):
            person["name"] = draw(ODD_TEXT)
        if draw(st.booleans()):
            person["role"] = {code: draw(LONG_TEXT) for code in codes}
            person["bio"] = {code: draw(LONG_TEXT) + " {braces} " + draw(LONG_TEXT) for code in codes}
        if draw(st.booleans()):
            person["link"] = link(draw, qr_px, person["id"])
        drawn.append(person)
    people["people"] = drawn
    prisoner_count = schema.TEXTS.fields["prisoner_count"].spec
    texts["prisoner_count"]["value"] = draw(near_bounds(prisoner_count.fields["value"].spec))
    return files
