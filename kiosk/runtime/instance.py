"""Only one kiosk at a time: two kiosks on one screen fight over it.

The lock is an flock on a file in the state folder. The kernel drops it when
the holding process ends however it ends (even SIGKILL or a power cut), so a
crashed kiosk never leaves a stale lock that blocks the next start."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kiosk.runtime.service import SERVICE_NAME

LOCK_FILE = "kiosk.lock"


class AlreadyRunning(RuntimeError):
    """Another kiosk holds the lock; str() is the one line to show staff."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        who = f" (process {pid})" if pid is not None else ""
        super().__init__(
            f"another kiosk is already running{who}; this one stops. "
            f"Stop that one first (e.g. `systemctl stop {SERVICE_NAME}`)."
        )


class InstanceLock:
    """The held lock; keep it alive for the kiosk's whole life."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let another kiosk start; safe to call more than once."""
        if self._fd is None:
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def hold_single_instance(state_dir: Path) -> InstanceLock:
    """Take the kiosk lock in state_dir, or raise AlreadyRunning."""
    path = state_dir / LOCK_FILE
    # No O_TRUNC: the file may hold the running kiosk's pid, which the
    # message below names. os.open's fd is not inherited by child processes,
    # so a program the kiosk starts cannot keep the lock alive after it.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = _read_pid(fd)
        os.close(fd)
        raise AlreadyRunning(pid) from None
    except BaseException:
        os.close(fd)
        raise
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return InstanceLock(path, fd)


def _read_pid(fd: int) -> int | None:
    """The holder's pid, or None if it has not written it yet."""
    text = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None
