"""`python -m kiosk.tools.qml_lint` (`make lint-qml`): pyside6-qmllint on the
kiosk's QML module, knowing the Python types the QML binds to.

QML imports those types as `KioskBackend` (classes marked @QmlElement in
kiosk/ui). qmllint learns them from a .qmltypes file that PySide6's own
tools make from the Python sources (pyside6-metaobjectdump, then
pyside6-qmltyperegistrar), into a temporary folder. metaobjectdump leaves out
`constant=True`: the flag is taken from the classes' meta-objects, or every
constant property would be reported as one a binding cannot follow.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
QML_MODULE_DIR = PACKAGE_DIR / "qml" / "Kiosk"
BACKEND = "KioskBackend"
BACKEND_MARK = f'QML_IMPORT_NAME = "{BACKEND}"'


def tool(name: str) -> str:
    """A PySide6 command-line tool installed beside this Python."""
    return str(Path(sys.executable).parent / name)


def backend_sources() -> list[Path]:
    """The Python modules that register types for `import KioskBackend`."""
    sources = (PACKAGE_DIR / "ui").rglob("*.py")
    return sorted(path for path in sources if BACKEND_MARK in path.read_text(encoding="utf-8"))


def module_name(source: Path) -> str:
    return ".".join(source.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)


def mark_constant_properties(classes: list[dict], module: str) -> None:
    """Add metaobjectdump's missing `constant` flags, as the classes' meta-objects have them."""
    loaded = importlib.import_module(module)
    for described in classes:
        if not described.get("object"):  # a plain class QML never sees
            continue
        meta = getattr(loaded, described["className"]).staticMetaObject
        for prop in described.get("properties", []):
            if meta.property(meta.indexOfProperty(prop["name"])).isConstant():
                prop["constant"] = True


def write_backend_types(folder: Path) -> None:
    """A QML module folder `KioskBackend` in `folder` that describes the Python types."""
    module_dir = folder / BACKEND
    module_dir.mkdir()
    described = []
    for source in backend_sources():
        dumped = subprocess.run(
            [tool("pyside6-metaobjectdump"), "--quiet", str(source)], check=True, capture_output=True, text=True
        )
        for entry in json.loads(dumped.stdout):
            mark_constant_properties(entry["classes"], module_name(source))
            described.append(entry)
    metatypes = folder / "kioskbackend_metatypes.json"
    metatypes.write_text(json.dumps(described), encoding="utf-8")
    qt_metatypes = Path(importlib.import_module("PySide6").__file__).parent / "Qt" / "metatypes"
    foreign = ",".join(str(qt_metatypes / f"qt6{name}_metatypes.json") for name in ("core", "qml"))
    subprocess.run(
        [tool("pyside6-qmltyperegistrar"), "--generate-qmltypes", str(module_dir / "kioskbackend.qmltypes"),
         "-o", str(folder / "registrations.cpp"), "--import-name", BACKEND, "--major-version", "1",
         "--minor-version", "0", f"--foreign-types={foreign}", str(metatypes)],
        check=True, capture_output=True, text=True,
    )
    (module_dir / "qmldir").write_text(f"module {BACKEND}\ntypeinfo kioskbackend.qmltypes\n", encoding="utf-8")


def lint(files: list[Path] | None = None) -> subprocess.CompletedProcess:
    """qmllint on `files` (default: every file of the kiosk's QML module);
    any warning makes the return code non-zero."""
    files = files or sorted(QML_MODULE_DIR.glob("*.qml"))
    with tempfile.TemporaryDirectory(prefix="kiosk-qmllint-") as types_dir:
        write_backend_types(Path(types_dir))
        return subprocess.run(
            [tool("pyside6-qmllint"), "--max-warnings", "0", "-I", types_dir, "-I", str(QML_MODULE_DIR.parent),
             *map(str, files)],
            capture_output=True, text=True,
        )


def main() -> int:
    result = lint()
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode == 0:
        print(f"qmllint: {QML_MODULE_DIR.relative_to(PACKAGE_DIR.parent)} is clean.")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
