"""The screenshots the kiosk keeps of its own window, in the state folder.

screenshots/latest.png is always the newest; beside it a small ring of
earlier ones, named by when they were taken and why, the oldest deleted
once there are more than MAX_FILES or they hold more than MAX_BYTES.
kiosk/ui/shell/screenshots.py takes them; `kiosk status` names the latest.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from kiosk.runtime.plain_data import fsync_folder

FOLDER = "screenshots"
LATEST = "latest.png"
MAX_FILES = 8  # the ring, latest.png not counted (it is one of them, linked)
MAX_BYTES = 20_000_000


def latest_path(state_dir: Path) -> Path:
    return state_dir / FOLDER / LATEST


def keep_screenshot(state_dir: Path, png: bytes, *, at: dt.datetime, reason: str) -> Path:
    """Keep one PNG as the latest and in the ring; returns its ring path. Raises OSError."""
    folder = state_dir / FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    taken = folder / f"{at:%Y-%m-%d_%H-%M-%S} {reason}.png"
    partial = folder / ".partial.png"
    partial.write_bytes(png)
    os.replace(partial, taken)
    # latest.png is the same file under a second name (no second copy on disk).
    try:
        os.link(taken, partial)
    except OSError:  # a file system without hard links (FAT on a USB stick)
        partial.write_bytes(png)
    os.replace(partial, folder / LATEST)
    _trim(folder)
    fsync_folder(folder)
    return taken


def ring_files(folder: Path) -> list[Path]:
    """The ring's screenshots in `folder`, oldest first: not latest.png, nor
    the hidden file a screenshot is written to before it is renamed."""
    return sorted(
        (path for path in folder.glob("*.png") if path.name != LATEST and not path.name.startswith(".")),
        key=lambda path: path.name,
    )


def _trim(folder: Path) -> None:
    """Delete the oldest screenshots of the ring until it is within its bounds."""
    ring = ring_files(folder)
    sizes = [path.stat().st_size for path in ring]
    while ring and (len(ring) > MAX_FILES or sum(sizes) > MAX_BYTES) and len(ring) > 1:
        ring.pop(0).unlink(missing_ok=True)
        sizes.pop(0)
