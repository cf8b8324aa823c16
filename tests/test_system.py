"""Plain answers when Qt cannot open a window, and the apt-get line to fix it."""

import os
import stat
import subprocess
from pathlib import Path

from kiosk.ui.shell import system
from tests.conftest import REPO


def test_no_display_points_to_preview():
    problem = system.display_problem({})
    assert problem == system.NO_DISPLAY
    assert "kiosk preview" in problem


def test_missing_libraries_give_the_exact_apt_get_line(monkeypatch):
    monkeypatch.setattr(system, "xcb_plugin_loads", lambda: False)
    monkeypatch.setattr(
        system, "missing_xcb_libraries", lambda: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    )
    problem = system.display_problem({"DISPLAY": ":0"})
    assert problem.endswith("sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")


def test_a_chosen_platform_such_as_offscreen_is_left_alone():
    assert system.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_this_machine_has_what_qt_needs():
    """`make test` installed them; an empty list means Qt can open a window here."""
    assert system.missing_debian_packages() == []
    assert system.xcb_plugin_loads()
    assert system.display_problem({"DISPLAY": ":0"}) is None


def test_a_plugin_needing_a_library_nobody_has_does_not_load(tmp_path: Path):
    """The start's quick look (one dlopen) sees what ldd would: here a copy of
    Qt's plugin asking for a library no Debian package ships."""
    plugin = tmp_path / "libqxcb.so"
    # Of the same length, so that every offset in the file stays right.
    plugin.write_bytes(system.XCB_PLUGIN.read_bytes().replace(b"libxcb-icccm.so.4", b"libxcb-nobod.so.4"))
    assert system.xcb_plugin_loads(system.XCB_PLUGIN)
    assert not system.xcb_plugin_loads(plugin)


def test_without_root_or_sudo_the_script_prints_the_command(tmp_path: Path):
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for name, body in {"id": "echo 1000", "sudo": "exit 1"}.items():
        tool = fake_bin / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    env = os.environ | {"PATH": f"{fake_bin}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["sh", str(REPO / "scripts/need-debian-packages.sh"), "coreutils", "no-such-kiosk-package"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 1
    assert "    sudo apt-get install -y no-such-kiosk-package" in result.stderr.splitlines()
