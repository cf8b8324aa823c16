"""The kiosk keeps screenshots of what visitors see (kiosk/runtime/screenshots.py
says where): every few minutes and whenever the screen changes between the
kiosk, the 'out of order' page and the night.

The grab itself (QQuickWindow.grabWindow) renders the scene once more on the
UI thread: about 11 ms at 1920x1080 with the software scene graph, most of a
frame. So it waits for a moment when the window draws nothing (no animation
running: no frame for IDLE_MS); a window that never rests (the first screen
breathing) is grabbed right after a frame, when the next one is furthest
away. Encoding the PNG (about 0.3 s) and writing it happen on a chore thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.core.model import DEFAULT_SCREENSHOT_EVERY_S
from kiosk.runtime.screenshots import keep_screenshot
from kiosk.ui.state import Clocks

IDLE_MS = 250  # no frame for this long: nothing is moving
MOST_WAIT_MS = 5000  # then grab after a frame anyway

INTERVAL = "interval"  # the reason of a screenshot taken on time, not for a change


class ScreenshotTaker(QObject):
    """Takes screenshots of one window at a time into `state_dir`, writing
    them with `writer` (a one-thread chore pool); a file that cannot be
    written goes to `failed` (on the writer's thread)."""

    def __init__(
        self,
        state_dir: Path,
        *,
        writer: Executor,
        failed: Callable[[OSError], None],
        clocks: Clocks = Clocks(),
        every_s: float = DEFAULT_SCREENSHOT_EVERY_S,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._state_dir = state_dir
        self._writer = writer
        self._failed = failed
        self._clocks = clocks
        self._window: QQuickWindow | None = None
        self._reason: str | None = None  # a screenshot is due, and why
        self._waiting = QElapsedTimer()
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self._grab)
        self._interval = QTimer(self)
        self._interval.timeout.connect(lambda: self.take(INTERVAL))
        self.set_interval(every_s)

    def set_interval(self, every_s: float) -> None:
        interval_ms = round(every_s * 1000)
        if interval_ms != self._interval.interval() or not self._interval.isActive():
            self._interval.start(interval_ms)

    def watch(self, window: QQuickWindow | None) -> None:
        """The window visitors see now."""
        if window is self._window:
            return
        if self._shown() is not None:
            self._window.frameSwapped.disconnect(self._frame_swapped)
        self._window = window
        if window is not None:
            window.frameSwapped.connect(self._frame_swapped)

    def _shown(self) -> QQuickWindow | None:
        """The window watched, unless Qt has deleted it since (a window
        replaced, or closed at exit, before the taker was told)."""
        if self._window is not None and not shiboken6.isValid(self._window):
            self._window = None
        return self._window

    @property
    def pending(self) -> bool:
        """A screenshot is due and not yet taken."""
        return self._reason is not None

    def stop(self) -> None:
        """No more screenshots (the kiosk exits)."""
        self._interval.stop()
        self._idle.stop()
        self._reason = None
        self.watch(None)

    def take(self, reason: str) -> None:
        """A screenshot soon, at the window's next quiet moment. A change of
        screen is the better reason than the interval when both are due."""
        if self._reason is None:
            self._waiting.start()
        if self._reason in (None, INTERVAL):
            self._reason = reason
        self._idle.start()

    def _frame_swapped(self) -> None:
        if self._reason is None:
            return
        if self._waiting.elapsed() >= MOST_WAIT_MS:
            self._grab()  # never quiet: now, just after a frame
        else:
            self._idle.start()  # something moves: wait for it to end

    def _grab(self) -> None:
        self._idle.stop()
        reason, self._reason = self._reason, None
        window = self._shown()
        if reason is None or window is None or not window.isExposed():
            return
        image = window.grabWindow()
        if not image.isNull():
            self._writer.submit(self._keep, image, self._clocks.now(), reason)

    def _keep(self, image: QImage, at, reason: str) -> None:
        # On the writer thread: a QImage may be used there once handed over.
        png = QByteArray()
        buffer = QBuffer(png)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        try:
            keep_screenshot(self._state_dir, png.data(), at=at, reason=reason)
        except OSError as error:
            self._failed(error)
