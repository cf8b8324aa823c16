"""The screenshots' folder: latest.png and a ring bounded in files and in bytes."""

from __future__ import annotations

import datetime as dt

from kiosk.runtime.screenshots import FOLDER, LATEST, MAX_BYTES, MAX_FILES, keep_screenshot
from tests.conftest import TODAY

START = dt.datetime.combine(TODAY, dt.time(9, 0))


def ring(state) -> list[str]:
    return sorted(path.name for path in (state / FOLDER).iterdir() if path.name != LATEST)


def test_the_ring_keeps_the_newest_files_and_latest_is_the_last(tmp_path):
    for minute in range(20):
        keep_screenshot(tmp_path, f"shot {minute}".encode(), at=START + dt.timedelta(minutes=minute), reason="interval")
    kept = ring(tmp_path)
    assert len(kept) == MAX_FILES == 8
    assert kept[0] == f"{TODAY}_09-12-00 interval.png" and kept[-1] == f"{TODAY}_09-19-00 interval.png"
    assert (tmp_path / FOLDER / LATEST).read_bytes() == b"shot 19"


def test_the_ring_stays_within_its_bytes(tmp_path):
    large = bytes(MAX_BYTES // 3 + 1)  # three of these are more than the ring may hold
    for minute in range(5):
        keep_screenshot(tmp_path, large, at=START + dt.timedelta(minutes=minute), reason="kiosk")
    kept = ring(tmp_path)
    assert kept == [f"{TODAY}_09-03-00 kiosk.png", f"{TODAY}_09-04-00 kiosk.png"]
    assert sum((tmp_path / FOLDER / name).stat().st_size for name in kept) <= MAX_BYTES


def test_one_screenshot_larger_than_the_ring_is_still_the_latest(tmp_path):
    keep_screenshot(tmp_path, bytes(MAX_BYTES + 1), at=START, reason="out of order")
    assert ring(tmp_path) == [f"{TODAY}_09-00-00 out of order.png"]
    assert (tmp_path / FOLDER / LATEST).stat().st_size == MAX_BYTES + 1
