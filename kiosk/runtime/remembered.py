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

They are kept as plain JSON (0600, in the 0700 state folder: they hold the
PIN's hash), never as a pickle: reading a pickle back can run any code its
writer chose. The JSON names each frozen dataclass by its class name, and
only the classes the caller lists (the settings model's) are made again, by
setting their fields as pickle would, with no other code run. A file that
does not fit those classes exactly is not taken: the files are read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType, ModuleType

from kiosk.runtime.plain_data import read_json, write_json

FILE = "settings.json"
OLD_PICKLE = "settings.pickle"  # what earlier versions kept, world-readable: removed, never read
FORMAT = 1


@dataclass(frozen=True)
class Remembered:
    config: object  # kiosk.core.model.KioskConfig (this layer knows no model)
    warnings: tuple[str, ...]  # what the check said, as the log shows it


def dataclasses_in(*modules: ModuleType) -> tuple[type, ...]:
    """The dataclasses defined in `modules`: what recall may make again."""
    return tuple(
        value for module in modules for value in vars(module).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__
    )


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
    `sources` when their fingerprint was `taken`. Raises OSError, or
    TypeError for a value plain data cannot hold."""
    record = {
        "format": FORMAT,
        "entry": str(entry),
        "sources": [str(path) for path in sources],
        "fingerprint": taken,
        "config": _plain(remembered.config),
        "warnings": list(remembered.warnings),
    }
    write_json(state_dir / FILE, record)
    (state_dir / OLD_PICKLE).unlink(missing_ok=True)


def recall(
    state_dir: Path, entry: Path, *, code: Iterable[Path], today: dt.date, types: Iterable[type]
) -> Remembered | None:
    """The settings remembered for `entry`, if nothing they came from has changed since."""
    record = read_json(state_dir / FILE)
    try:
        if (
            not isinstance(record, dict)
            or record.get("format") != FORMAT
            or record["entry"] != str(entry)
            or record["fingerprint"] != fingerprint(record["sources"], code=code, today=today)
        ):
            return None
        config = _unplain(record["config"], {kind.__name__: kind for kind in types})
        warnings = tuple(record["warnings"])
        if not all(isinstance(warning, str) for warning in warnings):
            return None
        return Remembered(config, warnings)
    except (OSError, KeyError, TypeError, ValueError, RecursionError):  # damaged, or made by other code
        return None


# Plain data: JSON's own types as they are, everything else as {"$": kind, "v": value}.


def _plain(value: object) -> object:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {"$": "float", "v": repr(value)}  # also inf; an int-valued float stays a float
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {"$": type(value).__name__, "v": fields}
    if isinstance(value, (tuple, list)):
        return {"$": type(value).__name__, "v": [_plain(item) for item in value]}
    if isinstance(value, (MappingProxyType, dict)):
        kind = "mapping" if isinstance(value, MappingProxyType) else "dict"
        return {"$": kind, "v": [[_plain(key), _plain(item)] for key, item in value.items()]}
    if isinstance(value, frozenset):
        return {"$": "frozenset", "v": sorted((_plain(item) for item in value), key=repr)}
    if isinstance(value, Path):
        return {"$": "path", "v": str(value)}
    for kind in (dt.datetime, dt.date, dt.time):  # datetime first: it is also a date
        if isinstance(value, kind):
            return {"$": kind.__name__, "v": value.isoformat()}
    raise TypeError(f"settings hold a {type(value).__name__}, which is not kept as plain data")


_SIMPLE = {
    "float": float,
    "path": Path,
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
}


def _unplain(value: object, types: dict[str, type]) -> object:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if not isinstance(value, dict) or set(value) != {"$", "v"}:
        raise ValueError("not a kept value")
    kind, inner = value["$"], value["v"]
    if kind in _SIMPLE:
        if not isinstance(inner, str):
            raise ValueError(f"a {kind} that is not text")
        return _SIMPLE[kind](inner)
    if kind in ("tuple", "list", "frozenset"):
        items = [_unplain(item, types) for item in _list(inner)]
        return {"tuple": tuple, "list": list, "frozenset": frozenset}[kind](items)
    if kind in ("mapping", "dict"):
        pairs = {}
        for pair in _list(inner):
            key, item = _list(pair)
            pairs[_unplain(key, types)] = _unplain(item, types)
        return MappingProxyType(pairs) if kind == "mapping" else pairs
    cls = types.get(kind)
    if cls is None or not isinstance(inner, dict):
        raise ValueError(f"{kind} is not one of the settings' classes")
    names = {field.name for field in dataclasses.fields(cls)}
    if set(inner) != names:
        raise ValueError(f"{kind} has other fields now")
    made = object.__new__(cls)  # as pickle does: the checked values, no checks run again
    for name in names:
        object.__setattr__(made, name, _unplain(inner[name], types))
    return made


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value
