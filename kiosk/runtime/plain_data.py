"""Small files the kiosk keeps in its state folder, as plain JSON.

Nothing the kiosk reads back is code: JSON cannot run anything, whoever
wrote the file. Each file is written whole or not at all (a partial file,
fsynced, renamed over the old one, the folder fsynced), readable only by the
kiosk's user (0600), in a folder only it can enter (0700): a PIN lock and
the checked settings (with the PIN's hash) are nobody else's business.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

# Larger than any file the kiosk writes here; a bigger one is not read at all.
MAX_BYTES = 4_000_000


def private_folder(path: Path) -> None:
    """Make `path` (the state folder) a folder only its owner can enter.
    Raises OSError if it cannot be made; a read-only one is left as it is."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:
        pass  # read-only: nothing new is written there either


def write_json(path: Path, data: object, *, durable: bool = True) -> None:
    """Keep `data` in `path` (0600), whole or not at all. Raises OSError (or
    TypeError/ValueError for data JSON cannot hold). Not `durable`: without
    the fsyncs (milliseconds each), for what only a crash of the process, not
    a power cut, must find."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    write_text(path, text, durable=durable)


def write_text(path: Path, text: str, mode: int = 0o600, *, durable: bool = True) -> None:
    """Keep `text` in `path`, whole or not at all. Raises OSError."""
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, mode)
    try:
        os.fchmod(fd, mode)  # an older partial file may have had other modes
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            fd = -1
            file.write(text)
            file.flush()
            if durable:
                os.fsync(file.fileno())
        os.replace(partial, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        partial.unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(path.parent)


def read_json(path: Path) -> object | None:
    """What write_json kept in `path`; None if it is missing, too large or not JSON."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        return json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def fsync_folder(path: Path) -> None:
    """Make a rename in `path` survive a power cut."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
