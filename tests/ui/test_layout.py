"""No text is clipped, overflows or collides, on any screen, in any language,
in landscape and portrait, in every display mode. Text in a scrolling area
may lie beyond its viewport, as long as scrolling brings it into view."""

import pytest
from PySide6.QtCore import QRectF

from kiosk.ui.preview import planned_shots, scene_rect, show, visible_items
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import rect_of_text, scroll_area_of, visible_text_items

REGIONS = ("attractScreen", "overviewScreen", "personScreen", "bottomBar", "idleOverlay")
TOLERANCE = 1.0  # sub-pixel rounding of scene coordinates


def region_of(item):
    """The screen or bar an item belongs to."""
    while item is not None:
        if item.objectName() in REGIONS:
            return item
        item = item.parentItem()
    return None


def inside(inner: QRectF, outer: QRectF) -> bool:
    return outer.adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(inner)


def overlap(a: QRectF, b: QRectF) -> bool:
    shrunk = a.adjusted(TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE)
    return shrunk.intersects(b)


def shown_part(item, rect: QRectF) -> QRectF:
    """The part of `rect` (the item's, in the window) that can be seen now:
    inside every clipping item around it (a scrolling area, a portrait's frame)."""
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(scene_rect(parent))
        parent = parent.parentItem()
    return rect


def layout_problems(window) -> list[str]:
    problems = []
    window_rect = QRectF(0, 0, window.width(), window.height())
    texts = visible_text_items(window)
    images = [item for item in visible_items(window) if item.inherits("QQuickImage")]
    if any(item.objectName() == "idleOverlay" for item in visible_items(window)):
        # The overlay covers the screen: only its own texts are read.
        texts = [item for item in texts if region_of(item).objectName() == "idleOverlay"]
        images = []
    for item in texts:
        text = item.property("text")[:40]
        painted = shown_part(item, rect_of_text(item))
        area = scroll_area_of(item)
        if area is not None:
            # The whole text lies within what the area scrolls through.
            content = scene_rect(area).translated(0, -area.property("contentY"))
            content.setHeight(max(area.height(), area.property("contentHeight")))
            if not inside(rect_of_text(item), content):
                problems.append(f"{text!r} lies beyond what its area scrolls to")
        if item.property("truncated"):
            problems.append(f"{text!r} is cut off")
        if item.property("contentWidth") > item.width() + TOLERANCE:
            problems.append(f"{text!r} is wider than its box (a word too long to wrap?)")
        region = region_of(item)
        if region is None:
            problems.append(f"{text!r} belongs to no screen")
        if painted.isEmpty():  # scrolled out of view for now
            continue
        if not inside(painted, window_rect):
            problems.append(f"{text!r} runs off the screen at {painted}")
        if region is not None and not inside(painted, scene_rect(region)):
            problems.append(f"{text!r} spills out of {region.objectName()}")
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            if overlap(shown_part(first, rect_of_text(first)), shown_part(second, rect_of_text(second))):
                problems.append(
                    f"{first.property('text')[:30]!r} overlaps {second.property('text')[:30]!r}"
                )
        for image in images:
            if overlap(shown_part(first, rect_of_text(first)), shown_part(image, scene_rect(image))):
                problems.append(f"{first.property('text')[:30]!r} overlaps an image")
    return problems


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_every_text_fits_on_every_screen(make_ui, config, size):
    ui = make_ui(config, size)
    failures = {}
    for shot in planned_shots(config):
        show(ui, shot)
        problems = layout_problems(ui.window)
        if problems:
            failures[shot.file_name] = problems
    assert not failures, failures


def test_the_layout_check_catches_an_overflowing_text(make_ui, config):
    """The check above must be able to fail: a bio of one endless word overflows."""
    import dataclasses
    from types import MappingProxyType

    first = config.content.people[0]
    endless = "Belarus" * 60
    broken_person = dataclasses.replace(first, bio=MappingProxyType({"sv": endless, "en": endless}))
    content = dataclasses.replace(config.content, people=(broken_person, *config.content.people[1:]))
    ui = make_ui(dataclasses.replace(config, content=content))
    ui.state.show("person", 0)
    show(ui, planned_shots(config)[2])  # person-1-sv
    assert any("wider than its box" in problem for problem in layout_problems(ui.window))


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_without_larger_text_nothing_needs_scrolling(make_ui, config, size):
    """Scrolling is for larger text; a visitor in the normal mode sees all at once."""
    ui = make_ui(config, size)
    scrolling = []
    for shot in planned_shots(config):
        if shot.mode == "larger-text":
            continue
        show(ui, shot)
        scrolling += [
            f"{shot.file_name}: {item.objectName() or 'text area'}"
            for item in visible_items(ui.window)
            if item.property("kioskScrollArea") is True and item.property("scrollable")
        ]
    assert not scrolling
