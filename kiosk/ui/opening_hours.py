"""Opening hours: outside them the screen sleeps (black) until touched.

A touch wakes it for `schedule.wake_s` seconds, e.g. for a guard's round or a
late visitor; then it sleeps again. The clock is injected so tests can move
through a week in a moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.schedule import next_look, sleeps

if TYPE_CHECKING:
    from kiosk.core.schedule import OpeningHours

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

# Look at the clock at least this often (see core.schedule.next_look).
MAX_WAIT = dt.timedelta(minutes=1)


@QmlElement
@QmlUncreatable("The opening hours are watched by the kiosk, not by QML.")
class SleepWatch(QObject):
    """Asleep outside `hours()` (None: always open); `on_sleep` is called as
    the screen goes to sleep; `clock` gives local wall time."""

    asleepChanged = Signal()

    def __init__(
        self,
        hours: Callable[[], OpeningHours | None],
        *,
        on_sleep: Callable[[], None],
        clock: Callable[[], dt.datetime],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._hours = hours
        self._on_sleep = on_sleep
        self._clock = clock
        self._asleep = False
        self._woken_until: dt.datetime | None = None  # a touch woke it until then
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    @Property(bool, notify=asleepChanged)
    def asleep(self) -> bool:
        return self._asleep

    def wake(self) -> None:
        """A touch on the sleeping screen: show the kiosk for a while."""
        hours = self._hours()
        if not self._asleep or hours is None:
            return
        self._woken_until = self._clock() + dt.timedelta(seconds=hours.wake_s)
        self.refresh()

    def refresh(self) -> None:
        """Sleep or wake by the clock, and look again when that may change."""
        now = self._clock()
        hours = self._hours()
        if hours is None:
            self._set_asleep(False)
            self._timer.stop()
            return
        if self._woken_until is not None and now >= self._woken_until:
            self._woken_until = None  # over for good, even if the clock is set back
        self._set_asleep(sleeps(hours, now, self._woken_until))
        wait = next_look(hours, now, self._woken_until, max_wait=MAX_WAIT) - now
        self._timer.start(max(0, round(wait.total_seconds() * 1000)))

    def _set_asleep(self, asleep: bool) -> None:
        if asleep == self._asleep:
            return
        self._asleep = asleep
        if asleep:
            self._on_sleep()  # the morning's first visitor starts fresh
        self.asleepChanged.emit()
