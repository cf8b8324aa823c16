"""Keeps health.json (kiosk/runtime/health.py) and systemd's status line up to date.

The supervisor tells it what the screen shows and which content; it sees
touches itself (an event filter on the kiosk's window) and keeps the last one
in memory. The file is written at start, on a change of what the screen shows
(kiosk, out of order, asleep), every HEARTBEAT_S seconds and at a clean exit,
on a thread of its own: a slow disk never holds up a frame or a touch.
It also has the screenshots taken (kiosk/ui/shell/screenshots.py): at every such
change and every `health.screenshot_every_s`, written by the same thread.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

from kiosk.core.review import dated_facts
from kiosk.core.schedule import is_open
from kiosk.runtime.background import chore_pool
from kiosk.runtime.health import (
    CONTENT_COPY,
    CONTENT_NONE,
    CONTENT_STAFF,
    HEARTBEAT_S,
    SCREEN_ASLEEP,
    SCREEN_KIOSK,
    SCREEN_OUT_OF_ORDER,
    begin_run,
    boot_id,
    end_run,
    kiosk_version,
    read_health,
    save_health,
    stamp,
    status_line,
)
from kiosk.runtime.notify import SystemdNotifier
from kiosk.ui.input_watch import PRESSES
from kiosk.ui.shell.screenshots import ScreenshotTaker
from kiosk.ui.state import Clocks

log = logging.getLogger(__name__)


class HealthWatch(QObject):
    def __init__(
        self,
        state_dir: Path,
        *,
        clocks: Clocks = Clocks(),
        notifier: SystemdNotifier | None = None,
        interval_s: float = HEARTBEAT_S,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._state_dir = state_dir
        self._clocks = clocks
        self._notifier = notifier
        now = clocks.now()
        self._record = begin_run(
            read_health(state_dir), now=now, pid=os.getpid(), boot=boot_id(), version=None
        )
        self._counted_until = now  # untouched opening time is counted up to here
        self._ui = None  # the KioskUi whose touches and screens are watched
        self._visiting = False  # the visitor has left the first screen
        self._sent_status: str | None = None
        self._up = False  # the first frame was shown: the version may be looked up
        self._choice: str | None = None  # how the scene graph was chosen, if it was
        self._writer = chore_pool("health file")
        self._write_failed = False  # said once in the log
        self._screenshots_failed = False  # said once, unless the health file's failure said it already
        self.screenshots = ScreenshotTaker(state_dir, writer=self._writer, failed=self._screenshot_not_kept,
                                            clocks=clocks, parent=self)
        self._photographed: str | None = None  # the screen the last screenshot was taken for
        self._heartbeat = QTimer(self, interval=round(interval_s * 1000))
        self._heartbeat.timeout.connect(self.beat)
        self._heartbeat.start()

    def shown(self, ui, *, out_of_order: bool, on_copy: bool, problems: list[str], window=None) -> None:
        """What the supervisor shows now: `ui` (a KioskUi, or None) and why;
        `window` is the one on screen when it is not `ui`'s (out of order)."""
        if ui is not None and ui is not self._ui:
            self._ui = ui
            ui.window.installEventFilter(self)
            ui.state.sleep.asleepChanged.connect(self._screen_changed)
            ui.state.screenChanged.connect(self._visit)
        record = self._record
        if out_of_order or ui is None:
            record.update(content=CONTENT_NONE, content_reason="no usable settings and no good copy of earlier ones")
        elif on_copy:
            record.update(content=CONTENT_COPY, content_reason=f"the staff's files have errors: {problems[0]}"
                          if problems else "the staff's files have errors")
        else:
            record.update(content=CONTENT_STAFF, content_reason=f"their latest changes have errors and are not "
                          f"shown: {problems[0]}" if problems else None)
        if ui is not None:
            config = ui.state.config
            oldest = min(dated_facts(config.content), key=lambda fact: fact.as_of, default=None)
            record.update(
                oldest_as_of=oldest.as_of.isoformat() if oldest else None,
                oldest_as_of_what=oldest.what if oldest else None,
                stats_enabled=config.stats.enabled,
            )
            self.screenshots.set_interval(config.screenshot_every_s)
        self.screenshots.watch(window if window is not None else ui.window if ui is not None else None)
        self._screen_changed()

    def scene_graph_chosen(self, choice: str) -> None:
        """What the kiosk chose to draw with, and why (kiosk/ui/app.py choose_scene_graph)."""
        self._choice = choice

    def started(self, window: QQuickWindow) -> None:
        """The kiosk's first frame is on the screen, in `window`: from now on the
        file says the version, and what draws the screen (as Qt reports it)."""
        self._up = True
        api = window.rendererInterface().graphicsApi()
        drawn_with = "software" if api == QSGRendererInterface.GraphicsApi.Software else api.name
        self._record["scene_graph"] = {"drawn_with": drawn_with, "choice": self._choice}
        self._write()

    def ended(self, code: int) -> None:
        """The kiosk exits cleanly with `code`: say so, and wait for the file."""
        self._heartbeat.stop()
        self._take_time()
        end_run(self._record, now=self._clocks.now(), code=code)
        self.screenshots.stop()
        self._write()
        self._writer.shutdown(wait=True)

    def eventFilter(self, window: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in PRESSES:
            # In memory only: written with the next heartbeat.
            now = self._clocks.now()
            self._record.update(last_touch_at=stamp(now), untouched_open_s=0)
            self._counted_until = now
        return False

    def _visit(self) -> None:
        """A visit starts when the visitor leaves the first screen (as the statistics count it)."""
        visiting = self._ui.state.screen != "attract"
        if visiting and not self._visiting:
            self._record["last_visit_at"] = stamp(self._clocks.now())
            self._tell_systemd()
        self._visiting = visiting

    def _screen_changed(self) -> None:
        self._take_time()
        self._write()
        self._tell_systemd()
        if self._record["screen"] != self._photographed:
            self._photographed = self._record["screen"]
            self.screenshots.take(self._photographed)

    def beat(self) -> None:
        """What the heartbeat timer does every interval (tests call it with a clock of their own)."""
        self._take_time()
        self._write()
        self._tell_systemd(again=True)

    def _take_time(self) -> None:
        """Bring the heartbeat, the screen and the untouched opening time up to now."""
        now = self._clocks.now()
        record = self._record
        # A clock set backwards or far forwards (NTP after a power cut) counts as one heartbeat at most.
        elapsed = min(max((now - self._counted_until).total_seconds(), 0.0), 2 * self._heartbeat.interval() / 1000)
        self._counted_until = now
        hours = self._ui.state.config.schedule if self._ui is not None else None
        open_now = is_open(hours, now) if hours is not None else True
        if self._ui is None or record["content"] == CONTENT_NONE:
            record["screen"] = SCREEN_OUT_OF_ORDER
        else:
            record["screen"] = SCREEN_ASLEEP if self._ui.state.sleep.asleep else SCREEN_KIOSK
            if open_now:
                record["untouched_open_s"] = round(record["untouched_open_s"] + elapsed)
        record.update(open_now=open_now, heartbeat_at=stamp(now))

    def _write(self) -> None:
        self._writer.submit(self._save, dict(self._record), self._up)

    def _save(self, record: dict, up: bool) -> None:
        # On the writer thread, and only once the kiosk is up: importing
        # importlib.metadata is slow, and on this thread too it held up the
        # first frame (Python runs one thread at a time; docs/performance.md).
        record["version"] = kiosk_version() if up else None
        try:
            save_health(self._state_dir, record)
        except OSError as error:
            if not self._write_failed:
                self._write_failed = True
                log.warning(
                    "cannot keep the health file in %s (%s): `kiosk status` will not see this run",
                    self._state_dir, error.strerror or error,
                )
        else:
            self._write_failed = False

    def _screenshot_not_kept(self, error: OSError) -> None:
        # On the writer thread, as _save: the two flags are not raced for.
        if not self._write_failed and not self._screenshots_failed:
            log.warning("cannot keep screenshots in %s (%s): `kiosk status` will show none",
                        self._state_dir, error.strerror or error)
        self._screenshots_failed = True

    def _tell_systemd(self, again: bool = False) -> None:
        """The status line, when it changed (and with every heartbeat)."""
        line = status_line(self._record)
        if self._notifier is not None and (again or line != self._sent_status):
            self._notifier.status(line)
        self._sent_status = line
