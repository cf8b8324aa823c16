"""Idle reset: the next visitor never inherits the last one's screen or language.

Untouched for `idle.timeout_s` on any screen but the first, the kiosk asks
whether anyone is still there and counts down `idle.warning_s` seconds; a
touch cancels that, the end of the countdown starts over for the next visitor.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.i18n import counted_text, ui_text

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

COUNTDOWN_TICK_MS = 250  # fine enough that the shown seconds never lag by one


@QmlElement
@QmlUncreatable("The idle watch is made by the kiosk, not by QML.")
class IdleWatch(QObject):
    """Counts the quiet time of the visitor screens; QML shows the warning."""

    warningChanged = Signal()
    secondsLeftChanged = Signal()

    def __init__(self, state, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state  # the KioskState this watch resets
        self._warning = False
        self._deadline = 0.0
        self._seconds_left = 0
        self._quiet = QTimer(self, singleShot=True)
        self._quiet.timeout.connect(self.warn)
        self._countdown = QTimer(self, interval=COUNTDOWN_TICK_MS)
        self._countdown.timeout.connect(self._tick)
        state.screenChanged.connect(self.activity)
        state.languageChanged.connect(self._texts_changed)

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(str, notify=secondsLeftChanged)
    def countdownText(self) -> str:
        return counted_text(self._state.config.content, self._state.language, "idle_countdown", self._seconds_left)

    @Property(str, notify=warningChanged)
    def question(self) -> str:
        return self._text("idle_question")

    @Property(str, notify=warningChanged)
    def continueHint(self) -> str:
        return self._text("idle_continue")

    def activity(self) -> None:
        """A touch, a key or a new screen: the visitor is still here."""
        self._countdown.stop()
        self._set_warning(False)
        if self._state.screen == "attract":
            self._quiet.stop()  # the first screen is where idle leads; nothing to reset
        else:
            self._quiet.start(round(self._state.config.idle.timeout_s * 1000))

    def warn(self) -> None:
        """Ask now whether anyone is there: the end of a quiet spell (or a preview)."""
        if self._state.staff.panel:
            self.activity()  # staff at work; their panel closes by itself first
            return
        self._deadline = time.monotonic() + self._state.config.idle.warning_s
        self._update_seconds_left()
        self._set_warning(True)
        self._countdown.start()

    def _tick(self) -> None:
        self._update_seconds_left()
        if time.monotonic() >= self._deadline:
            self._countdown.stop()
            self._set_warning(False)
            self._state.reset_for_next_visitor()

    def _update_seconds_left(self) -> None:
        seconds = max(0, math.ceil(self._deadline - time.monotonic()))
        if seconds != self._seconds_left:
            self._seconds_left = seconds
            self.secondsLeftChanged.emit()

    def _set_warning(self, warning: bool) -> None:
        if warning != self._warning:
            self._warning = warning
            self.warningChanged.emit()

    def _texts_changed(self) -> None:
        self.warningChanged.emit()
        self.secondsLeftChanged.emit()

    def _text(self, key: str, **values: str) -> str:
        return ui_text(self._state.config.content, self._state.language, key, **values)
