"""Lockdown in-process: keys, clicks, gestures and close requests on the real
kiosk window, and full screen and focus taken back (offscreen platform)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QKeySequence,
    QNativeGestureEvent,
    QPointingDevice,
    QWheelEvent,
    QWindow,
)
from PySide6.QtTest import QTest

from kiosk.ui.shell import lockdown as lockdown_module
from kiosk.ui.shell.app import KioskUi
from kiosk.ui.shell.lockdown import REGAIN_DELAY_MS, Lockdown
from tests.ui.helpers import center, find, tap

pytestmark = pytest.mark.slow

Key = Qt.Key
Mod = Qt.KeyboardModifier
NO_MOD = Mod.NoModifier
# The offscreen platform cannot raise a window and warns when asked; the
# real raise is tested on X (tests/test_lockdown_x11.py).
OFFSCREEN_CANNOT_RAISE = pytest.mark.qt_log_ignore("This plugin does not support raise")


def press(window: QWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """Press and release `key` with its modifiers, as a keyboard would. No
    text: QTest.keyClick warns for keys without one (Close, Exit)."""
    QTest.sendKeyEvent(QTest.KeyAction.Click, window, key, "", modifiers)


class Probe(QObject):
    """Records the events that reach the object it is installed on."""

    def __init__(self, watched: QObject):
        super().__init__()
        self.types: list[QEvent.Type] = []
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []
        self.buttons: list[Qt.MouseButton] = []
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        self.types.append(event.type())
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.keys.append((event.key(), event.modifiers()))
        elif event.type() == QEvent.Type.MouseButtonPress:
            self.buttons.append(event.button())
        return False


@pytest.fixture
def window_probe(kiosk: KioskUi) -> Probe:
    """What the window receives after the lockdown: installed before it, so
    the lockdown (installed last) filters first."""
    return Probe(kiosk.window)


@pytest.fixture
def scene_probe(kiosk: KioskUi) -> Probe:
    """Keys that reach the QML scene: its root item gets every key no item in
    it takes, and is the focus item itself while nothing else has the focus."""
    return Probe(kiosk.window.contentItem())


@pytest.fixture
def lock(kiosk: KioskUi, window_probe: Probe, scene_probe: Probe) -> Iterator[Lockdown]:
    """The lockdown of `kiosk run --windowed`: keys, pointer and close only."""
    lockdown = Lockdown(kiosk.window, fullscreen=False)
    yield lockdown
    lockdown.release()  # or the fixture could not close the window


@pytest.fixture
def full_lock(kiosk: KioskUi) -> Iterator[Lockdown]:
    """The full lockdown of `kiosk run`, on a window shown full screen."""
    kiosk.window.showFullScreen()
    kiosk.window.requestActivate()
    lockdown = Lockdown(kiosk.window)
    yield lockdown
    lockdown.release()


@pytest.fixture
def other_window(qtbot) -> Iterator[QWindow]:
    """Another program's window popping up over the kiosk."""
    window = QWindow()
    window.resize(400, 300)
    yield window
    window.destroy()


BLOCKED_KEYS = [
    pytest.param(Key.Key_Escape, NO_MOD, id="Escape"),
    pytest.param(Key.Key_F1, NO_MOD, id="F1"),
    pytest.param(Key.Key_F4, NO_MOD, id="F4"),
    pytest.param(Key.Key_F11, NO_MOD, id="F11"),
    pytest.param(Key.Key_F12, NO_MOD, id="F12"),
    pytest.param(Key.Key_F4, Mod.AltModifier, id="Alt+F4"),
    pytest.param(Key.Key_Q, Mod.ControlModifier, id="Ctrl+Q"),
    pytest.param(Key.Key_W, Mod.ControlModifier, id="Ctrl+W"),
    pytest.param(Key.Key_Tab, Mod.AltModifier, id="Alt+Tab"),
    pytest.param(Key.Key_Tab, Mod.ControlModifier, id="Ctrl+Tab"),
    pytest.param(Key.Key_Space, Mod.AltModifier, id="Alt+Space"),
    pytest.param(Key.Key_Return, Mod.AltModifier, id="Alt+Return"),
    pytest.param(Key.Key_1, Mod.ControlModifier, id="Ctrl+1"),
    pytest.param(Key.Key_Delete, Mod.ControlModifier | Mod.AltModifier, id="Ctrl+Alt+Delete"),
    pytest.param(Key.Key_F2, Mod.ControlModifier | Mod.AltModifier, id="Ctrl+Alt+F2"),
    pytest.param(Key.Key_Meta, NO_MOD, id="Meta"),
    pytest.param(Key.Key_Super_L, NO_MOD, id="Super"),
    pytest.param(Key.Key_D, Mod.MetaModifier, id="Meta+D"),
    pytest.param(Key.Key_Left, Mod.MetaModifier, id="Meta+Left"),
    pytest.param(Key.Key_F10, Mod.ShiftModifier, id="Shift+F10"),
    pytest.param(Key.Key_Close, NO_MOD, id="Close"),
    pytest.param(Key.Key_Exit, NO_MOD, id="Exit"),
    pytest.param(Key.Key_Back, NO_MOD, id="Back"),
    pytest.param(Key.Key_Menu, NO_MOD, id="Menu"),
    pytest.param(Key.Key_A, NO_MOD, id="A"),
]

ALLOWED_KEYS = [
    pytest.param(Key.Key_Tab, NO_MOD, id="Tab"),
    pytest.param(Key.Key_Backtab, Mod.ShiftModifier, id="Shift+Tab"),
    pytest.param(Key.Key_Left, NO_MOD, id="Left"),
    pytest.param(Key.Key_Right, NO_MOD, id="Right"),
    pytest.param(Key.Key_Up, NO_MOD, id="Up"),
    pytest.param(Key.Key_Down, NO_MOD, id="Down"),
    pytest.param(Key.Key_Enter, Mod.KeypadModifier, id="Enter"),
    pytest.param(Key.Key_Return, NO_MOD, id="Return"),
    pytest.param(Key.Key_Space, NO_MOD, id="Space"),
    pytest.param(Key.Key_0, NO_MOD, id="0"),
    pytest.param(Key.Key_7, Mod.KeypadModifier, id="keypad-7"),
    pytest.param(Key.Key_9, NO_MOD, id="9"),
    pytest.param(Key.Key_Backspace, NO_MOD, id="Backspace"),
]


@pytest.mark.parametrize(("key", "modifiers"), BLOCKED_KEYS)
def test_a_key_that_could_leave_the_kiosk_never_reaches_the_screens(
    kiosk, lock, scene_probe, window_probe, key, modifiers
):
    kiosk.state.show("overview")
    press(kiosk.window, key, modifiers)
    assert scene_probe.keys == []
    assert window_probe.keys == []
    assert kiosk.window.isVisible()
    assert kiosk.state.screen == "overview"


@pytest.mark.parametrize(("key", "modifiers"), ALLOWED_KEYS)
def test_a_navigation_key_reaches_the_screens(kiosk, lock, scene_probe, key, modifiers):
    press(kiosk.window, key, modifiers)
    assert (key, modifiers) in scene_probe.keys


def test_tab_and_space_press_a_person_card(qtbot, kiosk, lock):
    kiosk.state.show("overview")
    QTest.keyClick(kiosk.window, Key.Key_Tab)
    focused = kiosk.window.activeFocusItem()
    assert focused.objectName() == "personCard0"
    QTest.keyClick(kiosk.window, Key.Key_Space)
    qtbot.waitUntil(lambda: kiosk.state.screen == "person")
    assert kiosk.state.personIndex == 0


def test_every_close_and_quit_shortcut_of_the_platform_is_swallowed(kiosk, lock, scene_probe):
    bindings = [
        sequence[0]
        for standard in (QKeySequence.StandardKey.Close, QKeySequence.StandardKey.Quit)
        for sequence in QKeySequence.keyBindings(standard)
    ]
    assert bindings, "the platform binds no key to Close or Quit: nothing tested"
    for combination in bindings:
        press(kiosk.window, combination.key(), combination.keyboardModifiers())
    assert scene_probe.keys == []
    assert kiosk.window.isVisible()


def test_a_close_request_is_refused_until_the_lockdown_is_released(
    qtbot, kiosk, lock, window_probe, caplog
):
    caplog.set_level(logging.INFO, logger=lockdown_module.__name__)
    with qtbot.assertNotEmitted(QGuiApplication.instance().lastWindowClosed):
        assert kiosk.window.close() is False
        QTest.qWait(50)
    assert kiosk.window.isVisible()
    assert QEvent.Type.Close not in window_probe.types
    assert "refused a request to close the kiosk window" in caplog.messages

    lock.release()
    assert not lock.locked
    assert kiosk.window.close() is True
    assert not kiosk.window.isVisible()


def test_repeated_close_requests_are_logged_once_then_counted(
    qtbot, kiosk, monkeypatch, caplog
):
    caplog.set_level(logging.INFO, logger=lockdown_module.__name__)
    monkeypatch.setattr(lockdown_module, "LOG_INTERVAL_MS", 200)
    lockdown = Lockdown(kiosk.window, fullscreen=False)
    try:
        for _ in range(5):
            kiosk.window.close()
        assert caplog.messages == ["refused a request to close the kiosk window"]
        qtbot.waitUntil(lambda: len(caplog.messages) == 2, timeout=2000)
        assert caplog.messages[1] == (
            "refused a request to close the kiosk window (4 more in the last 0.2 s)"
        )
    finally:
        lockdown.release()


@pytest.mark.parametrize("button", [Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton])
def test_only_a_left_click_opens_a_person(qtbot, kiosk, lock, window_probe, button):
    kiosk.state.show("overview")
    card = find(kiosk.window, "personCard1")
    qtbot.mouseClick(kiosk.window, button, pos=center(kiosk.window, card))
    QTest.qWait(50)
    assert kiosk.state.screen == "overview"
    assert window_probe.buttons == []

    tap(qtbot, kiosk.window, card)
    qtbot.waitUntil(lambda: kiosk.state.screen == "person")
    assert kiosk.state.personIndex == 1


def _context_menu() -> QEvent:
    position = QPoint(500, 500)
    return QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, position, Qt.KeyboardModifier.NoModifier
    )


def _wheel() -> QEvent:
    position = QPointF(500, 500)
    return QWheelEvent(
        position, position, QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )


def _pinch_zoom() -> QEvent:
    position = QPointF(500, 500)
    return QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(),
        2, position, position, position, 0.5, QPointF(0, 0),
    )


def _rotation() -> QEvent:
    position = QPointF(500, 500)
    return QNativeGestureEvent(
        Qt.NativeGestureType.RotateNativeGesture, QPointingDevice.primaryPointingDevice(),
        2, position, position, position, 45.0, QPointF(0, 0),
    )


@pytest.mark.parametrize("make_event", [_context_menu, _wheel, _pinch_zoom, _rotation])
def test_menus_scrolling_and_trackpad_gestures_are_swallowed(
    kiosk, lock, window_probe, make_event: Callable[[], QEvent]
):
    event = make_event()
    assert lock.eventFilter(kiosk.window, event) is True
    QCoreApplication.sendEvent(kiosk.window, event)
    assert event.type() not in window_probe.types


@OFFSCREEN_CANNOT_RAISE
@pytest.mark.parametrize("leave", ["showNormal", "showMaximized", "showMinimized"])
def test_the_window_goes_back_to_full_screen(qtbot, kiosk, full_lock, caplog, leave):
    caplog.set_level(logging.INFO, logger=lockdown_module.__name__)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.windowState() == Qt.WindowState.WindowFullScreen)
    getattr(window, leave)()
    assert window.windowState() != Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: window.windowState() == Qt.WindowState.WindowFullScreen, timeout=3000)
    assert window.isVisible()
    assert "the kiosk window was not full screen: made it full screen again" in caplog.messages


@OFFSCREEN_CANNOT_RAISE
def test_the_window_takes_the_focus_back_after_a_pause(qtbot, kiosk, full_lock, other_window, caplog):
    caplog.set_level(logging.INFO, logger=lockdown_module.__name__)
    window = kiosk.window
    qtbot.waitUntil(window.isActive)
    # When the focus went and came back, taken as the window says so (not when
    # the test gets round to looking: on a busy machine that can be much later).
    changes: list[tuple[bool, float]] = []
    window.activeChanged.connect(lambda: changes.append((window.isActive(), time.monotonic())))
    other_window.show()
    other_window.requestActivate()
    qtbot.waitUntil(other_window.isActive)
    qtbot.waitUntil(window.isActive, timeout=3000)
    lost = next(at for active, at in changes if not active)
    regained = next(at for active, at in changes if active and at >= lost)
    # Not at once: a window that insists on the focus must not start a tight loop.
    assert regained - lost >= 0.8 * REGAIN_DELAY_MS / 1000
    assert (
        "the kiosk window did not have the focus: raised it and asked for the focus"
        in caplog.messages
    )


def test_a_windowed_lockdown_leaves_state_and_focus_alone(qtbot, kiosk, lock, other_window):
    window = kiosk.window
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    other_window.show()
    other_window.requestActivate()
    qtbot.waitUntil(other_window.isActive)
    window.showMaximized()
    QTest.qWait(3 * REGAIN_DELAY_MS)
    assert not window.isActive()
    assert window.windowState() == Qt.WindowState.WindowMaximized


@OFFSCREEN_CANNOT_RAISE
def test_a_window_the_kiosk_hides_itself_stays_hidden_and_may_close(qtbot, kiosk, full_lock):
    window = kiosk.window
    qtbot.waitUntil(window.isActive)
    window.hide()  # as when the kiosk replaces it with another window
    QTest.qWait(3 * REGAIN_DELAY_MS)
    assert not window.isVisible()
    assert window.close() is True


@OFFSCREEN_CANNOT_RAISE
def test_released_the_window_leaves_full_screen_and_closes(qtbot, kiosk, full_lock):
    window = kiosk.window
    qtbot.waitUntil(lambda: window.windowState() == Qt.WindowState.WindowFullScreen)
    full_lock.release()
    window.showNormal()
    QTest.qWait(3 * REGAIN_DELAY_MS)
    assert window.windowState() == Qt.WindowState.WindowNoState
    assert window.close() is True
