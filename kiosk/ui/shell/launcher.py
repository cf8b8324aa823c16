"""`kiosk run`: one kiosk process, from start to exit code.

Everything the operating system sees is here: the single-instance lock, the
logs, systemd's notifications, Qt's own messages, and the exit code (non-zero
on a fatal error, so systemd restarts the kiosk).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication

from kiosk.runtime.instance import AlreadyRunning, hold_any_instance_lock
from kiosk.runtime.logs import setup_logging
from kiosk.runtime.notify import SystemdNotifier
from kiosk.runtime.paths import StateDirError, state_dir
from kiosk.runtime.stop_signals import before_early_exit, loop_runs, stop_at_any_moment
from kiosk.ui.shell.app import choose_scene_graph, install_fonts
from kiosk.ui.shell.supervisor import Supervisor
from kiosk.ui.shell.system import display_problem

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context, message: str) -> None:
    """QML and Qt warnings go to the log (and so to the staff menu), never to the screen."""
    qt_log.log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def _log_uncaught(kind, error, traceback) -> None:
    # An exception in a Qt slot does not stop the event loop: log it and keep serving visitors.
    log.critical("unexpected error", exc_info=(kind, error, traceback))


class LoopStopper(QObject):
    """Ends the event loop when a stop signal arrives (on the signals' thread:
    the signal is queued to the UI thread). exit(), not quit(): quit() asks
    the windows to close, which the lockdown refuses."""

    requested = Signal()

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.requested.connect(self._stop)

    @Slot()
    def _stop(self) -> None:
        QGuiApplication.exit(0)


def run(
    config_path: Path, *, windowed: bool = False, watch: Callable[[Supervisor], None] | None = None
) -> int:
    """Show the kiosk until the app quits; returns the exit code. `watch` is
    handed the supervisor before it starts (the bench connects to its
    firstFrameShown there)."""
    stop_at_any_moment()  # already, if started as `kiosk run`
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    # A sick disk must not darken the screen: without a usable state folder
    # the kiosk runs all the same, and keeps nothing (each part says so once).
    folder_problem = None
    try:
        folder = state_dir()
    except StateDirError as error:
        folder, folder_problem = error.path, str(error)
    problems = setup_logging(folder)
    if folder_problem:
        log.warning("%s; the kiosk runs without it, keeping no statistics, copies or logs there", folder_problem)
    try:
        instance, lock_problem = hold_any_instance_lock(folder)
    except AlreadyRunning as error:
        log.error("%s", error)
        return 1
    if lock_problem:
        log.warning("%s", lock_problem)
    sys.excepthook = _log_uncaught
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("Unbreakable kiosk")
    qInstallMessageHandler(_qt_message)
    install_fonts(app)
    scene_graph = choose_scene_graph()  # before the first window
    # systemd stops the kiosk with SIGTERM, a developer with Ctrl+C: once the
    # event loop runs, leave it and clean up (before, the process just ends).
    stopper = LoopStopper(app)
    QTimer.singleShot(0, lambda: loop_runs(stopper.requested.emit))
    notifier = SystemdNotifier.from_environment()
    supervisor = Supervisor(config_path, folder, windowed=windowed, problems=problems, notifier=notifier)
    supervisor.health.scene_graph_chosen(scene_graph)  # for `kiosk status`
    before_early_exit(supervisor.stopped_while_starting)
    if watch is not None:
        watch(supervisor)
    supervisor.start()
    code = app.exec()
    supervisor.health.ended(code)
    if notifier:
        notifier.stopping()
    supervisor.shutdown()
    del supervisor  # the engines go before the app, or QML objects outlive their types
    if instance is not None:
        instance.release()
    return code
