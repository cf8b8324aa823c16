"""Tells staff when the content's dated facts are due to be checked again.

Visitors always see when a status or the count was last checked. Staff are
told when that is longer ago than `content.review_after_days`: in the staff
menu's status, and in the log once a day for as long as any fact is aged.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.core.model import KioskConfig
from kiosk.core.review import aged_facts, describe_aged

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000  # the day changes at most once between two looks


class FactReview(QObject):
    def __init__(
        self,
        config: Callable[[], KioskConfig | None],
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._config = config  # the settings on screen, None while there are none
        self._now = now
        self._logged_on: dt.date | None = None
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.log_once_a_day)

    def start(self) -> None:
        self.log_once_a_day()
        self._timer.start()

    def lines(self) -> list[str]:
        """For the staff menu: one line per aged fact."""
        config = self._config()
        if config is None:
            return []
        today = self._now().date()
        return [f"Due for review: {describe_aged(fact, today)}." for fact in self._aged(config, today)]

    def log_once_a_day(self) -> None:
        config = self._config()
        today = self._now().date()
        if config is None or self._logged_on == today:
            return
        aged = self._aged(config, today)
        if aged:
            self._logged_on = today
            for fact in aged:
                log.warning("content due for review: %s", describe_aged(fact, today))

    @staticmethod
    def _aged(config: KioskConfig, today: dt.date):
        return aged_facts(config.content, today, config.review_after_days)
