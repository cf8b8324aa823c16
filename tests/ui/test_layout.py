"""No text is clipped, overflows or collides, on any screen, in any language,
in landscape and portrait."""

import pytest
from PySide6.QtCore import QRectF

from kiosk.ui.preview import planned_shots, scene_rect, show, visible_items
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import rect_of_text, visible_text_items

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
        painted = rect_of_text(item)
        if item.property("truncated"):
            problems.append(f"{text!r} is cut off")
        if item.property("contentWidth") > item.width() + TOLERANCE:
            problems.append(f"{text!r} is wider than its box (a word too long to wrap?)")
        if not inside(painted, window_rect):
            problems.append(f"{text!r} runs off the screen at {painted}")
        region = region_of(item)
        if region is None:
            problems.append(f"{text!r} belongs to no screen")
        elif not inside(painted, scene_rect(region)):
            problems.append(f"{text!r} spills out of {region.objectName()}")
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            if overlap(rect_of_text(first), rect_of_text(second)):
                problems.append(
                    f"{first.property('text')[:30]!r} overlaps {second.property('text')[:30]!r}"
                )
        for image in images:
            if overlap(rect_of_text(first), scene_rect(image)):
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
