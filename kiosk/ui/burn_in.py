"""Burn-in protection: nothing stays on the same pixels for long.

A kiosk shows the same title and buttons for weeks; on an OLED or plasma
panel that would leave a ghost image. The whole scene moves by a few pixels
along a small ring, one step every half of `burn_in.max_static_s`, so no
pixel shows the same thing for longer than that. Visitors do not notice a
3-pixel step every few minutes.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "KioskBackend"
QML_IMPORT_MAJOR_VERSION = 1

STEP_PX = 3
# Around a small square: every step moves by STEP_PX at least, in x or y.
RING = (
    (0, 0), (STEP_PX, 0), (STEP_PX, STEP_PX), (0, STEP_PX),
    (-STEP_PX, STEP_PX), (-STEP_PX, 0), (-STEP_PX, -STEP_PX), (0, -STEP_PX), (STEP_PX, -STEP_PX),
)


@QmlElement
@QmlUncreatable("The burn-in shift is made by the kiosk, not by QML.")
class BurnInShift(QObject):
    offsetChanged = Signal()

    def __init__(self, state, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state
        self._step = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._next)
        state.configChanged.connect(self._restart)
        self._restart()

    @Property(int, notify=offsetChanged)
    def x(self) -> int:
        return RING[self._step][0]

    @Property(int, notify=offsetChanged)
    def y(self) -> int:
        return RING[self._step][1]

    def _restart(self) -> None:
        self._timer.start(round(self._state.config.burn_in_max_static_s * 1000 / 2))

    def _next(self) -> None:
        self._step = (self._step + 1) % len(RING)
        self.offsetChanged.emit()
