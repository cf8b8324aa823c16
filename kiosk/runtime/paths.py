"""Where the kiosk keeps what it writes: lock, logs, the last good config."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.runtime.plain_data import private_folder

APP_NAME = "unbreakable-kiosk"
STATE_DIR_VARIABLE = "KIOSK_STATE_DIR"


class StateDirError(OSError):
    """The state folder cannot be created; the message says which and why.

    `path` is the folder: `kiosk run` goes on without it (nothing kept)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def state_dir() -> Path:
    """The kiosk's state folder, created if needed.

    $KIOSK_STATE_DIR wins so that tests and unusual installs can point it
    elsewhere; otherwise the user's state folder (~/.local/state/...)."""
    path = state_dir_path()
    try:
        private_folder(path)  # 0700: the PIN lock and the settings are nobody else's business
    except OSError as error:
        reason = error.strerror or str(error)
        raise StateDirError(
            f"the kiosk cannot create its state folder {path} ({reason}); "
            f"make it writable for this user or set {STATE_DIR_VARIABLE} to a folder that is",
            path,
        ) from error
    return path


def state_dir_path() -> Path:
    """Where the state folder is (see state_dir), without creating it."""
    override = os.environ.get(STATE_DIR_VARIABLE)
    if override:  # as the systemd unit sets it
        return Path(override)
    import platformdirs  # here: a start on a kiosk PC saves its import (a few ms)

    return Path(platformdirs.user_state_dir(APP_NAME))
