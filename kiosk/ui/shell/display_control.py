"""The panel itself, from inside the Wayland session: turned with wlr-randr
when cage could not turn it at start, and switched off while the kiosk sleeps
outside opening hours (wlopm), on again when it wakes.

Every command is a QProcess, so the UI thread never waits for one; they run
one after another, in the order asked. Only at shutdown does the kiosk wait
for the one under way (finish()). A tool that is missing, or a compositor
without the protocol it speaks, is said once in the log and not tried again:
the sleeping screen is black anyway (Main.qml's sleepScreen), only the
backlight stays on."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess

from kiosk.runtime.display import POWER_TOOL, power_command, wlr_randr_outputs, wlr_randr_turn_command

if TYPE_CHECKING:
    from kiosk.core.model import KioskConfig
    from kiosk.ui.opening_hours import SleepWatch

log = logging.getLogger(__name__)

Done = Callable[[str], None]  # given what the command printed
# At shutdown, how long the command under way may take to finish (they take
# milliseconds) before it is stopped: never left to Qt, which kills a running
# QProcess it destroys, and warns.
FINISH_WAIT_MS = 2000


class DisplayControl(QObject):
    def __init__(
        self,
        sleep: SleepWatch,
        config: KioskConfig,
        *,
        turn: str | None,
        parent: QObject | None = None,
    ):
        """sleep: the watch that says when the kiosk sleeps (its opening hours);
        config: the settings shown (which screen, whether hours are set); turn:
        screen.panel_turned, when the kiosk is to turn the picture
        (kiosk.runtime.display.TURN_ENV)."""
        super().__init__(parent)
        self._sleep = sleep
        self._screen_index = config.screen.index
        self._queue: deque[tuple[list[str], str, Done | None]] = deque()
        self._process: QProcess | None = None
        self._given_up: set[str] = set()  # the tools that failed once
        self._stopping = False  # finish() was called: nothing more is run
        sleep.asleepChanged.connect(self._asleep_changed)
        if turn:
            self._run(["wlr-randr"], "list the screens", lambda listing: self._turn(listing, turn))
        if config.schedule is not None:
            # Also on: a kiosk restarted while asleep may have left the panel off.
            self._asleep_changed()

    def _turn(self, listing: str, turn: str) -> None:
        outputs = wlr_randr_outputs(listing)
        if not outputs:
            self._give_up("wlr-randr", "wlr-randr lists no screen")
            return
        output = outputs[min(self._screen_index, len(outputs) - 1)]
        self._run(wlr_randr_turn_command(output, turn), "turn the picture")

    def _asleep_changed(self) -> None:
        asleep = self._sleep.asleep
        self._run(power_command(on=not asleep), "switch the screen " + ("off while it sleeps" if asleep else "on"))

    def finish(self, wait_ms: int = FINISH_WAIT_MS) -> None:
        """At shutdown, before this object goes: the command under way is
        waited for, or stopped after wait_ms; the ones queued are dropped."""
        self._stopping = True
        self._queue.clear()
        process = self._process
        if process is None or process.waitForFinished(wait_ms):
            return
        process.finished.disconnect()  # its end is said here, not as a tool that failed
        process.errorOccurred.disconnect()
        process.kill()
        process.waitForFinished(wait_ms)
        command = " ".join([process.program(), *process.arguments()])
        log.warning("`%s` had not finished %g s after the kiosk was asked to stop: stopped it", command, wait_ms / 1000)

    def _run(self, command: list[str], purpose: str, done: Done | None = None) -> None:
        if command[0] in self._given_up or self._stopping:
            return
        self._queue.append((command, purpose, done))
        if self._process is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._process = None
            return
        command, purpose, done = self._queue.popleft()
        process = self._process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(lambda code, status: self._finished(process, command, purpose, done))
        process.errorOccurred.connect(lambda error: self._failed_to_start(process, command, purpose, error))
        process.start(command[0], command[1:])

    def _finished(self, process: QProcess, command: list[str], purpose: str, done: Done | None) -> None:
        output = bytes(process.readAll()).decode(errors="replace").strip()
        process.deleteLater()
        if process.exitStatus() == QProcess.ExitStatus.NormalExit and process.exitCode() == 0:
            log.info("%s: %s", purpose, " ".join(command))
            if done is not None:
                done(output)
        else:
            self._give_up(command[0], f"`{' '.join(command)}` failed ({output or f'exit code {process.exitCode()}'})")
        self._next()

    def _failed_to_start(self, process: QProcess, command: list[str], purpose: str, error) -> None:
        if error != QProcess.ProcessError.FailedToStart:
            return  # a crash or a timeout: finished() follows and says so
        process.deleteLater()
        self._give_up(command[0], f"{command[0]} is not installed")
        self._next()

    def _give_up(self, tool: str, why: str) -> None:
        self._given_up.add(tool)
        self._queue = deque(item for item in self._queue if item[0][0] != tool)
        if tool == POWER_TOOL:
            log.warning("cannot switch the screen off outside opening hours: %s; it shows black instead, "
                        "with its backlight on (docs/operating.md, 'The display')", why)
        else:
            log.warning("cannot turn the picture for screen.panel_turned: %s; it is shown as the panel "
                        "was made (docs/operating.md, 'The display')", why)
