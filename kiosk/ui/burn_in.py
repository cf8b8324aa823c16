"""Burn-in protection: nothing stays on the same pixels for long.

A kiosk shows the same title and buttons for weeks; on an OLED or plasma
panel that would leave a ghost image. The whole scene moves by a few pixels
along a small ring (kiosk.core.burn_in), so no pixel shows the same thing for
longer than `burn_in.max_static_s`. Visitors do not notice a 3-pixel step
every few minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.core.burn_in import burn_in_offset, step_interval_ms

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("The burn-in shift is made by the kiosk, not by QML.")
class BurnInShift(QObject):
    """The scene's offset, one step further every time; `max_static_s` gives
    the setting (read again at each restart)."""

    offsetChanged = Signal()

    def __init__(self, max_static_s: Callable[[], float], parent: QObject | None = None):
        super().__init__(parent)
        self._max_static_s = max_static_s
        self._step = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._next)
        self.restart()

    @Property(int, notify=offsetChanged)
    def x(self) -> int:
        return burn_in_offset(self._step)[0]

    @Property(int, notify=offsetChanged)
    def y(self) -> int:
        return burn_in_offset(self._step)[1]

    def restart(self) -> None:
        """Step at the pace of the current setting."""
        self._timer.start(step_interval_ms(self._max_static_s()))

    def _next(self) -> None:
        self._step += 1
        self.offsetChanged.emit()
