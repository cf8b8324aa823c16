"""Engagement statistics: what visitors do, counted, never who or in what order.

The counter watches the kiosk's state and hands bare counts to the recorder
(which keeps them per hour): a session started, how long it lasted (a coarse
bucket), which person's page was opened, which language was picked, which QR
code stayed on screen long enough to be scanned. No touch positions, no
visitor ids and no sequences are ever passed on, so no visitor's path can be
traced from what is stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.runtime.stats import length_bucket

if TYPE_CHECKING:
    from kiosk.runtime.stats import StatsRecorder
    from kiosk.ui.state import KioskState

# A QR code on screen this long has had its chance to be scanned; a glimpse
# while passing through does not count.
QR_VIEWED_AFTER_S = 3.0


class _WhileEnabled:
    """The recorder, silent while the config says `stats.enabled: false`
    (read at every count, so switching it off takes effect at once)."""

    def __init__(self, state: KioskState, recorder: StatsRecorder):
        self._state = state
        self._recorder = recorder

    def record(self, metric: str, key: str = "") -> None:
        if self._state.config.stats.enabled:
            self._recorder.record(metric, key)


class _QrPanel(QObject):
    """One QR panel: counted once it has shown the same code long enough."""

    def __init__(self, recorder: _WhileEnabled, parent: QObject):
        super().__init__(parent)
        self._recorder = recorder
        self._key: str | None = None  # what the shown code is counted as; None: not shown
        self._timer = QTimer(self, singleShot=True, interval=round(QR_VIEWED_AFTER_S * 1000))
        self._timer.timeout.connect(self._viewed)

    def show(self, key: str | None) -> None:
        """Now showing the code counted as `key` (None: hidden)."""
        if key == self._key:
            return  # the same code still on screen: its time runs on
        self._key = key
        if key is None:
            self._timer.stop()
        else:
            self._timer.start()

    def _viewed(self) -> None:
        self._recorder.record("qr_viewed", self._key)


class VisitCounter(QObject):
    """Counts each visit's engagement into `recorder`, watching `state`.

    A session runs from the visitor leaving the first screen to the kiosk
    returning to it (idle reset, or sleep outside opening hours); `clock`
    measures its length.
    """

    def __init__(
        self,
        state: KioskState,
        recorder: StatsRecorder,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._state = state
        self._recorder = _WhileEnabled(state, recorder)
        self._clock = clock
        self._session_start: float | None = None  # None: nobody is using the kiosk
        self._person_shown: str | None = None  # id of the person whose page is on screen
        self._campaign_qr = _QrPanel(self._recorder, self)
        self._person_qr = _QrPanel(self._recorder, self)
        state.screenChanged.connect(self._update)
        state.personIndexChanged.connect(self._update)  # also on new content
        state.languageChosen.connect(self._language_chosen)
        state.modeChosen.connect(self._mode_chosen)
        self._update()

    def _update(self) -> None:
        """Compare what is on screen now with before, and count what is new."""
        visiting = self._state.screen != "attract"
        if visiting and self._session_start is None:
            self._session_start = self._clock()
            self._recorder.record("sessions")
        elif not visiting and self._session_start is not None:
            length = self._clock() - self._session_start
            self._session_start = None
            self._recorder.record("session_length", length_bucket(length))

        on_person = self._state.screen == "person"
        person = self._state.config.content.people[self._state.personIndex] if on_person else None
        person_id = person.id if person else None
        # New content keeping the same person on screen is no new opening.
        if person_id != self._person_shown:
            self._person_shown = person_id
            if person_id is not None:
                self._recorder.record("person_opened", person_id)

        # The campaign code is in the bottom bar on every screen but the first.
        self._campaign_qr.show("campaign" if visiting else None)
        self._person_qr.show(person_id if person and person.link else None)

    def _language_chosen(self, code: str) -> None:
        self._recorder.record("language_chosen", code)

    def _mode_chosen(self, mode: str) -> None:
        self._recorder.record("mode_used", mode)
