"""Can Qt open a screen here? Answered before Qt starts, in plain words.

Without a display Qt aborts with a page of plugin diagnostics; a fresh
Debian machine also lacks some libraries Qt's X11 plugin links against.
Both are checked here so staff get one sentence and the exact fix.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
from pathlib import Path

import PySide6

XCB_PLUGIN = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"

# Library file -> Debian package that ships it (the ones Qt's xcb plugin needs
# and a minimal Debian or Ubuntu machine may lack).
DEBIAN_PACKAGE_OF = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

NO_DISPLAY = (
    "There is no screen to show the kiosk on here (neither DISPLAY nor WAYLAND_DISPLAY "
    "is set); to look at every screen on this computer, run "
    "`kiosk preview --out preview/` and open the PNG files it writes."
)


def missing_xcb_libraries() -> list[str]:
    """Library files Qt's X11 plugin needs that this machine lacks."""
    if not XCB_PLUGIN.exists() or shutil.which("ldd") is None:
        return []
    import subprocess  # here: a start that finds the plugin loadable never needs it

    out = subprocess.run(
        ["ldd", str(XCB_PLUGIN)], capture_output=True, text=True, check=False
    ).stdout
    return sorted(set(re.findall(r"^\s*(\S+) => not found", out, flags=re.MULTILINE)))


def xcb_plugin_loads(plugin: Path = XCB_PLUGIN) -> bool:
    """Whether Qt's X11 plugin and every library it needs load: one dlopen of
    the plugin, far quicker than asking ldd at every start (docs/performance.md),
    and Qt's own load of it is then quicker. Loaded only by the kiosk, which
    uses it next."""
    try:
        ctypes.CDLL(str(plugin))
    except OSError:
        return False
    return True


def missing_debian_packages() -> list[str]:
    """Debian packages to install so Qt can open an X11 window (may be empty).

    ldd lists the plugin's dependencies transitively, so this covers what Qt
    needs to render at all (EGL, fontconfig, ...), offscreen included."""
    return sorted({DEBIAN_PACKAGE_OF.get(lib, lib) for lib in missing_xcb_libraries()})


def display_problem(environ: os._Environ[str] | dict[str, str] = os.environ) -> str | None:
    """One sentence saying why Qt cannot open a window here, or None if it can."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, eglfs, vnc...: chosen on purpose
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY
    uses_x11 = platform.startswith("xcb") or not environ.get("WAYLAND_DISPLAY")
    if uses_x11 and not xcb_plugin_loads():
        packages = missing_debian_packages()
        if packages:
            return (
                "Qt cannot open a window because system libraries are missing; install "
                f"them with: sudo apt-get install -y {' '.join(packages)}"
            )
    return None
