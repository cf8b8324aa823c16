"""Accessible to every passer-by, measured on what is rendered: target sizes
in millimetres, the reach range, gaps, names and roles, the contrast of
every text on the pixels, text sizes and line lengths, on every screen, in
both languages, both orientations and all three display modes; then the
keyboard, the screen reader's view, the modes themselves and motion."""

from __future__ import annotations

import dataclasses
import json
import math
from itertools import combinations

import pytest
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QTextLayout, QTextOption
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core.accessibility import (
    BODY_TEXT_MIN_PX_AT_1080,
    CONTROL_BAND_PX_AT_1080,
    CONTRAST_MIN,
    CONTRAST_MIN_HIGH,
    LARGER_TEXT_SCALE,
    MIN_TARGET_MM,
    REACH_HIGH_MM,
    REACH_LOW_MM,
    Mounting,
    ScreenGeometry,
    reach_problem,
)
from kiosk.core.model import IdleSettings
from kiosk.core.theme import HIGH_CONTRAST, PALETTES
from kiosk.tools.preview import render_preview
from kiosk.tools.shots import planned_shots, show
from kiosk.tools.scene import covering_overlay, measured_contrast, scene_rect
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import find, is_shown, rect_of_text, scroll_area_of, tap, visible_text_items

pytestmark = pytest.mark.slow

SIZES = pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
MAX_LINE_CHARS = 60


def geometry_of(config, size) -> ScreenGeometry:
    return ScreenGeometry(size.width(), size.height(), config.screen.mounting)


# --------------------------------------------------------------------------
# The controls, from `kiosk preview`'s controls.json


def control_problems(controls: list[dict], geometry: ScreenGeometry, high_contrast: bool) -> list[str]:
    """Every rule a control breaks, as controls.json describes it."""
    problems = []
    least_contrast = CONTRAST_MIN_HIGH if high_contrast else CONTRAST_MIN
    for control in controls:
        name = control["objectName"]
        if min(control["width"], control["height"]) < geometry.min_target_px:
            problems.append(f"{name}: {control['width']}x{control['height']} px, under {geometry.min_target_px} px")
        if min(control["widthMm"], control["heightMm"]) < MIN_TARGET_MM:
            problems.append(f"{name}: {control['widthMm']}x{control['heightMm']} mm, under {MIN_TARGET_MM} mm")
        if control["bottomAboveFloorMm"] < REACH_LOW_MM or control["topAboveFloorMm"] > REACH_HIGH_MM:
            problems.append(
                f"{name}: {control['bottomAboveFloorMm']}-{control['topAboveFloorMm']} mm above the floor,"
                f" out of reach ({REACH_LOW_MM}-{REACH_HIGH_MM})"
            )
        if not control["accessibleName"].strip():
            problems.append(f"{name}: no accessible name")
        elif control["text"] and control["accessibleName"] != control["text"]:
            problems.append(f"{name}: read out as {control['accessibleName']!r} but shows {control['text']!r}")
        if control["accessibleRole"] != "Button":
            problems.append(f"{name}: role {control['accessibleRole']}, not Button")
        if control["labelContrast"] is None or control["labelContrast"] < least_contrast:
            problems.append(f"{name}: label contrast {control['labelContrast']}, under {least_contrast}")
    for first, second in combinations(controls, 2):
        gap = max(
            second["x"] - (first["x"] + first["width"]),
            first["x"] - (second["x"] + second["width"]),
            second["y"] - (first["y"] + first["height"]),
            first["y"] - (second["y"] + second["height"]),
        )
        if gap < geometry.min_gap_px:
            problems.append(f"{first['objectName']} and {second['objectName']}: {gap} px apart")
    return problems


@pytest.fixture(scope="module", params=[LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def preview(request, kiosk_app, config, tmp_path_factory):
    """`kiosk preview`'s output at one size: (folder, controls.json, geometry)."""
    size = request.param
    out = tmp_path_factory.mktemp(f"preview-{size.width()}x{size.height()}")
    render_preview(config, out, size)
    return out, json.loads((out / "controls.json").read_text(encoding="utf-8")), geometry_of(config, size)


def test_every_control_is_large_reachable_named_and_legible(preview, config):
    out, controls_by_image, geometry = preview
    assert set(controls_by_image) == {shot.file_name for shot in planned_shots(config)}
    people = {f"personCard{index}" for index in range(len(config.content.people))}
    settings = {f"language_{code}" for code in config.language_codes} | {"largerTextButton", "highContrastButton"}
    expected = {
        "attract": {"startButton"},
        "overview": people | settings,
        "person": {"backButton", "previousButton", "nextButton"} | settings,
        "idle": set(),  # the overlay takes any touch: nothing beneath can be pressed
    }
    failures = {}
    for image, controls in controls_by_image.items():
        assert (out / image).is_file()
        names = {control["objectName"] for control in controls}
        assert names == expected[image.split("-")[0]], image
        problems = control_problems(controls, geometry, high_contrast="high-contrast" in image)
        if problems:
            failures[image] = problems
    assert not failures, failures


def test_every_screen_stands_on_its_palettes_background(preview, config):
    """The margins of every screen (its top-left corner) show the background
    colour: a screen drawn as one picture (a layer) must not come out on black."""
    out, _, _ = preview
    for shot in planned_shots(config):
        if shot.idle_warning:
            continue  # darkened on purpose under the question
        colours = HIGH_CONTRAST if shot.mode == "high-contrast" else PALETTES[config.theme]
        image = QImage(str(out / shot.file_name))
        assert image.pixelColor(4, 4).name() == colours["background"], shot.file_name


def hung_as_high_as_check_allows(config):
    """`config` on an upright screen hung as high as `kiosk check` allows
    without a warning, and that screen's geometry."""
    geometry = geometry_of(config, PORTRAIT)
    lowest_top_mm = REACH_HIGH_MM - CONTROL_BAND_PX_AT_1080 * geometry.mm_per_px
    high = Mounting(config.screen.mounting.diagonal_in, math.floor(lowest_top_mm))
    geometry = ScreenGeometry(PORTRAIT.width(), PORTRAIT.height(), high)
    assert reach_problem(geometry) is None
    return dataclasses.replace(config, screen=dataclasses.replace(config.screen, mounting=high)), geometry


def test_with_the_least_reach_kiosk_check_accepts_every_control_is_still_in_reach(kiosk_app, config, tmp_path):
    """An upright screen hung as high as `kiosk check` allows without a warning."""
    hung_high, geometry = hung_as_high_as_check_allows(config)
    render_preview(hung_high, tmp_path, PORTRAIT)
    controls_by_image = json.loads((tmp_path / "controls.json").read_text(encoding="utf-8"))
    failures = {
        image: problems
        for image, controls in controls_by_image.items()
        if (problems := control_problems(controls, geometry, high_contrast="high-contrast" in image))
    }
    assert not failures, failures


def test_the_control_rules_catch_each_kind_of_fault(config):
    geometry = geometry_of(config, LANDSCAPE)
    good = {
        "objectName": "good", "accessibleName": "Next", "accessibleRole": "Button", "text": "Next",
        "x": 100, "y": 900, "width": 180, "height": 96, "widthMm": 89.2, "heightMm": 47.6,
        "topAboveFloorMm": 990.0, "bottomAboveFloorMm": 943.0, "labelContrast": 12.2,
    }
    assert control_problems([good], geometry, high_contrast=False) == []
    faults = {
        "px": {"width": 80},
        "mm": {"heightMm": 19.0},
        "reach": {"topAboveFloorMm": 1300.0},
        "no accessible name": {"accessibleName": " "},
        "read out as": {"accessibleName": "Nästa"},
        "role": {"accessibleRole": "StaticText"},
        "contrast": {"labelContrast": 3.9},
    }
    for expected, change in faults.items():
        problems = control_problems([good | change], geometry, high_contrast=False)
        assert len(problems) == 1 and expected in problems[0], (expected, problems)
    assert control_problems([good | {"labelContrast": 6.0}], geometry, high_contrast=True)
    neighbour = good | {"objectName": "near", "x": good["x"] + good["width"] + 4}
    assert control_problems([good, neighbour], geometry, high_contrast=False) == ["good and near: 4 px apart"]


# --------------------------------------------------------------------------
# Every text, on the live window and its rendered pixels


def line_lengths(item: QQuickItem) -> list[int]:
    """How many characters each line of a wrapped text holds, laid out as Qt
    Quick lays it out (same font, same width)."""
    text = item.property("text")
    layout = QTextLayout(text, item.property("font"))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lengths = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(item.width())
        lengths.append(len(text[line.textStart():line.textStart() + line.textLength()].strip()))
    layout.endLayout()
    return lengths


def text_problems(window, geometry: ScreenGeometry, high_contrast: bool) -> tuple[list[str], dict[str, int]]:
    """Rules every visible text breaks, and the pixel size of each named text."""
    problems, sizes = [], {}
    image = window.grabWindow()
    least_contrast = CONTRAST_MIN_HIGH if high_contrast else CONTRAST_MIN
    smallest = round(BODY_TEXT_MIN_PX_AT_1080 * geometry.scale)
    texts = visible_text_items(window)
    overlay = covering_overlay(window)
    if overlay is not None:  # it covers the rest
        texts = [text for text in texts if overlay.isAncestorOf(text)]
    for item in texts:
        label = repr(item.property("text")[:40])
        pixel_size = item.property("font").pixelSize()
        if item.objectName():
            sizes[item.objectName()] = pixel_size
        if pixel_size < smallest:
            problems.append(f"{label}: {pixel_size} px, under {smallest}")
        shown = rect_of_text(item)
        area = scroll_area_of(item)
        if area is not None:
            shown = shown.intersected(scene_rect(area))
        if shown.height() >= pixel_size:  # at least a line in view, not a sliver at the edge
            contrast = measured_contrast(image, shown)
            if contrast is None or contrast < least_contrast:
                problems.append(f"{label}: contrast {contrast}, under {least_contrast}")
        if item.property("lineCount") > 1:
            longest = max(line_lengths(item))
            if longest > MAX_LINE_CHARS:
                problems.append(f"{label}: a line of {longest} characters")
    return problems, sizes


@SIZES
def test_every_text_is_large_enough_contrasted_and_short_lined(make_ui, config, size):
    ui = make_ui(config, size)
    geometry = geometry_of(config, size)
    failures, normal_sizes, checked = {}, {}, 0
    for shot in planned_shots(config):
        show(ui, shot)
        problems, sizes = text_problems(ui.window, geometry, high_contrast=shot.mode == "high-contrast")
        checked += len(sizes)
        unmoded = dataclasses.replace(shot, mode="", file_name="")
        if shot.mode == "":
            normal_sizes[unmoded] = sizes
        elif shot.mode == "larger-text":
            for name, normal in normal_sizes[unmoded].items():
                if name in sizes and sizes[name] < LARGER_TEXT_SCALE * normal:
                    problems.append(f"{name}: {sizes[name]} px, not {LARGER_TEXT_SCALE} x {normal}")
        if problems:
            failures[shot.file_name] = problems
    assert checked > 300  # every screen's texts were looked at
    assert not failures, failures


def test_the_text_rules_catch_small_faint_and_long_lined_text(make_ui, config):
    """Grey on near-black at 20 px, then 100 characters a line: each is caught."""
    ui = make_ui(config)
    show(ui, planned_shots(config)[2])  # person-1-sv
    bio = find(ui.window, "personBio")
    start = repr(bio.property("text")[:40])
    geometry = geometry_of(config, LANDSCAPE)

    def bio_problems() -> str:
        problems, _ = text_problems(ui.window, geometry, high_contrast=False)
        return " | ".join(problem for problem in problems if problem.startswith(start))

    assert bio_problems() == ""
    bio.setProperty("color", QColor("#3a3d44"))  # on #101113: about 1.8:1
    font = bio.property("font")
    font.setPixelSize(20)
    bio.setProperty("font", font)
    assert "20 px" in bio_problems() and "contrast" in bio_problems()
    bio.setProperty("width", 1400)
    assert "a line of" in bio_problems()


# --------------------------------------------------------------------------
# Keyboard and switch devices


def focused(window) -> str:
    item = window.activeFocusItem()
    return item.objectName() if item is not None else ""


def press(qtbot, window, key) -> None:
    QTest.keyClick(window, key)
    qtbot.wait(20)


def test_tab_and_arrows_move_a_visible_ring_through_every_control_in_order(qtbot, make_ui, config):
    ui = make_ui(config)
    window = ui.window
    window.requestActivate()
    qtbot.waitUntil(window.isActive)

    press(qtbot, window, Qt.Key.Key_Return)  # the first screen: Enter begins
    qtbot.waitUntil(lambda: ui.state.screen == "overview")
    order = [f"personCard{index}" for index in range(len(config.content.people))] + [
        "language_sv", "language_en", "largerTextButton", "highContrastButton",
    ]
    seen = []
    for _ in order:
        press(qtbot, window, Qt.Key.Key_Tab)
        seen.append(focused(window))
    assert seen == order
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window) == order[0], "Tab goes round"

    # Arrows move the same way, and the focus is drawn around the control.
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Down)
    assert focused(window) == order[2]
    press(qtbot, window, Qt.Key.Key_Left)
    assert focused(window) == order[1]
    card = window.activeFocusItem()
    # The ring is drawn 5 to 10 px outside the control (Theme.focusRing at 1080p).
    ring_point = scene_rect(card).topLeft().toPoint() + QPointF(-7, 40).toPoint()
    accent = QColor(PALETTES[config.theme]["accent"])
    assert window.grabWindow().pixelColor(ring_point) == accent

    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ui.state.screen == "person")
    assert ui.state.personIndex == 1

    # On a person's page: the navigation first, then the same settings.
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window) == "backButton"
    for expected in ("previousButton", "nextButton", "language_sv", "language_en"):
        press(qtbot, window, Qt.Key.Key_Tab)
        assert focused(window) == expected
    press(qtbot, window, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: ui.state.language == "en")
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.state.largerText)


def test_a_page_too_long_for_its_place_scrolls_with_the_arrow_keys(qtbot, make_ui, config):
    ui = make_ui(config)
    window = ui.window
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    ui.state.setLargerText(True)
    ui.state.show("person", 0)
    qtbot.waitUntil(lambda: is_shown(window, "personScroll"))
    area = find(window, "personScroll")
    assert area.property("scrollable"), "larger text must not fit here, or this test proves nothing"
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window) == "personScroll"
    press(qtbot, window, Qt.Key.Key_Down)
    assert area.property("contentY") > 0
    while area.property("contentY") < area.property("contentHeight") - area.height() - 1:
        press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Down)  # at the end, the arrow moves on
    assert focused(window) == "backButton"

    # Back on the area, larger text goes off: nothing left to scroll, so
    # the focus moves on by itself (without a Qt warning).
    press(qtbot, window, Qt.Key.Key_Backtab)
    assert focused(window) == "personScroll"
    ui.state.setLargerText(False)
    qtbot.waitUntil(lambda: not area.property("scrollable"))
    assert focused(window) == "backButton"


# --------------------------------------------------------------------------
# What a screen reader (Orca, over AT-SPI) is given


def accessible_nodes(window) -> list[tuple[str, str]]:
    """(role, name) of every shown node of the window's accessibility tree, in order."""
    nodes = []

    def walk(node) -> None:
        for index in range(node.childCount()):
            child = node.child(index)
            if child is None or child.state().invisible:
                continue
            nodes.append((child.role().name, child.text(QAccessible.Text.Name)))
            walk(child)

    walk(QAccessible.queryAccessibleInterface(window))
    return nodes


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_screen_reader_reads_the_page_in_order_and_names_every_control(qtbot, make_ui, config, language):
    ui = make_ui(config)
    ui.state.setLanguage(language)
    ui.state.show("person", 2)
    qtbot.waitUntil(lambda: is_shown(ui.window, "personBio"))
    person, texts = ui.state.person, ui.state.texts
    nodes = accessible_nodes(ui.window)
    read = [name for role, name in nodes if role == "StaticText"]
    expected_start = [
        person["name"], person["nameNative"], person["role"], person["statusLabel"].upper(),
        person["statusSummary"], person["statusChecked"], person["bio"],
        texts["detained"], person["detained"], texts["sentenced"], person["sentenced"],
        texts["term"], person["term"], person["linkCta"],
    ]
    assert read[: len(expected_start)] == expected_start
    buttons = [name for role, name in nodes if role == "Button"]
    names = [language_.name for language_ in config.languages]
    assert buttons == [
        texts["back"], texts["previous"], texts["next"], *names, texts["larger_text"], texts["high_contrast"]
    ]
    groups = [name for role, name in nodes if role == "Grouping"]
    assert groups == [texts["language_switch"], texts["display_options"]]
    assert ("Graphic", person["link"]) in nodes and ("Graphic", config.campaign_url) in nodes


# --------------------------------------------------------------------------
# The modes themselves


def background_at_corner(window) -> str:
    return window.grabWindow().pixelColor(2, 2).name()


def test_larger_text_and_high_contrast_change_what_is_seen_and_go_back(qtbot, make_ui, config):
    ui = make_ui(config)
    window = ui.window
    ui.state.show("person", 0)
    qtbot.waitUntil(lambda: is_shown(window, "personBio"))
    normal = find(window, "personBio").property("font").pixelSize()
    assert background_at_corner(window) == PALETTES[config.theme]["background"]

    tap(qtbot, window, find(window, "largerTextButton"))
    qtbot.waitUntil(lambda: find(window, "personBio").property("font").pixelSize() >= LARGER_TEXT_SCALE * normal)
    assert find(window, "largerTextButton").property("selected")
    tap(qtbot, window, find(window, "highContrastButton"))
    qtbot.waitUntil(lambda: background_at_corner(window) == HIGH_CONTRAST["background"])

    tap(qtbot, window, find(window, "largerTextButton"))
    tap(qtbot, window, find(window, "highContrastButton"))
    qtbot.waitUntil(lambda: background_at_corner(window) == PALETTES[config.theme]["background"])
    assert find(window, "personBio").property("font").pixelSize() == normal


def test_both_modes_end_with_the_visit(qtbot, make_ui, config):
    ui = make_ui(dataclasses.replace(config, idle=IdleSettings(timeout_s=0.3, warning_s=1)))
    window = ui.window
    tap(qtbot, window, find(window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
    tap(qtbot, window, find(window, "largerTextButton"))
    tap(qtbot, window, find(window, "highContrastButton"))
    qtbot.waitUntil(lambda: ui.state.largerText and ui.state.highContrast)
    qtbot.waitUntil(lambda: is_shown(window, "attractScreen"), timeout=4000)
    assert not ui.state.largerText and not ui.state.highContrast
    assert background_at_corner(window) == PALETTES[config.theme]["background"]
    tap(qtbot, window, find(window, "attractScreen"))
    qtbot.waitUntil(lambda: is_shown(window, "overviewScreen"))
    assert not find(window, "largerTextButton").property("selected")


# --------------------------------------------------------------------------
# Motion


def attract_scale_after(qtbot, make_ui, config, ms: int) -> float:
    ui = make_ui(config, animated=True)
    qtbot.waitUntil(lambda: is_shown(ui.window, "attractPortrait0"))
    qtbot.wait(ms)
    return find(ui.window, "attractPortrait0").property("scale")


def test_reduce_motion_stops_the_breathing_of_the_first_screen(qtbot, make_ui, config):
    assert attract_scale_after(qtbot, make_ui, config, 800) > 1.0  # it breathes by default
    calm = dataclasses.replace(config, reduce_motion=True)
    assert attract_scale_after(qtbot, make_ui, calm, 800) == 1.0


@pytest.mark.parametrize("reduce_motion", [False, True])
def test_reduce_motion_turns_the_slide_to_the_next_person_into_a_fade(qtbot, make_ui, config, reduce_motion):
    ui = make_ui(dataclasses.replace(config, reduce_motion=reduce_motion), animated=True)
    ui.state.show("person", 0)
    qtbot.waitUntil(lambda: is_shown(ui.window, "personPage"))
    # The screen's own fade-in over: what follows is the page's own motion.
    qtbot.waitUntil(lambda: find(ui.window, "personLoader").opacity() == 1)
    page = find(ui.window, "personPage")
    tap(qtbot, ui.window, find(ui.window, "nextButton"))
    offsets, opacities = set(), set()
    for _ in range(15):
        offsets.add(round(page.x()))
        opacities.add(round(page.opacity(), 2))
        qtbot.wait(15)
    assert any(opacity < 1 for opacity in opacities), "the new page fades in either way"
    assert (offsets == {0}) is reduce_motion


def test_nothing_flashes_faster_than_twice_a_second(qtbot, make_ui, config):
    """Every animation that repeats takes at least half a second a round."""
    ui = make_ui(config, animated=True)
    # The first screen's breathing and glow are stepped by a timer, not animations.
    attract = find(ui.window, "attractScreen")
    qtbot.waitUntil(lambda: find(ui.window, "attractPortrait1").property("scale") > 1.0, timeout=10_000)
    assert 2 * attract.property("breathMs") >= 500 and attract.property("glowPeriodMs") >= 500
    repeating = []
    for screen in ("attract", "overview", "person"):
        ui.state.show(screen)
        qtbot.waitUntil(lambda screen=screen: is_shown(ui.window, f"{screen}Screen"))
        for animation in ui.window.findChildren(QObject):
            if animation.inherits("QQuickAbstractAnimation") and animation.property("loops") == -1:
                repeating.append(animation)
    for animation in repeating:
        steps = [child.property("duration") for child in animation.findChildren(QObject)
                 if child.property("duration") is not None]
        assert sum(steps) >= 500, (animation, steps)


def test_preview_files_name_the_modes(config):
    names = {shot.file_name for shot in planned_shots(config)}
    assert {"overview-sv-larger-text.png", "person-3-en-high-contrast.png", "idle-en-larger-text.png"} <= names
    assert not any(name.startswith("attract-") and name.count("-") > 1 for name in names)
