"""Lockdown: a passer-by has no way out of the kiosk window.

`Lockdown` filters the events of one window: keys that could close, switch
or disturb it never reach the QML, nor do right clicks, scrolling or trackpad
gestures; close requests (Alt+F4 in the window manager, a taskbar's close
button) are refused; and the window goes back to full screen and takes the
focus back whenever something takes them away.

It cannot stop what never reaches the program: the X server's own keys
(Ctrl+Alt+Backspace, Ctrl+Alt+F1 to switch consoles) and the window
manager's (openbox's window menu on Alt+Space stays open over the kiosk) are
switched off in the system's configuration, not here. What the window
manager does to the window (minimize, show the desktop, another virtual
desktop, leave full screen) the lockdown undoes.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtQuick import QQuickWindow

# `Qt`, the namespace of enums, is imported where a key, a click or a window
# state needs it: PySide6 builds all its enums at its first import, and the
# first frame must not wait for them (docs/performance.md).

log = logging.getLogger(__name__)


@cache
def _key_rules():
    """The only keys that reach the kiosk, and the modifiers that make any key
    a shortcut; made at the first key."""
    from PySide6.QtCore import Qt

    # With no modifier but Shift: what a visitor's keyboard or switch device
    # needs to move between the controls and press them (Tab, Shift+Tab,
    # arrows, Enter, Space), and digits and Backspace for a staff PIN pad. An
    # allow-list rather than a block-list, so a key nobody thought of (Escape,
    # F1-F12, Close, Quit, Back, Menu, whatever a platform binds to
    # QKeySequence.Close or Quit) is swallowed too.
    allowed = frozenset(
        {
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Space,
            Qt.Key.Key_Backspace,
            *(Qt.Key(Qt.Key.Key_0 + digit) for digit in range(10)),
        }
    )
    # Held with any key, these make it a shortcut: Alt+F4, Alt+Tab, Ctrl+Q, Ctrl+W...
    shortcut = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
    return allowed, shortcut


KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})
BUTTON_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
    }
)
# Right-click menus, scrolling and trackpad pinch or rotation: nothing in the
# kiosk uses them. A long press on the touch screen needs nothing here: Qt
# Quick opens no context menu by itself, and the QML has no TextEdit,
# TextInput or selectable text to select. Nor does pinching the touch screen:
# no PinchHandler, PinchArea or zooming Flickable in the QML.
SWALLOWED_EVENTS = frozenset(
    {QEvent.Type.ContextMenu, QEvent.Type.Wheel, QEvent.Type.NativeGesture}
)

# Wait this long before taking full screen or the focus back, so the kiosk
# and a window manager (or another program) never fight in a tight loop.
REGAIN_DELAY_MS = 300
# At most one log line per kind of event this often; repeats are counted.
LOG_INTERVAL_MS = 2000


def is_allowed_key(event: QKeyEvent) -> bool:
    allowed, shortcut = _key_rules()
    return event.key() in allowed and not event.modifiers() & shortcut


class _RateLimitedLog:
    """Logs a message at once, then at most once per LOG_INTERVAL_MS with the
    number of repeats in between, so a visitor hammering Alt+F4 cannot flood
    the log but no repeat goes unmentioned."""

    def __init__(self, message: str, parent: QObject):
        self._message = message
        self._repeats = 0
        self._quiet = QTimer(parent)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(LOG_INTERVAL_MS)
        self._quiet.timeout.connect(self._report_repeats)

    def note(self) -> None:
        if self._quiet.isActive():
            self._repeats += 1
            return
        log.info(self._message)
        self._quiet.start()

    def _report_repeats(self) -> None:
        if self._repeats:
            seconds = self._quiet.interval() / 1000
            log.info("%s (%d more in the last %g s)", self._message, self._repeats, seconds)
            self._repeats = 0
            self._quiet.start()


class Lockdown(QObject):
    """Locks one kiosk window until `release()`.

    A child of the window, so it lives exactly as long as the window; every
    window the kiosk shows gets its own. With `fullscreen=False` (a window on
    a laptop) only keys, pointer and close requests are locked.

    A window the kiosk hides itself (to replace it) is left alone and may
    close; one it shows beside a locked window would have to fight it for the
    focus. Qt 6's QGuiApplication.quit() asks every window to close, so a
    locked window refuses it too: release() first, or exit() the event loop.
    """

    def __init__(self, window: QQuickWindow, *, fullscreen: bool = True):
        super().__init__(window)
        self._window = window
        self._fullscreen = fullscreen
        self._locked = True
        self._unexposed = False  # unmapped by the window manager, not by the kiosk
        self._closes = _RateLimitedLog("refused a request to close the kiosk window", self)
        window.installEventFilter(self)
        if fullscreen:
            self._fullscreen_log = _RateLimitedLog(
                "the kiosk window was not full screen: made it full screen again", self
            )
            self._shown_again_log = _RateLimitedLog(
                "the window manager had hidden the kiosk window: showed it again", self
            )
            self._focus_log = _RateLimitedLog(
                "the kiosk window did not have the focus: raised it and asked for the focus", self
            )
            self._regain_timer = QTimer(self)
            self._regain_timer.setSingleShot(True)
            self._regain_timer.setInterval(REGAIN_DELAY_MS)
            self._regain_timer.timeout.connect(self._regain)
            # Not windowStateChanged: it comes before visibility() says the new state.
            window.visibilityChanged.connect(self._schedule_regain)
            window.activeChanged.connect(self._schedule_regain)
            # The window may also start without the focus (no window manager gives it).
            self._schedule_regain()

    @property
    def locked(self) -> bool:
        return self._locked

    def release(self) -> None:
        """Lift the lockdown: from now on the window may close and leave full screen."""
        if not self._locked:
            return
        self._locked = False
        self._window.removeEventFilter(self)
        if self._fullscreen:
            self._window.visibilityChanged.disconnect(self._schedule_regain)
            self._window.activeChanged.disconnect(self._schedule_regain)
            self._regain_timer.stop()
        log.info("lockdown released")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in KEY_EVENTS:
            return not is_allowed_key(event)
        if kind in BUTTON_EVENTS:
            from PySide6.QtCore import Qt

            return event.button() != Qt.MouseButton.LeftButton
        if kind == QEvent.Type.Expose and self._fullscreen:
            self._unexposed = not self._window.isExposed()
            if self._unexposed:
                self._schedule_regain()
            return False
        if kind == QEvent.Type.Close and self._window.isVisible():
            # Ignored, a close event keeps the window open. A hidden window is
            # the kiosk's own business (replaced by another one): it may close.
            event.ignore()
            self._closes.note()
            return True
        return kind in SWALLOWED_EVENTS

    def _schedule_regain(self) -> None:
        if not self._has_something_to_regain():
            # Dropped, not left to fire: a regain pending from an earlier
            # change would come sooner than the delay after the next loss.
            self._regain_timer.stop()
        elif not self._regain_timer.isActive():
            # Not restarted while pending: a burst of changes still ends in one regain.
            self._regain_timer.start()

    def _has_something_to_regain(self) -> bool:
        window = self._window
        return not window.isActive() or self._unexposed or not self._is_full_screen()

    def _is_full_screen(self) -> bool:
        # The visibility, not windowState(): this runs before the first frame,
        # and windowState()'s flags would build `Qt` (see the imports).
        return self._window.visibility() == QWindow.Visibility.FullScreen  # shown, not minimized

    def _regain(self) -> None:
        window = self._window
        if not window.isVisible():
            return  # the kiosk hid it itself (replaced or quitting): not ours to undo
        took_back = False
        if not self._is_full_screen():
            window.showFullScreen()
            self._fullscreen_log.note()
            took_back = True
        elif self._unexposed:
            # Unmapped without being minimized ("show desktop", another virtual
            # desktop): Qt does not activate an unmapped window, so map it
            # anew and the window manager takes it in on the current desktop.
            window.hide()
            window.showFullScreen()
            self._shown_again_log.note()
            took_back = True
        if not window.isActive():
            window.raise_()
            window.requestActivate()
            self._focus_log.note()
            took_back = True
        if took_back:
            # The window manager may be slow or refuse: look again after the delay.
            self._regain_timer.start()
