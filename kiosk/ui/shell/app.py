"""Start-up of the Qt layer: fonts, QML engine, the kiosk window."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

import kiosk
from kiosk.core.model import KioskConfig
from kiosk.runtime.stats import StatsRecorder
from kiosk.ui.shell.offline import refuse_network
from kiosk.ui.portraits import PortraitCopies
from kiosk.ui.qr_provider import QrImageProvider
from kiosk.ui.state import Clocks, KioskState
from kiosk.ui.visit_stats import VisitCounter

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(kiosk.__file__).resolve().parent
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


# Mesa's OpenGL drawn by the CPU: Qt Quick's own software renderer draws the
# kiosk's mostly still screens for a tenth of their CPU (README "Performance").
SOFTWARE_OPENGL = ("llvmpipe", "softpipe", "swrast", "software rasterizer")
GL_RENDERER = 0x1F01
# Set by hand, these choose the scene graph and are always obeyed.
SCENE_GRAPH_VARIABLES = ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND")


def opengl_renderer() -> str | None:
    """The name of the OpenGL renderer the windows would get, or None without OpenGL.
    Needs the QGuiApplication; costs a context (about 50 ms with llvmpipe)."""
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext  # only where a GPU device is (choose_scene_graph)

    context, surface = QOpenGLContext(), QOffscreenSurface()
    surface.create()
    try:
        if not context.create() or not context.makeCurrent(surface):
            return None
        name = context.functions().glGetString(GL_RENDERER)
        context.doneCurrent()
        return name or None
    finally:
        surface.destroy()


def gpu_devices(dev: Path = Path("/dev")) -> list[Path]:
    """The device files a GPU's driver makes (a DRM render node, NVIDIA's own)."""
    return sorted(dev.glob("dri/renderD*")) + sorted(dev.glob("nvidia[0-9]*"))


def choose_scene_graph(dev: Path = Path("/dev")) -> str:
    """Pick Qt Quick's software renderer when the only OpenGL here is drawn by
    the CPU, before the first window; say what is used, in the log and as the
    returned words. A scene graph chosen in the environment always wins.

    On X11 and Wayland (cage). Under cage the software scene graph redraws
    the whole window each frame: with partial updates Qt 6.11 showed only
    what changed since the last frame, over black. Without a GPU's device
    file, OpenGL can only be Mesa's software one, and asking would load it
    for nothing (50 ms, and its libraries' memory); with one, OpenGL is asked
    for its renderer's name (under Xvfb, even on a PC with a GPU, it is llvmpipe)."""
    chosen = {name: os.environ[name] for name in SCENE_GRAPH_VARIABLES if os.environ.get(name)}
    platform_name = QGuiApplication.platformName()
    if chosen:
        words = ", ".join(f"{name}={value}" for name, value in chosen.items())
        choice = f"as set in the environment ({words})"
    elif platform_name not in ("xcb", "wayland"):
        choice = f"Qt's own choice (on {platform_name})"
    elif not gpu_devices(dev):
        choice = use_software_scene_graph(platform_name, f"no GPU: nothing in {dev / 'dri'}")
    else:
        renderer = opengl_renderer()
        if renderer is None:
            choice = use_software_scene_graph(platform_name, "no OpenGL here")
        elif any(name in renderer.lower() for name in SOFTWARE_OPENGL):
            choice = use_software_scene_graph(platform_name, f"the only OpenGL here, {renderer}, is drawn by the CPU")
        else:
            choice = f"OpenGL on {renderer}"
    log.info("scene graph: %s", choice)
    return choice


def use_software_scene_graph(platform_name: str, reason: str) -> str:
    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    if platform_name == "wayland":
        os.environ.setdefault("QSG_SOFTWARE_RENDERER_FORCE_PARTIAL_UPDATES", "0")
        return f"software, whole frames ({reason})"
    return f"software ({reason})"


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
    staff_status: Callable[[], list[str]] = list,
    frameless: bool = False,
) -> KioskUi:
    """Load the QML screens for `config` into a (not yet shown) window;
    with a `recorder`, count the visitors' engagement into it; with
    `portraits`, show display-size copies of oversized photos; the staff
    menu's status ends with the lines `staff_status` gives. `frameless`
    for full screen on a kiosk PC."""
    engine = QQmlApplicationEngine()
    refuse_network(engine)  # before any QML loads: the kiosk never goes online
    engine.addImageProvider("qr", QrImageProvider())
    engine.addImportPath(str(QML_IMPORT_DIR))
    # Owned by the engine, so QML objects never outlive the state they bind to.
    state = KioskState(config, clocks=clocks, portraits=portraits, staff_status=staff_status, parent=engine)
    if recorder is not None:
        VisitCounter(state, recorder, clock=clocks.monotonic, parent=state)
    engine.setInitialProperties({"kiosk": state, "animated": animated, "frameless": frameless})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError("the kiosk's screens could not be loaded; the QML errors are logged above")
    window = roots[0]
    state.watch_input(window)
    # Full screen may differ from the configured resolution: sizes in
    # millimetres follow the window.
    window.widthChanged.connect(lambda: state.set_window_size(window.width(), window.height()))
    window.heightChanged.connect(lambda: state.set_window_size(window.width(), window.height()))
    size = size or QSize(config.screen.width, config.screen.height)
    window.resize(size)
    state.set_window_size(size.width(), size.height())
    return KioskUi(engine, state, window)
