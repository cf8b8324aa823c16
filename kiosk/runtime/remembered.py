"""The checked settings of the last good start, kept for the next one.

Reading the staff's files means importing PyYAML and the config checker and
checking every field: about 60 ms of a half-second start on the reference
machine. A restart (after a power cut, or the nightly one) usually finds
nothing changed, so it takes the settings as they were checked then, if
every file they were read from has the same size and time, the day is the
same (some checks depend on it) and so is the kiosk's own code. Anything
else, or a file that cannot be read, and the files are read and checked as
usual. Only settings read from the staff's own files are remembered, never
the last good copy.
"""

from __future__ import annotations

import copyreg
import datetime as dt
import hashlib
import io
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

FILE = "settings.pickle"


@dataclass(frozen=True)
class Remembered:
    config: object  # kiosk.core.model.KioskConfig (this layer knows no model)
    warnings: tuple[str, ...]  # what the check said, as the log shows it


def fingerprint(sources: Iterable[Path], *, code: Iterable[Path], today: dt.date) -> str:
    """What the settings read from `sources` depend on, as one string: the
    files' sizes and times, the code's, and the day. Taken right after the
    files were read, so an edit made since is not mistaken for what was read.
    Raises OSError if a file is gone."""
    files = [*map(Path, sources), *sorted(path for folder in code for path in Path(folder).glob("*.py"))]
    digest = hashlib.sha256(today.isoformat().encode())
    for path in files:
        stat = path.stat()
        digest.update(f"\0{path}\0{stat.st_mtime_ns}\0{stat.st_size}".encode())
    return digest.hexdigest()


def remember(state_dir: Path, entry: Path, sources: Iterable[Path], taken: str, remembered: Remembered) -> None:
    """Keep `remembered`, the settings read from `entry` (kiosk.yaml) and
    `sources` when their fingerprint was `taken`."""
    record = {
        "entry": str(entry),
        "sources": [str(path) for path in sources],
        "fingerprint": taken,
        "remembered": remembered,
    }
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda mapping: (_read_only, (dict(mapping),))
    pickler.dump(record)
    partial = state_dir / (FILE + ".partial")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, state_dir / FILE)


def recall(state_dir: Path, entry: Path, *, code: Iterable[Path], today: dt.date) -> Remembered | None:
    """The settings remembered for `entry`, if nothing they came from has changed since."""
    try:
        record = pickle.loads((state_dir / FILE).read_bytes())
        if record["entry"] != str(entry) or record["fingerprint"] != fingerprint(
            record["sources"], code=code, today=today
        ):
            return None
        return record["remembered"]
    except Exception:  # noqa: BLE001 -- missing, damaged, or made by other code: read the files
        return None


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)
