"""Reports of the hourly counts: per day, as a table, as CSV, and merged across kiosks."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from kiosk.runtime.stats import StatsRecorder
from kiosk.runtime.stats_report import (
    FIXED_COLUMNS,
    DaySummary,
    ReportError,
    daily_summary,
    format_table,
    merge,
    parse_date,
    read_database,
    to_csv,
)

JUNE_1 = dt.date(2025, 6, 1)
JUNE_2 = dt.date(2025, 6, 2)
JUNE_3 = dt.date(2025, 6, 3)

KEEP_DAYS = 400  # stats.keep_days as kiosk.yaml leaves it
ROWS = [
    ("2025-06-01 09", "sessions", "", 2),
    ("2025-06-01 17", "sessions", "", 1),
    ("2025-06-01 09", "session_length", "under 10 s", 1),
    ("2025-06-01 17", "session_length", "2-5 min", 2),
    ("2025-06-01 09", "person_opened", "marfa-rabkova", 3),
    ("2025-06-01 17", "person_opened", "ales-bialiatski", 1),
    ("2025-06-01 09", "language_chosen", "sv", 3),
    ("2025-06-01 17", "language_chosen", "en", 1),
    ("2025-06-01 17", "qr_viewed", "campaign", 2),
    ("2025-06-01 17", "qr_viewed", "ales-bialiatski", 1),
    ("2025-06-01 17", "mode_used", "large-text", 1),
    ("2025-06-02 00", "sessions", "", 1),
    ("2025-06-02 23", "session_length", "30-60 s", 1),
    ("2025-06-03 12", "sessions", "", 5),
]

CSV = (
    "date,sessions,median_length,length_under_10s,length_10_30s,length_30_60s,length_1_2min,length_2_5min,"
    "length_over_5min,opened_ales-bialiatski,opened_marfa-rabkova,language_en,language_sv,qr_campaign,"
    "qr_ales-bialiatski,mode_large-text\n"
    "2025-06-01,3,2-5 min,1,0,0,0,2,0,1,3,1,3,2,1,1\n"
    "2025-06-02,1,30-60 s,0,0,1,0,0,0,0,0,0,0,0,0,0\n"
    "2025-06-03,5,,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_hours_are_added_up_per_local_date():
    june_1, june_2, june_3 = daily_summary(ROWS)
    assert june_1 == DaySummary(
        JUNE_1,
        sessions=3,
        lengths=Counter({"under 10 s": 1, "2-5 min": 2}),
        opened=Counter({"marfa-rabkova": 3, "ales-bialiatski": 1}),
        languages=Counter({"sv": 3, "en": 1}),
        qr=Counter({"campaign": 2, "ales-bialiatski": 1}),
        modes=Counter({"large-text": 1}),
    )
    assert (june_2.date, june_2.sessions, june_2.lengths) == (JUNE_2, 1, Counter({"30-60 s": 1}))
    assert (june_3.date, june_3.sessions) == (JUNE_3, 5)


def test_since_and_until_are_inclusive():
    assert [day.date for day in daily_summary(ROWS, since=JUNE_2)] == [JUNE_2, JUNE_3]
    assert [day.date for day in daily_summary(ROWS, until=JUNE_2)] == [JUNE_1, JUNE_2]
    assert [day.date for day in daily_summary(ROWS, since=JUNE_2, until=JUNE_2)] == [JUNE_2]


@pytest.mark.parametrize(
    ("lengths", "median"),
    [
        ({}, None),
        ({"over 5 min": 1}, "over 5 min"),
        ({"under 10 s": 1, "30-60 s": 1, "over 5 min": 1}, "30-60 s"),
        ({"under 10 s": 1, "over 5 min": 1}, "under 10 s"),  # the lower of the two middle visits
        ({"under 10 s": 2, "2-5 min": 3}, "2-5 min"),
        ({"10-30 s": 5, "1-2 min": 4, "over 5 min": 0}, "10-30 s"),
    ],
)
def test_the_median_length_is_the_bucket_holding_the_middle_visit(lengths, median):
    assert DaySummary(JUNE_1, lengths=Counter(lengths)).median_length == median


def test_rows_that_the_kiosk_cannot_have_written_are_refused():
    for hour in ("2025-06-01", "2025-06-01 24", "2025-02-30 10", "01/06/2025 10"):
        with pytest.raises(ReportError):
            daily_summary([(hour, "sessions", "", 1)])
    with pytest.raises(ReportError):
        daily_summary([("2025-06-01 10", "touches", "", 1)])


def test_the_csv_has_the_fixed_columns_then_each_group_of_keys_sorted_and_zeros_filled():
    assert to_csv(daily_summary(ROWS)) == CSV


def test_each_group_of_key_columns_is_sorted_whatever_the_order_of_the_rows():
    people = ["zoya", "mikhail", "anna", "pavel", "boris", "yulia", "dmitry", "kseniya", "oleg", "iryna"]
    rows = [("2025-06-01 10", "person_opened", person, 1) for person in people]
    rows += [("2025-06-01 10", "mode_used", mode, 1) for mode in ("screen-reader", "large-text", "high-contrast")]
    header = to_csv(daily_summary(rows)).splitlines()[0].split(",")
    opened = [name for name in header if name.startswith("opened_")]
    modes = [name for name in header if name.startswith("mode_")]
    assert opened == [f"opened_{person}" for person in sorted(people)]
    assert modes == ["mode_high-contrast", "mode_large-text", "mode_screen-reader"]


def test_a_csv_without_days_still_has_the_fixed_columns():
    assert to_csv([]) == ",".join(FIXED_COLUMNS) + "\n"
    assert FIXED_COLUMNS == (
        "date",
        "sessions",
        "median_length",
        "length_under_10s",
        "length_10_30s",
        "length_30_60s",
        "length_1_2min",
        "length_2_5min",
        "length_over_5min",
        "qr_campaign",
    )


def test_the_table_has_a_line_per_day_aligned_columns_and_a_total():
    table = format_table(daily_summary(ROWS)).splitlines()
    assert table == [
        "date        sessions  median length  opens per person                    languages               QR views                       modes",  # noqa: E501 (the table as printed)
        "----------  --------  -------------  ----------------------------------  ----------------------  -----------------------------  ------------",  # noqa: E501 (the table as printed)
        "2025-06-01         3  2-5 min        ales-bialiatski 1, marfa-rabkova 3  en 1 (25%), sv 3 (75%)  campaign 2, ales-bialiatski 1  large-text 1",  # noqa: E501 (the table as printed)
        "2025-06-02         1  30-60 s        -                                   -                       campaign 0                     -",  # noqa: E501 (the table as printed)
        "2025-06-03         5  -              -                                   -                       campaign 0                     -",  # noqa: E501 (the table as printed)
        "----------  --------  -------------  ----------------------------------  ----------------------  -----------------------------  ------------",  # noqa: E501 (the table as printed)
        "total              9  30-60 s        ales-bialiatski 1, marfa-rabkova 3  en 1 (25%), sv 3 (75%)  campaign 2, ales-bialiatski 1  large-text 1",  # noqa: E501 (the table as printed)
    ]
    assert format_table([]) == "No statistics recorded for these dates.\n"


def test_merging_csv_exports_adds_them_up_per_date(tmp_path):
    other = (
        "date,sessions,median_length,length_under_10s,length_10_30s,length_30_60s,length_1_2min,length_2_5min,"
        "length_over_5min,opened_valiantsin-stefanovic,language_de,qr_campaign,mode_audio\n"
        "2025-06-01,4,under 10 s,4,0,0,0,0,0,2,3,1,1\n"
        "2025-05-31,1,over 5 min,0,0,0,0,0,1,0,0,0,0\n"
    )
    merged = merge([write(tmp_path / "stockholm.csv", CSV), write(tmp_path / "berlin.csv", other)])
    assert [day.date for day in merged] == [dt.date(2025, 5, 31), JUNE_1, JUNE_2, JUNE_3]
    june_1 = merged[1]
    assert june_1.sessions == 7
    assert june_1.lengths == Counter({"under 10 s": 5, "2-5 min": 2})
    assert june_1.median_length == "under 10 s"  # recomputed from the buckets, not taken from either file
    assert june_1.opened == Counter({"marfa-rabkova": 3, "ales-bialiatski": 1, "valiantsin-stefanovic": 2})
    assert june_1.languages == Counter({"sv": 3, "en": 1, "de": 3})
    assert june_1.qr == Counter({"campaign": 3, "ales-bialiatski": 1})
    assert june_1.modes == Counter({"large-text": 1, "audio": 1})


def test_an_export_merged_alone_gives_the_same_report_back(tmp_path):
    assert to_csv(merge([write(tmp_path / "export.csv", CSV)])) == CSV


def test_a_database_and_a_csv_export_merge_and_since_until_apply(tmp_path):
    database = tmp_path / "stats.db"
    clock_now = [time.mktime((2025, 6, 2, 14, 0, 0, 0, 0, -1))]
    recorder = StatsRecorder(database, keep_days=KEEP_DAYS, clock=lambda: clock_now[0], flush_interval_s=3600)
    recorder.record("sessions")
    recorder.record("session_length", "over 5 min")
    recorder.record("person_opened", "marfa-rabkova")
    recorder.close()

    merged = merge([database, write(tmp_path / "export.csv", CSV)], since=JUNE_2, until=JUNE_2)
    (june_2,) = merged
    assert june_2.sessions == 2
    assert june_2.lengths == Counter({"30-60 s": 1, "over 5 min": 1})
    assert june_2.opened == Counter({"marfa-rabkova": 1})
    assert read_database(database) == merge([database])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("date,sessions,median_length\n2025-02-30,1,\n", ":2: date: '2025-02-30' is not a date that exists"),
        ("date,sessions,median_length\n01/06/2025,1,\n", ":2: date: '01/06/2025' is not a date like 2025-06-01"),
        ("date,sessions,median_length\n2025-06-01,many,\n", ":2: sessions: 'many' is not a count"),
        ("date,sessions,median_length\n2025-06-01,-1,\n", ":2: sessions: '-1' is not a count"),
        ("date,sessions,median_length\n2025-06-01,1\n", ":2: 2 values for 3 columns"),
        ("date,sessions,median_length,notes\n", ": unknown column 'notes'"),
        ("Datum;Besuche\n", ": not a `kiosk stats --csv` export"),
        ("", ": not a `kiosk stats --csv` export"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_its_name_and_line(tmp_path, text, problem):
    path = write(tmp_path / "export.csv", text)
    with pytest.raises(ReportError) as error:
        merge([path])
    assert str(error.value).startswith(f"{path}{problem}")


def test_a_missing_or_foreign_database_is_refused_with_its_name(tmp_path):
    with pytest.raises(ReportError, match="missing.db: no such file"):
        read_database(tmp_path / "missing.db")
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE visits (id)").connection.commit()
    with pytest.raises(ReportError, match="other.db: cannot read the statistics .no such table: counts"):
        merge([foreign])


def test_a_date_must_exist():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    for text in ("2025-02-29", "2025-6-1", "20250601", "yesterday"):
        with pytest.raises(ValueError):
            parse_date(text)
