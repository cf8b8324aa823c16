"""A copy of the staff's files in a temporary folder, and edits to it as staff make them.

The supervisor and launcher tests change, break, half-write and delete these
files while a kiosk runs on them; the real config/ is never touched.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR, REPO

START_TIMEOUT_S = 60  # a cold start of Qt on a busy shared machine


def copy_config(root: Path) -> Path:
    """config/ and assets/ copied into `root` (relative paths keep working); the copied kiosk.yaml."""
    shutil.copytree(CONFIG_DIR, root / "config")
    shutil.copytree(REPO / "assets", root / "assets")
    return root / "config" / "kiosk.yaml"


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit `path` in place (as a text editor saving over the file would)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found {count} time(s) in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_number(path: Path, text: str, after: int = 0) -> int:
    """The number of the first line of `path` after line `after` holding `text`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number > after and text in line:
            return number
    raise AssertionError(f"{text!r} not in {path} after line {after}")


def state_env(state_dir: Path) -> dict[str, str]:
    """The environment for a `kiosk` subprocess: offscreen Qt, its own state folder,
    and none of systemd's variables this test process might have inherited
    (RunningKiosk gives it a NOTIFY_SOCKET of its own)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")
    }
    env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "software",
        "KIOSK_STATE_DIR": str(state_dir),
    }
    return env


def _die_with_the_test() -> None:
    """In the child before exec: SIGTERM when the test process ends, even if it is
    killed before its fixtures can stop the kiosk (Linux: PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


class SystemdListener:
    """What systemd would hear from a kiosk (sd_notify: READY=1 at its first
    frame, STATUS=..., WATCHDOG=1, STOPPING=1), on an abstract unix datagram
    socket of its own, read in a thread so the kiosk's sends never fill it."""

    def __init__(self) -> None:
        name = f"kiosk-test-{os.getpid()}-{secrets.token_hex(8)}"
        self.address = "@" + name  # as $NOTIFY_SOCKET names an abstract socket
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind("\0" + name)
        self._socket.settimeout(0.05)
        self._messages: list[str] = []
        self._open = True
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while self._open:
            try:
                self._messages.append(self._socket.recv(4096).decode("utf-8"))
            except TimeoutError:
                continue

    @property
    def messages(self) -> list[str]:
        return list(self._messages)

    def close(self) -> None:
        """After the kiosk is gone: what it sent last is read, then the socket closed."""
        if self._open:
            self._open = False
            self._reader.join(timeout=5)
            self._socket.setblocking(False)
            while True:
                try:
                    self._messages.append(self._socket.recv(4096).decode("utf-8"))
                except BlockingIOError:
                    break
            self._socket.close()


class RunningKiosk:
    """`python -m kiosk run --config ...`, its stderr read line by line in a
    thread, and what it tells systemd (`notifications`: it is given a
    NOTIFY_SOCKET, as systemd gives it one)."""

    def __init__(self, config: Path, env: dict[str, str], wrapper: tuple[str, ...] = ()):
        self.systemd = SystemdListener()
        # `wrapper` runs before the kiosk and then execs it (e.g. into a mount namespace).
        self.process = subprocess.Popen(
            [*wrapper, sys.executable, "-m", "kiosk", "run", "--config", str(config)],
            cwd=REPO,
            env=env | {"NOTIFY_SOCKET": self.systemd.address},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_the_test,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    @property
    def notifications(self) -> list[str]:
        return self.systemd.messages

    @property
    def first_frame_shown(self) -> bool:
        """The kiosk told systemd it is ready: it does so at its first frame."""
        return "READY=1" in self.notifications

    def wait_for_first_frame(self, timeout: float = START_TIMEOUT_S) -> None:
        self.wait_until(lambda: self.first_frame_shown, "first frame (READY=1)", timeout, poll=0.01)

    def lines_with(self, phrase: str, since: int = 0) -> list[str]:
        return [line for line in self.lines[since:] if phrase in line]

    def wait_for(self, phrase: str, timeout: float = START_TIMEOUT_S, since: int = 0) -> None:
        """Until a log line (from line `since` on) holds `phrase`; fails if the kiosk exits."""
        self.wait_until(lambda: self.lines_with(phrase, since), repr(phrase), timeout, poll=0.05)

    def wait_until(self, condition: Callable[[], object], what: str, timeout: float = START_TIMEOUT_S,
                   poll: float = 0.002) -> None:
        """Until `condition()` holds (checked often: it may be a moment of a start); fails if the kiosk exits."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.running, f"the kiosk exited ({self.process.returncode}):\n{self.stderr}"
            assert time.monotonic() < deadline, f"no {what} after {timeout} s:\n{self.stderr}"
            time.sleep(poll)

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, as `systemctl stop` sends; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=5)
        self.systemd.close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        self.systemd.close()


@pytest.fixture
def run_kiosk() -> Iterator[Callable[..., RunningKiosk]]:
    """Start `kiosk run` on a config with a state folder (and extra environment);
    whatever a test leaves running is killed after it."""
    started: list[RunningKiosk] = []

    def start(config: Path, state_dir: Path, wrapper: tuple[str, ...] = (), **extra_env: str) -> RunningKiosk:
        kiosk = RunningKiosk(config, state_env(state_dir) | extra_env, wrapper)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.kill()
