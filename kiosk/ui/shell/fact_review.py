"""Tells staff when the content's dated facts are due to be checked again,
and when the showing is over.

Visitors always see when a status or the count was last checked. Staff are
told when that is longer ago than `content.review_after_days`, and when the
showing's last day has passed (visitors still read that the installation
stands here on those days): in the staff menu's status, and in the log once
a day for as long as either is so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.core.model import KioskConfig
from kiosk.core.review import aged_facts, describe_aged, describe_showing_over, showing_over

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
        """For the staff menu: one line per aged fact, and one if the showing is over."""
        config = self._config()
        if config is None:
            return []
        return [menu_line for menu_line, _ in self._notices(config, self._now().date())]

    def log_once_a_day(self) -> None:
        config = self._config()
        today = self._now().date()
        if config is None or self._logged_on == today:
            return
        notices = self._notices(config, today)
        if notices:
            self._logged_on = today
            for _, log_line in notices:
                log.warning("%s", log_line)

    @staticmethod
    def _notices(config: KioskConfig, today: dt.date) -> list[tuple[str, str]]:
        """What staff are told today, each as the staff menu's line and the log's."""
        notices = []
        for fact in aged_facts(config.content, today, config.review_after_days):
            described = describe_aged(fact, today)
            notices.append((f"Due for review: {described}.", f"content due for review: {described}"))
        if showing_over(config.showing, today):
            described = describe_showing_over(config.showing)
            notices.append((f"Showing over: {described}.", f"showing over: {described}"))
        return notices
