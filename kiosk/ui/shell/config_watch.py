"""Notices when staff change the config or content files.

It polls the files' sizes and times (and their folders', which change when a
file is added, removed or replaced by an editor's save-by-rename) twice a
second. Polling a dozen files costs nothing, works the same on every file
system (a USB stick, a network share) and cannot miss a replaced file the
way a watch on a deleted inode can. A change is reported once the files have
stayed the same for one more poll, so a copy still in progress is not read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

POLL_MS = 500

Fingerprint = tuple[tuple[str, int, int] | tuple[str], ...]


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """What changes when any of `paths` (or their folders) changes."""
    watched = sorted({str(path) for path in paths} | {str(Path(path).parent) for path in paths})
    marks = []
    for name in watched:
        try:
            stat = os.stat(name)
        except OSError:
            marks.append((name,))  # missing or unreadable: a state of its own
        else:
            marks.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


class ConfigWatch(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._paths: tuple[Path, ...] = ()
        self._seen: Fingerprint = ()
        self._pending: Fingerprint | None = None
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)

    def watch(self, paths: Iterable[Path]) -> None:
        """Watch these files from now on.

        A file watched before keeps the state last reported by `changed`
        (what the reload read), so a save that lands while the files are
        being read is reported in turn; a newly watched file counts as seen.
        """
        reported = {mark[0]: mark for mark in self._seen}
        self._paths = tuple(paths)
        self._seen = tuple(reported.get(mark[0], mark) for mark in fingerprint(self._paths))
        self._pending = None
        self._timer.start()

    def _poll(self) -> None:
        now = fingerprint(self._paths)
        if now == self._seen:
            self._pending = None
        elif now != self._pending:
            self._pending = now  # changed: wait one more poll for the writing to end
        else:
            self._seen, self._pending = now, None
            self.changed.emit()
