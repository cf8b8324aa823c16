"""The kiosk as the kiosk PC runs it: under cage, on Wayland, in the unit's sandbox.

cage runs on wlroots' headless backend with the pixman (software) renderer, as
an ordinary user (cage refuses root), inside a bubblewrap sandbox that mirrors
the unit: the system read-only, a private /tmp, no home folders, no network, only
the state folder and cage's runtime folder writable. The kiosk is started with
the unit's command line and environment and says it is ready over a
NOTIFY_SOCKET, as it tells systemd; then grim takes a screenshot, which must
look like `kiosk preview`'s first screen.

`make test` installs cage, Xwayland, grim and bubblewrap (test-tools). The
tests run as root in CI and create the ordinary user if it is missing."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.config import load_config
from kiosk.runtime.display import TURN_ENV
from kiosk.runtime.service import STATE_DIR, systemd_unit
from kiosk.tools.shots import planned_shots
from tests.cage_user import HEADLESS_CAGE, SIZE, USER, Sandbox, as_the_user, ordinary_user, sandbox, user_python
from tests.conftest import TODAY
from tests.runtime.test_service import sections

# The fixtures, for pytest to find here.
__all__ = ["ordinary_user", "sandbox", "user_python"]
pytestmark = [pytest.mark.x11, pytest.mark.process]

PORTRAIT = "720x1280"  # cage's headless output turned a quarter
READY_TIMEOUT_S = 180


@dataclass
class Running:
    process: subprocess.Popen
    output: Path
    wayland: dict[str, str]  # the environment a client of this cage needs


def start_as_the_unit_does(sandbox: Sandbox, python: Path, **extra_environment: str) -> Running:
    unit = sections(systemd_unit(python=str(python), config=sandbox.content / "config" / "kiosk.yaml", user=USER))
    service = unit["Service"]
    (command,) = service["ExecStart"]
    environment = dict(
        line.replace(str(STATE_DIR), str(sandbox.state)).split("=", 1) for line in service["Environment"]
    )
    notify = sandbox.runtime / "notify"
    environment |= {
        "PATH": "/usr/bin:/bin",
        "HOME": str(sandbox.state),  # the installer's user has the state folder as its home
        "XDG_RUNTIME_DIR": str(sandbox.runtime),  # the login session's /run/user/<uid>
        "NOTIFY_SOCKET": str(notify),
        **HEADLESS_CAGE,
        **extra_environment,
    }
    # The unit's sandbox as bubblewrap can make it (ProtectSystem=strict,
    # PrivateTmp, InaccessiblePaths, IPAddressDeny; /var/tmp stays the host's,
    # where this test keeps the kiosk's files).
    bwrap = [
        "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
        "--tmpfs", "/home", "--tmpfs", "/root",
        "--bind", str(sandbox.state), str(sandbox.state), "--bind", str(sandbox.runtime), str(sandbox.runtime),
        "--unshare-net", "--die-with-parent", "--",
    ]
    output = sandbox.root / "journal.txt"
    ready = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ready.bind(str(notify))
    notify.chmod(0o666)
    ready.settimeout(READY_TIMEOUT_S)
    with output.open("wb") as journal:
        process = subprocess.Popen(
            [*as_the_user(environment), *bwrap, *shlex.split(command)],
            stdout=journal, stderr=subprocess.STDOUT, start_new_session=True,
        )
    running = Running(process, output, {
        "PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(sandbox.runtime), "WAYLAND_DISPLAY": "wayland-0",
    })
    try:
        messages = []
        while "READY=1" not in messages:
            messages += ready.recv(4096).decode().split("\n")
    except TimeoutError:
        stop(running)
        pytest.fail(f"the kiosk did not say it was ready under cage:\n{output.read_text()}")
    finally:
        ready.close()
    return running


def stop(running: Running) -> None:
    """Stop cage and the kiosk, and wait until every process of theirs is gone
    (the kiosk may still write its logs while runuser has already returned)."""
    below = [pid for pid, _ in processes_under(running.process.pid)]
    if running.process.poll() is None:
        os.killpg(running.process.pid, signal.SIGTERM)
        running.process.wait(timeout=60)
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in below) and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.fixture
def kiosk_under_cage(sandbox, user_python) -> Iterator[Running]:
    running = start_as_the_unit_does(sandbox, user_python)
    yield running
    stop(running)


def screenshot(running: Running) -> QImage:
    shot = subprocess.run(
        [*as_the_user(running.wayland), "grim", "-"],
        capture_output=True, timeout=60,
    )
    assert shot.returncode == 0, shot.stderr.decode()
    image = QImage.fromData(shot.stdout, "PNG")
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_RGB888)


def first_preview_screen(content: Path, out: Path, size: str = SIZE) -> QImage:
    # The image under test's own kiosk (this checkout), drawn offscreen. Only
    # its picture counts here: what its layout report says of a screen this
    # small is tests/ui/test_layout.py's business.
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "preview", "--config", str(content / "config" / "kiosk.yaml"),
         "--out", str(out), "--size", size, "--report-only"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    config = load_config(content / "config" / "kiosk.yaml", today=TODAY).config
    first = planned_shots(config)[0].file_name
    assert first.startswith("attract-")
    return QImage(str(out / first)).convertToFormat(QImage.Format.Format_RGB888)


def difference(a: QImage, b: QImage) -> tuple[float, float]:
    """Mean difference per colour channel (0-255), and the share of pixels
    that differ clearly (any channel by more than 48)."""
    assert (a.width(), a.height()) == (b.width(), b.height())
    first, second = bytes(a.constBits()), bytes(b.constBits())
    channels = [abs(x - y) for x, y in zip(first, second, strict=True)]
    pixels = len(channels) // 3
    clear = sum(1 for i in range(0, len(channels), 3) if max(channels[i : i + 3]) > 48)
    return sum(channels) / len(channels), clear / pixels


def socket_kinds(pid: int) -> list[str]:
    """The kind of every socket the process holds open ('unix', 'tcp', ...)."""
    # The inode's column in each of the kernel's socket tables.
    inode_column = {
        "unix": 6, "netlink": 9, "packet": 8, **dict.fromkeys(["tcp", "tcp6", "udp", "udp6", "raw", "raw6"], 9)
    }
    tables = {}
    for kind, column in inode_column.items():
        path = Path(f"/proc/{pid}/net/{kind}")
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                tables[line.split()[column]] = kind
    kinds = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except FileNotFoundError:  # closed since the listing: the kiosk runs on meanwhile
            continue
        if target.startswith("socket:["):
            kinds.append(tables.get(target[len("socket:[") : -1], "unknown"))
    return kinds


def processes_under(pid: int) -> list[tuple[int, list[str]]]:
    """pid and command line of every process below pid (runuser, bwrap, cage, the kiosk)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError):
                continue
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        for child in children.get(current, []):
            found.append((child, Path(f"/proc/{child}/cmdline").read_bytes().decode().split("\0")))
            queue.append(child)
    return found


def looks_alike(shown: QImage, preview: QImage) -> bool:
    mean, clear = difference(shown, preview)
    # The first screen breathes (the portraits' glow): a little difference,
    # never a different screen (overview: about 30 and 14 %, idle 21 and 6 %).
    return mean < 5 and clear < 0.03


def shown_once(running: Running, looks_right) -> QImage:
    """The screen, once it looks right or after READY_TIMEOUT_S. Ready means
    the kiosk drew its first frame; cage shows it on its next one, after
    making the window full screen: look until it is there."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    shown = screenshot(running)
    while not looks_right(shown) and time.monotonic() < deadline:
        shown = screenshot(running)
    return shown


def test_the_first_screen_shows_under_cage_as_the_preview_draws_it(kiosk_under_cage, sandbox, tmp_path):
    preview = first_preview_screen(sandbox.content, tmp_path / "preview")
    shown = shown_once(kiosk_under_cage, lambda shown: looks_alike(shown, preview))
    assert f"{shown.width()}x{shown.height()}" == SIZE
    assert looks_alike(shown, preview), difference(shown, preview)
    # Drawn by Qt Quick's software renderer, as on a kiosk PC without a GPU (kiosk/ui/shell/app.py).
    assert "scene graph: software, whole frames" in (sandbox.state / "logs" / "kiosk.log").read_text()


def test_the_kiosk_writes_only_its_state_folder_and_opens_only_unix_sockets(kiosk_under_cage, sandbox, user_python):
    # Everything but the state folder and cage's runtime folder is read-only in
    # the sandbox: a start that needed another place would have failed or complained.
    journal = kiosk_under_cage.output.read_text()
    for complaint in ("Read-only file system", "Permission denied", "Traceback"):
        assert complaint not in journal, journal
    assert (sandbox.state / "logs" / "kiosk.log").read_text().strip()
    # The runtime folder holds cage's Wayland socket and this test's notify socket, nothing of the kiosk's.
    runtime = {p.name for p in sandbox.runtime.iterdir()}
    assert {"notify", "wayland-0"} <= runtime and all(n == "notify" or n.startswith("wayland-") for n in runtime)

    processes = processes_under(kiosk_under_cage.process.pid)
    kiosk = [pid for pid, command in processes if command[0] == str(user_python) and command[1:3] == ["-m", "kiosk"]]
    cage = [pid for pid, command in processes if command[0] == "/usr/bin/cage"]
    assert len(kiosk) == 1 and len(cage) == 1, processes
    for pid in kiosk + cage:
        kinds = socket_kinds(pid)
        assert kinds and set(kinds) == {"unix"}, (pid, kinds)
        # Its own network namespace: no interface but an unconfigured loopback.
        assert os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")


def edit_settings(content: Path, *changes: tuple[str, str]) -> None:
    config = content / "config" / "kiosk.yaml"
    text = config.read_text()
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text)


@pytest.mark.parametrize(("turn", "quarter_turns"), [("left", 3), ("right", 1)])
def test_a_panel_hung_on_its_side_shows_the_kiosk_upright(sandbox, user_python, tmp_path, turn, quarter_turns):
    # A wide panel (cage's headless output, 1280x720) hung on its side for portrait.
    edit_settings(sandbox.content, ("orientation: landscape", "orientation: portrait"),
                  ("panel_turned: none", f"panel_turned: {turn}"))
    preview = first_preview_screen(sandbox.content, tmp_path / "preview", PORTRAIT)
    running = start_as_the_unit_does(sandbox, user_python)
    try:
        shown = shown_once(running, lambda shown: looks_alike(shown, preview))
        # cage turned its output (grim shows it as a visitor sees it), so the
        # kiosk's window got the upright size: the portrait layout, upright.
        assert f"{shown.width()}x{shown.height()}" == PORTRAIT
        assert looks_alike(shown, preview), difference(shown, preview)
        assert f"first frame shown at {PORTRAIT}" in (sandbox.state / "logs" / "kiosk.log").read_text()
        # Debian 12's cage 0.1.4 turns with -r, each a quarter of an output turned clockwise.
        (cage,) = [command for _, command in processes_under(running.process.pid) if command[0] == "/usr/bin/cage"]
        assert cage[: cage.index("--")] == ["/usr/bin/cage", "-d", *["-r"] * quarter_turns]
    finally:
        stop(running)


def test_outside_opening_hours_the_screen_is_black_where_cage_cannot_switch_it_off(sandbox, user_python):
    # Closed every day: asleep from the start, whatever the date. And the
    # kiosk is asked to turn the picture itself, as under a cage without -r.
    config = sandbox.content / "config" / "kiosk.yaml"
    week = "".join(f"    {day}: closed\n" for day in ("monday", "tuesday", "wednesday", "thursday", "friday",
                                                       "saturday", "sunday"))
    config.write_text(config.read_text() + f"schedule:\n  hours:\n{week}  wake_s: 60\n")
    running = start_as_the_unit_does(sandbox, user_python, **{TURN_ENV: "left"})
    try:
        shown = shown_once(running, all_black)
        assert all_black(shown)
        assert f"{shown.width()}x{shown.height()}" == SIZE  # not turned: this cage cannot be told to
        log = sandbox.state / "logs" / "kiosk.log"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while log.read_text().count("cannot ") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        text = log.read_text()
        # cage 0.1.4 has neither output power management nor output management:
        # each is said once, plainly, and the kiosk runs on.
        assert text.count("cannot switch the screen off outside opening hours") == 1, text
        assert ("wlopm is not installed" in text) or ("does not support" in text), text
        assert text.count("cannot turn the picture for screen.panel_turned") == 1, text
        assert "doesn't support wlr-output-management-unstable-v1" in text, text
        assert running.process.poll() is None
    finally:
        stop(running)


def all_black(image: QImage) -> bool:
    return not any(bytes(image.constBits()))
