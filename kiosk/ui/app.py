"""Start-up of the Qt layer: fonts, QML engine, the kiosk window."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCursor, QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.model import KioskConfig
from kiosk.ui.qr_provider import QrImageProvider
from kiosk.ui.state import KioskState
from kiosk.ui.system import display_problem

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


def load_ui(config: KioskConfig, *, size: QSize | None = None, animated: bool = True) -> KioskUi:
    """Load the QML screens for `config` into a (not yet shown) window."""
    engine = QQmlApplicationEngine()
    engine.addImageProvider("qr", QrImageProvider())
    engine.addImportPath(str(QML_IMPORT_DIR))
    # Owned by the engine, so QML objects never outlive the state they bind to.
    state = KioskState(config, parent=engine)
    engine.setInitialProperties({"kiosk": state, "animated": animated})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError("the kiosk's screens could not be loaded; the QML errors are logged above")
    window = roots[0]
    size = size or QSize(config.screen.width, config.screen.height)
    window.resize(size)
    return KioskUi(engine, state, window)


def run(config: KioskConfig, *, windowed: bool = False) -> int:
    """Show the kiosk until the app quits; returns the exit code."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("Unbreakable kiosk")
    install_fonts(app)
    ui = load_ui(config)
    window = ui.window
    screens = app.screens()
    screen = screens[min(config.screen.index, len(screens) - 1)]
    window.setScreen(screen)
    window.frameSwapped.connect(
        lambda: log.info("first frame shown at %dx%d", window.width(), window.height()),
        Qt.ConnectionType.SingleShotConnection,
    )
    if windowed:
        window.show()
    else:
        window.setFlag(Qt.WindowType.FramelessWindowHint)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        if config.screen.hide_cursor:
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    code = app.exec()
    del ui  # the engine goes before the app, or QML objects outlive their types
    return code
