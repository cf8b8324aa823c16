"""QR codes on the real window decode to exactly the configured links."""

import dataclasses

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter

from kiosk.core.qr import MIN_MODULE_PX, max_link_bytes, qr_matrix, qr_size_px
from kiosk.tools.layout_rules import can_read_qr_codes, decoded_links
from kiosk.tools.scene import settle
from kiosk.ui.qr_provider import _qr_image
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.helpers import find, is_shown

CAMPAIGN = "https://freeviasna.org"
LABKOVICH = "https://prisoners.spring96.org/en/person/uladzimir-labkovicz"


def decoded(image: QImage) -> list[str]:
    assert can_read_qr_codes(), "zxing-cpp is a test dependency: make setup installs it"
    return decoded_links(image)


def open_screen(qtbot, ui, screen: str, person: int, wait_for: str) -> None:
    """Show a screen, wait for the item `wait_for`, and for images to load."""
    ui.state.show(screen, person)
    qtbot.waitUntil(lambda: is_shown(ui.window, wait_for))
    settle(ui)


def test_overview_shows_the_campaign_code(qtbot, kiosk, tmp_path):
    open_screen(qtbot, kiosk, "overview", 0, "campaignQr")
    image = kiosk.window.grabWindow()
    image.save(str(tmp_path / "overview.png"))  # kept for a look when this fails
    assert decoded(image) == [CAMPAIGN]


def test_person_with_a_link_shows_their_code_and_the_campaign_code(qtbot, kiosk, config):
    labkovich = [p.id for p in config.content.people].index("uladzimir-labkovich")
    open_screen(qtbot, kiosk, "person", labkovich, "personQr")
    assert decoded(kiosk.window.grabWindow()) == sorted([CAMPAIGN, LABKOVICH])


def test_person_without_a_link_shows_only_the_campaign_code(qtbot, kiosk):
    open_screen(qtbot, kiosk, "person", 0, "personScreen")
    assert not is_shown(kiosk.window, "personQr")
    assert decoded(kiosk.window.grabWindow()) == [CAMPAIGN]


def test_codes_decode_in_portrait_too(qtbot, make_ui, config):
    ui = make_ui(config, PORTRAIT)
    open_screen(qtbot, ui, "person", 2, "personQr")
    assert decoded(ui.window.grabWindow()) == sorted([CAMPAIGN, LABKOVICH])


def test_codes_are_crisp_and_large_enough(qtbot, kiosk):
    """Whole pixels per module, at least 240 px wide, with a 4-module quiet zone."""
    open_screen(qtbot, kiosk, "person", 2, "personQr")
    for name, url in (("campaignQr", CAMPAIGN), ("personQr", LABKOVICH)):
        item = find(kiosk.window, name)
        modules = len(qr_matrix(url))
        width = round(item.property("paintedWidth"))
        assert width >= 240, f"{name} is {width} px wide"
        assert item.property("paintedWidth") == width and width % modules == 0, (
            f"{name}: {width} px is not whole pixels for {modules} modules"
        )
        assert item.property("smooth") is False
        pixel = width // modules
        image = kiosk.window.grabWindow()
        origin = item.mapToScene(item.boundingRect().topLeft()).toPoint()
        quiet = [
            image.pixelColor(origin.x() + dx, origin.y() + dy).lightness()
            for dx in range(4 * pixel)
            for dy in range(0, width, max(1, pixel // 2))
        ]
        assert min(quiet) == 255, f"{name}: the quiet zone is not white"


# --------------------------------------------------------------------------
# How fine a code may be: MIN_MODULE_PX, and the link length the checker derives from it


def through_a_phone(image: QImage) -> QImage:
    """Roughly what a phone's scanner sees of a 43-inch 1080p screen from about 55 cm:
    its preview frame (1280x720) holds the screen at about 0.8 of its pixels, blurred
    over about two camera pixels (focus, a hand that is not quite still)."""
    smooth = Qt.TransformationMode.SmoothTransformation
    seen = image.scaledToWidth(round(image.width() * 0.8), smooth)
    return seen.scaledToWidth(seen.width() // 2, smooth).scaledToWidth(seen.width(), smooth)


def longest_link(length: int) -> str:
    start = "https://freeviasna.org/?"
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return start + "".join(alphabet[i % len(alphabet)] for i in range(length - len(start)))


@pytest.mark.parametrize(("pixels", "readable"), [(MIN_MODULE_PX, True), (MIN_MODULE_PX - 1, False)])
def test_why_modules_are_at_least_four_pixels(kiosk_app, pixels, readable):
    """Modules of MIN_MODULE_PX survive the phone's view; one pixel less does not."""
    link = longest_link(213)
    modules = len(qr_matrix(link))
    code = _qr_image(link, modules * pixels)
    assert code.width() == modules * pixels
    framed = QImage(code.width() + 80, code.height() + 80, QImage.Format.Format_RGB32)
    framed.fill(Qt.GlobalColor.white)
    painter = QPainter(framed)
    painter.drawImage(40, 40, code)
    painter.end()
    assert (decoded(through_a_phone(framed)) == [link]) is readable


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT, QSize(1280, 720)], ids=["1920x1080", "1080x1920", "1280x720"])
def test_the_screens_draw_codes_at_the_size_the_checker_assumes(qtbot, make_ui, config, size):
    ui = make_ui(config, size)
    open_screen(qtbot, ui, "overview", 0, "campaignQr")
    assert find(ui.window, "campaignQr").property("sourceSize") == QSize(*[qr_size_px(size.width(), size.height())] * 2)


def test_the_longest_links_the_checker_allows_are_read_through_a_phone(qtbot, make_ui, config):
    limit = max_link_bytes(qr_size_px(1920, 1080))
    campaign = longest_link(limit)
    own = campaign.replace("freeviasna.org", "spring96.org/p")  # as long, another code
    people = list(config.content.people)
    people[0] = dataclasses.replace(people[0], link=own)
    content = dataclasses.replace(config.content, people=tuple(people))
    ui = make_ui(dataclasses.replace(config, campaign_url=campaign, content=content))
    open_screen(qtbot, ui, "person", 0, "personQr")
    for name in ("campaignQr", "personQr"):
        assert find(ui.window, name).property("paintedWidth") // len(qr_matrix(campaign)) >= MIN_MODULE_PX
    assert decoded(through_a_phone(ui.window.grabWindow())) == sorted([campaign, own])


def test_a_link_no_code_can_hold_shows_a_blank_square_and_is_logged_once(qtbot, make_ui, config, caplog):
    """`kiosk check` refuses such a link; should one reach the screen, nothing breaks."""
    ui = make_ui(dataclasses.replace(config, campaign_url=longest_link(3000)))
    open_screen(qtbot, ui, "overview", 0, "campaignQr")
    qr = find(ui.window, "campaignQr")
    assert qr.property("paintedWidth") == qr_size_px(1920, 1080)
    assert decoded(ui.window.grabWindow()) == []
    ui.state.show("person", 1)
    qtbot.waitUntil(lambda: is_shown(ui.window, "personScreen"))
    settle(ui)
    assert len([r for r in caplog.records if "no QR code can be made of a 3000-character link" in r.getMessage()]) == 1
