"""Engagement statistics: scripted visits on the real QML, counted into a real
SQLite file, which must hold the visit's counts and nothing finer."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF

from kiosk.core.model import IdleSettings, KioskConfig
from kiosk.runtime.stats import METRICS, StatsRecorder, length_bucket
from kiosk.ui.shell.app import KioskUi, load_ui
from kiosk.ui.state import Clocks
from tests.ui.conftest import LANDSCAPE
from tests.ui.helpers import find, is_shown, swipe, tap

pytestmark = pytest.mark.slow

HOUR = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}")
SWIPE_Y = 400.0


class FakeMonotonic:
    """A monotonic clock the test sets, so a session's length is known exactly."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclasses.dataclass(repr=False)
class CountedKiosk:
    ui: KioskUi
    recorder: StatsRecorder
    database: Path
    clock: FakeMonotonic
    closed: bool = False


@pytest.fixture
def counted_kiosk(kiosk_app, qtbot, config, tmp_path) -> Iterator[Callable[..., CountedKiosk]]:
    """The kiosk with statistics into tmp_path; idle on the test's clock, with a
    short spell (so its timer looks at the clock often) unless told."""
    made: list[CountedKiosk] = []

    def make(idle: IdleSettings = IdleSettings(timeout_s=0.5, warning_s=1)) -> CountedKiosk:
        database = tmp_path / f"stats-{len(made)}.sqlite"
        recorder = StatsRecorder(database, keep_days=config.stats.keep_days, flush_interval_s=0.05)
        clock = FakeMonotonic()
        ui = load_ui(
            dataclasses.replace(config, idle=idle),
            size=LANDSCAPE,
            animated=False,
            clocks=Clocks(monotonic=clock),
            recorder=recorder,
        )
        ui.window.show()
        qtbot.waitExposed(ui.window)
        made.append(CountedKiosk(ui, recorder, database, clock))
        return made[-1]

    yield make
    for kiosk in made:
        close(kiosk)


def close(kiosk: CountedKiosk) -> None:
    """The kiosk gone, then the recorder flushed: nothing more can be counted."""
    if kiosk.closed:
        return
    kiosk.closed = True
    kiosk.ui.window.close()
    kiosk.ui.engine.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    kiosk.recorder.close()


def stored_counts(kiosk: CountedKiosk) -> Counter[tuple[str, str]]:
    """Close the kiosk and read back (metric, key) -> count, summed over the hours,
    after checking the file could hold nothing but hourly counts."""
    close(kiosk)
    with closing(sqlite3.connect(kiosk.database)) as db:
        objects = db.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
        assert objects == [("table", "counts")]
        columns = [(name, kind) for _, name, kind, *_ in db.execute("PRAGMA table_info(counts)")]
        assert columns == [("hour", "TEXT"), ("metric", "TEXT"), ("key", "TEXT"), ("count", "INTEGER")]
        rows = db.execute("SELECT hour, metric, key, count FROM counts").fetchall()
    totals: Counter[tuple[str, str]] = Counter()
    for hour, metric, key, count in rows:
        assert HOUR.fullmatch(hour), f"{hour!r} is finer (or other) than an hour"
        assert metric in METRICS
        totals[metric, key] += count
    return totals


def start(qtbot, kiosk: CountedKiosk) -> None:
    tap(qtbot, kiosk.ui.window, find(kiosk.ui.window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(kiosk.ui.window, "overviewScreen"))


def tap_and_wait(qtbot, kiosk: CountedKiosk, name: str, until: Callable[[], bool]) -> None:
    tap(qtbot, kiosk.ui.window, find(kiosk.ui.window, name))
    qtbot.waitUntil(until)


def shown_person(kiosk: CountedKiosk) -> str:
    return kiosk.ui.state.config.content.people[kiosk.ui.state.personIndex].id


def read_for(qtbot, kiosk: CountedKiosk, seconds: float) -> None:
    """A visitor reading, touching now and then so the kiosk never goes idle."""
    for _ in range(round(seconds / 0.25)):
        tap(qtbot, kiosk.ui.window, find(kiosk.ui.window, "personName"))
        qtbot.wait(250)


def walk_away(qtbot, kiosk: CountedKiosk, visit_s: float) -> None:
    """The visitor leaves: on the kiosk's clock the quiet spell and the
    question's countdown pass, and the visit lasted `visit_s` by that clock.
    With the fixture's short spell the idle watch's timer looks at the clock
    at least once a second, so each step shows within the wait."""
    warning_s = kiosk.ui.state.config.idle.warning_s
    kiosk.clock.now += visit_s - warning_s
    qtbot.waitUntil(lambda: is_shown(kiosk.ui.window, "idleOverlay"), timeout=5000)
    kiosk.clock.now += warning_s
    qtbot.waitUntil(lambda: is_shown(kiosk.ui.window, "attractScreen"), timeout=5000)


def test_a_visit_is_counted_exactly_and_only_by_the_hour(qtbot, counted_kiosk, config: KioskConfig):
    kiosk = counted_kiosk()
    window = kiosk.ui.window
    ales, valiantsin, uladzimir, marfa = (person.id for person in config.content.people)
    assert [bool(person.link) for person in config.content.people] == [False, False, True, False]

    start(qtbot, kiosk)
    tap_and_wait(qtbot, kiosk, "language_en", lambda: kiosk.ui.state.language == "en")
    tap_and_wait(qtbot, kiosk, "personCard0", lambda: is_shown(window, "personScreen"))
    tap_and_wait(qtbot, kiosk, "nextButton", lambda: shown_person(kiosk) == valiantsin)
    swipe(window, QPointF(1400, SWIPE_Y), QPointF(700, SWIPE_Y))
    qtbot.waitUntil(lambda: shown_person(kiosk) == uladzimir)
    # A glimpse of Labkovich's own QR code, then on to the next person at once.
    tap_and_wait(qtbot, kiosk, "nextButton", lambda: shown_person(kiosk) == marfa)
    swipe(window, QPointF(700, SWIPE_Y), QPointF(1400, SWIPE_Y))
    qtbot.waitUntil(lambda: shown_person(kiosk) == uladzimir)
    read_for(qtbot, kiosk, 3.5)  # now his code (and the campaign's) had time to be scanned
    tap_and_wait(qtbot, kiosk, "backButton", lambda: is_shown(window, "overviewScreen"))
    tap_and_wait(qtbot, kiosk, "personCard0", lambda: shown_person(kiosk) == ales)
    walk_away(qtbot, kiosk, 95)
    assert kiosk.ui.state.language == "sv"  # the reset to the default: no visitor's choice
    qtbot.wait(300)  # the recorder's flush interval, and any stray count

    assert stored_counts(kiosk) == Counter({
        ("sessions", ""): 1,
        ("session_length", length_bucket(95)): 1,
        ("person_opened", ales): 2,
        ("person_opened", valiantsin): 1,
        ("person_opened", uladzimir): 2,
        ("person_opened", marfa): 1,
        ("language_chosen", "en"): 1,
        ("qr_viewed", "campaign"): 1,
        ("qr_viewed", uladzimir): 1,
    })


def test_two_visitors_in_a_row_are_two_sessions(qtbot, counted_kiosk):
    kiosk = counted_kiosk()
    state = kiosk.ui.state
    for visitor in range(2):
        start(qtbot, kiosk)
        # Each finds both display modes off: the first one's choice went with them.
        assert not state.largerText and not state.highContrast
        tap_and_wait(qtbot, kiosk, "language_en", lambda: state.language == "en")
        tap_and_wait(qtbot, kiosk, "largerTextButton", lambda: state.largerText)
        if visitor == 0:
            tap_and_wait(qtbot, kiosk, "highContrastButton", lambda: state.highContrast)
            # Turning a mode off again is no further use of it.
            tap_and_wait(qtbot, kiosk, "highContrastButton", lambda: not state.highContrast)
        walk_away(qtbot, kiosk, 20)

    # Each left before a QR code had been up for 3 seconds.
    assert stored_counts(kiosk) == Counter({
        ("sessions", ""): 2,
        ("session_length", length_bucket(20)): 2,
        ("language_chosen", "en"): 2,
        ("mode_used", "larger_text"): 2,
        ("mode_used", "high_contrast"): 1,
    })


def test_a_kiosk_nobody_starts_counts_nothing(qtbot, counted_kiosk):
    kiosk = counted_kiosk()
    qtbot.wait(3500)  # longer than a QR code needs
    assert is_shown(kiosk.ui.window, "attractScreen")
    assert stored_counts(kiosk) == Counter()


def test_new_content_on_a_person_s_page_is_no_new_opening(qtbot, counted_kiosk, config: KioskConfig):
    kiosk = counted_kiosk(IdleSettings(timeout_s=60, warning_s=15))
    start(qtbot, kiosk)
    tap_and_wait(qtbot, kiosk, "personCard2", lambda: is_shown(kiosk.ui.window, "personScreen"))
    # The staff reword a bio while the visitor reads: the same page stays open.
    kiosk.ui.state.apply_config(config)
    qtbot.wait(100)

    assert stored_counts(kiosk) == Counter({
        ("sessions", ""): 1,
        ("person_opened", "uladzimir-labkovich"): 1,
    })


def test_switched_off_in_the_config_nothing_is_counted(qtbot, counted_kiosk):
    kiosk = counted_kiosk()
    now = kiosk.ui.state.config
    off = dataclasses.replace(now, stats=dataclasses.replace(now.stats, enabled=False))
    kiosk.ui.state.apply_config(off)  # as a live reload of `stats.enabled: false` does
    start(qtbot, kiosk)
    tap_and_wait(qtbot, kiosk, "personCard1", lambda: is_shown(kiosk.ui.window, "personScreen"))
    tap_and_wait(qtbot, kiosk, "language_en", lambda: kiosk.ui.state.language == "en")
    walk_away(qtbot, kiosk, 20)
    assert stored_counts(kiosk) == Counter()
