"""scripts/install-kiosk-pc: its plan for a machine, proven without changing this one.

The real install is not run here (it would rebuild the test machine); its plan is
a pure function of the machine's facts, so every decision is checked on facts
that describe a fresh Debian 13 PC, an old one, a desktop PC..."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
from dataclasses import replace
from importlib.machinery import SourceFileLoader
from importlib.metadata import distribution
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

from kiosk.runtime.display import TOUCH_RULE_PATH
from tests.conftest import REPO
from tests.runtime.test_service import assert_systemd_accepts, exposure, sections

SCRIPT = REPO / "scripts" / "install-kiosk-pc"
_loader = SourceFileLoader("install_kiosk_pc", str(SCRIPT))
installer = sys.modules[_loader.name] = module_from_spec(spec_from_loader(_loader.name, _loader))
_loader.exec_module(installer)  # registered first: its dataclasses look their module up

FRESH_DEBIAN_13 = installer.Facts(
    os_id="debian", os_like="", os_name="Debian GNU/Linux 13 (trixie)", machine="x86_64", glibc=(2, 41),
    systemd=True, root=True, display_manager=None, default_target="graphical.target",
    missing_packages=("cage", "libwayland-cursor0"), user_exists=False, group_exists=False,
    content_exists=False, installed=False, sudo_user="anna",
)
OPTIONS = installer.Options()


def plan(facts=FRESH_DEBIAN_13, options=OPTIONS):
    return installer.install_plan(facts, options)


def commands(changes) -> list[list[str]]:
    return [list(command) for change in changes for command in change.commands]


def written(changes) -> dict[Path, str]:
    return {change.path: change.text for change in changes if change.path and change.text is not None}


def removed(changes) -> set[Path]:
    return {change.path for change in changes if change.path and change.text is None}


def test_a_fresh_pc_gets_packages_a_user_the_program_content_and_the_unit():
    changes = plan()
    run = commands(changes)
    assert ["apt-get", "install", "-y", "cage", "libwayland-cursor0"] in run
    useradd = next(command for command in run if command[0] == "useradd")
    assert useradd[-1] == "unbreakable-kiosk" and "/usr/sbin/nologin" in useradd and "--system" in useradd
    assert ["usermod", "--append", "--groups", "kiosk-staff", "anna"] in run
    pip = next(command for command in run if "pip" in command)
    assert "-e" not in pip and "--editable" not in pip and pip[-1] == str(REPO)
    assert ["chown", "-R", "root:root", "/opt/unbreakable-kiosk"] in run
    assert ["install", "-d", "-o", "root", "-g", "kiosk-staff", "-m", "2775", "/etc/unbreakable-kiosk"] in run
    assert run[-2:] == [
        ["systemctl", "enable", "unbreakable-kiosk.service"], ["systemctl", "start", "unbreakable-kiosk.service"],
    ]


def test_the_operating_system_is_locked_down():
    changes = plan()
    files = written(changes)
    assert "kernel.sysrq = 0" in files[Path("/etc/sysctl.d/90-unbreakable-kiosk.conf")].splitlines()
    logind = sections(files[Path("/etc/systemd/logind.conf.d/unbreakable-kiosk.conf")])["Login"]
    for key in ("HandlePowerKey", "HandleRebootKey", "HandleSuspendKey", "HandleHibernateKey"):
        assert logind[key] == ["ignore"]
    assert logind["NAutoVTs"] == ["0"]
    assert ["systemctl", "mask", "ctrl-alt-del.target", *[f"getty@tty{n}.service" for n in range(2, 7)]] in commands(
        changes
    )
    # cage without -s: no switching to a console from the kiosk.
    unit = sections(files[Path("/etc/systemd/system/unbreakable-kiosk.service")])
    assert "-s" not in unit["Service"]["ExecStart"][0].split()


def test_the_unit_it_writes_passes_systemds_checks(tmp_path):
    unit = written(plan())[Path("/etc/systemd/system/unbreakable-kiosk.service")]
    path = tmp_path / "unbreakable-kiosk.service"
    # systemd-analyze verify checks that the command exists: the program is not installed here.
    path.write_text(unit.replace(str(installer.PYTHON), sys.executable))
    assert_systemd_accepts(path)
    assert exposure(path) <= 2.5
    service = sections(unit)["Service"]
    assert service["User"] == ["unbreakable-kiosk"]
    assert service["ExecStart"][0].endswith(
        "/opt/unbreakable-kiosk/bin/python -m kiosk cage --config /etc/unbreakable-kiosk/config/kiosk.yaml"
    )


def test_a_second_run_or_an_upgrade_keeps_content_user_and_the_first_runs_record():
    first = json.loads(written(plan())[installer.RECORD_PATH])
    again = replace(
        FRESH_DEBIAN_13, missing_packages=(), user_exists=True, group_exists=True, content_exists=True,
        installed=True, record=first,
    )
    changes = plan(again, replace(OPTIONS, upgrade=True))
    run = commands(changes)
    assert not [command for command in run if command[0] in ("apt-get", "useradd", "groupadd", "cp")]
    assert ["systemctl", "restart", "unbreakable-kiosk.service"] in run
    assert json.loads(written(changes)[installer.RECORD_PATH]) == first == {
        "added_packages": ["cage", "libwayland-cursor0"], "created_group": True, "created_user": True,
        "disabled_display_manager": None, "previous_default_target": "graphical.target", "heartbeat": False,
    }


def test_uninstall_undoes_every_change():
    install = plan(replace(FRESH_DEBIAN_13, display_manager="gdm3.service", default_target="multi-user.target"),
                   replace(OPTIONS, take_tty1=True))
    record = json.loads(written(install)[installer.RECORD_PATH])
    undo = installer.uninstall_plan(replace(FRESH_DEBIAN_13, installed=True, record=record), OPTIONS)
    # The touch rule is written by the installed kiosk (`kiosk touch-rule --write`), not from the plan's text.
    assert removed(undo) == set(written(install)) - {installer.RECORD_PATH} | {TOUCH_RULE_PATH}
    run = commands(undo)
    masked = next(command for command in commands(install) if command[:2] == ["systemctl", "mask"])
    assert ["systemctl", "unmask", *masked[2:]] in run
    assert ["systemctl", "disable", "--now", "unbreakable-kiosk.service"] in run
    assert ["systemctl", "enable", "gdm3.service"] in run
    assert ["systemctl", "set-default", "multi-user.target"] in run
    assert ["rm", "-rf", "/opt/unbreakable-kiosk"] in run  # the record goes with it
    assert ["userdel", "unbreakable-kiosk"] in run and ["groupdel", "kiosk-staff"] in run
    assert ["apt-mark", "auto", "cage", "libwayland-cursor0"] in run
    # Staff's content and the statistics stay unless asked.
    assert not any("/etc/unbreakable-kiosk" in command for command in run)
    purge = commands(installer.uninstall_plan(replace(FRESH_DEBIAN_13, record=record), replace(OPTIONS, purge=True)))
    assert ["rm", "-rf", "/etc/unbreakable-kiosk", "/var/lib/unbreakable-kiosk"] in purge


@pytest.mark.slow
def test_the_touchscreen_is_turned_with_the_panel_before_the_kiosk_starts_and_put_back_on_uninstall():
    run = commands(plan())
    write_rule = [
        "/opt/unbreakable-kiosk/bin/python", "-m", "kiosk", "touch-rule",
        "--config", "/etc/unbreakable-kiosk/config/kiosk.yaml", "--write", str(TOUCH_RULE_PATH),
    ]
    reload = [["udevadm", "control", "--reload"], ["udevadm", "trigger", "--subsystem-match=input", "--action=change"]]
    at = run.index(write_rule)
    # After the program is installed (it writes the rule), before cage opens the touchscreen.
    assert run.index(["chown", "-R", "root:root", "/opt/unbreakable-kiosk"]) < at
    assert run[at + 1 : at + 3] == reload
    assert at < run.index(["systemctl", "start", "unbreakable-kiosk.service"])
    undo = installer.uninstall_plan(replace(FRESH_DEBIAN_13, installed=True, record={}), OPTIONS)
    (change,) = [change for change in undo if change.path == TOUCH_RULE_PATH]
    assert change.text is None and [list(command) for command in change.commands] == reload
    # wlr-randr turns the picture on a cage without -r; wlopm only where Debian has it (13, not 12).
    assert "wlr-randr" in installer.DEBIAN_PACKAGES and installer.IF_DEBIAN_HAS == ["wlopm"]
    assert installer._available("wlr-randr") and not installer._available("no-such-package-here")


def test_uninstall_keeps_what_was_there_before():
    record = {"added_packages": [], "created_user": False, "created_group": False,
              "previous_default_target": "graphical.target", "disabled_display_manager": None}
    run = commands(installer.uninstall_plan(replace(FRESH_DEBIAN_13, installed=True, record=record), OPTIONS))
    assert not [command for command in run if command[0] in ("userdel", "groupdel", "apt-mark", "set-default")]


@pytest.mark.parametrize(
    ("facts", "options", "sentence"),
    [
        ({"machine": "aarch64", "glibc": (2, 36), "os_name": "Debian GNU/Linux 12 (bookworm)"}, {},
         ("PySide6 for aarch64 needs glibc 2.39 or newer and this machine has 2.36: install Debian 13 "
          "(Debian 12 and Raspberry Pi OS are too old).")),
        ({"glibc": (2, 31)}, {},
         ("PySide6 for x86_64 needs glibc 2.34 or newer and this machine has 2.31: install Debian 13 "
          "(Debian 12 and Raspberry Pi OS are too old).")),
        ({"os_id": "fedora", "os_name": "Fedora Linux 41"}, {},
         "This installer is for Debian 13 (or a system built on Debian); this machine runs Fedora Linux 41."),
        ({"systemd": False}, {},
         "This machine does not run systemd, which starts and watches over the kiosk; install Debian 13 as it comes."),
        ({"machine": "armv7l"}, {},
         "PySide6, which draws the kiosk, has no build for this processor (armv7l); use an amd64 or arm64 PC."),
        ({"display_manager": "gdm3.service"}, {},
         ("A desktop (gdm3.service) already runs on this screen; run again with --take-tty1 to switch it off "
          "and show the kiosk instead.")),
        ({"root": False}, {},
         "Run it as root: sudo ./scripts/install-kiosk-pc (or add --dry-run to see the changes first)."),
        ({}, {"upgrade": True}, "There is no kiosk here to upgrade; run the installer without --upgrade first."),
    ],
)
def test_an_unsupported_machine_is_refused_in_one_sentence(facts, options, sentence):
    assert installer.refusal(replace(FRESH_DEBIAN_13, **facts), replace(OPTIONS, **options)) == sentence


def test_a_content_folder_without_kiosk_yaml_is_refused(tmp_path):
    (tmp_path / "config").mkdir()
    assert installer.refusal(FRESH_DEBIAN_13, replace(OPTIONS, content=tmp_path)) == (
        f"{tmp_path} is not a content folder: it has no config/kiosk.yaml."
    )
    (tmp_path / "config" / "kiosk.yaml").write_text("")
    assert installer.refusal(FRESH_DEBIAN_13, replace(OPTIONS, content=tmp_path)) is None
    assert ["cp", "-R", str(tmp_path / "config"), str(tmp_path / "assets"), "/etc/unbreakable-kiosk"] in commands(
        plan(options=replace(OPTIONS, content=tmp_path))
    )


def test_a_failed_step_stops_the_install_and_says_which(tmp_path, capsys):
    marker = tmp_path / "made"
    changes = [
        installer.Change("first", tmp_path / "first.conf", "a = 1\n"),
        installer.Change("second", commands=(("false",),)),
        installer.Change("third", marker, "never\n"),
    ]
    failure = installer.apply(changes)
    assert failure.startswith("Step 2 failed (Command '('false',)' returned non-zero exit status 1.)")
    assert (tmp_path / "first.conf").read_text() == "a = 1\n"
    assert not marker.exists()
    assert capsys.readouterr().out == "1. first\n2. second\n"


def test_supported_machines_are_not_refused():
    assert installer.refusal(FRESH_DEBIAN_13, OPTIONS) is None
    ubuntu = replace(FRESH_DEBIAN_13, os_id="ubuntu", os_like="debian", machine="aarch64", glibc=(2, 39))
    assert installer.refusal(ubuntu, OPTIONS) is None
    desktop = replace(FRESH_DEBIAN_13, display_manager="gdm3.service")
    assert installer.refusal(desktop, replace(OPTIONS, take_tty1=True)) is None
    assert ["systemctl", "disable", "--now", "gdm3.service"] in commands(
        plan(desktop, replace(OPTIONS, take_tty1=True))
    )


def test_the_glibc_minimum_is_the_installed_pyside6_wheels():
    wheel = distribution("PySide6_Essentials").read_text("WHEEL")
    tag = next(line.split(": ")[1] for line in wheel.splitlines() if line.startswith("Tag: "))
    # e.g. cp310-abi3-manylinux_2_34_x86_64
    major, minor, machine = tag.split("manylinux_")[1].split("_", 2)
    assert machine == platform.machine()
    assert installer.GLIBC_NEEDED[machine] == (int(major), int(minor))


def checksums(root: Path) -> dict[str, str]:
    """Every file, link and folder under root: its content's hash, mode and owner."""
    listing = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            info = path.lstat()
            content = os.readlink(path) if path.is_symlink() else (
                hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "")
            listing[str(path)] = f"{info.st_mode:o} {info.st_uid}:{info.st_gid} {content}"
    return listing


@pytest.mark.slow
def test_dry_run_names_every_change_and_makes_none(tmp_path):
    # This machine is a test machine, not a kiosk PC: say it runs systemd and
    # has none of the kiosk's pieces, so the whole plan is printed.
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"systemd": True, "missing_packages": ["cage"], "display_manager": None}))
    before = checksums(Path("/etc"))
    result = subprocess.run([str(SCRIPT), "--dry-run", "--facts", str(facts)], capture_output=True, text=True,
                            timeout=120)
    assert checksums(Path("/etc")) == before
    assert not Path("/opt/unbreakable-kiosk").exists()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.endswith("(--dry-run: nothing was changed.)\n")
    gathered = replace(installer.gather_facts(), systemd=True, missing_packages=("cage",), display_manager=None)
    expected = installer.install_plan(gathered, OPTIONS)
    assert out.startswith(installer.render(expected))
    for number, change in enumerate(expected, 1):
        assert f"{number}. {change.what}\n" in out
    for needed in ("kernel.sysrq = 0", "systemctl mask ctrl-alt-del.target", "NAutoVTs=0",
                   "apt-get install -y cage", "/etc/systemd/system/unbreakable-kiosk.service",
                   f"-m kiosk touch-rule --config /etc/unbreakable-kiosk/config/kiosk.yaml --write {TOUCH_RULE_PATH}",
                   "udevadm trigger --subsystem-match=input --action=change"):
        assert needed in out


@pytest.mark.slow
def test_uninstall_dry_run_on_a_machine_without_the_kiosk_says_so():
    result = subprocess.run([str(SCRIPT), "--uninstall", "--dry-run"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "There is nothing to undo: the kiosk was not installed here by this script.\n"


def test_the_heartbeat_is_opt_in_and_undone_with_the_kiosk():
    timer = Path("/etc/systemd/system/unbreakable-kiosk-heartbeat.timer")
    service = Path("/etc/systemd/system/unbreakable-kiosk-heartbeat.service")
    assert not {timer, service} & set(written(plan()))
    assert not any("unbreakable-kiosk-heartbeat.timer" in command for command in commands(plan()))
    install = plan(options=replace(OPTIONS, heartbeat="https://hc-ping.example.org/kiosk-1"))
    units = written(install)
    exec_start = sections(units[service])["Service"]["ExecStart"][0]
    assert exec_start.endswith("-m kiosk status --state /var/lib/unbreakable-kiosk --json "
                               "--post https://hc-ping.example.org/kiosk-1")
    assert exec_start.startswith("/opt/unbreakable-kiosk/bin/python ")
    assert sections(units[timer])["Install"]["WantedBy"] == ["timers.target"]
    assert commands(install)[-1] == ["systemctl", "enable", "--now", "unbreakable-kiosk-heartbeat.timer"]
    record = json.loads(units[installer.RECORD_PATH])
    undo = installer.uninstall_plan(replace(FRESH_DEBIAN_13, installed=True, record=record), OPTIONS)
    assert removed(undo) == set(units) - {installer.RECORD_PATH} | {TOUCH_RULE_PATH}
    assert commands(undo)[0] == ["systemctl", "disable", "--now", "unbreakable-kiosk-heartbeat.timer"]
