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


def remember(
    state_dir: Path,
    entry: Path,
    sources: Iterable[Path],
    remembered: Remembered,
    *,
    code: Iterable[Path],
    today: dt.date,
) -> None:
    """Keep `remembered`, the settings read from `entry` (kiosk.yaml) and `sources`."""
    sources = [Path(path) for path in sources]
    record = {
        "entry": str(entry),
        "sources": [str(path) for path in sources],
        "fingerprint": _fingerprint(sources, code, today),
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
        sources = [Path(path) for path in record["sources"]]
        if record["entry"] != str(entry) or record["fingerprint"] != _fingerprint(sources, code, today):
            return None
        return record["remembered"]
    except Exception:  # noqa: BLE001 -- missing, damaged, or made by other code: read the files
        return None


def _fingerprint(sources: list[Path], code: Iterable[Path], today: dt.date) -> str:
    """Changes when any source or code file changes (or goes), and with the day."""
    files = [*sources, *sorted(path for folder in code for path in Path(folder).glob("*.py"))]
    digest = hashlib.sha256(today.isoformat().encode())
    for path in files:
        stat = path.stat()  # a file gone raises: nothing to remember
        digest.update(f"\0{path}\0{stat.st_mtime_ns}\0{stat.st_size}".encode())
    return digest.hexdigest()


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)
