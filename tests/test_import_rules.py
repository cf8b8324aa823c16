"""The layering of the package, as docs/architecture.md draws it: each floor
imports only the floors beneath it, and no modules import each other in a
circle. Every breach is named with its file and line."""

import ast
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import REPO

# Each floor and the floors it may import (itself included). Imports inside
# functions count too: a lazy import is still a dependency.
FLOORS = {
    "kiosk.core": {"kiosk.core"},
    "kiosk.runtime": {"kiosk.runtime"},
    "kiosk.config": {"kiosk.core", "kiosk.config"},
    "kiosk.ui": {"kiosk.core", "kiosk.config", "kiosk.runtime", "kiosk.ui"},
    "kiosk.ui.shell": {"kiosk.core", "kiosk.config", "kiosk.runtime", "kiosk.ui", "kiosk.ui.shell"},
    "kiosk.tools": {"kiosk.core", "kiosk.config", "kiosk.runtime", "kiosk.ui", "kiosk.ui.shell", "kiosk.tools"},
}
# Whole floors, and the shell's bookkeeping of the settings (tested without Qt).
QT_FREE = ["kiosk.core", "kiosk.config", "kiosk.runtime", "kiosk.ui.shell.settings_keeper"]
QT = ("PySide6", "shiboken6")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor_of(module: str) -> str | None:
    """The deepest floor a module belongs to (kiosk.ui.shell before kiosk.ui)."""
    matches = [floor for floor in FLOORS if module == floor or module.startswith(floor + ".")]
    return max(matches, key=len, default=None)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, relative ones resolved."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found.append((node.lineno, module))
            # `from kiosk.config import portrait_fit` imports a module too.
            found += [
                (node.lineno, f"{module}.{alias.name}") for alias in node.names if is_module(f"{module}.{alias.name}")
            ]
    return found


def is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def kiosk_files() -> list[Path]:
    files = sorted((REPO / "kiosk").rglob("*.py"))
    assert len(files) > 50
    return files


def known_modules() -> set[str]:
    return {module_name(path) for path in kiosk_files()}


def test_each_floor_imports_only_the_floors_beneath_it():
    breaches = []
    for path in kiosk_files():
        floor = floor_of(module_name(path))
        if floor is None:
            continue  # kiosk.cli and kiosk.__main__ stand on top and may use anything
        for line, module in imports(path):
            target = floor_of(module) if module.startswith("kiosk.") else None
            if target is not None and target not in FLOORS[floor]:
                breaches.append(f"{path.relative_to(REPO)}:{line}: {floor} imports {module}")
    assert not breaches, "\n".join(breaches)


@pytest.mark.parametrize("part", QT_FREE)
def test_the_lower_floors_do_not_import_qt(part):
    breaches = [
        f"{path.relative_to(REPO)}:{line}: imports {module}"
        for path in kiosk_files()
        if module_name(path) == part or module_name(path).startswith(part + ".")
        for line, module in imports(path)
        if module.split(".")[0] in QT
    ]
    assert not breaches, "\n".join(breaches)


def test_runtime_uses_only_the_standard_library_and_platformdirs():
    allowed = set(sys.stdlib_module_names) | {"platformdirs", "kiosk"}
    breaches = [
        f"{path.relative_to(REPO)}:{line}: imports {module}"
        for path in kiosk_files()
        if floor_of(module_name(path)) == "kiosk.runtime"
        for line, module in imports(path)
        if module.split(".")[0] not in allowed
    ]
    assert not breaches, "\n".join(breaches)


def test_no_modules_import_each_other_in_a_circle():
    modules = known_modules()
    graph: dict[str, dict[str, str]] = {}  # module -> {imported module: file:line}
    for path in kiosk_files():
        name = module_name(path)
        graph[name] = {}
        for line, module in imports(path):
            if module in modules and module != name:
                if not (path.name == "__init__.py" and module.startswith(name + ".")):
                    graph[name].setdefault(module, f"{path.relative_to(REPO)}:{line}")
    circles = []
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            loop = trail[trail.index(module):] + [module]
            circles.append(" -> ".join(f"{graph[a][b]} ({b})" for a, b in pairwise(loop)))
            return
        if module in done:
            return
        for imported in graph.get(module, {}):
            visit(imported, [*trail, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert not circles, "\n".join(circles)
