"""The PIN pad's lock, kept in the state folder so a restart does not reset it.

Without it any restart (a power cut, the watchdog, a keyboard's SysRq) gave
five fresh tries. The record is core.pin.LockRecord as plain JSON
(runtime/plain_data.py)."""

from __future__ import annotations

from pathlib import Path

from kiosk.runtime.plain_data import read_json, write_json

FILE = "pin-lock.json"


def load_pin_lock(state_dir: Path) -> object | None:
    """The plain record kept by save_pin_lock, or None (core.pin.LockRecord.from_plain checks it)."""
    return read_json(state_dir / FILE)


def save_pin_lock(state_dir: Path, record: dict) -> None:
    """Keep the record; raises OSError (read-only or full disk)."""
    write_json(state_dir / FILE, record)
