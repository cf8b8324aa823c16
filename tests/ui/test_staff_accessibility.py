"""The staff's PIN pad and menu are held to the visitors' rules
(tests/ui/test_accessibility.py, docs/accessibility.md): staff too may have
low vision, sit in a wheelchair, wear gloves or use a screen reader. Every
control is large, in reach, named and legible; every text large enough,
contrasted and unclipped, in both orientations and all three display modes."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from kiosk.core.accessibility import LARGER_TEXT_SCALE
from kiosk.core.model import KioskConfig
from kiosk.tools.layout_rules import inside, screen_problems
from kiosk.tools.scene import controls, scene_rect, settle, visible_items
from kiosk.tools.shots import MODES
from kiosk.ui.state import Clocks
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import find, is_shown, tap
from tests.ui.test_accessibility import (
    accessible_nodes,
    control_problems,
    hung_as_high_as_check_allows,
    text_problems,
)
from tests.ui.test_staff import PIN, FakeClock, corner_taps, enter, staff_settings

pytestmark = pytest.mark.slow

DIGIT_KEYS = [f"pinKey{digit}" for digit in "1234567890"]
PAD_CONTROLS = {*DIGIT_KEYS, "pinKeyErase", "pinKeyOK", "pinCancel"}
MENU_CONTROLS = {"staffBack", "staffReload", "staffExit"}
# What the supervisor adds to the status when the files are broken: long
# lines quoting a file, enough of them to scroll in larger text.
BROKEN_FILES_STATUS = [
    "The settings have errors; visitors see the last good content until they are fixed:",
    (
        "config/people.yaml:63: people[1].detained (the 2nd person, Valiantsin Stefanovic): "
        "'2021-02-30' is not a real date; write the day as YYYY-MM-DD, e.g. 2021-02-28"
    ),
    *(
        f"config/texts.yaml:{line}: ui.next.en: missing the 'en' text; add a line 'en: ...' with the English text"
        for line in range(100, 106)
    ),
    "Recent problems:",
    "2026-12-06 10:02:11 WARNING the portrait assets/portraits/person-2.jpg could not be read; a placeholder is shown",
]


@dataclasses.dataclass
class StaffKiosk:
    ui: object
    clock: FakeClock

    @property
    def window(self):
        return self.ui.window


@pytest.fixture
def open_staff_kiosk(make_ui, config):
    """A kiosk with a PIN, at a size (and config), whose staff status is long."""

    def make(size: QSize = LANDSCAPE, base: KioskConfig = config) -> StaffKiosk:
        clock = FakeClock()
        with_pin = dataclasses.replace(base, staff=staff_settings())
        ui = make_ui(with_pin, size, clocks=Clocks(monotonic=clock), staff_status=lambda: BROKEN_FILES_STATUS)
        return StaffKiosk(ui, clock)

    return make


def open_pad(qtbot, kiosk: StaffKiosk) -> None:
    corner_taps(qtbot, kiosk.window, 5, clock=kiosk.clock)
    qtbot.waitUntil(lambda: is_shown(kiosk.window, "pinPad"))


def each_view(qtbot, kiosk: StaffKiosk):
    """Walk the pad and the menu as staff find them, yielding each view's
    name: the pad shut after a start (the longest message), with digits
    entered, after a wrong PIN; then the menu."""
    window, staff = kiosk.window, kiosk.ui.state.staff
    staff.keep_lock(None, lambda record: None, wall=lambda: 1_700_000_000.0, shut_until=kiosk.clock.now + 30)
    open_pad(qtbot, kiosk)
    yield "pad shut after a start"
    kiosk.clock.now += 31
    for digit in "1357":
        tap(qtbot, window, find(window, f"pinKey{digit}"))
    yield "pad with digits"
    tap(qtbot, window, find(window, "pinKeyOK"))
    yield "pad after a wrong PIN"
    enter(qtbot, window, PIN)
    qtbot.waitUntil(lambda: is_shown(window, "staffMenu"))
    yield "menu"
    tap(qtbot, window, find(window, "staffBack"))


def labels_outside_their_keys(window) -> list[str]:
    """Controls whose label is not wholly on the control (cut by its edge)."""
    problems = []
    for item in visible_items(window):
        label = item.property("label") if item.property("kioskControl") is True else None
        if label is not None and not inside(label.mapRectToScene(label.boundingRect()), scene_rect(item)):
            problems.append(f"{item.objectName()}: its label runs over its edge")
    return problems


def view_problems(kiosk: StaffKiosk, view: str, high_contrast: bool) -> tuple[list[str], dict[str, int]]:
    """Every rule the staff panel breaks as it is drawn now, and the pixel
    size of each named text."""
    window, geometry = kiosk.window, kiosk.ui.state.geometry
    image = window.grabWindow()
    found = controls(window, geometry, image)
    problems = []
    expected = MENU_CONTROLS if view == "menu" else PAD_CONTROLS
    if {control["objectName"] for control in found} != expected:
        problems.append(f"controls {sorted(control['objectName'] for control in found)}")
    # The erase key shows a symbol; the screen reader says it in words.
    named = [control | {"text": ""} if control["objectName"] == "pinKeyErase" else control for control in found]
    problems += control_problems(named, geometry, high_contrast)
    problems += [str(problem) for problem in screen_problems(window, image, found)]
    problems += labels_outside_their_keys(window)
    texts, sizes = text_problems(window, geometry, high_contrast)
    return problems + texts, sizes


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_the_pad_and_the_menu_meet_the_visitors_rules_in_every_mode(qtbot, open_staff_kiosk, size, tmp_path):
    kiosk = open_staff_kiosk(size)
    state = kiosk.ui.state
    failures, normal_sizes, checked = {}, {}, []
    for mode in MODES:
        state.show("person", 1)  # where a visitor left it, in their mode
        state.setLargerText(mode == "larger-text")
        state.setHighContrast(mode == "high-contrast")
        for view in each_view(qtbot, kiosk):
            settle(kiosk.ui)
            name = f"{view}, {mode or 'normal'}"
            checked.append(name)
            problems, sizes = view_problems(kiosk, view, high_contrast=mode == "high-contrast")
            if mode == "":
                normal_sizes[view] = sizes
            elif mode == "larger-text":
                problems += [
                    f"{text}: {sizes.get(text)} px, not {LARGER_TEXT_SCALE} x {normal}"
                    for text, normal in normal_sizes[view].items()
                    if sizes.get(text, 0) < LARGER_TEXT_SCALE * normal
                ]
            if problems:
                shot = tmp_path / f"{name}.png"
                kiosk.window.grabWindow().save(str(shot))
                failures[f"{name} ({shot})"] = problems
    assert len(checked) == 12
    # The keys' labels, the dots and the message were among the texts measured.
    measured = set(normal_sizes["pad after a wrong PIN"]) | set(normal_sizes["pad with digits"])
    assert {"pinKey5Label", "pinKeyOKLabel", "pinDots", "pinMessage"} <= measured
    assert not failures, failures


def test_on_a_screen_hung_as_high_as_check_allows_every_staff_control_is_in_reach(qtbot, open_staff_kiosk, config):
    """The band within reach is then smallest: the keys shrink to fit it,
    never below the smallest target."""
    hung_high, geometry = hung_as_high_as_check_allows(config)
    kiosk = open_staff_kiosk(PORTRAIT, hung_high)
    assert kiosk.ui.state.geometry == geometry
    kiosk.ui.state.setLargerText(True)
    failures = {}
    for view in each_view(qtbot, kiosk):
        settle(kiosk.ui)
        problems, _ = view_problems(kiosk, view, high_contrast=False)
        if problems:
            failures[view] = problems
    assert not failures, failures


def test_a_screen_reader_hears_the_pad_and_the_menu_and_nothing_beneath(qtbot, open_staff_kiosk):
    kiosk = open_staff_kiosk()
    window, state = kiosk.window, kiosk.ui.state
    state.show("person", 2)
    open_pad(qtbot, kiosk)
    keys = [("Button", digit) for digit in "123456789"]
    keys += [("Button", "Delete the last digit"), ("Button", "0"), ("Button", "OK"), ("Button", "Cancel")]
    assert accessible_nodes(window) == [
        ("Dialog", "Staff PIN"), ("StaticText", "Staff PIN"), ("StaticText", "PIN, no digits entered"), *keys,
    ]

    tap(qtbot, window, find(window, "pinKey7"))
    assert ("StaticText", "PIN, 1 digit entered") in accessible_nodes(window)
    for digit in "359":
        tap(qtbot, window, find(window, f"pinKey{digit}"))
    nodes = accessible_nodes(window)
    assert ("StaticText", "PIN, 4 digits entered") in nodes
    assert not any(digits in name for _, name in nodes for digits in ("7359", "●")), "the PIN itself is never read"
    tap(qtbot, window, find(window, "pinKeyOK"))
    assert ("StaticText", "Wrong PIN. 4 tries left before the pad locks.") in accessible_nodes(window)

    enter(qtbot, window, PIN)
    qtbot.waitUntil(lambda: is_shown(window, "staffMenu"))
    nodes = accessible_nodes(window)
    assert nodes[:3] == [("Dialog", "Staff menu"), ("StaticText", "Staff menu"), ("Pane", "Status")]
    read = [name for role, name in nodes if role == "StaticText"]
    assert read[1:] == state.staff.status
    assert [name for role, name in nodes if role == "Button"] == [
        "Back to visitors", "Reload content now", "Exit to the desktop",
    ]
    beneath = {state.person["bio"], state.texts["back"], state.texts["larger_text"]}
    assert not beneath & {name for _, name in nodes}, "the visitors' screen beneath is not read out"


def test_after_the_staff_panel_the_visitors_keyboard_works_as_before(qtbot, open_staff_kiosk):
    """The screens are hidden under the panel (for screen readers): shown
    again, Enter still begins and Tab still reaches the visitors' controls."""
    kiosk = open_staff_kiosk()
    window, state = kiosk.window, kiosk.ui.state
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    open_pad(qtbot, kiosk)
    tap(qtbot, window, find(window, "pinCancel"))
    assert not is_shown(window, "staffOverlay")
    QTest.keyClick(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state.screen == "overview")
    QTest.keyClick(window, Qt.Key.Key_Tab)
    assert window.activeFocusItem().objectName() == "personCard0"


def test_tab_moves_through_the_pad_in_reading_order_and_enter_presses(qtbot, open_staff_kiosk):
    """For a keyboard or switch device: only the pad's controls, never the
    visitors' beneath, and round again after Cancel."""
    kiosk = open_staff_kiosk()
    window = kiosk.window
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    open_pad(qtbot, kiosk)
    order = [f"pinKey{name}" for name in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "Erase", "0", "OK")]
    seen = []
    for _ in range(len(order) + 2):
        QTest.keyClick(window, Qt.Key.Key_Tab)
        seen.append(window.activeFocusItem().objectName())
    assert seen == [*order, "pinCancel", order[0]]
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert kiosk.ui.state.staff.enteredDigits == 1


def test_a_label_too_wide_for_its_key_is_caught(qtbot, open_staff_kiosk):
    kiosk = open_staff_kiosk()
    open_pad(qtbot, kiosk)
    settle(kiosk.ui)
    assert labels_outside_their_keys(kiosk.window) == []
    find(kiosk.window, "pinKeyOK").setProperty("implicitWidth", 30)
    settle(kiosk.ui)
    assert labels_outside_their_keys(kiosk.window) == ["pinKeyOK: its label runs over its edge"]
