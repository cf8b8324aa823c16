"""Power cuts: a recorder in its own process, killed with SIGKILL at random moments.

Each child records events as fast as a busy kiosk's taps (one every 2 ms) and
prints "N T" after the N-th record() returned at monotonic time T. The parent
kills it at a random moment and checks the database: intact, and holding every
event recorded up to one flush interval (plus a margin for a loaded machine)
before the kill, and no more than were recorded. The same file is reused from
kill to kill, so every child also opens a database a crash left behind (with
its -wal and -shm)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

KILLS = 100
FLUSH_INTERVAL_S = 0.1
# The writer may run late on a busy machine (an fsync, another test's load).
# Interval + margin stays within "at most the last second is lost".
MARGIN_S = 0.5
LIFETIME_S = (0.15, 0.9)

CHILD = f"""
import sys, time
from pathlib import Path
from kiosk.runtime.stats import StatsRecorder

recorder = StatsRecorder(Path(sys.argv[1]), keep_days=400, flush_interval_s={FLUSH_INTERVAL_S})
events = [("sessions", ""), ("person_opened", "marfa-rabkova"), ("language_chosen", "sv"), ("qr_viewed", "campaign")]
n = 0
while True:
    recorder.record(*events[n % len(events)])
    n += 1
    sys.stdout.write(f"{{n}} {{time.monotonic()}}\\n")
    sys.stdout.flush()
    time.sleep(0.002)
"""


def stored_total(path: Path) -> int:
    """The events in the file, read the way a kiosk started after the crash would find them.

    Read-only, so this check does not checkpoint or remove the -wal the crash left."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (total,) = connection.execute("SELECT coalesce(sum(count), 0) FROM counts").fetchone()
        return total
    finally:
        connection.close()


def run_and_kill(path: Path, lifetime_s: float) -> tuple[list[tuple[int, float]], float]:
    """The (N, T) lines the child printed and the monotonic time it was killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    time.sleep(lifetime_s)
    killed_at = time.monotonic()
    os.kill(child.pid, signal.SIGKILL)
    output, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    lines = []
    for line in output.splitlines():
        fields = line.split()
        if len(fields) == 2:  # the last line may be cut in half
            lines.append((int(fields[0]), float(fields[1])))
    return lines, killed_at


def test_after_every_sigkill_the_database_is_intact_and_lost_at_most_the_last_flush(tmp_path):
    seed = random.randrange(2**32)
    print(f"power-cut seed {seed}")
    rng = random.Random(seed)
    path = tmp_path / "stats.db"
    before = 0
    worst_loss = worst_allowed = checked = 0
    worst_lag_s = 0.0
    for kill in range(KILLS):
        lines, killed_at = run_and_kill(path, rng.uniform(*LIFETIME_S))
        recorded = lines[-1][0] if lines else 0
        # Surely written: what was recorded before the last flush that must have happened.
        deadline = killed_at - FLUSH_INTERVAL_S - MARGIN_S
        surely_written = max((n for n, at in lines if at <= deadline), default=0)

        total = stored_total(path)
        stored = total - before
        before = total
        context = f"kill {kill} (seed {seed}): {recorded} recorded, {surely_written} by the deadline, {stored} stored"
        assert stored >= surely_written, context
        # One more than printed: the child may die between record() and its print.
        assert stored <= recorded + 1, context
        worst_loss = max(worst_loss, recorded - stored)
        worst_allowed = max(worst_allowed, recorded - surely_written)
        checked += surely_written > 0
        if stored < recorded:
            first_lost_at = next(at for n, at in lines if n > stored)
            worst_lag_s = max(worst_lag_s, killed_at - first_lost_at)
    print(
        f"{KILLS} kills ({checked} with a lower bound above 0), {before} events stored; "
        f"lost in one kill at most {worst_loss} events (allowed up to {worst_allowed}), "
        f"the oldest lost event {worst_lag_s:.3f} s before its kill"
    )
