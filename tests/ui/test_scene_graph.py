"""The kiosk picks Qt Quick's software renderer where OpenGL is drawn by the
CPU, on a real X server (Xvfb: its OpenGL is Mesa's llvmpipe, as on a PC
without a GPU), and obeys a scene graph chosen in the environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.x11 import xvfb

pytestmark = [pytest.mark.x11, pytest.mark.process]

# Chooses with a /dev folder given, then opens a window and says what draws it.
SHOW_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from kiosk.ui.shell.app import choose_scene_graph
app = QGuiApplication(sys.argv[:1])
print(choose_scene_graph(Path(sys.argv[1])))
engine = QQmlApplicationEngine()
engine.loadData(b"import QtQuick; Window { width: 300; height: 200; visible: true; Text { text: 'Unbreakable' } }")
window = engine.rootObjects()[0]
window.frameSwapped.connect(app.quit)
app.exec()
print(window.rendererInterface().graphicsApi().name)
"""


@pytest.fixture(scope="module")
def display():
    with xvfb() as number:
        yield number


def window_on(display: str, dev, **scene_graph: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND")}
    env |= {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display, **scene_graph}
    result = subprocess.run(
        [sys.executable, "-c", SHOW_WINDOW, str(dev)], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_with_a_gpu_device_it_asks_opengl_and_finds_it_drawn_by_the_cpu(display, tmp_path):
    (tmp_path / "dri").mkdir()
    (tmp_path / "dri" / "renderD128").touch()
    choice, api = window_on(display, tmp_path)
    assert choice.startswith("software (the only OpenGL here, ") and "pipe" in choice, choice
    assert api == "Software"


def test_without_a_gpu_device_it_takes_software_without_asking(display, tmp_path):
    choice, api = window_on(display, tmp_path)
    assert choice == f"software (no GPU: nothing in {tmp_path / 'dri'})"
    assert api == "Software"


def test_a_scene_graph_set_in_the_environment_wins(display, tmp_path):
    choice, api = window_on(display, tmp_path, QSG_RHI_BACKEND="opengl")
    assert choice == "as set in the environment (QSG_RHI_BACKEND=opengl)"
    assert api == "OpenGL"
