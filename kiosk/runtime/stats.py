"""Engagement statistics that cannot identify a visitor: counts per hour, nothing else.

The screens call StatsRecorder.record("person_opened", "ales-bialiatski") and
the like. Each call only puts (hour, metric, key) on a queue: a tap never
waits on the disk. A writer thread wakes once per flush interval, adds up what
arrived and writes the sums in one transaction to a single table:

    counts(hour 'YYYY-MM-DD HH', metric, key, count)   primary key (hour, metric, key)

No finer time than the local hour, no identifiers, no rows per event, no
order of events: a visitor's path through the screens cannot be read back.

The database is SQLite in WAL mode with synchronous=FULL, so after a power cut
every committed flush is there and at most the last interval's taps are lost.
A full disk, a read-only state folder or a locked file keep the counts in
memory (bounded) and retry at every flush; a corrupt file is moved aside and a
fresh one started. Each kind of problem is logged once; record() never raises
for them, so the kiosk keeps running."""

from __future__ import annotations

import datetime as dt
import logging
import queue
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

METRICS = ("sessions", "session_length", "person_opened", "language_chosen", "qr_viewed", "mode_used")
LENGTH_BUCKETS = ("under 10 s", "10-30 s", "30-60 s", "1-2 min", "2-5 min", "over 5 min")
# Upper limits (exclusive, in seconds) of every bucket but the last.
_BUCKET_LIMITS_S = (10, 30, 60, 120, 300)

HOUR_FORMAT = "%Y-%m-%d %H"
DATABASE_NAME = "stats.db"  # in the state folder
# Distinct (hour, metric, key) rows held in memory while the disk refuses
# writes: weeks of a busy kiosk, a few megabytes at most.
MAX_PENDING_ROWS = 10_000
# Retention runs at start and then this often.
PRUNE_EVERY_S = 3600
# How long a write waits for another connection's lock (`kiosk stats` only
# reads, so this is rare) before the flush is retried later.
BUSY_TIMEOUT_S = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    hour TEXT NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, metric, key)
) WITHOUT ROWID
"""
UPSERT = (
    "INSERT INTO counts (hour, metric, key, count) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (hour, metric, key) DO UPDATE SET count = count + excluded.count"
)

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26
_PROBLEMS = {
    _SQLITE_FULL: "the disk is full",
    _SQLITE_READONLY: "the file or its folder is read-only",
    _SQLITE_CANTOPEN: "the database cannot be opened",
    _SQLITE_IOERR: "the disk reports a read or write error",
}

log = logging.getLogger(__name__)

Row = tuple[str, str, str]  # (hour, metric, key)


def length_bucket(seconds: float) -> str:
    """The coarse LENGTH_BUCKETS label for a session of that many seconds."""
    for limit, label in zip(_BUCKET_LIMITS_S, LENGTH_BUCKETS, strict=False):
        if seconds < limit:
            return label
    return LENGTH_BUCKETS[-1]


class _Corrupt(Exception):
    """The database file is damaged or not a database."""


class StatsRecorder:
    """Counts per hour into an SQLite file, written by a thread of its own."""

    def __init__(
        self,
        path: Path,
        *,
        keep_days: int,  # kiosk.yaml's stats.keep_days
        clock: Callable[[], float] = time.time,
        flush_interval_s: float = 1.0,
    ) -> None:
        self._path = Path(path)
        self._keep_days = keep_days
        self._clock = clock
        self._flush_interval_s = flush_interval_s
        self._events: queue.SimpleQueue[Row] = queue.SimpleQueue()
        # Counts not yet committed; touched only by the writer thread.
        self._pending: Counter[Row] = Counter()
        self._connection: sqlite3.Connection | None = None
        self._checked = False  # the file passed an integrity check
        self._next_prune = 0.0  # clock() time; 0: prune at the first open
        self._logged: set[str] = set()
        self._stop = threading.Event()
        self._closed = False
        self._close_lock = threading.Lock()
        self._writer = threading.Thread(target=self._run, name="stats-writer", daemon=True)
        self._writer.start()

    def record(self, metric: str, key: str = "") -> None:
        """Count one event in the current local hour. Never waits on the disk.

        ValueError for an unknown metric or a session length that is not a
        LENGTH_BUCKETS label: those are programming errors, not disk trouble.
        After close() events are no longer counted."""
        if metric not in METRICS:
            raise ValueError(f"unknown statistics metric {metric!r}; expected one of {', '.join(METRICS)}")
        if metric == "session_length" and key not in LENGTH_BUCKETS:
            raise ValueError(f"session length {key!r} is not one of {LENGTH_BUCKETS}; use length_bucket()")
        # The hour of the event, not of the flush that writes it.
        hour = time.strftime(HOUR_FORMAT, time.localtime(self._clock()))
        self._events.put((hour, metric, key))

    def close(self) -> None:
        """Write what is queued and stop the writer thread. Idempotent."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        self._stop.set()
        self._writer.join()

    # The writer thread.

    def _run(self) -> None:
        self._flush()  # opens the file (and prunes) at once, so problems show early
        while not self._stop.wait(self._flush_interval_s):
            self._flush()
        self._flush()
        self._disconnect()

    def _flush(self) -> None:
        self._take_queued()
        # A second attempt only right after a damaged file was set aside, so
        # that the counts go into the fresh file now (close() flushes only once).
        for _attempt in range(2):
            try:
                self._write_pending()
                return
            except _Corrupt as error:
                if not self._set_aside(error):
                    return
            except sqlite3.Error as error:
                # Reopened at the next flush: the folder may be writable again by then.
                self._disconnect()
                self._log_once(
                    _problem(error),
                    "cannot write statistics to %s (%s); the counts are kept in memory "
                    "and written as soon as it works again",
                    self._path,
                    error,
                )
                return
            except Exception:
                # Whatever it is, the writer thread must not die: it retries next time.
                self._disconnect()
                if "unexpected" not in self._logged:
                    self._logged.add("unexpected")
                    log.exception("unexpected error while writing statistics to %s", self._path)
                return

    def _take_queued(self) -> None:
        while True:
            try:
                row = self._events.get_nowait()
            except queue.Empty:
                return
            if row in self._pending or len(self._pending) < MAX_PENDING_ROWS:
                self._pending[row] += 1
            else:
                self._log_once(
                    "overflow",
                    "statistics: %d different counts are waiting for the disk; "
                    "new ones are dropped until it can be written",
                    MAX_PENDING_ROWS,
                )

    def _write_pending(self) -> None:
        connection = self._connect()
        if self._pending:
            rows = [(hour, metric, key, count) for (hour, metric, key), count in self._pending.items()]
            with _corruption_raised(), _transaction(connection):
                connection.executemany(UPSERT, rows)
            self._pending.clear()
        if self._clock() >= self._next_prune:
            self._prune(connection)

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None:
            return self._connection
        # Autocommit mode: transactions are begun and committed explicitly.
        connection = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        # Kept even if the checks below fail: closing it is _disconnect's job,
        # after a damaged file was moved aside (closing first would delete its -wal).
        self._connection = connection
        with _corruption_raised():
            # Once per recorder: a damaged file found now is set aside
            # before it swallows the counts.
            if not self._checked and connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Corrupt("the integrity check failed")
            connection.execute("PRAGMA journal_mode = WAL")
            # Every commit reaches the disk before it returns: a power cut
            # loses at most what was not yet flushed.
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute(SCHEMA)
        self._checked = True
        return connection

    def _prune(self, connection: sqlite3.Connection) -> None:
        """Delete the rows of days more than keep_days before today."""
        now = self._clock()
        oldest_kept = dt.date.fromtimestamp(now) - dt.timedelta(days=self._keep_days)
        with _corruption_raised(), _transaction(connection):
            # 'YYYY-MM-DD HH' < 'YYYY-MM-DD' exactly for the earlier days.
            connection.execute("DELETE FROM counts WHERE hour < ?", (oldest_kept.isoformat(),))
        self._next_prune = now + PRUNE_EVERY_S

    def _set_aside(self, error: _Corrupt) -> bool:
        """Move the damaged file (with its -wal and -shm) aside, so that the next
        connection starts a fresh one. False if it cannot be moved."""
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._clock()))
        aside = self._path.with_name(f"{self._path.name}.corrupt-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{self._path}{suffix}")
                if source.exists():
                    source.replace(f"{aside}{suffix}")
        except OSError as move_error:
            self._log_once(
                "damaged, cannot move",
                "the statistics file %s is damaged (%s) and cannot be moved aside (%s); "
                "the counts are kept in memory",
                self._path,
                error,
                move_error,
                level=logging.ERROR,
            )
            return False
        finally:
            # Only after the move: closing deletes a -wal SQLite could not use.
            self._disconnect()
        self._log_once(
            "damaged",
            "the statistics file %s was damaged (%s); moved it to %s and started a new one",
            self._path,
            error,
            aside.name,
            level=logging.ERROR,
        )
        return True

    def _disconnect(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass  # a failing disk: the file is reopened (or set aside) next time anyway
            self._connection = None

    def _log_once(self, kind: str, message: str, *args: object, level: int = logging.WARNING) -> None:
        # A full disk would otherwise log the same line every second for days.
        if kind not in self._logged:
            self._logged.add(kind)
            log.log(level, message, *args)


def _problem(error: sqlite3.Error) -> str:
    """A short name for what went wrong, one per kind of failure."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return type(error).__name__
    return _PROBLEMS.get(code & 0xFF, getattr(error, "sqlite_errorname", type(error).__name__))


@contextmanager
def _corruption_raised() -> Iterator[None]:
    """SQLite's 'damaged file' errors as _Corrupt; every other error unchanged."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise _Corrupt(str(error)) from error
        raise


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (which then propagates)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite may have rolled back by itself; the original error says why
        raise
