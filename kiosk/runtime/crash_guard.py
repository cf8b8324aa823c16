"""No crash loop: files that stopped the kiosk twice in a row are not read a third time.

Before the kiosk reads the staff's files (at a start, or for a reload) it
notes so in the state folder: `attempt.json`, with the files' fingerprint
and how many tries of those files in a row never finished. Once the first
frame is on the screen (or the reload is done) the note goes. So a note
found at a start means that the try before died half-way: a crash, the
watchdog's kill, a power cut. After DEATHS_BEFORE_COPY such deaths with the
same files the kiosk starts on the last good copy instead; should that die
as often too, it shows "out of order". It goes back to the staff's files
when they change (the note is kept while the guard holds).

A stop signal is no death: a stop before the first frame puts the count
back as it was. Without a writable state folder there is no guard (said once).
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from kiosk.runtime.plain_data import read_json, write_json

log = logging.getLogger(__name__)

FILE = "attempt.json"
FORMAT = 1
DEATHS_BEFORE_COPY = 2  # tries in a row that died before the staff's files are left aside
DEATHS_BEFORE_OUT_OF_ORDER = 4  # ... and before the last good copy is too


class Start(Enum):
    """What a start may read (and what the kiosk then does, for the log)."""

    STAFF_FILES = "reads the staff's files"
    LAST_GOOD_COPY = "runs on the last good copy"
    OUT_OF_ORDER = "shows 'out of order' (the last good copy stopped it as often)"


class CrashGuard:
    def __init__(self, state_dir: Path):
        self._path = state_dir / FILE
        self._works = True  # False once the state folder refused the note
        self._fingerprint: str | None = None  # of the files being tried
        self._deaths = 0  # tries of them that died before this one

    def deaths(self, fingerprint: str | None) -> int:
        """How many tries in a row of the files with `fingerprint` died."""
        note = read_json(self._path)
        if fingerprint is None or not isinstance(note, dict) or note.get("fingerprint") != fingerprint:
            return 0
        count = note.get("unfinished")
        return count if isinstance(count, int) and count > 0 else 0

    def begin(self, fingerprint: str | None, deaths: int = 0) -> None:
        """Note a try of the files with `fingerprint`, after `deaths` tries that died."""
        self._fingerprint, self._deaths = fingerprint, deaths
        if fingerprint is not None:
            self._write(deaths + 1)

    def finished(self) -> None:
        """The try is over without a death: as it was before it, or nothing
        when it went well on the staff's files."""
        if self._fingerprint is not None:
            self._write(self._deaths if self._deaths >= DEATHS_BEFORE_COPY else 0)
            self._fingerprint = None

    def stopped(self) -> None:
        """A stop signal ended the try: no death, the count as it was."""
        if self._fingerprint is not None:
            self._write(self._deaths)

    def _write(self, unfinished: int) -> None:
        if not self._works:
            return
        try:
            if unfinished:
                # Before the files are read, on the UI thread: no fsync. A crash
                # or a kill leaves the note in the kernel's cache; a power cut
                # may lose it, and a power cut is no crash loop.
                note = {"format": FORMAT, "fingerprint": self._fingerprint, "unfinished": unfinished}
                write_json(self._path, note, durable=False)
            else:
                self._path.unlink(missing_ok=True)
        except OSError as error:
            self._works = False
            log.warning(
                "cannot keep a note of the starts and reloads in %s (%s): should a file stop the kiosk, "
                "it is read again at every restart",
                self._path.parent, error.strerror or error,
            )


def what_to_read(deaths: int) -> Start:
    if deaths >= DEATHS_BEFORE_OUT_OF_ORDER:
        return Start.OUT_OF_ORDER
    if deaths >= DEATHS_BEFORE_COPY:
        return Start.LAST_GOOD_COPY
    return Start.STAFF_FILES
