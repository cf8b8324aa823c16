"""Start-up of the Qt layer: fonts, QML engine, the kiosk window."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.runtime.stats import StatsRecorder
from kiosk.ui.offline import refuse_network
from kiosk.ui.input_watch import InputWatch
from kiosk.ui.portraits import PortraitCopies
from kiosk.ui.qr_provider import QrImageProvider
from kiosk.ui.state import Clocks, KioskState
from kiosk.ui.visit_stats import VisitCounter

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
QML_IMPORT_DIR = PACKAGE_DIR / "qml"
FONT_DIR = PACKAGE_DIR / "fonts"
FONT_FAMILY = "Inter"


def install_fonts(app: QGuiApplication) -> None:
    """Use the bundled font, so every kiosk renders (and wraps) text alike."""
    for font_file in sorted(FONT_DIR.glob("*.otf")):
        if QFontDatabase.addApplicationFont(str(font_file)) < 0:
            log.warning("could not load the font %s; text falls back to a system font", font_file)
    font = QFont(FONT_FAMILY)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)


@dataclass(repr=False)  # a repr would touch Qt objects that may be deleted already
class KioskUi:
    """The loaded kiosk: keep this alive as long as the window is shown."""

    engine: QQmlApplicationEngine
    state: KioskState
    window: QQuickWindow


def load_ui(
    config: KioskConfig,
    *,
    size: QSize | None = None,
    animated: bool = True,
    clocks: Clocks = Clocks(),
    recorder: StatsRecorder | None = None,
    portraits: PortraitCopies | None = None,
) -> KioskUi:
    """Load the QML screens for `config` into a (not yet shown) window;
    with a `recorder`, count the visitors' engagement into it; with
    `portraits`, show display-size copies of oversized photos."""
    engine = QQmlApplicationEngine()
    refuse_network(engine)  # before any QML loads: the kiosk never goes online
    engine.addImageProvider("qr", QrImageProvider())
    engine.addImportPath(str(QML_IMPORT_DIR))
    # Owned by the engine, so QML objects never outlive the state they bind to.
    state = KioskState(config, clocks=clocks, portraits=portraits, parent=engine)
    if recorder is not None:
        VisitCounter(state, recorder, clock=clocks.monotonic, parent=state)
    engine.setInitialProperties({"kiosk": state, "animated": animated})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError("the kiosk's screens could not be loaded; the QML errors are logged above")
    window = roots[0]
    window.installEventFilter(InputWatch(state, parent=state))
    # Full screen may differ from the configured resolution: sizes in
    # millimetres follow the window.
    window.widthChanged.connect(lambda: state.set_window_size(window.width(), window.height()))
    window.heightChanged.connect(lambda: state.set_window_size(window.width(), window.height()))
    size = size or QSize(config.screen.width, config.screen.height)
    window.resize(size)
    state.set_window_size(size.width(), size.height())
    return KioskUi(engine, state, window)
