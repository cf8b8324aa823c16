"""Idle reset: the next visitor never inherits the last one's screen or language.

Untouched for `idle.timeout_s` on any screen but the first, the kiosk asks
whether anyone is still there and counts down `idle.warning_s` seconds; a
touch cancels that, the end of the countdown starts over for the next visitor.
The decisions are kiosk.core.idle's; this watch keeps the times, looks at its
clock when something may be due, and tells QML.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.i18n import counted_text, ui_text
from kiosk.core.idle import IdleStep, idle_step, next_look_s, seconds_left

if TYPE_CHECKING:
    from kiosk.core.model import KioskConfig

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("The idle watch is made by the kiosk, not by QML.")
class IdleWatch(QObject):
    """Counts the quiet time of the visitor screens; QML shows the warning.

    `config` and `language` give the current settings and texts' language;
    `on_first_screen` says where idle leads (nothing to count there);
    `staff_busy` whether staff have their panel open; `reset` starts over for
    the next visitor; `clock` is monotonic, in seconds.
    """

    warningChanged = Signal()
    secondsLeftChanged = Signal()

    def __init__(
        self,
        config: Callable[[], KioskConfig],
        language: Callable[[], str],
        *,
        on_first_screen: Callable[[], bool],
        staff_busy: Callable[[], bool],
        reset: Callable[[], None],
        clock: Callable[[], float],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._config = config
        self._language = language
        self._on_first_screen = on_first_screen
        self._staff_busy = staff_busy
        self._reset = reset
        self._clock = clock
        self._quiet_since: float | None = None  # None: on the first screen
        self._asked_at: float | None = None  # None: not asking
        self._warning = False  # the question as QML shows it
        self._seconds_left = 0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.refresh)

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(str, notify=secondsLeftChanged)
    def countdownText(self) -> str:
        return counted_text(self._config().content, self._language(), "idle_countdown", self._seconds_left)

    @Property(str, notify=warningChanged)
    def question(self) -> str:
        return self._text("idle_question")

    @Property(str, notify=warningChanged)
    def continueHint(self) -> str:
        return self._text("idle_continue")

    def activity(self) -> None:
        """A touch, a key or a new screen: the visitor is still here."""
        self._quiet_since = None if self._on_first_screen() else self._clock()
        self._asked_at = None
        self.refresh()

    def warn(self) -> None:
        """Ask now whether anyone is there: the end of a quiet spell (or a preview)."""
        self._quiet_since = self._clock() - self._config().idle.timeout_s
        self._asked_at = None  # a whole countdown, even if one was running
        self.refresh()

    def refresh(self) -> None:
        """Look at the clock: ask, count down or start over as due, and look
        again when what is shown may change."""
        now = self._clock()
        settings = self._config().idle
        step = idle_step(settings, now, self._quiet_since, self._asked_at, staff_busy=self._staff_busy())
        if step is IdleStep.POSTPONE:
            self._quiet_since = now
        elif step is IdleStep.ASK:
            self._asked_at = now
        elif step is IdleStep.RESET:
            self._quiet_since = self._asked_at = None
        if self._asked_at is not None:
            self._set_seconds_left(seconds_left(settings, now, self._asked_at))
        self._set_warning(self._asked_at is not None)
        wait = next_look_s(settings, now, self._quiet_since, self._asked_at)
        if wait is None:
            self._timer.stop()
        else:
            self._timer.start(math.ceil(wait * 1000))
        if step is IdleStep.RESET:
            self._reset()

    def retranslate(self) -> None:
        """The language or the texts changed: so do the question and countdown."""
        self.warningChanged.emit()
        self.secondsLeftChanged.emit()

    def _set_seconds_left(self, seconds: int) -> None:
        if seconds != self._seconds_left:
            self._seconds_left = seconds
            self.secondsLeftChanged.emit()

    def _set_warning(self, warning: bool) -> None:
        if warning != self._warning:
            self._warning = warning
            self.warningChanged.emit()

    def _text(self, key: str, **values: str) -> str:
        return ui_text(self._config().content, self._language(), key, **values)
