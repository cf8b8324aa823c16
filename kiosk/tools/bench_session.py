"""`kiosk bench`, the Qt half: a live kiosk window scripted like a visitor while
its frames, taps and memory are timed, and oversized test portraits.
kiosk/tools/bench.py runs these (and the start-up children) and judges the figures.

Under the offscreen platform nothing waits for a vertical blank: Qt Quick's
software render loop renders on demand, and while anything animates its
animation timer asks for a frame every 16 ms. A frame interval of about
16.7 ms therefore means "rendered within the timer's period"; longer ones mean
the UI thread (QML, layout, painting) took longer than a frame.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QPoint, QSize, Qt, QTimer, qVersion
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.tools.process_memory import memory_of
from kiosk.core.model import KioskConfig
from kiosk.core.schedule import OpeningHours, parse_day_hours
from kiosk.runtime.heap import settle_after_start
from kiosk.ui.shell.app import KioskUi, install_fonts, load_ui
from kiosk.tools.scene import every_screen_built, scene_rect, settle, visible_items
from kiosk.ui.state import Clocks

# A transition's frames are those swapped from its start until its animation's
# length plus this much later (two frames at 60 Hz for the last one to land),
# and at least until the first frame that shows it, however late that comes.
WINDOW_SLACK_S = 0.034
QUIET_MS = 200  # after each transition, so the next one starts from a still screen
FRAME_TIMEOUT_MS = 2_000
BUILD_TIMEOUT_S = 60  # a deadlock detector: seconds on a busy shared machine


# --- oversized portraits -----------------------------------------------------

OVERSIZED = QSize(6000, 4000)  # a 24-megapixel camera's photograph


def write_oversized_portraits(folder: Path, count: int = 4, size: QSize = OVERSIZED) -> list[Path]:
    """`count` JPEGs at `size`: a gradient under tiled noise, so they are as
    large on disk and as slow to decode as real photographs, not a flat colour."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        noise_bytes = random.Random(number).randbytes(256 * 256)
        noise = QImage(noise_bytes, 256, 256, 256, QImage.Format.Format_Grayscale8).copy()
        image = QImage(size, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        gradient = QLinearGradient(0, 0, size.width(), size.height())
        gradient.setColorAt(0, QColor.fromHsv(number * 80 % 360, 90, 210))
        gradient.setColorAt(1, QColor.fromHsv((number * 80 + 150) % 360, 160, 60))
        painter.fillRect(image.rect(), gradient)
        painter.setOpacity(0.3)
        painter.fillRect(image.rect(), QBrush(noise))
        painter.end()
        path = folder / f"oversized-{number + 1}.jpg"
        if not image.save(str(path), "JPG", 90):
            raise OSError(f"could not write {path}")
        paths.append(path)
    return paths


# --- the scripted session ----------------------------------------------------


class FrameClock:
    """perf_counter() at every beforeSynchronizing and frameSwapped of a window."""

    def __init__(self, window: QQuickWindow):
        self.syncs: list[float] = []
        self.swaps: list[float] = []
        window.beforeSynchronizing.connect(lambda: self.syncs.append(time.perf_counter()))
        window.frameSwapped.connect(lambda: self.swaps.append(time.perf_counter()))

    def first_swap_after(self, moment: float) -> float | None:
        return next((swap for swap in self.swaps if swap > moment), None)

    def render_times_ms(self) -> list[float]:
        """Sync to swap of each frame: the UI thread's work per frame, without the timer's wait."""
        times, syncs = [], iter(self.syncs)
        sync = next(syncs, None)
        for swap in self.swaps:
            last = None
            while sync is not None and sync < swap:
                last, sync = sync, next(syncs, None)
            if last is not None:
                times.append((swap - last) * 1000)
        return times


@dataclass
class SessionFigures:
    intervals_ms: dict[str, list[float]] = field(default_factory=dict)  # by kind of transition
    render_ms: list[float] = field(default_factory=list)
    breathing_fps: float = 0.0
    taps_ms: list[float] = field(default_factory=list)
    memory_warm: dict[str, float] = field(default_factory=dict)
    memory_soaked: dict[str, float] = field(default_factory=dict)
    warmup_navigations: int = 0
    platform: str = ""
    graphics_api: str = ""


def qt_versions() -> dict[str, str]:
    return {"qt": qVersion(), "pyside": PySide6.__version__}


def wait(ms: int) -> None:
    """Run the event loop for `ms`, as `app.exec()` would. Not QTest.qWait:
    it sleeps 10 ms between rounds of events, which holds back the frames
    being measured by up to 10 ms each."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def find(window: QQuickWindow, name: str) -> QQuickItem:
    items = [item for item in visible_items(window) if item.objectName() == name]
    if len(items) != 1:
        raise RuntimeError(f"expected one visible {name!r} on the screen, found {len(items)}")
    return items[0]


def center(item: QQuickItem) -> QPoint:
    return scene_rect(item).center().toPoint()


class Session:
    """One animated kiosk window, driven like a visitor, with its frames timed."""

    def __init__(self, config: KioskConfig, size: QSize, clocks: Clocks = Clocks()):
        app = QGuiApplication.instance()
        install_fonts(app)
        self.ui: KioskUi = load_ui(config, size=size, animated=True, clocks=clocks)
        self.window = self.ui.window
        self.state = self.ui.state
        self.clock = FrameClock(self.window)
        self.windows: list[tuple[str, float, float]] = []  # (kind, start, end) of each transition
        self._touch = QTest.createTouchDevice()
        # When each visible change of the state happened, for tap to frame.
        self.effects: list[float] = []
        for signal in (self.state.screenChanged, self.state.personIndexChanged, self.state.languageChanged):
            signal.connect(lambda: self.effects.append(time.perf_counter()))
        self._frame_loop = QEventLoop()
        self._frame_timer = QTimer(singleShot=True, interval=FRAME_TIMEOUT_MS)
        self._frame_timer.timeout.connect(self._frame_loop.quit)
        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        settle(self.ui)  # the portraits decoded, as a visitor first sees them
        settle_after_start()  # as `kiosk run` does at its first frame
        # The other screens, built in the background after the first, draw frames
        # of their own while they are (for seconds, on a busy machine): not measured.
        built_by = time.perf_counter() + BUILD_TIMEOUT_S
        while not every_screen_built(self.window):
            if time.perf_counter() > built_by:
                raise RuntimeError(f"the kiosk had not built every screen {BUILD_TIMEOUT_S} s after its start")
            wait(20)
        wait(500)
        # The screens' own durations, from the window's Theme (Theme.qml).
        theme = next(
            child
            for child in self.window.findChildren(QObject)
            if child.metaObject().className().startswith("Theme_QMLTYPE")
        )
        self.fade_ms, self.slide_ms = int(theme.property("fadeMs")), int(theme.property("slideMs"))

    # --- transitions --------------------------------------------------------

    def transition(self, kind: str, action: Callable[[], None], animation_ms: int) -> None:
        start = time.perf_counter()
        action()
        end = time.perf_counter() + animation_ms / 1000 + WINDOW_SLACK_S
        wait(animation_ms + QUIET_MS)
        # A change without animation (a language switch) has only this frame: on a
        # busy machine it may come after the slack, and is then the slowest of all.
        self.windows.append((kind, start, max(end, self.first_frame_after(start, f"the {kind}"))))

    def first_frame_after(self, moment: float, what: str) -> float:
        """When the first frame after `moment` was swapped, waited for if none was yet."""
        if self.clock.first_swap_after(moment) is None:
            self._next_frame()
        frame = self.clock.first_swap_after(moment)
        if frame is None:
            raise RuntimeError(f"no frame was shown after {what}")
        return frame

    def breathe(self, seconds: float) -> None:
        """The first screen left alone: its portraits breathe, its invitation glows."""
        start = time.perf_counter()
        wait(round(seconds * 1000))
        self.windows.append(("breathing", start, time.perf_counter()))

    def swipe(self, leftwards: bool) -> None:
        """One finger across the person screen, as QTest's touch device: a
        transition from its first move (a finger resting changes nothing on
        the screen) to the end of the page's slide."""
        rect = scene_rect(find(self.window, "personScreen"))
        distance = rect.width() * 0.4 * (-1 if leftwards else 1)
        start = rect.center()
        steps = 12
        QTest.touchEvent(self.window, self._touch).press(0, start.toPoint(), self.window).commit()
        wait(10)

        def move_and_lift() -> None:
            for step in range(1, steps + 1):
                point = QPoint(round(start.x() + distance * step / steps), round(start.y()))
                QTest.touchEvent(self.window, self._touch).move(0, point, self.window).commit()
                wait(10)
            QTest.touchEvent(self.window, self._touch).release(0, point, self.window).commit()

        self.transition("swipe", move_and_lift, self.slide_ms)

    def script_transitions(self, cycles: int, breathing_s: float) -> None:
        fade = self.fade_ms
        languages = self.state.config.language_codes
        for cycle in range(cycles):
            self.breathe(breathing_s)
            self.transition("attract to overview", self.state.start, fade)
            self.transition("overview to person", partial(self.state.openPerson, cycle % self.state.personCount), fade)
            for leftwards in (True, True, False, False):
                index = self.state.personIndex
                self.swipe(leftwards)
                if self.state.personIndex == index:
                    raise RuntimeError("a swipe on the person screen did not turn the page")
            other = languages[(languages.index(self.state.language) + 1) % len(languages)]
            self.transition("language switch", partial(self.state.setLanguage, other), 0)
            self.transition("person to overview", self.state.backToOverview, fade)
            self.transition("language switch", lambda: self.state.setLanguage(self.state.config.default_language), 0)
            self.transition("overview to attract", self.state.reset_for_next_visitor, fade)

    def transition_intervals_ms(self) -> dict[str, list[float]]:
        """Frame intervals inside the transition windows, by kind; an interval's start is
        the previous frame or the transition's start, whichever is later (never idle time)."""
        intervals: dict[str, list[float]] = {}
        swaps = self.clock.swaps
        for kind, start, end in self.windows:
            previous = start
            for swap in swaps:
                if swap <= start:
                    continue
                if swap > end:
                    break
                intervals.setdefault(kind, []).append((swap - previous) * 1000)
                previous = swap
        return intervals

    def breathing_fps(self) -> float:
        """Frames per second from the first frame of the breathing to its last: in a
        window of a second, one frame more or less at either edge would be 10 %."""
        _, start, end = self.windows[0]
        swaps = [swap for swap in self.clock.swaps if start < swap <= end]
        if len(swaps) < 2:
            raise RuntimeError(f"the first screen left alone showed {len(swaps)} frames in {end - start:.1f} s")
        return (len(swaps) - 1) / (swaps[-1] - swaps[0])

    # --- taps -----------------------------------------------------------------

    def tap_to_frame(self, taps: int) -> list[float]:
        """From a mouse click on a control to the first frame swapped after the state it changed."""
        fade = self.fade_ms
        self.state.start()
        self.state.openPerson(0)
        wait(fade + QUIET_MS)
        languages = self.state.config.language_codes
        plan = ["nextButton", "previousButton", "language", "backButton", "personCard"]
        results = []
        for number in range(taps):
            name = plan[number % len(plan)]
            if name == "language":
                current = languages.index(self.state.language)
                name = f"language_{languages[(current + 1) % len(languages)]}"
            elif name == "personCard":
                name = f"personCard{number // len(plan) % self.state.personCount}"
            item = find(self.window, name)
            start = time.perf_counter()
            QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center(item))
            wait(fade + QUIET_MS)
            effect = next((moment for moment in self.effects if moment > start), None)
            if effect is None:
                raise RuntimeError(f"a tap on {name} changed nothing")
            results.append((self.first_frame_after(effect, f"a tap on {name}") - start) * 1000)
        return results

    # --- memory -----------------------------------------------------------------

    def _next_frame(self) -> None:
        self.window.frameSwapped.connect(self._frame_loop.quit)
        self._frame_timer.start()
        self._frame_loop.exec()
        self._frame_timer.stop()
        self.window.frameSwapped.disconnect(self._frame_loop.quit)

    def navigate(self, count: int) -> None:
        """`count` screen changes, each rendered before the next."""
        state = self.state
        languages = state.config.language_codes
        steps: list[Callable[[], None]] = [
            state.start,
            lambda: state.openPerson(1 % state.personCount),
            state.showNext,
            state.showPrevious,
            lambda: state.setLanguage(languages[-1] if state.language != languages[-1] else languages[0]),
            state.backToOverview,
            lambda: state.openPerson(state.personCount - 1),
            state.reset_for_next_visitor,
        ]
        for number in range(count):
            steps[number % len(steps)]()
            self._next_frame()

    def settled_memory(self) -> dict[str, float]:
        """Memory once deleted QML objects are gone and the loop is still."""
        wait(300)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        wait(300)
        return memory_of("self")

    def close(self) -> None:
        self.window.close()
        self.ui.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_session(
    config: KioskConfig, size: QSize, *, cycles: int, breathing_s: float, taps: int, navigations: int
) -> SessionFigures:
    """Transitions with animations on, then taps, then `navigations` screen changes
    with animations off, so each builds and tears down its screen at once."""
    session = Session(config, size)
    figures = SessionFigures(
        platform=QGuiApplication.platformName(),
        graphics_api=session.window.rendererInterface().graphicsApi().name,
    )
    session.script_transitions(cycles, breathing_s)
    figures.intervals_ms = session.transition_intervals_ms()
    figures.render_ms = session.clock.render_times_ms()
    figures.breathing_fps = session.breathing_fps()
    figures.taps_ms = session.tap_to_frame(taps)
    # At a visitor's pace (a fade per change) 10,000 changes would take an hour.
    session.window.setProperty("animated", False)
    figures.warmup_navigations = max(200, navigations // 10)
    session.navigate(figures.warmup_navigations)
    figures.memory_warm = session.settled_memory()
    session.navigate(navigations)
    figures.memory_soaked = session.settled_memory()
    session.close()
    return figures


# --- CPU at rest ---------------------------------------------------------------

# Open 10:00-18:00 every day: the rest figures move the kiosk's clock from noon
# to the night to show the sleeping screen.
OPEN_EVERY_DAY = tuple(parse_day_hours("10:00-18:00") for _ in range(7))
REST_NOON = dt.datetime(2026, 6, 2, 12, 0)
REST_NIGHT = REST_NOON.replace(hour=23)
REST_SCREENS = ("attract", "overview", "person", "night")


class _MovableClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def cpu_seconds(pid: int | str) -> float:
    """User plus system CPU time of a process (every thread), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_at_rest(config: KioskConfig, size: QSize, *, seconds: float, server_pid: int | None) -> dict[str, object]:
    """Per screen left alone (first screen, overview, person page, night): the
    kiosk's CPU, and the display server's with `server_pid`, in % of one core
    over `seconds`, after the screen's fade and a settling pause; and the
    graphics API the window drew with."""
    clock = _MovableClock(REST_NOON)
    hours = OpeningHours(
        first_day=REST_NOON.date(), last_day=REST_NOON.date(), weekly=OPEN_EVERY_DAY, wake_s=30
    )
    session = Session(dataclasses.replace(config, schedule=hours), size, clocks=Clocks(now=clock))
    state = session.state
    figures = {}
    for screen in REST_SCREENS:
        if screen == "night":
            state.show("attract")
            clock.now = REST_NIGHT
            state.sleep.refresh()
        else:
            state.show(screen)
        wait(session.fade_ms + 500)
        frames_before, start = len(session.clock.swaps), time.perf_counter()
        kiosk_before = cpu_seconds("self")
        server_before = cpu_seconds(server_pid) if server_pid else 0.0
        wait(round(seconds * 1000))
        elapsed = time.perf_counter() - start
        figures[screen] = {
            "kiosk_cpu_pct": (cpu_seconds("self") - kiosk_before) / elapsed * 100,
            "frames_per_s": (len(session.clock.swaps) - frames_before) / elapsed,
        }
        if server_pid:
            figures[screen]["server_cpu_pct"] = (cpu_seconds(server_pid) - server_before) / elapsed * 100
    graphics_api = session.window.rendererInterface().graphicsApi().name
    session.close()
    return {"graphics_api": graphics_api, "screens": figures}
