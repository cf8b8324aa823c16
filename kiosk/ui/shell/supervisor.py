"""Keeps a kiosk on the screen whatever happens to its settings.

At start it loads the staff's config; if that is broken it runs on the last
copy that loaded well (kept in the state folder), and with neither it shows
a calm "temporarily out of order" screen instead of crashing in a loop. While
running it watches the files: a valid change is shown at once, keeping the
visitor where they are; a broken one is logged and listed in the staff menu,
and visitors go on seeing the last good content.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.core.out_of_order import OUT_OF_ORDER
from kiosk.core.pin import LockRecord
from kiosk.core.theme import PALETTES
from kiosk.runtime.background import chore_pool
from kiosk.runtime.crash_guard import CrashGuard, Start, what_to_read
from kiosk.runtime.heap import settle_after_start
from kiosk.runtime.last_good import last_good_entry, save_last_good
from kiosk.runtime.logs import RecentProblems
from kiosk.runtime.notify import SystemdNotifier, watchdog_interval_s
from kiosk.runtime.pin_lock import load_pin_lock, save_pin_lock
from kiosk.runtime.remembered import Remembered, dataclasses_in, fingerprint, recall, remember
from kiosk.runtime.service import STAFF_EXIT_CODE
from kiosk.runtime.stats import DATABASE_NAME, StatsRecorder
from kiosk.ui.shell.app import PACKAGE_DIR, QML_IMPORT_DIR, KioskUi, load_ui
from kiosk.ui.shell.config_watch import ConfigWatch
from kiosk.ui.shell.fact_review import FactReview
from kiosk.ui.shell.health_watch import HealthWatch
from kiosk.ui.shell.lockdown import Lockdown
from kiosk.ui.shell.offline import refuse_network
from kiosk.ui.portraits import PortraitCopies
from kiosk.ui.staff import START_SHUT_S
from kiosk.ui.state import Clocks

if TYPE_CHECKING:
    from kiosk.config import ConfigError, LoadedConfig

log = logging.getLogger(__name__)

STATUS_PROBLEMS = 10  # lines of each kind in the staff menu; the log has them all
PORTRAIT_COPIES = "portraits"  # in the state folder
# The code that turns the staff's files into settings: remembered settings
# are read again when it changes (kiosk/runtime/remembered.py).
SETTINGS_CODE = (PACKAGE_DIR / "config", PACKAGE_DIR / "core")
# A reload's reading and checking gets this long on its thread; then it is
# abandoned (the files are bounded in size and work: only a sick disk or
# machine gets near it).
RELOAD_LIMIT_S = 10


def settings_types() -> tuple[type, ...]:
    """The classes remembered settings are made of (and the only ones made again)."""
    from kiosk.core import accessibility, model, numbers, schedule

    return dataclasses_in(model, schedule, accessibility, numbers)


@dataclass(frozen=True)
class Read:
    """What reading and checking the settings gave: the settings (and their
    fingerprint, right after reading, if they are to be remembered), or the problems."""

    loaded: LoadedConfig | None
    error: ConfigError | None
    taken: str | None = None


def read_settings(path: Path, today: dt.date, *, remembered: bool) -> Read:
    """Read and check the settings at `path`; on any thread."""
    # Here, not at the top: a start on remembered settings does without (60 ms).
    from kiosk.config import ConfigError, load_config

    try:
        # A date after today is more likely a wrong clock than a wrong file: shown, with a warning.
        loaded = load_config(path, today=today, future_dates_are_errors=False)
    except ConfigError as error:
        return Read(None, error)
    if not remembered:
        return Read(loaded, None)
    try:
        return Read(loaded, None, fingerprint(loaded.config.sources, code=SETTINGS_CODE, today=today))
    except OSError:  # a file went while it was read: read them again next time
        return Read(loaded, None)


@dataclass(repr=False)
class OutOfOrderUi:
    engine: QQmlApplicationEngine
    window: QQuickWindow


def load_out_of_order(size: QSize) -> OutOfOrderUi:
    engine = QQmlApplicationEngine()
    refuse_network(engine)
    engine.addImportPath(str(QML_IMPORT_DIR))
    engine.setInitialProperties(
        {"lines": [{"code": code, "text": text} for code, text in OUT_OF_ORDER], "colors": dict(PALETTES["dark"])}
    )
    engine.loadFromModule("Kiosk", "OutOfOrder")
    window = engine.rootObjects()[0]
    window.resize(size)
    return OutOfOrderUi(engine, window)


class Supervisor(QObject):
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
        self._config_path = Path(os.path.abspath(config_path))
        self._state_dir = state_dir
        self._windowed = windowed
        self._size = size
        self._animated = animated
        self._clocks = clocks
        self._problems = problems
        self._notifier = notifier
        self._pin_shut_until = clocks.monotonic() + pin_shut_s  # the PIN pad stays shut after a start
        self._pin_lock_kept = True  # False once the state folder refused it: said once
        self.ui: KioskUi | None = None
        self.out_of_order: OutOfOrderUi | None = None
        self._lockdown: Lockdown | None = None
        self._recorder: StatsRecorder | None = None  # made when the kiosk first shows, if stats are on
        self._portraits: PortraitCopies | None = None  # made with the kiosk's window
        self._on_copy = False  # running on the last good copy, not the staff's files
        self._guard = CrashGuard(state_dir)
        self._guarded = ""  # why this start left the staff's files aside, for staff
        self._config_problems: list[str] = []
        self._problem_files: set[Path] = set()  # where the staff's files went wrong
        # One at a time, in the order the good settings came.
        self._copier = chore_pool("last-good copy")
        self._copy_when_shown: KioskConfig | None = None  # the settings started on
        self._warnings: tuple[str, ...] = ()  # of the staff's settings last read,
        self._fingerprint: str | None = None  # and what they were read from (None: not to remember)
        self._watch = ConfigWatch(self)
        self._watch.changed.connect(self.reload)
        self._reads = 0  # reloads started; a read whose number is behind is ignored
        self._reading = False  # a reload's thread is reading the files
        self._read_again = False  # they changed (or staff asked) meanwhile
        self._settings_read.connect(self._show_read)
        self._reload_limit = QTimer(self, singleShot=True)
        self._reload_limit.timeout.connect(self._abandon_reload)
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(self._tell_systemd_alive)
        self._review = FactReview(lambda: self.ui.state.config if self.ui else None, now=clocks.now, parent=self)
        self.health = HealthWatch(state_dir, clocks=clocks, notifier=notifier, parent=self)  # for `kiosk status`

    # --- start and reload -----------------------------------------------

    def start(self) -> None:
        staff_files = self._staff_files_fingerprint()
        deaths = self._guard.deaths(staff_files)
        reads = what_to_read(deaths)
        self._guard.begin(staff_files, deaths)
        if reads is not Start.STAFF_FILES:
            self._guarded = (
                f"The kiosk stopped {deaths} times in a row while starting on or reloading the settings in "
                f"{self._config_path} (a crash, or the watchdog): it {reads.value} until they change."
            )
            log.error("%s", self._guarded)
        config = (self._recall() or self._load(self._config_path)) if reads is Start.STAFF_FILES else None
        if config is None and reads is not Start.OUT_OF_ORDER:
            copy = last_good_entry(self._state_dir)
            config = self._load(copy) if copy else None
            if config is not None:
                self._on_copy = True
                if reads is Start.STAFF_FILES:
                    log.error(
                        "THE SETTINGS IN %s HAVE ERRORS (listed above): the kiosk runs on the last good copy (%s) "
                        "until they are fixed",
                        self._config_path,
                        copy,
                    )
        if config is None:
            log.error("no usable settings and no good copy of earlier ones: showing 'out of order' until %s is fixed",
                      self._config_path)
            self._show_out_of_order()
        else:
            self._show_kiosk(config)
            if not self._on_copy:
                # Once the kiosk is on the screen: comparing large portraits
                # with the copy takes the processor for a while.
                self._copy_when_shown = config
        self._watch_files()
        self._report_health()
        self._review.start()
        interval = watchdog_interval_s()
        if self._notifier and interval:
            self._watchdog.start(round(interval * 1000))

    def reload(self) -> None:
        """Read the staff's files again, on a thread of its own (the screen
        keeps drawing, whatever the files); show them if they are valid."""
        if self._reading:
            self._read_again = True
            return
        self._reading, self._read_again = True, False
        self._reads += 1
        self._guard.begin(self._staff_files_fingerprint())
        threading.Thread(
            target=self._read_in_background, args=(self._reads, self._today()), name="reading the settings",
            daemon=True,  # an abandoned read must not hold up the kiosk's exit
        ).start()
        self._reload_limit.start(round(RELOAD_LIMIT_S * 1000))

    def _read_in_background(self, number: int, today: dt.date) -> None:
        read = read_settings(self._config_path, today, remembered=True)
        try:
            self._settings_read.emit(number, read)  # queued to the UI thread
        except RuntimeError:  # the supervisor is gone (the kiosk stopped): nobody waits for it
            pass

    def _show_read(self, number: int, read: Read) -> None:
        if number != self._reads:
            return  # abandoned
        self._reload_limit.stop()
        config = self._take(self._config_path, read)
        if config is not None:
            self._on_copy = False
            self._guarded = ""
            if self.ui is None:
                self._show_kiosk(config)
            else:
                # A new mounting (size, height) is applied at once: it only moves controls.
                old_screen = self.ui.state.config.screen
                if replace(config.screen, mounting=old_screen.mounting) != old_screen:
                    log.warning("the new screen settings (orientation, resolution, monitor) take effect "
                                "when the kiosk next starts")
                self.ui.state.apply_config(config)
                self._portraits.keep_only(person.portrait for person in config.content.people)
            # After showing it: the old copy may be what the screen was showing.
            self._keep_copy(config)
            log.info("new settings and content shown (%s)", self._config_path)
        self._reload_over()

    def _abandon_reload(self) -> None:
        self._reads += 1  # the thread's answer, should it come, is ignored
        problem = (
            f"{self._config_path}: reading and checking the settings took more than {RELOAD_LIMIT_S} s, so the "
            "reload was abandoned and visitors go on seeing what they saw; check the files and save them again"
        )
        log.error("%s", problem)
        self._config_problems = [problem]
        self._reload_over()

    def _reload_over(self) -> None:
        self._guard.finished()
        self._reading = False
        self._watch_files()
        self._report_health()
        if self.ui is not None:
            self.ui.state.staff.refresh_status()
        if self._read_again:
            self.reload()

    def shutdown(self) -> None:
        """After the event loop: finish the copy being made (or make the one
        still owed: no frame was shown), write the last counts to disk."""
        self.health.screenshots.stop()  # its windows go next
        self._keep_owed_copy()
        self._copier.shutdown(wait=True)
        if self._portraits is not None:
            self._portraits.shutdown()
        if self._recorder is not None:
            self._recorder.close()

    def stopped_while_starting(self) -> None:
        """A stop signal before the first frame (on the signals' thread): no crash."""
        self._guard.stopped()

    def status_lines(self) -> list[str]:
        """What the staff menu adds to its status: settings trouble, recent problems."""
        lines = [self._guarded] if self._guarded else []
        if self._on_copy and not self._guarded:
            lines.append(f"Running on the last good copy of the settings: {self._config_path} has errors.")
        if self._config_problems:
            lines.append("The settings have errors; visitors see the last good content until they are fixed:")
            lines += self._config_problems[:STATUS_PROBLEMS]
        lines += self._review.lines()
        recent = self._problems.lines()[-STATUS_PROBLEMS:] if self._problems else []
        lines.append("Recent problems:" if recent else "No recent problems.")
        return lines + recent

    # --- helpers --------------------------------------------------------

    def _report_health(self) -> None:
        """What the screen shows now, for `kiosk status` and systemd's status line."""
        self.health.shown(self.ui, out_of_order=self.out_of_order is not None, on_copy=self._on_copy,
                          problems=self._config_problems, window=self.out_of_order and self.out_of_order.window)

    def _recall(self) -> KioskConfig | None:
        """The settings of the last good start, if nothing they came from has changed."""
        remembered = recall(
            self._state_dir, self._config_path, code=SETTINGS_CODE, today=self._today(), types=settings_types()
        )
        if remembered is None:
            return None
        for warning in remembered.warnings:
            log.info("settings warning: %s", warning)
        self._warnings, self._fingerprint = remembered.warnings, None  # remembered already
        return remembered.config

    def _load(self, path: Path) -> KioskConfig | None:
        """Read and check the settings at `path` here and now (at a start)."""
        return self._take(path, read_settings(path, self._today(), remembered=path == self._config_path))

    def _take(self, path: Path, read: Read) -> KioskConfig | None:
        """The settings read from `path`, or None; their problems noted and logged."""
        staff_files = path == self._config_path  # not the last good copy
        if read.error is not None:
            if staff_files:
                self._config_problems = [str(problem) for problem in read.error.problems]
                self._problem_files = {problem.file for problem in read.error.problems}
            for problem in read.error.problems:
                log.error("settings not used: %s", problem)
            return None
        loaded = read.loaded
        if staff_files:
            self._config_problems = []
            self._problem_files = set()
            self._warnings = tuple(str(warning) for warning in loaded.warnings)
            self._fingerprint = read.taken
        for warning in loaded.warnings:
            log.info("settings warning: %s", warning)
        return loaded.config

    def _staff_files_fingerprint(self) -> str | None:
        """What the crash guard knows the staff's files by: kiosk.yaml and its
        folder's YAML files (the content files are usually there), as they are now."""
        folder = self._config_path.parent
        files = sorted({self._config_path, *folder.glob("*.yaml"), *folder.glob("*.yml")})
        try:
            return fingerprint(files, code=SETTINGS_CODE, today=self._today())
        except OSError:  # no kiosk.yaml: nothing to read, nothing to guard
            return None

    def _today(self) -> dt.date:
        return self._clocks.now().date()

    def _keep_copy(self, config: KioskConfig) -> None:
        """Keep the staff's good settings: a copy of their files, and the
        checked settings for the next start. On a thread of its own: copying
        large portraits and syncing them to disk would hold up the first
        frame, or a reload, by up to half a second."""
        self._copier.submit(self._save_copy, config, self._warnings, self._fingerprint)

    def _keep_owed_copy(self) -> None:
        if self._copy_when_shown is not None:
            self._keep_copy(self._copy_when_shown)
            self._copy_when_shown = None

    def _save_copy(self, config: KioskConfig, warnings: tuple[str, ...], taken: str | None) -> None:
        # On the copier thread.
        try:
            save_last_good(config.sources, config.sources[0], self._state_dir)
            if taken is not None:
                remember(self._state_dir, self._config_path, config.sources, taken, Remembered(config, warnings))
        except OSError as error:
            log.warning("could not keep a copy of the good settings in %s: %s", self._state_dir, error)
        except (TypeError, ValueError) as error:  # a settings value plain data cannot hold: read the files next time
            log.info("the checked settings are not kept for the next start: %s", error)

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
        folder = self._config_path.parent
        # The files in kiosk.yaml's folder, the files a broken load complained
        # about (a missing portrait, a content file elsewhere) and every file
        # of the content shown.
        files = {self._config_path, *folder.glob("*.yaml"), *folder.glob("*.yml"), *self._problem_files}
        if self.ui is not None and not self._on_copy:
            files.update(self.ui.state.config.sources)
        self._watch.watch(files)

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
        )
        staff = self.ui.state.staff
        staff.keep_lock(
            LockRecord.from_plain(load_pin_lock(self._state_dir)),
            self._save_pin_lock,
            wall=lambda: self._clocks.now().timestamp(),
            shut_until=self._pin_shut_until,
        )
        staff.status_extra = self.status_lines
        staff.reloadRequested.connect(self.reload)
        staff.exitRequested.connect(self._exit_to_desktop)
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
        self.out_of_order = load_out_of_order(self._size or QSize(1920, 1080))
        self._present(self.out_of_order.window, 0, hide_cursor=True)

    def _present(self, window: QQuickWindow, screen_index: int, hide_cursor: bool) -> None:
        window.frameSwapped.connect(
            lambda: self._first_frame(window), Qt.ConnectionType.SingleShotConnection
        )
        self._lockdown = Lockdown(window, fullscreen=not self._windowed)
        if self._windowed:
            window.show()
            return
        screens = QGuiApplication.screens()
        screen = screens[min(screen_index, len(screens) - 1)]
        window.setScreen(screen)
        window.setFlag(Qt.WindowType.FramelessWindowHint)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        if hide_cursor and QGuiApplication.overrideCursor() is None:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def _first_frame(self, window: QQuickWindow) -> None:
        settle_after_start()
        log.info("first frame shown at %dx%d", window.width(), window.height())
        self._guard.finished()
        self._keep_owed_copy()
        if self._notifier:
            self._notifier.ready()

    def _tell_systemd_alive(self) -> None:
        # From a timer on the UI thread: if the screen freezes, these stop and systemd restarts us.
        self._notifier.watchdog()

    def _exit_to_desktop(self) -> None:
        log.info("staff chose 'exit to the desktop'")
        if self._lockdown is not None:
            self._lockdown.release()
        QGuiApplication.exit(STAFF_EXIT_CODE)
