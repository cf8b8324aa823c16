"""Fixtures that load the real QML with the real bundled config."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtGui import QGuiApplication

from kiosk.config import load_config
from kiosk.core.model import KioskConfig
from kiosk.ui.shell.app import KioskUi, install_fonts, load_ui
from kiosk.ui.state import Clocks
from tests.conftest import KIOSK_YAML

LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)


@pytest.fixture(scope="session")
def qapp_cls():
    return QGuiApplication


@pytest.fixture(scope="session")
def kiosk_app(qapp):
    install_fonts(qapp)
    return qapp


@pytest.fixture(scope="session")
def config() -> KioskConfig:
    return load_config(KIOSK_YAML).config


@pytest.fixture
def make_ui(kiosk_app, qtbot) -> Iterator[Callable[..., KioskUi]]:
    """Load the kiosk window at a size; animations off unless asked for."""
    made: list[KioskUi] = []

    def make(
        config: KioskConfig,
        size: QSize = LANDSCAPE,
        animated: bool = False,
        clocks: Clocks = Clocks(),
        staff_status: Callable[[], list[str]] = list,
    ) -> KioskUi:
        ui = load_ui(config, size=size, animated=animated, clocks=clocks, staff_status=staff_status)
        ui.window.show()
        qtbot.waitExposed(ui.window)
        made.append(ui)
        return ui

    yield make
    for ui in made:
        ui.window.close()
        ui.engine.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk(make_ui, config) -> KioskUi:
    """The kiosk at 1920x1080 on the bundled config, on its first screen."""
    return make_ui(config)
