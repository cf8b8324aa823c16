"""What a visitor would see broken on a rendered screen: the layout rules.

One implementation, used by `kiosk preview`, `kiosk check --layout` and the
test suite (tests/ui/test_layout.py, test_qr.py): no text clipped, wider than
its box, off the screen, out of its screen or overlapping another text or an
image; no control off the screen or on another; every QR code readable as its
link; the campaign's QR code in view without scrolling on every screen but
the first. Text in a scrolling area may lie beyond its viewport, as long as
scrolling brings it into view, and as long as the area shows enough to read
(at least three whole lines) and no line cut in half at its bottom edge.

Reading QR codes needs zxing-cpp, a test dependency the kiosk itself does
not need: without it `qr_problems` checks nothing and `can_read_qr_codes()`
says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.tools.scene import OVERLAYS, covering_overlay, scene_rect, visible_items

try:
    import zxingcpp
except ImportError:  # only the test tools install it
    zxingcpp = None

REGIONS = ("attractScreen", "overviewScreen", "personScreen", "bottomBar", *OVERLAYS)
TOLERANCE = 1.0  # sub-pixel rounding of scene coordinates
QUOTED_CHARS = 30  # of a text, in a message
# A scrolling text box showing fewer whole lines reads as broken, not as a
# text to read: a passer-by would not think of scrolling it.
MIN_SHOWN_LINES = 3
# A strip of letter tops at a box's bottom edge lower than this share of the
# letters' height reads as text going on below; a higher one as a line cut.
SLIVER = 0.25


@dataclass(frozen=True)
class LayoutProblem:
    """One thing broken on a screen: `message` for staff, and the whole texts it
    is about (as drawn), so a report can find their lines in the files."""

    message: str
    texts: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


def quoted(text: str) -> str:
    return repr(text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + "…")


# --------------------------------------------------------------------------
# What is on the window


def visible_text_items(window: QQuickWindow) -> list[QQuickItem]:
    """Texts a person reads; not the letters drawn as an icon."""
    return [
        item
        for item in visible_items(window)
        if item.inherits("QQuickText") and item.property("text") and item.property("decorative") is not True
    ]


def rect_of_text(item: QQuickItem) -> QRectF:
    """Where the text's glyphs are painted, in window coordinates (QQuickText's
    bounding rect is its laid-out text, alignment included)."""
    return item.mapRectToScene(item.boundingRect())


def scroll_area_of(item: QQuickItem) -> QQuickItem | None:
    """The scrolling area (ScrollArea.qml) the item is in, if any."""
    parent = item.parentItem()
    while parent is not None:
        if parent.property("kioskScrollArea") is True:
            return parent
        parent = parent.parentItem()
    return None


def region_of(item: QQuickItem | None) -> QQuickItem | None:
    """The screen or bar an item belongs to."""
    while item is not None:
        if item.objectName() in REGIONS:
            return item
        item = item.parentItem()
    return None


def shown_part(item: QQuickItem, rect: QRectF) -> QRectF:
    """The part of `rect` (the item's, in the window) that can be seen now:
    inside every clipping item around it (a scrolling area, a portrait's frame)."""
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(scene_rect(parent))
        parent = parent.parentItem()
    return rect


def inside(inner: QRectF, outer: QRectF) -> bool:
    return outer.adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(inner)


def overlap(a: QRectF, b: QRectF) -> bool:
    shrunk = a.adjusted(TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE)
    return shrunk.intersects(b)


# --------------------------------------------------------------------------
# The rules


def text_layout_problems(window: QQuickWindow) -> list[LayoutProblem]:
    """Texts clipped, too wide, off the screen or their region, or overlapping."""
    problems = []
    window_rect = QRectF(0, 0, window.width(), window.height())
    texts = visible_text_items(window)
    images = [item for item in visible_items(window) if item.inherits("QQuickImage")]
    overlay = covering_overlay(window)
    if overlay is not None:
        # The overlay covers the screen: only its own texts are read.
        texts = [item for item in texts if overlay.isAncestorOf(item)]
        images = []
    for item in texts:
        text = item.property("text")

        def problem(what: str, text: str = text) -> None:  # this item's text, bound now
            problems.append(LayoutProblem(f"{quoted(text)} {what}", (text,)))

        painted = shown_part(item, rect_of_text(item))
        area = scroll_area_of(item)
        if area is not None:
            # The whole text lies within what the area scrolls through.
            content = scene_rect(area).translated(0, -area.property("contentY"))
            content.setHeight(max(area.height(), area.property("contentHeight")))
            if not inside(rect_of_text(item), content):
                problem("lies beyond what its area scrolls to")
        if item.property("truncated"):
            problem("is cut off")
        if item.property("contentWidth") > item.width() + TOLERANCE:
            problem("is wider than its box (a word too long to wrap?)")
        region = region_of(item)
        if region is None:
            problem("belongs to no screen")
        if painted.isEmpty():  # scrolled out of view for now
            continue
        if not inside(painted, window_rect):
            problem("runs off the screen")
        if region is not None and not inside(painted, scene_rect(region)):
            problem(f"spills out of {region.objectName()}")
    for first, second in combinations(texts, 2):
        if overlap(shown_part(first, rect_of_text(first)), shown_part(second, rect_of_text(second))):
            a, b = first.property("text"), second.property("text")
            problems.append(LayoutProblem(f"{quoted(a)} overlaps {quoted(b)}", (a, b)))
    for item in texts:
        for image in images:
            if overlap(shown_part(item, rect_of_text(item)), shown_part(image, scene_rect(image))):
                text = item.property("text")
                problems.append(LayoutProblem(f"{quoted(text)} overlaps an image", (text,)))
    return problems


def letter_bands(item: QQuickItem) -> list[tuple[float, float]]:
    """Where each line's letters are drawn, top and bottom in the window: from
    the top of a capital to the bottom of a descender (Qt puts the room that a
    lineHeight over 1 adds under the letters)."""
    rect = rect_of_text(item)
    lines = max(1, item.property("lineCount"))
    slot = rect.height() / lines
    metrics = QFontMetricsF(item.property("font"))
    top, bottom = metrics.ascent() - metrics.capHeight(), metrics.ascent() + metrics.descent()
    return [(rect.top() + line * slot + top, rect.top() + line * slot + bottom) for line in range(lines)]


def scroll_box_problems(window: QQuickWindow) -> list[LayoutProblem]:
    """A scrolling text box (ScrollArea.qml) with more below, as a visitor
    finds it, shows at least MIN_SHOWN_LINES whole lines, and as many of the
    text its bottom edge runs into (half of a shorter one); that edge falls
    between two lines, never through one's letters."""
    overlay = covering_overlay(window)  # then only its own boxes can be read
    texts = visible_text_items(window)
    problems = []
    for area in visible_items(window):
        if area.property("kioskScrollArea") is not True or (overlay is not None and not overlay.isAncestorOf(area)):
            continue
        bands = {item: letter_bands(item) for item in texts if scroll_area_of(item) is area}
        if not area.property("scrollable") or not bands:
            continue
        view = scene_rect(area)
        edge = view.bottom()
        at_edge = next((item for item, lines in bands.items() if lines[0][0] < edge < lines[-1][1]), None)

        def whole(lines: list[tuple[float, float]], top: float = view.top(), bottom: float = edge) -> int:
            return sum(first >= top - TOLERANCE and last <= bottom + TOLERANCE for first, last in lines)

        total = sum(map(whole, bands.values()))
        if total < MIN_SHOWN_LINES:
            problems.append(_too_few_lines(total, "from", next(iter(bands))))
        elif at_edge is not None:
            # A short text at the edge (an item of a list) may show half of itself.
            shown, needed = whole(bands[at_edge]), min(MIN_SHOWN_LINES, math.ceil(len(bands[at_edge]) / 2))
            if shown < needed:
                problems.append(_too_few_lines(shown, "of", at_edge))
        for item, lines in bands.items():
            for top, bottom in lines:
                if top + SLIVER * (bottom - top) < edge < bottom - TOLERANCE:
                    text = item.property("text")
                    problems.append(LayoutProblem(
                        f"{quoted(text)} is cut mid-line by the bottom edge of its scrolling box", (text,)
                    ))
    return problems


def _too_few_lines(count: int, of: str, item: QQuickItem) -> LayoutProblem:
    text = item.property("text")
    return LayoutProblem(
        f"a scrolling box shows only {count} whole line{'s' if count != 1 else ''} {of} {quoted(text)}: "
        f"fewer than {MIN_SHOWN_LINES} read as something broken, not as a text to scroll",
        (text,),
    )


def control_layout_problems(controls: list[dict], width: int, height: int) -> list[LayoutProblem]:
    """Controls (as `kiosk preview`'s controls.json lists them) off the
    screen or on top of one another."""
    problems = []
    screen = QRectF(0, 0, width, height)

    def rect(control: dict) -> QRectF:
        return QRectF(control["x"], control["y"], control["width"], control["height"])

    def name(control: dict) -> str:
        return control["text"] or control["accessibleName"] or control["objectName"]

    for control in controls:
        if not inside(rect(control), screen):
            off = name(control)
            problems.append(LayoutProblem(f"the button {quoted(off)} is (partly) off the screen", (off,)))
    for first, second in combinations(controls, 2):
        if overlap(rect(first), rect(second)):
            a, b = name(first), name(second)
            problems.append(LayoutProblem(f"the buttons {quoted(a)} and {quoted(b)} overlap", (a, b)))
    return problems


def can_read_qr_codes() -> bool:
    return zxingcpp is not None


def decoded_links(image: QImage) -> list[str]:
    """Every QR code readable on `image`, sorted."""
    return sorted(code.text for code in zxingcpp.read_barcodes(image))


def _qr_items(window: QQuickWindow) -> list[QQuickItem]:
    return [
        item
        for item in visible_items(window)
        if item.inherits("QQuickImage") and item.property("source").toString().startswith("image://qr/")
    ]


def shown_qr_links(window: QQuickWindow) -> list[str]:
    """The links of the QR codes (QrCode.qml) wholly in view now, sorted: not
    one a scrolling area holds partly out of view."""
    return sorted(
        item.property("url")
        for item in _qr_items(window)
        if inside(scene_rect(item), shown_part(item, scene_rect(item)))
    )


def qr_problems(window: QQuickWindow, image: QImage) -> list[LayoutProblem]:
    """Each QR code shown must read as its link on `image` (the rendered window),
    and none as another; under "are you still there?" (darkened on purpose)
    or the staff panel none is read."""
    if zxingcpp is None or covering_overlay(window) is not None:
        return []
    read = decoded_links(image)
    problems = [
        LayoutProblem(f"the QR code for {link} cannot be read", (link,))
        for link in shown_qr_links(window) if link not in read
    ]
    drawn = {item.property("url") for item in _qr_items(window)}
    problems += [
        LayoutProblem(f"a QR code reads {link}, which no code should", (link,)) for link in read if link not in drawn
    ]
    return problems


def campaign_qr_problems(window: QQuickWindow) -> list[LayoutProblem]:
    """On every screen but the first, the campaign's QR code (CampaignQr.qml)
    is wholly in view, and no scrolling takes it out of view. The staff
    panel hides the visitors' screens: it has none."""
    shown = visible_items(window)
    if any(item.objectName() in ("attractScreen", "staffOverlay") for item in shown):
        return []
    window_rect = QRectF(0, 0, window.width(), window.height())
    codes = [item for item in shown if item.objectName() == "campaignQr"]
    if not codes:
        return [LayoutProblem("the campaign's QR code is not on this screen")]
    problems = []
    for code in codes:
        rect = scene_rect(code)
        area = scroll_area_of(code)
        if not inside(rect, shown_part(code, rect)) or not inside(rect, window_rect):
            problems.append(LayoutProblem("the campaign's QR code is not in view without scrolling"))
        elif area is not None and area.property("scrollable"):
            problems.append(LayoutProblem("the campaign's QR code scrolls out of view with the text around it"))
    return problems


def screen_problems(window: QQuickWindow, image: QImage, controls: list[dict]) -> list[LayoutProblem]:
    """Every layout rule, on a window as it is drawn on `image`, with its `controls`."""
    return (
        text_layout_problems(window)
        + scroll_box_problems(window)
        + control_layout_problems(controls, round(window.width()), round(window.height()))
        + qr_problems(window, image)
        + campaign_qr_problems(window)
    )
