"""Every touch, click and key on the kiosk window, seen before the screens.

It tells the idle watch and the staff panel (through its signals, which the
kiosk's state connects), and it takes the touch that wakes a sleeping screen
or cancels the "are you still there?" countdown, so that touch does not also
press whatever button lay under the finger.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QInputDevice

PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
OTHER_INPUT = (QEvent.Type.KeyPress, QEvent.Type.TouchUpdate, QEvent.Type.Wheel)


class InputWatch(QObject):
    """An event filter for the kiosk window; `hidden` says whether the screens
    are hidden (asleep, or behind the idle question) so input only reveals them."""

    # A touch, click or key while the screens were hidden: taken, it reaches nothing else.
    revealed = Signal()
    # A press of its own (not one Qt made from a touch) at (x, y) on a window of (width, height).
    pressed = Signal(float, float, float, float)
    # Any touch, click, key, wheel or drag that reached the screens.
    used = Signal()

    def __init__(self, hidden: Callable[[], bool], parent: QObject | None = None):
        super().__init__(parent)
        self._hidden = hidden

    def eventFilter(self, window: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (kind in PRESSES or kind == QEvent.Type.KeyPress) and self._hidden():
            self.revealed.emit()
            event.accept()  # or Qt would synthesize a mouse press from the touch
            return True
        if kind in PRESSES and self._is_own_press(event):
            point = event.points()[0].position()
            self.pressed.emit(point.x(), point.y(), window.width(), window.height())
        # A pointer merely hovering is no visitor (a touchscreen has no hover);
        # dragging is.
        dragging = kind == QEvent.Type.MouseMove and bool(event.buttons())  # a button is held
        if kind in PRESSES or kind in OTHER_INPUT or dragging:
            self.used.emit()
        return False

    @staticmethod
    def _is_own_press(event: QEvent) -> bool:
        """False for a mouse press Qt made from a touch: that tap was counted already."""
        if event.type() == QEvent.Type.TouchBegin:
            return True
        return event.pointingDevice().type() == QInputDevice.DeviceType.Mouse
