"""Every touch, click and key on the kiosk window, seen before the screens.

It keeps the idle watch and the staff panel informed, and it takes the touch
that wakes a sleeping screen or cancels the "are you still there?" countdown,
so that touch does not also press whatever button lay under the finger.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputDevice

PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
OTHER_INPUT = (QEvent.Type.KeyPress, QEvent.Type.TouchUpdate, QEvent.Type.Wheel)


class InputWatch(QObject):
    def __init__(self, state, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state

    def eventFilter(self, window: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in PRESSES or kind == QEvent.Type.KeyPress:
            if self._state.sleep.asleep or self._state.idle.warning:
                self._state.sleep.wake()
                self._state.idle.activity()
                event.accept()  # or Qt would synthesize a mouse press from the touch
                return True
        if kind in PRESSES and self._is_own_press(event):
            point = event.points()[0].position()
            self._state.staff.corner_tap(point.x(), point.y(), window.width(), window.height())
        # A pointer merely hovering is no visitor (a touchscreen has no hover);
        # dragging is.
        dragging = kind == QEvent.Type.MouseMove and event.buttons() != Qt.MouseButton.NoButton
        if kind in PRESSES or kind in OTHER_INPUT or dragging:
            self._state.idle.activity()
            self._state.staff.touched()
        return False

    @staticmethod
    def _is_own_press(event: QEvent) -> bool:
        """False for a mouse press Qt made from a touch: that tap was counted already."""
        if event.type() == QEvent.Type.TouchBegin:
            return True
        return event.pointingDevice().type() == QInputDevice.DeviceType.Mouse
