"""Only one kiosk at a time: two kiosks on one screen fight over it.

The lock is an flock on a file in the state folder. The kernel drops it when
the holding process ends however it ends (even SIGKILL or a power cut), so a
crashed kiosk never leaves a stale lock that blocks the next start.

A sick disk must not darken the screen: when the state folder cannot hold
the lock file (remounted read-only after an error, full, gone), an existing
lock file is still locked read-only (flock needs no write access, so a kiosk
started earlier on the healthy disk still stops this one); failing that the
lock is taken in $XDG_RUNTIME_DIR (a name made from the state folder's, so
kiosks with other state folders stay apart); failing that the kiosk runs
without one, and says so."""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from kiosk.runtime.service import SERVICE_NAME

LOCK_FILE = "kiosk.lock"
RUNTIME_DIR_VARIABLE = "XDG_RUNTIME_DIR"


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
    """Take the kiosk lock in state_dir, or raise AlreadyRunning.

    Raises OSError if the lock file can be neither opened nor created there
    (see hold_any_instance_lock for the fallbacks)."""
    path = state_dir / LOCK_FILE
    # No O_TRUNC: the file may hold the running kiosk's pid, which the
    # message below names. os.open's fd is not inherited by child processes,
    # so a program the kiosk starts cannot keep the lock alive after it.
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        # A read-only (or full) disk: an existing lock file still locks.
        fd = os.open(path, os.O_RDONLY)
        writable = False
    else:
        writable = True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = _read_pid(fd)
        os.close(fd)
        raise AlreadyRunning(pid) from None
    except BaseException:
        os.close(fd)
        raise
    if writable:
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # a full disk: the lock holds, only a second kiosk's message lacks the pid
    return InstanceLock(path, fd)


def runtime_lock_dir(state_dir: Path) -> Path | None:
    """Where the lock goes when the state folder cannot hold it: the user's
    runtime folder (a tmpfs systemd makes), or None if there is none."""
    runtime = os.environ.get(RUNTIME_DIR_VARIABLE)
    if not runtime or not os.path.isabs(runtime):
        return None
    name = hashlib.sha256(os.fsencode(os.path.abspath(state_dir))).hexdigest()[:16]
    return Path(runtime) / f"unbreakable-kiosk-{name}"


def hold_any_instance_lock(state_dir: Path) -> tuple[InstanceLock | None, str | None]:
    """The kiosk lock in state_dir, else in $XDG_RUNTIME_DIR; with a warning
    for the log if it is not in the state folder, and (None, warning) when
    there is no place for it at all. Raises AlreadyRunning."""
    try:
        return hold_single_instance(state_dir), None
    except OSError as error:
        first = f"{state_dir / LOCK_FILE} ({error.strerror or error})"
    fallback = runtime_lock_dir(state_dir)
    if fallback is not None:
        try:
            fallback.mkdir(mode=0o700, exist_ok=True)
            lock = hold_single_instance(fallback)
        except OSError as error:
            first += f" nor in {fallback} ({error.strerror or error})"
        else:
            return lock, f"cannot lock {first}; the single-instance lock is in {fallback / LOCK_FILE} instead"
    return None, (
        f"cannot lock {first}; running without the single-instance lock "
        "(a second kiosk started now would not be stopped)"
    )


def _read_pid(fd: int) -> int | None:
    """The holder's pid, or None if it has not written it yet."""
    text = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None
