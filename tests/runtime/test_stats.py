"""The statistics recorder: hourly counts only, written off the caller's thread,
and a kiosk that keeps running whatever the disk does."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.runtime import stats
from kiosk.runtime.stats import LENGTH_BUCKETS, METRICS, StatsRecorder, length_bucket

# 2025-06-01 10:15 local time, whatever the machine's time zone.
MORNING = time.mktime((2025, 6, 1, 10, 15, 0, 0, 0, -1))
HOUR_S = 3600
DAY_S = 86400
NEVER_S = 3600.0  # a flush interval no test waits for: only close() writes
KEEP_DAYS = 400  # stats.keep_days as kiosk.yaml leaves it


class Clock:
    """An injected clock the test moves by hand."""

    def __init__(self, now: float = MORNING) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def counts(path: Path) -> dict[tuple[str, str, str], int]:
    connection = sqlite3.connect(path)
    try:
        return {(hour, metric, key): count for hour, metric, key, count in connection.execute("SELECT * FROM counts")}
    finally:
        connection.close()


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 15) -> None:
    """Poll for something the writer thread does by itself; fails after a generous timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.01)


def has_table(path: Path) -> bool:
    if not path.exists():
        return False
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'counts'").fetchone()[0] == 1
    finally:
        connection.close()


def stats_logs(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == stats.__name__]


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make paths unwritable for this process, for real.

    The tests run as root, who ignores file modes; the immutable attribute
    (chattr +i) refuses writes even to root, the way a read-only mount does.
    Under another user plain modes do the same.

    Made writable again files first, folders after: the other way round, for
    a moment (long on a busy machine) the folder takes SQLite's -wal and -shm
    files while the file still refuses writes, which is another problem, and
    a recorder flushing then rightly logs it too."""
    as_root = os.geteuid() == 0
    modes = {path: path.stat().st_mode for path in paths}
    if as_root:
        subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
    else:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        files_first = sorted(paths, key=Path.is_dir)
        if as_root:
            subprocess.run(["chattr", "-i", *map(str, files_first)], check=True)
        for path in files_first:
            path.chmod(modes[path])


@pytest.mark.parametrize(
    ("seconds", "bucket"),
    [
        (0, "under 10 s"),
        (9.9, "under 10 s"),
        (10, "10-30 s"),
        (29.9, "10-30 s"),
        (30, "30-60 s"),
        (60, "1-2 min"),
        (119, "1-2 min"),
        (120, "2-5 min"),
        (299.5, "2-5 min"),
        (300, "over 5 min"),
        (7 * DAY_S, "over 5 min"),
    ],
)
def test_a_session_length_falls_into_one_coarse_bucket(seconds, bucket):
    assert length_bucket(seconds) == bucket
    assert bucket in LENGTH_BUCKETS


def test_counts_are_added_up_per_hour_metric_and_key_and_nothing_else_is_stored(tmp_path):
    path = tmp_path / "stats.db"
    clock = Clock()
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=NEVER_S)
    for _ in range(3):
        recorder.record("sessions")
    recorder.record("session_length", length_bucket(45))
    recorder.record("person_opened", "ales-bialiatski")
    recorder.record("person_opened", "ales-bialiatski")
    recorder.record("person_opened", "marfa-rabkova")
    recorder.record("language_chosen", "en")
    recorder.record("qr_viewed", "campaign")
    recorder.record("mode_used", "large-text")
    clock.now += HOUR_S
    recorder.record("sessions")
    recorder.close()

    assert counts(path) == {
        ("2025-06-01 10", "sessions", ""): 3,
        ("2025-06-01 10", "session_length", "30-60 s"): 1,
        ("2025-06-01 10", "person_opened", "ales-bialiatski"): 2,
        ("2025-06-01 10", "person_opened", "marfa-rabkova"): 1,
        ("2025-06-01 10", "language_chosen", "en"): 1,
        ("2025-06-01 10", "qr_viewed", "campaign"): 1,
        ("2025-06-01 10", "mode_used", "large-text"): 1,
        ("2025-06-01 11", "sessions", ""): 1,
    }
    connection = sqlite3.connect(path)
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = [row[1] for row in connection.execute("PRAGMA table_info(counts)")]
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    assert tables == ["counts"]
    assert columns == ["hour", "metric", "key", "count"]
    assert mode == "wal"


def test_an_event_counts_in_the_hour_it_happened_not_the_hour_it_is_written(tmp_path):
    path = tmp_path / "stats.db"
    clock = Clock(MORNING + 44 * 60 + 59)  # 10:59:59
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=NEVER_S)
    recorder.record("sessions")
    clock.now += 1  # 11:00:00, before anything is written
    recorder.record("sessions")
    recorder.close()
    assert counts(path) == {("2025-06-01 10", "sessions", ""): 1, ("2025-06-01 11", "sessions", ""): 1}


def test_events_are_written_in_batches_not_one_by_one(tmp_path):
    path = tmp_path / "stats.db"
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=NEVER_S)
    wait_until(lambda: has_table(path), "the writer opened the database")
    for _ in range(500):
        recorder.record("sessions")
    time.sleep(0.3)  # room for a (wrong) write per event to happen
    assert counts(path) == {}
    recorder.close()
    assert sum(counts(path).values()) == 500


def test_the_writer_flushes_by_itself_every_interval(tmp_path):
    path = tmp_path / "stats.db"
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=0.05)
    try:
        recorder.record("language_chosen", "sv")
        wait_until(lambda: has_table(path) and sum(counts(path).values()) == 1, "the first flush")
        recorder.record("language_chosen", "sv")
        wait_until(lambda: sum(counts(path).values()) == 2, "the second flush")
    finally:
        recorder.close()


def test_a_tap_never_waits_for_the_disk_and_a_locked_file_is_written_later(tmp_path):
    path = tmp_path / "stats.db"
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=0.02)
    wait_until(lambda: has_table(path), "the writer opened the database")
    # Another connection holds the write lock: every flush has to wait for it.
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    recorder.record("sessions")
    # Once the writer has taken the event off the queue, it is stuck behind the lock.
    wait_until(recorder._events.empty, "the writer took the event and waits for the lock")

    def tap_a_thousand_times() -> None:
        for _ in range(1000):
            recorder.record("person_opened", "valiantsin-stefanovic")

    taps = threading.Thread(target=tap_a_thousand_times)
    taps.start()
    taps.join(timeout=30)  # a deadlock detector, not a speed limit
    assert not taps.is_alive(), "record() waited for the locked database"
    blocker.execute("ROLLBACK")
    blocker.close()
    recorder.close()
    assert sorted(counts(path).values()) == [1, 1000]


@pytest.mark.parametrize(("metric", "key"), [("visits", ""), ("touch", "120,480"), ("session_length", "47 s")])
def test_an_unknown_metric_or_length_is_a_programming_error(tmp_path, metric, key):
    recorder = StatsRecorder(tmp_path / "stats.db", keep_days=KEEP_DAYS, flush_interval_s=NEVER_S)
    try:
        with pytest.raises(ValueError):
            recorder.record(metric, key)
    finally:
        recorder.close()
    assert set(METRICS) == {"sessions", "session_length", "person_opened", "language_chosen", "qr_viewed", "mode_used"}


def test_close_writes_what_is_queued_and_may_be_called_twice(tmp_path):
    path = tmp_path / "stats.db"
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=NEVER_S)
    recorder.record("qr_viewed", "campaign")
    recorder.close()
    recorder.close()
    recorder.record("qr_viewed", "campaign")  # after close: not counted, not an error
    assert sum(counts(path).values()) == 1


def test_days_older_than_keep_days_are_deleted_at_start(tmp_path):
    path = tmp_path / "stats.db"
    clock = Clock()
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=NEVER_S)
    for days_ago in (11, 10, 9, 0):
        clock.now = MORNING - days_ago * DAY_S
        recorder.record("sessions")
    recorder.close()
    assert len(counts(path)) == 4

    clock.now = MORNING
    StatsRecorder(path, clock=clock, keep_days=10, flush_interval_s=NEVER_S).close()
    assert sorted(hour for hour, _, _ in counts(path)) == ["2025-05-22 10", "2025-05-23 10", "2025-06-01 10"]


def test_retention_runs_again_about_hourly_while_the_kiosk_runs(tmp_path):
    path = tmp_path / "stats.db"
    clock = Clock()
    recorder = StatsRecorder(path, clock=clock, keep_days=1, flush_interval_s=0.02)
    try:
        recorder.record("sessions")
        wait_until(lambda: has_table(path) and len(counts(path)) == 1, "the first day written")
        clock.now += 2 * DAY_S + HOUR_S  # the kiosk ran on for two days
        recorder.record("sessions")
        wait_until(lambda: list(counts(path)) == [("2025-06-03 11", "sessions", "")], "the first day deleted")
    finally:
        recorder.close()


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_fresh_one_started(tmp_path, caplog):
    path = tmp_path / "stats.db"
    garbage = os.urandom(3 * 4096)
    path.write_bytes(garbage)
    (tmp_path / "stats.db-wal").write_bytes(b"not a wal either")
    clock = Clock()
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=0.02)
    recorder.record("sessions")
    recorder.close()

    assert counts(path) == {("2025-06-01 10", "sessions", ""): 1}
    aside = tmp_path / "stats.db.corrupt-20250601-101500"
    assert aside.read_bytes() == garbage
    assert (tmp_path / "stats.db.corrupt-20250601-101500-wal").read_bytes() == b"not a wal either"
    (problem,) = stats_logs(caplog)
    assert problem.levelno == logging.ERROR
    assert "damaged" in problem.getMessage() and aside.name in problem.getMessage()


def test_a_damaged_database_is_moved_aside_and_its_counts_go_to_a_fresh_one(tmp_path, caplog):
    path = tmp_path / "stats.db"
    clock = Clock()
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=NEVER_S)
    for person in range(2000):  # enough rows for several pages
        recorder.record("person_opened", f"person-{person}")
    recorder.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 6 * 4096
    data[3 * 4096 : 5 * 4096] = os.urandom(2 * 4096)  # the header is intact, the pages are not
    path.write_bytes(bytes(data))

    clock.now += DAY_S
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=NEVER_S)
    recorder.record("sessions")
    recorder.close()
    assert counts(path) == {("2025-06-02 10", "sessions", ""): 1}
    assert (tmp_path / "stats.db.corrupt-20250602-101500").read_bytes() == bytes(data)
    assert [record.levelno for record in stats_logs(caplog)] == [logging.ERROR]


def test_a_damaged_file_that_cannot_be_moved_yet_keeps_the_counts_until_it_can(tmp_path, caplog):
    state = tmp_path / "state"
    state.mkdir()
    path = state / "stats.db"
    garbage = os.urandom(2 * 4096)
    path.write_bytes(garbage)
    clock = Clock()
    with read_only(state, path):
        recorder = StatsRecorder(path, keep_days=KEEP_DAYS, clock=clock, flush_interval_s=NEVER_S)
        recorder.record("mode_used", "high-contrast")
        wait_until(lambda: stats_logs(caplog), "the damage logged")
    recorder.close()  # the only flush that can move it: the count goes into the fresh file at once
    assert counts(path) == {("2025-06-01 10", "mode_used", "high-contrast"): 1}
    assert (state / "stats.db.corrupt-20250601-101500").read_bytes() == garbage
    messages = [record.getMessage() for record in stats_logs(caplog)]
    assert len(messages) == 2
    assert "cannot be moved aside" in messages[0] and "moved it to" in messages[1]


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_a_read_only_state_folder_keeps_the_counts_until_it_can_write_and_logs_once(tmp_path, caplog, existing):
    state = tmp_path / "state"
    state.mkdir()
    path = state / "stats.db"
    if existing:  # the kiosk wrote before; now the folder and the file refuse writes
        StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=NEVER_S).close()
        assert sorted(p.name for p in state.iterdir()) == ["stats.db"]
    unwritable = (state, path) if existing else (state,)
    with read_only(*unwritable):
        recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=0.02)
        recorder.record("sessions")
        wait_until(lambda: stats_logs(caplog), "the problem logged")
        recorder.record("language_chosen", "en")
        time.sleep(0.3)  # a dozen more flushes fail
        (problem,) = stats_logs(caplog)
        assert problem.levelno == logging.WARNING
        assert str(path) in problem.getMessage() and "kept in memory" in problem.getMessage()
    recorder.record("sessions")
    wait_until(lambda: has_table(path) and sum(counts(path).values()) == 3, "the kept counts written")
    recorder.close()
    assert len(stats_logs(caplog)) == 1


@pytest.fixture
def disk_limit(monkeypatch) -> dict[str, int]:
    """A full disk: every connection SQLite opens gets this page limit, so a
    write beyond it fails with SQLITE_FULL ("database or disk is full"), the
    same error, through the same code in SQLite and in the recorder, as a
    write the file system refuses with ENOSPC. Raise the limit to free space."""
    limit = {"pages": 3}
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.execute(f"PRAGMA max_page_count = {limit['pages']}")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    return limit


def test_a_full_disk_loses_nothing_once_space_is_free_again_and_is_logged_once(tmp_path, caplog, disk_limit):
    path = tmp_path / "stats.db"
    recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=0.02)
    for person in range(2000):  # far more than three pages hold
        recorder.record("person_opened", f"person-{person}")
    wait_until(lambda: stats_logs(caplog), "the full disk logged")
    time.sleep(0.3)  # more flushes fail
    (problem,) = stats_logs(caplog)
    assert "full" in problem.getMessage()

    disk_limit["pages"] = 1_000_000  # staff deleted something
    recorder.record("sessions")
    recorder.close()
    stored = counts(path)
    assert len(stored) == 2001 and sum(stored.values()) == 2001
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert len(stats_logs(caplog)) == 1


def test_counts_kept_in_memory_are_bounded_and_the_drop_is_logged_once(tmp_path, caplog):
    state = tmp_path / "state"
    state.mkdir()
    path = state / "stats.db"
    with read_only(state):
        recorder = StatsRecorder(path, keep_days=KEEP_DAYS, flush_interval_s=NEVER_S)
        for person in range(stats.MAX_PENDING_ROWS + 50):
            recorder.record("person_opened", f"person-{person}")
        recorder.record("person_opened", "person-0")  # a row already kept still counts
    recorder.close()  # its one flush takes them all at once, and now it can write
    stored = counts(path)
    assert len(stored) == stats.MAX_PENDING_ROWS
    hour = next(iter(stored))[0]
    assert stored[(hour, "person_opened", "person-0")] == 2
    assert (hour, "person_opened", f"person-{stats.MAX_PENDING_ROWS}") not in stored
    dropped = [record for record in stats_logs(caplog) if "dropped" in record.getMessage()]
    assert len(dropped) == 1
