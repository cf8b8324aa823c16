"""A copy of the staff's files with German added, as staff would add it: a
`de:` line after every `en:` line (the English words, for want of a
translation), German dates, and the German word for the label of the day a
person was detained, "Festgenommen": too long for its column beside the date.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.kiosk_copy import copy_config, replace_in

GERMAN = {
    "detained": "Festgenommen",
    "date_format": '"{day}. {month} {year}"',
}
GERMAN_MONTHS = "[Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]"
_ENGLISH = re.compile(r"^(?P<indent> *)en:(?P<rest>.*)$")


def with_german_lines(text: str) -> str:
    """Every `en:` entry (with the lines of a block under it) followed by a `de:` copy."""
    lines = text.splitlines()
    out: list[str] = []
    key = None  # the key the en: line belongs to
    index = 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        index += 1
        stripped = line.strip()
        if stripped.endswith(":") and not stripped.startswith(("-", "#")):
            key = stripped[:-1]
        match = _ENGLISH.match(line)
        if not match:
            continue
        indent = match["indent"]
        block = []
        while index < len(lines) and (
            not lines[index].strip() or len(lines[index]) - len(lines[index].lstrip()) > len(indent)
        ):
            block.append(lines[index])
            index += 1
        out += block
        if key in GERMAN:
            out.append(f"{indent}de: {GERMAN[key]}")
        elif key == "months":
            out.append(f"{indent}de: {GERMAN_MONTHS}")
        else:
            out.append(f"{indent}de:{match['rest']}")
            out += block
    return "\n".join(out) + "\n"


def german_config(root: Path) -> Path:
    """The copy of config/ and assets/ in `root`, with German offered; its kiosk.yaml."""
    kiosk_yaml = copy_config(root)
    for name in ("kiosk.yaml", "texts.yaml", "people.yaml"):
        path = kiosk_yaml.parent / name
        path.write_text(with_german_lines(path.read_text(encoding="utf-8")), encoding="utf-8")
    replace_in(
        kiosk_yaml,
        "    - code: en\n      name: English\n",
        "    - code: en\n      name: English\n    - code: de\n      name: Deutsch\n",
    )
    return kiosk_yaml
