"""QR codes on the real window decode to exactly the configured links."""

import zxingcpp
from PySide6.QtGui import QImage

from kiosk.core.qr import qr_matrix
from kiosk.ui.preview import settle
from tests.ui.conftest import PORTRAIT
from tests.ui.helpers import find, is_shown

CAMPAIGN = "https://freeviasna.org"
LABKOVICH = "https://prisoners.spring96.org/en/person/uladzimir-labkovicz"


def decoded(image: QImage) -> list[str]:
    return sorted(code.text for code in zxingcpp.read_barcodes(image))


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
            for dx in range(0, 4 * pixel)
            for dy in range(0, width, max(1, pixel // 2))
        ]
        assert min(quiet) == 255, f"{name}: the quiet zone is not white"
