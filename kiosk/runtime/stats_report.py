"""`kiosk stats`: the hourly counts of stats.py as one line per day, for a
terminal or a spreadsheet, and several kiosks' numbers added up.

The CSV export has one row per day and these columns, in this order:

    date              YYYY-MM-DD, the kiosk's local date
    sessions          visits started (the visitor left the first screen)
    median_length     the length bucket holding the median visit ("30-60 s"); empty without visits
    length_under_10s, length_10_30s, length_30_60s, length_1_2min, length_2_5min, length_over_5min
                      visits that ended in each length bucket
    opened_<person id>     person pages opened, one column per person
    language_<code>        languages chosen, one column per language
    qr_campaign            the campaign QR code shown for more than 3 seconds
    qr_<person id>         a person's own QR code shown for more than 3 seconds
    mode_<name>            accessibility modes used

The opened_, language_, qr_<person id> and mode_ columns exist for the keys
that occur in the exported days, each group sorted by key; a missing count is
0. The fixed columns are always there. `merge` reads such files (and raw
stats.db files) and adds them up per date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.runtime.stats import LENGTH_BUCKETS, METRICS

# Stable CSV names for the length buckets, in LENGTH_BUCKETS order.
LENGTH_COLUMNS = dict(
    zip(
        LENGTH_BUCKETS,
        (
            "length_under_10s",
            "length_10_30s",
            "length_30_60s",
            "length_1_2min",
            "length_2_5min",
            "length_over_5min",
        ),
        strict=True,
    )
)
FIXED_COLUMNS = ("date", "sessions", "median_length", *LENGTH_COLUMNS.values(), "qr_campaign")
# Prefix of the per-key columns, by metric.
PREFIXES = {"person_opened": "opened_", "language_chosen": "language_", "qr_viewed": "qr_", "mode_used": "mode_"}
SQLITE_MAGIC = b"SQLite format 3\x00"
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_HOUR = re.compile(r"(\d{4}-\d\d-\d\d) (\d\d)")


class ReportError(ValueError):
    """A file that cannot be read as statistics; the message names it and says why."""


@dataclass
class DaySummary:
    """One local date's counts. The mappings hold only keys that occurred."""

    date: dt.date
    sessions: int = 0
    lengths: Counter[str] = field(default_factory=Counter)  # LENGTH_BUCKETS label -> visits
    opened: Counter[str] = field(default_factory=Counter)  # person id -> pages opened
    languages: Counter[str] = field(default_factory=Counter)  # language code -> times chosen
    qr: Counter[str] = field(default_factory=Counter)  # "campaign" or person id -> views
    modes: Counter[str] = field(default_factory=Counter)  # mode name -> times used

    @property
    def median_length(self) -> str | None:
        """The bucket holding the median visit (the lower middle one of an even
        number of visits); None without visits."""
        middle = (sum(self.lengths.values()) + 1) // 2
        seen = 0
        for label in LENGTH_BUCKETS:
            seen += self.lengths[label]
            if middle and seen >= middle:
                return label
        return None

    def counts(self, metric: str) -> Counter[str]:
        """The per-key counts of a metric other than "sessions"."""
        return {
            "session_length": self.lengths,
            "person_opened": self.opened,
            "language_chosen": self.languages,
            "qr_viewed": self.qr,
            "mode_used": self.modes,
        }[metric]

    def count(self, metric: str, key: str, count: int) -> None:
        if not count:
            return  # a CSV's zeros are not keys that occurred
        if metric == "sessions":
            self.sessions += count
        else:
            self.counts(metric)[key] += count

    def add(self, other: DaySummary) -> None:
        self.sessions += other.sessions
        for metric in METRICS[1:]:
            self.counts(metric).update(other.counts(metric))


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date that exists; ValueError otherwise."""
    if not _DATE.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not a date like 2025-06-01")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date that exists") from None


def read_database(path: Path, since: dt.date | None = None, until: dt.date | None = None) -> list[DaySummary]:
    """daily_summary() of a stats.db; ReportError naming the file if it is not one."""
    try:
        return daily_summary(_read_rows(path), since, until)
    except ReportError as error:
        raise ReportError(f"{path}: {error}") from None


def _read_rows(path: Path) -> list[tuple[str, str, str, int]]:
    """Every (hour, metric, key, count) row of a stats.db; ReportError if it is not one."""
    if not path.is_file():
        raise ReportError("no such file")
    # Read-only: a report never changes the kiosk's counts.
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return connection.execute("SELECT hour, metric, key, count FROM counts").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise ReportError(f"cannot read the statistics ({error})") from error


def daily_summary(
    rows: Iterable[tuple[str, str, str, int]], since: dt.date | None = None, until: dt.date | None = None
) -> list[DaySummary]:
    """The rows added up per local date, oldest first; only dates with counts,
    from since to until inclusive (None: no limit)."""
    days: dict[dt.date, DaySummary] = {}
    for hour, metric, key, count in rows:
        match = _HOUR.fullmatch(hour)
        if match is None or int(match[2]) > 23 or metric not in METRICS:
            raise ReportError(f"the row ({hour!r}, {metric!r}, {key!r}) is not an hourly count written by the kiosk")
        try:
            date = parse_date(match[1])
        except ValueError as error:
            raise ReportError(f"the row ({hour!r}, {metric!r}, {key!r}): {error}") from None
        if (since and date < since) or (until and date > until):
            continue
        days.setdefault(date, DaySummary(date)).count(metric, key, count)
    return [days[date] for date in sorted(days)]


def merge(
    files: Iterable[Path], since: dt.date | None = None, until: dt.date | None = None
) -> list[DaySummary]:
    """Several kiosks' numbers added up per date: `kiosk stats --csv` exports
    and stats.db files, told apart by their first bytes."""
    days: dict[dt.date, DaySummary] = {}
    for path in files:
        try:
            with open(path, "rb") as file:
                is_database = file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
        except OSError as error:
            raise ReportError(f"{path}: cannot be read ({error.strerror or error})") from error
        summaries = read_database(path, since, until) if is_database else _read_csv(path, since, until)
        for summary in summaries:
            days.setdefault(summary.date, DaySummary(summary.date)).add(summary)
    return [days[date] for date in sorted(days)]


def columns(summaries: Sequence[DaySummary]) -> list[str]:
    """The CSV header for these days: the fixed columns, then each key group sorted."""
    keys = {metric: set() for metric in PREFIXES}
    for summary in summaries:
        for metric in PREFIXES:
            keys[metric] |= {key for key, count in summary.counts(metric).items() if count}
    keys["qr_viewed"].discard("campaign")  # a fixed column
    header = list(FIXED_COLUMNS[:-1])
    for metric, prefix in PREFIXES.items():
        if metric == "qr_viewed":
            header.append("qr_campaign")
        header += [prefix + key for key in sorted(keys[metric])]
    return header


def to_csv(summaries: Sequence[DaySummary]) -> str:
    """One row per day under the header of columns(); a missing count is 0."""
    header = columns(summaries)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for summary in summaries:
        values = _column_values(summary)
        writer.writerow([values.get(name, 0) for name in header])
    return out.getvalue()


def format_table(summaries: Sequence[DaySummary]) -> str:
    """An aligned plain-text table, one line per day and a total line."""
    if not summaries:
        return "No statistics recorded for these dates.\n"
    total = DaySummary(summaries[0].date)
    for summary in summaries:
        total.add(summary)
    titles = ("date", "sessions", "median length", "opens per person", "languages", "QR views", "modes")
    lines = [_table_cells(summary.date.isoformat(), summary) for summary in summaries]
    if len(summaries) > 1:
        lines.append(_table_cells("total", total))
    widths = [max(len(cells[i]) for cells in (titles, *lines)) for i in range(len(titles))]
    # Numbers right-aligned, words left-aligned.
    right = {1}

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(cells) for cells in lines]
    if len(summaries) > 1:
        body.insert(-1, rule)
    return "\n".join([line(titles), rule, *body]) + "\n"


def _table_cells(label: str, summary: DaySummary) -> tuple[str, ...]:
    languages = sum(summary.languages.values())
    split = ", ".join(
        f"{code} {count} ({round(100 * count / languages)}%)" for code, count in sorted(summary.languages.items())
    )
    qr = dict(summary.qr)
    campaign = qr.pop("campaign", 0)
    qr_text = ", ".join([f"campaign {campaign}"] + [f"{key} {count}" for key, count in sorted(qr.items())])
    return (
        label,
        str(summary.sessions),
        summary.median_length or "-",
        _listing(summary.opened),
        split or "-",
        qr_text,
        _listing(summary.modes),
    )


def _listing(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {count}" for key, count in sorted(counts.items()) if count) or "-"


def _column_values(summary: DaySummary) -> dict[str, object]:
    values: dict[str, object] = {
        "date": summary.date.isoformat(),
        "sessions": summary.sessions,
        "median_length": summary.median_length or "",
    }
    values |= {LENGTH_COLUMNS[label]: summary.lengths[label] for label in LENGTH_BUCKETS}
    for metric, prefix in PREFIXES.items():
        values |= {prefix + key: count for key, count in summary.counts(metric).items()}
    return values


def _read_csv(path: Path, since: dt.date | None, until: dt.date | None) -> list[DaySummary]:
    """A `kiosk stats --csv` export as DaySummaries; ReportError naming the line of any problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet may add a byte-order mark
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot be read as a CSV export ({error})") from error
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or header[:3] != list(FIXED_COLUMNS[:3]):
        raise ReportError(f"{path}: not a `kiosk stats --csv` export (its first columns must be date,sessions,...)")
    targets = [_column_target(path, name) for name in header]
    days = []
    for line_no, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            raise ReportError(f"{path}:{line_no}: {len(values)} values for {len(header)} columns")
        try:
            day = DaySummary(parse_date(values[0]))
        except ValueError as error:
            raise ReportError(f"{path}:{line_no}: date: {error}") from None
        for name, target, value in zip(header[1:], targets[1:], values[1:], strict=True):
            if target is None:  # median_length: recomputed from the buckets
                continue
            day.count(*target, _count(path, line_no, name, value))
        if not ((since and day.date < since) or (until and day.date > until)):
            days.append(day)
    return days


def _column_target(path: Path, name: str) -> tuple[str, str] | None:
    """(metric, key) a CSV column counts; None for date and median_length."""
    if name in ("date", "median_length"):
        return None
    if name == "sessions":
        return ("sessions", "")
    buckets = {column: label for label, column in LENGTH_COLUMNS.items()}
    if name in buckets:
        return ("session_length", buckets[name])
    for metric, prefix in PREFIXES.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            return (metric, name[len(prefix) :])
    raise ReportError(f"{path}: unknown column {name!r}")


def _count(path: Path, line_no: int, name: str, value: str) -> int:
    text = value.strip()
    if not text:
        return 0  # a spreadsheet may leave a zero empty
    if not text.isdigit():
        raise ReportError(f"{path}:{line_no}: {name}: {value!r} is not a count")
    return int(text)
