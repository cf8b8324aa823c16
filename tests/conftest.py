"""Test set-up shared by every test: Qt offscreen, the bundled config."""

import os

# Before any Qt import: no screen or GPU on the test machines.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CONFIG_DIR = REPO / "config"
KIOSK_YAML = CONFIG_DIR / "kiosk.yaml"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
