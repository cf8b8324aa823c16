"""The table of kiosk.yaml's settings in docs/staff.md, made from the schema.

    python -m kiosk.tools.field_table            rewrite the table in docs/staff.md
    python -m kiosk.tools.field_table --check    exit 1 if it is out of date

Each row is one setting of kiosk/config/schema.py's KIOSK: its name, what it
does (the Field's `about`), what may be written (from its spec and bounds)
and what it is when left out (the Field's default). The table sits between
two marker comments; the text around it is the staff's guide, written by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config.schema import kiosk_fields
from kiosk.config.specs import (
    Bool,
    Choice,
    Date,
    Field,
    FilePath,
    Int,
    Known,
    ListOf,
    Number,
    PerLanguage,
    QrLink,
    Record,
    Resolution,
    Spec,
    Url,
)
from kiosk.core.qr import max_link_bytes, qr_size_px

STAFF_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "staff.md"
COMMAND = "python -m kiosk.tools.field_table"
BEGIN = (
    f"<!-- kiosk.yaml settings: made by `{COMMAND}` from kiosk/config/schema.py; "
    "edit the schema, not this table -->"
)
END = "<!-- end of the kiosk.yaml settings -->"


def what_to_write(spec: Spec) -> str:
    """What a value of `spec` looks like, with its bounds, in a few words."""
    if isinstance(spec, Known):
        return what_to_write(spec.spec)
    if isinstance(spec, Choice):
        *others, last = [f"`{option}`" for option in spec.options]
        return f"{', '.join(others)} or {last}" if others else last
    if isinstance(spec, Int):
        return f"a whole number {spec.limits()}"
    if isinstance(spec, Number):
        return f"a number between {spec.minimum:g} and {spec.maximum:g} {spec.unit}"
    if isinstance(spec, Bool):
        return "`true` or `false`"
    if isinstance(spec, Date):
        return "a date, YYYY-MM-DD"
    if isinstance(spec, QrLink):
        most = max_link_bytes(qr_size_px(1920, 1080))
        return f"a web address starting with https://; at most {most} characters on a 1920x1080 screen"
    if isinstance(spec, Url):
        return "a web address starting with https://"
    if isinstance(spec, Resolution):
        return f"WIDTHxHEIGHT in pixels, each side {spec.min_px} to {spec.max_px}, e.g. `{spec.example}`"
    if isinstance(spec, FilePath):
        return f"a file, relative to kiosk.yaml's folder, e.g. `{spec.example}`"
    if isinstance(spec, PerLanguage):
        return "one line per offered language"
    if isinstance(spec, ListOf):
        return f"a list: one {spec.noun} per line, each starting with `- `"
    if isinstance(spec, Record):
        return "a line per key below it: " + ", ".join(f"`{key}`" for key in spec.fields)
    return f"e.g. `{spec.example}`"


def left_out(field: Field) -> str:
    if field.required:
        return "required"
    if field.default is None:
        return "none"
    if isinstance(field.default, bool):
        return f"`{str(field.default).lower()}`"
    return f"`{field.default}`"


def table() -> str:
    """The table, markers included."""
    rows = [
        BEGIN,
        "| setting | what it does | what to write | left out |",
        "| --- | --- | --- | --- |",
        *(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in (
                f"`{name}`", field.about, what_to_write(field.spec), left_out(field)
            )) + " |"
            for name, field in kiosk_fields()
        ),
        END,
    ]
    return "\n".join(rows)


def with_table(guide: str) -> str:
    """The staff's guide with its table made anew; ValueError without the markers."""
    start, end = guide.find(BEGIN), guide.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the marker lines of the settings table are missing; put these two lines where it goes:\n"
                         f"{BEGIN}\n{END}")
    return guide[:start] + table() + guide[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Make docs/staff.md's table of kiosk.yaml settings.")
    parser.add_argument("--check", action="store_true", help="only check that the table is up to date")
    parser.add_argument("--guide", type=Path, default=STAFF_GUIDE, help="the file holding the table (docs/staff.md)")
    args = parser.parse_args(argv)
    guide = args.guide.read_text(encoding="utf-8")
    try:
        made = with_table(guide)
    except ValueError as error:
        print(f"{args.guide}: {error}", file=sys.stderr)
        return 1
    if made == guide:
        print(f"{args.guide}: the settings table is up to date")
        return 0
    if args.check:
        print(f"{args.guide}: the settings table differs from kiosk/config/schema.py; run {COMMAND}", file=sys.stderr)
        return 1
    args.guide.write_text(made, encoding="utf-8")
    print(f"{args.guide}: the settings table is made anew from kiosk/config/schema.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
