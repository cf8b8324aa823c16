"""Keeps a kiosk on the screen whatever happens to its settings.

At start it loads the staff's config; if that is broken it runs on the last
copy that loaded well (kept in the state folder), and with neither it shows
a calm "temporarily out of order" screen instead of crashing in a loop. While
running it watches the files: a valid change is shown at once, keeping the
visitor where they are; a broken one is logged and listed in the staff menu,
and visitors go on seeing the last good content.

Which settings to show, and the books kept about them, are the
SettingsKeeper's (settings_keeper.py, no Qt); here are the windows, their
lockdown, systemd's watchdog and staff's exit to the desktop.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.core.out_of_order import OUT_OF_ORDER
from kiosk.core.pin import LockRecord
from kiosk.core.theme import PALETTES
from kiosk.runtime.display import TURN_ENV
from kiosk.runtime.heap import settle_after_start
from kiosk.runtime.logs import RecentProblems
from kiosk.runtime.notify import SystemdNotifier, watchdog_interval_s
from kiosk.runtime.pin_lock import load_pin_lock, save_pin_lock
from kiosk.runtime.service import STAFF_EXIT_CODE
from kiosk.runtime.stats import DATABASE_NAME, StatsRecorder
from kiosk.ui.shell.app import QML_IMPORT_DIR, KioskUi, load_ui
from kiosk.ui.shell.config_watch import ConfigWatch
from kiosk.ui.shell.fact_review import FactReview
from kiosk.ui.shell.health_watch import HealthWatch
from kiosk.ui.shell.lockdown import Lockdown
from kiosk.ui.shell.offline import refuse_network
from kiosk.ui.shell.settings_keeper import Read, SettingsKeeper
from kiosk.ui.portraits import PortraitCopies
from kiosk.ui.staff import START_SHUT_S
from kiosk.ui.state import Clocks

if TYPE_CHECKING:
    from kiosk.ui.shell.display_control import DisplayControl

log = logging.getLogger(__name__)

PORTRAIT_COPIES = "portraits"  # in the state folder
# A reload's reading and checking gets this long on its thread; then it is
# abandoned (the files are bounded in size and work: only a sick disk or
# machine gets near it).
RELOAD_LIMIT_S = 10


@dataclass(repr=False)
class OutOfOrderUi:
    engine: QQmlApplicationEngine
    window: QQuickWindow


def load_out_of_order(size: QSize, *, frameless: bool = False) -> OutOfOrderUi:
    engine = QQmlApplicationEngine()
    refuse_network(engine)
    engine.addImportPath(str(QML_IMPORT_DIR))
    engine.setInitialProperties({
        "lines": [{"code": code, "text": text} for code, text in OUT_OF_ORDER],
        "colors": dict(PALETTES["dark"]),
        "frameless": frameless,
    })
    engine.loadFromModule("Kiosk", "OutOfOrder")
    window = engine.rootObjects()[0]
    window.resize(size)
    return OutOfOrderUi(engine, window)


def hide_the_cursor() -> None:
    """Over every window of the kiosk. Called once its first frame is shown:
    `Qt`, PySide6's namespace of enums, is built at its first import, which
    the first frame must not wait for (docs/performance.md)."""
    from PySide6.QtCore import Qt

    if QGuiApplication.overrideCursor() is None:
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))


class Supervisor(QObject):
    """Shows what the SettingsKeeper decides: the kiosk's window or the out of
    order one, locked down, with systemd's watchdog fed and staff's way out."""

    # A window just shown (the kiosk's, out of order) drew its first frame.
    firstFrameShown = Signal(QQuickWindow)  # noqa: N815 (named as Qt's own signals)
    _settings_read = Signal(int, object)  # from a reload's thread: its number, the Read

    def __init__(
        self,
        config_path: Path,
        state_dir: Path,
        *,
        windowed: bool = False,
        size: QSize | None = None,
        animated: bool = True,
        clocks: Clocks = Clocks(),
        problems: RecentProblems | None = None,
        notifier: SystemdNotifier | None = None,
        pin_shut_s: float = START_SHUT_S,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._state_dir = state_dir
        self._windowed = windowed
        self._size = size
        self._animated = animated
        self._clocks = clocks
        self._notifier = notifier
        self._pin_shut_until = clocks.monotonic() + pin_shut_s  # the PIN pad stays shut after a start
        self._pin_lock_kept = True  # False once the state folder refused it: said once
        self.ui: KioskUi | None = None
        self.display: DisplayControl | None = None  # the panel's turn and power, on Wayland
        self.out_of_order: OutOfOrderUi | None = None
        self._lockdown: Lockdown | None = None
        self._recorder: StatsRecorder | None = None  # made when the kiosk first shows, if stats are on
        self._portraits: PortraitCopies | None = None  # made with the kiosk's window
        self._review = FactReview(lambda: self.ui.state.config if self.ui else None, now=clocks.now, parent=self)
        self.settings = SettingsKeeper(
            config_path, state_dir, today=lambda: clocks.now().date(), problems=problems,
            more_status=self._review.lines,
        )
        self._watch = ConfigWatch(self)
        self._watch.changed.connect(self.reload)
        self._settings_read.connect(self._show_read)
        self._reload_limit = QTimer(self, singleShot=True)
        self._reload_limit.timeout.connect(self._abandon_reload)
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(self._tell_systemd_alive)
        self.health = HealthWatch(state_dir, clocks=clocks, notifier=notifier, parent=self)  # for `kiosk status`

    # --- start and reload -----------------------------------------------

    def start(self) -> None:
        config = self.settings.starting_settings()
        if config is None:
            self._show_out_of_order()
        else:
            self._show_kiosk(config)
        self._watch_files()
        self._report_health()
        self._review.start()
        interval = watchdog_interval_s()
        if self._notifier and interval:
            self._watchdog.start(round(interval * 1000))

    def reload(self) -> None:
        """Read the staff's files again, on a thread of its own (the screen
        keeps drawing, whatever the files); show them if they are valid."""
        if self.settings.reload(self._deliver_read):
            self._reload_limit.start(round(RELOAD_LIMIT_S * 1000))

    def _deliver_read(self, number: int, read: Read) -> None:
        # On the reload's thread.
        try:
            self._settings_read.emit(number, read)  # queued to the UI thread
        except RuntimeError:  # the supervisor is gone (the kiosk stopped): nobody waits for it
            pass

    def _show_read(self, number: int, read: Read) -> None:
        if not self.settings.is_current(number):
            return  # abandoned
        self._reload_limit.stop()
        config = self.settings.take_reload(read)
        if config is not None:
            if self.ui is None:
                self._show_kiosk(config)
            else:
                # A new mounting (size, height) is applied at once: it only moves controls.
                old_screen = self.ui.state.config.screen
                if replace(config.screen, mounting=old_screen.mounting) != old_screen:
                    log.warning("the new screen settings (orientation, resolution, monitor, panel turn) take effect "
                                "when the kiosk next starts")
                self.ui.state.apply_config(config)
                self._portraits.keep_only(person.portrait for person in config.content.people)
            # After showing it: the old copy may be what the screen was showing.
            self.settings.keep_copy(config)
            log.info("new settings and content shown (%s)", self.settings.config_path)
        self._reload_over()

    def _abandon_reload(self) -> None:
        self.settings.abandon_reload(RELOAD_LIMIT_S)
        self._reload_over()

    def _reload_over(self) -> None:
        read_again = self.settings.reload_over()
        self._watch_files()
        self._report_health()
        if self.ui is not None:
            self.ui.state.staff.refresh_status()
        if read_again:
            self.reload()

    def shutdown(self) -> None:
        """After the event loop: finish the copy being made (or make the one
        still owed: no frame was shown), write the last counts to disk."""
        self.health.screenshots.stop()  # its windows go next
        if self.display is not None:
            self.display.finish()  # its command under way goes next, with the supervisor
        self.settings.shutdown()
        if self._portraits is not None:
            self._portraits.shutdown()
        if self._recorder is not None:
            self._recorder.close()

    def stopped_while_starting(self) -> None:
        """A stop signal before the first frame (on the signals' thread): no crash."""
        self.settings.stopped_while_starting()

    # --- helpers --------------------------------------------------------

    def _report_health(self) -> None:
        """What the screen shows now, for `kiosk status` and systemd's status line."""
        self.health.shown(self.ui, out_of_order=self.out_of_order is not None, on_copy=self.settings.on_copy,
                          problems=self.settings.problems, window=self.out_of_order and self.out_of_order.window)

    def _save_pin_lock(self, record: LockRecord) -> None:
        try:
            save_pin_lock(self._state_dir, record.to_plain())
        except OSError as error:
            if self._pin_lock_kept:
                self._pin_lock_kept = False
                log.warning(
                    "cannot keep the PIN pad's lock in %s (%s): after a restart it counts wrong PINs afresh",
                    self._state_dir, error.strerror or error,
                )
        else:
            self._pin_lock_kept = True

    def _watch_files(self) -> None:
        self._watch.watch(self.settings.files_to_watch(self.ui.state.config.sources if self.ui else ()))

    def _show_kiosk(self, config: KioskConfig) -> None:
        size = self._size or QSize(config.screen.width, config.screen.height)
        if config.stats.enabled and self._recorder is None:
            self._recorder = StatsRecorder(self._state_dir / DATABASE_NAME, keep_days=config.stats.keep_days)
        if self._portraits is None:
            self._portraits = PortraitCopies(self._state_dir / PORTRAIT_COPIES, self._screen_size(size, config), self)
        self._portraits.keep_only(person.portrait for person in config.content.people)
        self.ui = load_ui(
            config,
            size=size,
            animated=self._animated,
            clocks=self._clocks,
            recorder=self._recorder,
            portraits=self._portraits,
            staff_status=self.settings.status_lines,
            frameless=not self._windowed,
        )
        staff = self.ui.state.staff
        staff.keep_lock(
            LockRecord.from_plain(load_pin_lock(self._state_dir)),
            self._save_pin_lock,
            wall=lambda: self._clocks.now().timestamp(),
            shut_until=self._pin_shut_until,
        )
        staff.reloadRequested.connect(self.reload)
        staff.exitRequested.connect(self._exit_to_desktop)
        if not self._windowed and QGuiApplication.platformName() == "wayland":  # cage, on a kiosk PC
            from kiosk.ui.shell.display_control import DisplayControl  # here: only a kiosk PC needs it

            self.display = DisplayControl(self.ui.state.sleep, config, turn=os.environ.get(TURN_ENV), parent=self)
        self._present(self.ui.window, config.screen.index, config.screen.hide_cursor)
        if self.out_of_order is not None:
            old, self.out_of_order = self.out_of_order, None
            old.window.hide()  # hidden first, so its lockdown lets it go
            old.window.close()
            old.engine.deleteLater()

    def _screen_size(self, size: QSize, config: KioskConfig) -> QSize:
        """The size the kiosk is shown at: full screen may be larger than configured."""
        if self._windowed:
            return size
        screens = QGuiApplication.screens()
        screen = screens[min(config.screen.index, len(screens) - 1)].size()
        return size.expandedTo(screen)

    def _show_out_of_order(self) -> None:
        self.out_of_order = load_out_of_order(self._size or QSize(1920, 1080), frameless=not self._windowed)
        self._present(self.out_of_order.window, 0, hide_cursor=True)

    def _present(self, window: QQuickWindow, screen_index: int, hide_cursor: bool) -> None:
        def first_frame() -> None:
            window.frameSwapped.disconnect(first_frame)
            self._first_frame(window, hide_cursor=hide_cursor and not self._windowed)

        window.frameSwapped.connect(first_frame)
        self._lockdown = Lockdown(window, fullscreen=not self._windowed)
        if self._windowed:
            window.show()
            return
        screens = QGuiApplication.screens()
        screen = screens[min(screen_index, len(screens) - 1)]
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()

    def _first_frame(self, window: QQuickWindow, *, hide_cursor: bool) -> None:
        settle_after_start()
        log.info("first frame shown at %dx%d", window.width(), window.height())  # for people reading the log
        self.firstFrameShown.emit(window)
        self.settings.first_frame_shown()
        self.health.started(window)
        if self._notifier:
            self._notifier.ready()
        if hide_cursor:
            hide_the_cursor()

    def _tell_systemd_alive(self) -> None:
        # From a timer on the UI thread: if the screen freezes, these stop and systemd restarts us.
        self._notifier.watchdog()

    def _exit_to_desktop(self) -> None:
        log.info("staff chose 'exit to the desktop'")
        if self._lockdown is not None:
            self._lockdown.release()
        QGuiApplication.exit(STAFF_EXIT_CODE)
