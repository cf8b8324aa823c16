"""pyside6-qmllint finds nothing in the kiosk's QML module, and it knows the
Python types the QML binds to (kiosk/tools/qml_lint.py; `make lint-qml`)."""

from kiosk.tools.qml_lint import lint


def test_the_qml_module_is_clean():
    result = lint()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lint_knows_the_python_types(tmp_path):
    """Without the types it would not know that the kiosk state has no such
    property, nor that a constant property is one a binding may read."""
    screen = tmp_path / "Misspelt.qml"
    screen.write_text(
        "pragma ComponentBehavior: Bound\n"
        "import QtQuick\n"
        "import KioskBackend\n"
        "Item {\n"
        "    required property KioskState kiosk\n"
        "    visible: kiosk.idle.warning\n"
        "    enabled: kiosk.largeText\n"
        "}\n",
        encoding="utf-8",
    )
    result = lint([screen])
    assert result.returncode != 0
    assert 'Misspelt.qml:7:20: Member "largeText" not found on type "KioskState"' in result.stdout + result.stderr
    assert "Misspelt.qml:6" not in result.stdout + result.stderr
