"""The monkey test: thousands of random taps, swipes and key presses on the real
kiosk (issue "Unattended operation", section 7).

The kiosk runs with short timeouts (idle warning, idle reset, staff panel,
burn-in shift), a staff PIN and the windowed lockdown of `kiosk run
--windowed`, so a few thousand events reach every screen, panel and timeout:
the first screen, the overview, every person, the idle warning and its
reset, the PIN pad (right PINs, wrong ones, the lock after too many) and the
staff menu. Any exception in Python, any Qt or QML warning fails the test at
the event that caused it, and so does a screen that disagrees with the state
(Monkey.check): the idle warning or staff panel not shown as the state says,
the first screen left in another language than the default, input on the
staff panel changing the visitor screens under it. After the last event the
kiosk must go back to its first screen by itself.

KIOSK_MONKEY_EVENTS sets the number of events (2,000 here, 10,000 in `make
soak`), KIOSK_MONKEY_SEED the seed; both are printed, and a failure names
them with the event's number and the last actions. A rerun with the same
seed makes the same choices, but the idle timers run on real time, so the
path can part from the first run's after a while.

It prints the memory growth (RSS, PSS and private memory) between the end of
the warm-up and the last event; the figure is for people to read, not
asserted.

"Exit to the desktop" in the staff menu is fair game: without the supervisor
of `kiosk run` nothing listens to it, as nothing listens to "Reload content
now".
"""

from __future__ import annotations

import dataclasses
import gc
import os
import random
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt, QtMsgType
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core.burn_in import RING
from kiosk.core.model import IdleSettings, KioskConfig
from kiosk.core.pin import hash_pin
from kiosk.ui.shell.app import KioskUi
from kiosk.ui.shell.lockdown import Lockdown
from kiosk.tools.scene import lay_out, scene_rect, visible_items
from kiosk.ui.state import SCREENS, Clocks

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("KIOSK_MONKEY_SEED", "7351"))
EVENTS = int(os.environ.get("KIOSK_MONKEY_EVENTS", "2000"))
WARM_UP = min(500, EVENTS // 4)  # memory is measured from here to the end
PIN = "2468"

# Short enough that the monkey's pauses (PAUSE_S) bring the warning and the
# reset several times a run, long enough that a burst of events without a
# pause gets somewhere before any reset.
IDLE = IdleSettings(timeout_s=0.15, warning_s=0.15)
MENU_TIMEOUT_S = 0.5
BURN_IN_MAX_STATIC_S = 0.5  # a shift every 0.25 s
PAUSE_CHANCE = 0.035  # after this share of events the monkey waits...
PAUSE_S = (0.0, 0.45)  # ...this long: a third of the pauses end in a reset
# Each time the PIN pad opens, the monkey is staff or a visitor guessing.
# While the pad is open, the chance per event that it types a whole PIN,
# (right, wrong); while the pad is locked, that it gives up (a guesser taps
# Cancel, staff come back when the lock has run out).
STAFF_PINS = (0.3, 0.1)
GUESSER_PINS = (0.0, 0.5)
GUESSER_CHANCE = 0.4
GIVE_UP_CHANCE = 0.5

WARNING_TYPES = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
LOCKED_MESSAGE = re.compile(r"Too many wrong PINs\. Try again in (\d+):(\d\d)\.")

Key = Qt.Key
Mod = Qt.KeyboardModifier
NO_MOD = Mod.NoModifier
# (key, modifiers, text): what a keyboard or switch device plugged into the
# kiosk could send; the lockdown lets the first group through.
KEYS = [
    *((Qt.Key(Key.Key_0 + digit), NO_MOD, str(digit)) for digit in range(10)),
    (Key.Key_Return, NO_MOD, "\r"),
    (Key.Key_Enter, Mod.KeypadModifier, "\r"),
    (Key.Key_Space, NO_MOD, " "),
    (Key.Key_Tab, NO_MOD, "\t"),
    (Key.Key_Tab, NO_MOD, "\t"),
    (Key.Key_Backtab, Mod.ShiftModifier, ""),
    (Key.Key_Left, NO_MOD, ""),
    (Key.Key_Right, NO_MOD, ""),
    (Key.Key_Up, NO_MOD, ""),
    (Key.Key_Down, NO_MOD, ""),
    (Key.Key_Backspace, NO_MOD, ""),
    # Swallowed by the lockdown.
    (Key.Key_Escape, NO_MOD, ""),
    (Key.Key_F4, Mod.AltModifier, ""),
    (Key.Key_Q, Mod.ControlModifier, ""),
    (Key.Key_W, Mod.ControlModifier, ""),
    (Key.Key_Tab, Mod.AltModifier, ""),
    (Key.Key_F11, NO_MOD, ""),
    (Key.Key_Menu, NO_MOD, ""),
    (Key.Key_A, NO_MOD, "a"),
]


class SteppedClock:
    """The staff panel's monotonic clock: real time, plus the minutes the
    monkey lets pass while the PIN pad is locked."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.skipped


def monkey_config(config: KioskConfig) -> KioskConfig:
    return dataclasses.replace(
        config,
        idle=IDLE,
        burn_in_max_static_s=BURN_IN_MAX_STATIC_S,
        staff=dataclasses.replace(config.staff, pin_hash=hash_pin(PIN), menu_timeout_s=MENU_TIMEOUT_S),
    )


def memory_mb() -> tuple[float, float, float] | None:
    """This process's RSS, PSS and private memory (USS) in MB (Linux), or None
    elsewhere. PSS shares each library's pages among the processes that map
    it, so it moves when other programs start or stop; USS does not."""
    rollup = Path("/proc/self/smaps_rollup")
    if not rollup.exists():
        return None
    fields = {}
    for line in rollup.read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    private = fields["Private_Clean"] + fields["Private_Dirty"]
    return fields["Rss"] / 1024, fields["Pss"] / 1024, private / 1024


def settled_memory() -> tuple[float, float, float] | None:
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return memory_mb()


class Monkey:
    """Random input on the kiosk window, and a record of what it reached."""

    def __init__(self, ui: KioskUi, qtbot, clock: SteppedClock, rng: random.Random):
        self.ui = ui
        self.window = ui.window
        self.state = ui.state
        self.qtbot = qtbot
        self.clock = clock
        self.rng = rng
        self.touch = QTest.createTouchDevice()
        self.width = self.window.width()
        self.height = self.window.height()
        self.recent: deque[str] = deque(maxlen=15)
        self.event = 0
        # Coverage: what the kiosk showed during the run.
        self.counts: Counter[str] = Counter()
        self.screens: set[str] = set()
        self.people: set[int] = set()
        self.panels: set[str] = set()
        self.languages: set[str] = set()
        self.offsets: set[tuple[int, int]] = set()
        self.pin_messages: set[str] = set()
        self.actions: Counter[str] = Counter()
        self._last_screen = self.state.screen
        self._lock_waited_out = False
        self._guesser = False
        self._connect()

    # --- what the kiosk does, recorded as it happens ----------------------

    def _connect(self) -> None:
        state, idle, staff, burn_in = self.state, self.state.idle, self.state.staff, self.state.burnIn
        state.screenChanged.connect(self._on_screen)
        state.personIndexChanged.connect(self._on_person)
        state.languageChanged.connect(lambda: self.languages.add(state.language))
        idle.warningChanged.connect(self._on_warning)
        staff.panelChanged.connect(self._on_panel)
        staff.pinChanged.connect(self._on_pin)
        staff.reloadRequested.connect(lambda: self.counts.update(["reloads asked"]))
        staff.exitRequested.connect(lambda: self.counts.update(["exits asked"]))
        burn_in.offsetChanged.connect(lambda: self.offsets.add((burn_in.x, burn_in.y)))
        self._on_screen()
        self.panels.add(staff.panel)
        self.languages.add(state.language)
        self.offsets.add((burn_in.x, burn_in.y))

    def _on_screen(self) -> None:
        screen = self.state.screen
        self.screens.add(screen)
        if screen == "attract" and self._last_screen != "attract":
            self.counts["resets"] += 1  # nothing but the idle watch leads back to the first screen
        self._last_screen = screen
        self._on_person()

    def _on_person(self) -> None:
        if self.state.screen == "person":
            self.people.add(self.state.personIndex)

    def _on_warning(self) -> None:
        if self.state.idle.warning:
            self.counts["idle warnings"] += 1

    def _on_panel(self) -> None:
        panel = self.state.staff.panel
        self.panels.add(panel)
        if panel == "menu":
            self.counts["menu opened"] += 1
            if self._lock_waited_out:
                self.counts["menu opened after a lock ran out"] += 1
                self._lock_waited_out = False
        elif panel == "pin":
            self.counts["pin pad opened"] += 1
            self._guesser = self.rng.random() < GUESSER_CHANCE

    def _on_pin(self) -> None:
        message = self.state.staff.message
        if message.startswith("Wrong PIN"):
            self.counts["wrong PINs"] += 1
        if message:
            self.pin_messages.add(re.sub(r"\d", "N", message))

    # --- what a person sees -------------------------------------------------

    def shown(self) -> dict[str, QQuickItem]:
        return {item.objectName(): item for item in visible_items(self.window) if item.objectName()}

    def targets(self) -> list[QQuickItem]:
        """The controls a person could aim at: on the staff panel while it is open."""
        found = []
        for item in visible_items(self.window):
            if item.property("kioskControl") is not True:
                continue
            if self.state.staff.panel and not _inside(item, "staffOverlay"):
                continue  # under the staff panel, out of reach
            found.append(item)
        return found

    def describe(self) -> str:
        idle, staff = self.state.idle, self.state.staff
        return (
            f"[screen={self.state.screen} person={self.state.personIndex} lang={self.state.language}"
            f" warning={idle.warning} panel={staff.panel!r} digits={staff.enteredDigits}]"
        )

    # --- the monkey's hands ---------------------------------------------------

    def note(self, action: str) -> None:
        self.actions[action.split(" ", 1)[0]] += 1
        self.recent.append(f"#{self.event} {action} {self.describe()}")

    def press_at(self, point: QPoint, *, touch: bool | None = None) -> None:
        if touch is None:
            touch = self.rng.random() < 0.5
        if touch:
            QTest.touchEvent(self.window, self.touch).press(0, point, self.window).commit()
            QTest.touchEvent(self.window, self.touch).release(0, point, self.window).commit()
        else:
            QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, NO_MOD, point)

    def random_point(self) -> QPoint:
        return QPoint(self.rng.randrange(self.width), self.rng.randrange(self.height))

    def tap_anywhere(self) -> None:
        point = self.random_point()
        self.note(f"tap ({point.x()},{point.y()})")
        self.press_at(point)

    def tap_control(self) -> None:
        targets = self.targets()
        if not targets:
            self.tap_anywhere()
            return
        item = self.rng.choice(targets)
        self.tap_item(item)

    def tap_item(self, item: QQuickItem, *, touch: bool | None = None, action: str = "tap-control") -> None:
        lay_out(self.window)  # where a finger finds it by the time it gets there
        rect = scene_rect(item)
        # Near the centre, as a finger aims: within the middle half of the control.
        point = QPointF(
            rect.center().x() + self.rng.uniform(-0.25, 0.25) * rect.width(),
            rect.center().y() + self.rng.uniform(-0.25, 0.25) * rect.height(),
        ).toPoint()
        name = item.objectName() or item.property("accessibleName")
        self.note(f"{action} {name!r} ({point.x()},{point.y()})")
        self.press_at(point, touch=touch)

    def corner_burst(self) -> None:
        """Quick taps in the staff corner: five or more open the PIN pad."""
        taps = self.rng.choice([2, 4, 5, 5, 5, 6, 7])
        self.note(f"corner-burst {taps} taps")
        touch = self.rng.random() < 0.5
        for _ in range(taps):
            self.press_at(QPoint(self.rng.randrange(2, 150), self.rng.randrange(2, 150)), touch=touch)

    def swipe(self) -> None:
        start = QPointF(self.rng.uniform(50, self.width - 50), self.rng.uniform(50, self.height - 50))
        distance = self.rng.choice([-1, 1]) * self.rng.uniform(30, 1000)
        end = QPointF(
            min(max(start.x() + distance, 0), self.width - 1),
            min(max(start.y() + self.rng.uniform(-80, 80), 0), self.height - 1),
        )  # a finger stops at the edge of the screen
        steps = self.rng.randint(2, 8)
        touch = self.rng.random() < 0.75
        self.note(
            f"swipe {'touch' if touch else 'mouse'}"
            f" ({start.x():.0f},{start.y():.0f})->({end.x():.0f},{end.y():.0f})"
        )
        before = (self.state.screen, self.state.personIndex)
        points = [(start + (end - start) * (step / steps)).toPoint() for step in range(steps + 1)]
        if touch:
            QTest.touchEvent(self.window, self.touch).press(0, points[0], self.window).commit()
            for point in points[1:]:
                QTest.touchEvent(self.window, self.touch).move(0, point, self.window).commit()
            QTest.touchEvent(self.window, self.touch).release(0, points[-1], self.window).commit()
        else:
            QTest.mousePress(self.window, Qt.MouseButton.LeftButton, NO_MOD, points[0])
            for point in points[1:]:
                QTest.mouseMove(self.window, point)
            QTest.mouseRelease(self.window, Qt.MouseButton.LeftButton, NO_MOD, points[-1])
        if before[0] == "person" == self.state.screen and before[1] != self.state.personIndex:
            self.counts["swipes to another person"] += 1

    def key(self) -> None:
        key, modifiers, text = self.rng.choice(KEYS)
        self.note(f"key {Qt.Key(key).name}{'+' + str(modifiers) if modifiers != NO_MOD else ''}")
        QTest.sendKeyEvent(QTest.KeyAction.Click, self.window, key, text, modifiers)

    def long_press(self) -> None:
        point = self.random_point()
        hold_s = self.rng.uniform(0.05, 0.45)
        self.note(f"long-press ({point.x()},{point.y()}) {hold_s:.2f}s")
        QTest.touchEvent(self.window, self.touch).press(0, point, self.window).commit()
        self.qtbot.wait(round(hold_s * 1000))
        QTest.touchEvent(self.window, self.touch).release(0, point, self.window).commit()

    def two_fingers(self) -> None:
        first, second = self.random_point(), self.random_point()
        self.note(f"two-fingers ({first.x()},{first.y()}) ({second.x()},{second.y()})")
        window = self.window
        QTest.touchEvent(window, self.touch).press(0, first, window).press(1, second, window).commit()
        apart = QPoint(min(max(second.x() + self.rng.randint(-200, 200), 0), self.width - 1), second.y())
        QTest.touchEvent(window, self.touch).stationary(0).move(1, apart, window).commit()
        QTest.touchEvent(window, self.touch).release(0, first, window).release(1, apart, window).commit()

    def odd_click(self) -> None:
        point = self.random_point()
        kind = self.rng.choice(["double", "right", "middle"])
        self.note(f"{kind}-click ({point.x()},{point.y()})")
        if kind == "double":
            QTest.mouseDClick(self.window, Qt.MouseButton.LeftButton, NO_MOD, point)
        else:
            button = Qt.MouseButton.RightButton if kind == "right" else Qt.MouseButton.MiddleButton
            QTest.mouseClick(self.window, button, NO_MOD, point)

    def close_request(self) -> None:
        """What Alt+F4 in a window manager or a taskbar's close button sends."""
        self.note("close-request")
        refused = not self.window.close()
        assert refused and self.window.isVisible(), self.failure("the kiosk window closed")

    def type_pin(self, pin: str) -> None:
        self.note(f"type-pin {'right' if pin == PIN else pin}")
        touch = self.rng.random() < 0.5
        shown = self.shown()
        names = ["pinKeyErase"] * self.state.staff.enteredDigits + [f"pinKey{d}" for d in pin] + ["pinKeyOK"]
        for name in names:
            if self.state.staff.panel != "pin" or name not in shown:
                return
            self.tap_item(shown[name], touch=touch, action="pin-key")

    def time_passes(self, message: str) -> None:
        """The pad is locked: staff come back when the lock has run out."""
        match = LOCKED_MESSAGE.fullmatch(message)
        seconds = int(match[1]) * 60 + int(match[2]) + 1
        self.note(f"time-passes {seconds}s")
        self.clock.skipped += seconds
        self.counts["locks waited out"] += 1
        self._lock_waited_out = True

    def pause(self) -> None:
        self.qtbot.wait(round(self.rng.uniform(*PAUSE_S) * 1000))

    def step(self) -> None:
        """One event, chosen by what is on the screen."""
        rng = self.rng
        panel = self.state.staff.panel
        if panel == "pin":
            message = self.state.staff.message
            if LOCKED_MESSAGE.fullmatch(message) and rng.random() < GIVE_UP_CHANCE:
                if self._guesser:
                    self.tap_item(self.shown()["pinCancel"], action="give-up")
                else:
                    self.time_passes(message)
                return
            roll, (right, wrong) = rng.random(), GUESSER_PINS if self._guesser else STAFF_PINS
            if roll < right:
                self.type_pin(PIN)
                return
            if roll < right + wrong:
                self.type_pin("".join(rng.choice("0123456789") for _ in range(rng.randint(3, 6))))
                return
        on_person = self.state.screen == "person"
        actions: list[tuple[Callable[[], None], float]] = [
            (self.tap_control, 38),
            (self.tap_anywhere, 22),
            (self.swipe, 25 if on_person else 8),
            (self.key, 18),
            (self.corner_burst, 2.5),
            (self.long_press, 0.8),
            (self.two_fingers, 1.5),
            (self.odd_click, 2),
            (self.close_request, 0.5),
        ]
        action = rng.choices([a for a, _ in actions], weights=[w for _, w in actions])[0]
        action()

    # --- what a person sees agrees with the state, after every event -------

    def visitor(self) -> tuple[str, int, str]:
        """What the visitor screens show: screen, person, language."""
        return self.state.screen, self.state.personIndex, self.state.language

    def check(self, panel_before: str, visitor_before: tuple[str, int, str]) -> None:
        state = self.state
        assert self.window.isVisible(), self.failure("the kiosk window is gone")
        # The first screen reads the same in every language, but the next
        # visitor's first touch would open the overview in this one.
        if state.screen == "attract":
            assert state.language == state.config.default_language, self.failure(
                f"the first screen is left in {state.language!r}, not the default language"
            )
        # Nothing staff do on their panel changes the visitor screens under it
        # (the idle watch may still reset them, by itself).
        reset = state.screen == "attract" != visitor_before[0]
        assert not panel_before or reset or self.visitor() == visitor_before, self.failure(
            f"input on the staff panel changed the visitor screen under it: {visitor_before} -> {self.visitor()}"
        )
        shown = self.shown()
        assert ("idleOverlay" in shown) == state.idle.warning, self.failure(
            "the idle warning is not shown as the state says"
        )
        assert ("staffOverlay" in shown) == (state.staff.panel != ""), self.failure(
            "the staff panel is not shown as the state says"
        )

    def back_to_the_start(self) -> bool:
        """The first screen in the default language, alone on the screen."""
        state, shown = self.state, set(self.shown())
        return (
            state.screen == "attract"
            and state.language == state.config.default_language
            and state.personIndex == 0
            and not state.idle.warning
            and state.staff.panel == ""
            and "attractScreen" in shown
            and not {"bottomBar", "overviewScreen", "personScreen", "idleOverlay", "staffOverlay"} & shown
        )

    def failure(self, what: str) -> str:
        recent = "\n  ".join(self.recent)
        return (
            f"{what} at event #{self.event} of {EVENTS} "
            f"(replay: KIOSK_MONKEY_SEED={SEED} KIOSK_MONKEY_EVENTS={EVENTS});\n"
            f"last actions:\n  {recent}"
        )


def _inside(item: QQuickItem, name: str) -> bool:
    while item is not None:
        if item.objectName() == name:
            return True
        item = item.parentItem()
    return False


@pytest.fixture
def monkey_kiosk(make_ui, config) -> Iterator[tuple[KioskUi, SteppedClock]]:
    """The kiosk as `kiosk run --windowed` shows it, with short timeouts and a
    staff PIN, animated as on the real screen."""
    clock = SteppedClock()
    ui = make_ui(monkey_config(config), animated=True, clocks=Clocks(monotonic=clock))
    lockdown = Lockdown(ui.window, fullscreen=False)
    yield ui, clock
    lockdown.release()  # or make_ui could not close the window


def test_thousands_of_random_events_then_back_to_the_first_screen_by_itself(
    monkey_kiosk, qtbot, qtlog, capsys
):
    ui, clock = monkey_kiosk
    print(f"monkey: KIOSK_MONKEY_SEED={SEED} KIOSK_MONKEY_EVENTS={EVENTS}")
    monkey = Monkey(ui, qtbot, clock, random.Random(SEED))
    checked_records = 0
    memory_at_warm_up = None
    started = time.monotonic()

    with qtbot.captureExceptions() as exceptions:
        for event in range(1, EVENTS + 1):
            monkey.event = event
            panel_before, visitor_before = ui.state.staff.panel, monkey.visitor()
            try:
                monkey.step()
                QCoreApplication.processEvents()
                if monkey.rng.random() < PAUSE_CHANCE:
                    monkey.pause()
            except Exception as error:
                raise AssertionError(monkey.failure(f"{type(error).__name__}: {error}")) from error
            if exceptions:
                pytest.fail(monkey.failure(f"exception in a Qt callback: {exceptions[0][1]!r}"), pytrace=False)
            warnings = [
                record for record in qtlog.records[checked_records:]
                if record.type in WARNING_TYPES and not record.ignored
            ]
            checked_records = len(qtlog.records)
            assert not warnings, monkey.failure(f"Qt warning {warnings[0].message!r}")
            monkey.check(panel_before, visitor_before)
            if event == WARM_UP:
                memory_at_warm_up = settled_memory()
        events_s = time.monotonic() - started

        # After the last event nobody touches the kiosk any more.
        try:
            qtbot.waitUntil(monkey.back_to_the_start, timeout=10_000)
        except qtbot.TimeoutError:
            pytest.fail(monkey.failure(f"10 s later, not back on the first screen: {monkey.describe()}"))
    assert not exceptions, monkey.failure(f"exception in a Qt callback: {exceptions[0][1]!r}")
    assert monkey.shown()["attractTitle"].property("text") == "UNBREAKABLE"

    memory_at_end = settled_memory()
    coverage = {
        "screens": sorted(monkey.screens),
        "people": sorted(monkey.people),
        "staff panels": sorted(monkey.panels),
        "languages": sorted(monkey.languages),
        "burn-in offsets": len(monkey.offsets),
        "PIN pad messages": sorted(monkey.pin_messages),
        **dict(sorted(monkey.counts.items())),
    }
    with capsys.disabled():
        print(f"\nmonkey: seed {SEED}, {EVENTS} events in {events_s:.1f} s")
        print(f"monkey: actions {dict(sorted(monkey.actions.items()))}")
        print(f"monkey: coverage {coverage}")
        if memory_at_warm_up and memory_at_end:
            rss, pss, uss = (end - start for start, end in zip(memory_at_warm_up, memory_at_end, strict=True))
            print(
                f"memory growth over {EVENTS - WARM_UP} events (after {WARM_UP} to warm up): "
                f"RSS {rss:+.1f} MB, PSS {pss:+.1f} MB, private {uss:+.1f} MB "
                "(now RSS {:.0f} MB, PSS {:.0f} MB, private {:.0f} MB)".format(*memory_at_end)
            )
        else:
            print("memory growth: not measured (no /proc/self/smaps_rollup here)")

    # The monkey got everywhere, so the run above means something.
    assert monkey.screens == set(SCREENS), coverage
    assert monkey.people == set(range(ui.state.personCount)), coverage
    assert monkey.panels == {"", "pin", "menu"}, coverage
    assert monkey.languages == set(ui.state.config.language_codes), coverage
    assert monkey.offsets == set(RING), coverage
    for count in ("idle warnings", "resets", "pin pad opened", "menu opened", "wrong PINs",
                  "swipes to another person"):
        assert monkey.counts[count] >= 3, (count, coverage)
    assert "Too many wrong PINs. Try again in N:NN." in monkey.pin_messages, coverage
    assert monkey.counts["menu opened after a lock ran out"] >= 1, coverage
    assert monkey.counts["reloads asked"] + monkey.counts["exits asked"] >= 1, coverage
