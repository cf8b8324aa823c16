"""One direction of dependency: core, config and runtime know nothing of Qt."""

import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

QT_FREE = ["kiosk/core", "kiosk/config", "kiosk/runtime"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", QT_FREE)
def test_package_does_not_import_qt(package):
    files = sorted((REPO / package).rglob("*.py"))
    assert files
    offenders = {
        str(path.relative_to(REPO)): sorted(m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6"))
        for path in files
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_core_does_not_import_the_other_layers():
    for path in sorted((REPO / "kiosk/core").rglob("*.py")):
        layers = {m for m in imported_modules(path) if m.startswith(("kiosk.ui", "kiosk.config", "kiosk.cli"))}
        assert not layers, f"{path.name} imports {layers}"


def test_runtime_uses_only_the_standard_library_and_platformdirs():
    allowed = set(sys.stdlib_module_names) | {"platformdirs"}
    for path in sorted((REPO / "kiosk/runtime").rglob("*.py")):
        outside = {m for m in imported_modules(path) if m.split(".")[0] not in allowed and not m.startswith("kiosk.runtime")}
        assert not outside, f"{path.name} imports {outside}"
