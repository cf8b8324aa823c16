"""The settings a kiosk shows, and the books kept about them; no Qt.

Which settings a start shows (the staff's files, read afresh or remembered
from the last good start, or the last good copy, or none: out of order), the
copy kept of good settings (on a thread of its own), the reloads' numbering,
the problems found in the staff's files and the status lines for staff. The
supervisor (supervisor.py) shows what this decides; docs/architecture.md has
the whole story.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.model import KioskConfig
from kiosk.runtime.background import chore_pool
from kiosk.runtime.crash_guard import CrashGuard, Start, what_to_read
from kiosk.runtime.last_good import last_good_entry, save_last_good
from kiosk.runtime.remembered import Remembered, dataclasses_in, fingerprint, recall, remember

if TYPE_CHECKING:
    from kiosk.config import ConfigError, LoadedConfig
    from kiosk.runtime.logs import RecentProblems

log = logging.getLogger(__name__)

STATUS_PROBLEMS = 10  # lines of each kind in the staff menu; the log has them all
# The code that turns the staff's files into settings: remembered settings
# are read again when it changes (kiosk/runtime/remembered.py).
SETTINGS_CODE = tuple(Path(__file__).resolve().parents[2] / package for package in ("config", "core"))


def settings_types() -> tuple[type, ...]:
    """The classes remembered settings are made of (and the only ones made again)."""
    from kiosk.core import accessibility, model, numbers, schedule

    return dataclasses_in(model, schedule, accessibility, numbers)


@dataclass(frozen=True)
class Read:
    """What reading and checking the settings gave: the settings (and their
    fingerprint, right after reading, if they are to be remembered), or the problems."""

    loaded: LoadedConfig | None
    error: ConfigError | None
    taken: str | None = None


def read_settings(path: Path, today: dt.date, *, remembered: bool) -> Read:
    """Read and check the settings at `path`; on any thread."""
    # Here, not at the top: a start on remembered settings does without (60 ms).
    from kiosk.config import ConfigError, load_config

    try:
        # A date after today is more likely a wrong clock than a wrong file: shown, with a warning.
        loaded = load_config(path, today=today, future_dates_are_errors=False)
    except ConfigError as error:
        return Read(None, error)
    if not remembered:
        return Read(loaded, None)
    try:
        return Read(loaded, None, fingerprint(loaded.config.sources, code=SETTINGS_CODE, today=today))
    except OSError:  # a file went while it was read: read them again next time
        return Read(loaded, None)


class SettingsKeeper:
    """The staff's settings at `config_path` and what is known of them, with
    the state folder `state_dir` for the copies; used from one thread (the
    supervisor's), apart from the threads it starts itself."""

    def __init__(
        self,
        config_path: Path,
        state_dir: Path,
        *,
        today: Callable[[], dt.date],
        problems: RecentProblems | None = None,
        more_status: Callable[[], list[str]] = list,
    ):
        self.config_path = Path(os.path.abspath(config_path))
        self._state_dir = state_dir
        self._today = today
        self._recent = problems
        self._more_status = more_status  # lines for staff between the settings' and the recent problems
        self.on_copy = False  # running on the last good copy, not the staff's files
        self._guard = CrashGuard(state_dir)
        self._guarded = ""  # why this start left the staff's files aside, for staff
        self.problems: list[str] = []  # of the staff's files, as last read
        self._problem_files: set[Path] = set()  # where the staff's files went wrong
        # One at a time, in the order the good settings came.
        self._copier = chore_pool("last-good copy")
        self._copy_when_shown: KioskConfig | None = None  # the settings started on
        self._warnings: tuple[str, ...] = ()  # of the staff's settings last read,
        self._fingerprint: str | None = None  # and what they were read from (None: not to remember)
        self._reads = 0  # reloads started; a read whose number is behind is ignored
        self._reading = False  # a reload's thread is reading the files
        self._read_again = False  # they changed (or staff asked) meanwhile

    # --- a start --------------------------------------------------------

    def starting_settings(self) -> KioskConfig | None:
        """The settings this start shows: the staff's (remembered, or read
        afresh), else the last good copy, else None (out of order)."""
        staff_files = self._staff_files_fingerprint()
        deaths = self._guard.deaths(staff_files)
        reads = what_to_read(deaths)
        self._guard.begin(staff_files, deaths)
        if reads is not Start.STAFF_FILES:
            self._guarded = (
                f"The kiosk stopped {deaths} times in a row while starting on or reloading the settings in "
                f"{self.config_path} (a crash, or the watchdog): it {reads.value} until they change."
            )
            log.error("%s", self._guarded)
        config = (self._recall() or self._load(self.config_path)) if reads is Start.STAFF_FILES else None
        if config is not None:
            # Kept once the kiosk is on the screen: comparing large portraits
            # with the copy takes the processor for a while.
            self._copy_when_shown = config
            return config
        if reads is not Start.OUT_OF_ORDER:
            copy = last_good_entry(self._state_dir)
            config = self._load(copy) if copy else None
            if config is not None:
                self.on_copy = True
                if reads is Start.STAFF_FILES:
                    log.error(
                        "THE SETTINGS IN %s HAVE ERRORS (listed above): the kiosk runs on the last good copy (%s) "
                        "until they are fixed",
                        self.config_path,
                        copy,
                    )
                return config
        log.error("no usable settings and no good copy of earlier ones: showing 'out of order' until %s is fixed",
                  self.config_path)
        return None

    def first_frame_shown(self) -> None:
        """The start is over: it did not crash; the settings started on are copied now."""
        self._guard.finished()
        self._keep_owed_copy()

    def stopped_while_starting(self) -> None:
        """A stop signal before the first frame (on the signals' thread): no crash."""
        self._guard.stopped()

    # --- a reload -------------------------------------------------------

    def reload(self, deliver: Callable[[int, Read], None]) -> bool:
        """Read the staff's files again on a thread of its own and hand the
        Read, with its number, to `deliver` (on that thread). False, if a
        reload is reading already: it reads again once it is over."""
        if self._reading:
            self._read_again = True
            return False
        self._reading, self._read_again = True, False
        self._reads += 1
        self._guard.begin(self._staff_files_fingerprint())
        number, today = self._reads, self._today()
        threading.Thread(
            target=lambda: deliver(number, read_settings(self.config_path, today, remembered=True)),
            name="reading the settings",
            daemon=True,  # an abandoned read must not hold up the kiosk's exit
        ).start()
        return True

    def is_current(self, number: int) -> bool:
        """False for the read of a reload that was abandoned."""
        return number == self._reads

    def take_reload(self, read: Read) -> KioskConfig | None:
        """The settings a reload read, or None (its problems noted)."""
        config = self._take(self.config_path, read)
        if config is not None:
            self.on_copy = False
            self._guarded = ""
        return config

    def abandon_reload(self, limit_s: float) -> None:
        """The reload took longer than `limit_s`: its answer, should it come, is ignored."""
        self._reads += 1
        problem = (
            f"{self.config_path}: reading and checking the settings took more than {limit_s:g} s, so the "
            "reload was abandoned and visitors go on seeing what they saw; check the files and save them again"
        )
        log.error("%s", problem)
        self.problems = [problem]

    def reload_over(self) -> bool:
        """The reload is shown or given up; True if the files are to be read again."""
        self._guard.finished()
        self._reading = False
        return self._read_again

    # --- the copies -----------------------------------------------------

    def keep_copy(self, config: KioskConfig) -> None:
        """Keep the staff's good settings: a copy of their files, and the
        checked settings for the next start. On a thread of its own: copying
        large portraits and syncing them to disk would hold up the first
        frame, or a reload, by up to half a second."""
        self._copier.submit(self._save_copy, config, self._warnings, self._fingerprint)

    def shutdown(self) -> None:
        """Finish the copy being made (or make the one still owed: no frame was shown)."""
        self._keep_owed_copy()
        self._copier.shutdown(wait=True)

    # --- what staff read ------------------------------------------------

    def status_lines(self) -> list[str]:
        """What the staff menu adds to its status: settings trouble, recent problems."""
        lines = [self._guarded] if self._guarded else []
        if self.on_copy and not self._guarded:
            lines.append(f"Running on the last good copy of the settings: {self.config_path} has errors.")
        if self.problems:
            lines.append("The settings have errors; visitors see the last good content until they are fixed:")
            lines += self.problems[:STATUS_PROBLEMS]
        lines += self._more_status()
        recent = self._recent.lines()[-STATUS_PROBLEMS:] if self._recent else []
        lines.append("Recent problems:" if recent else "No recent problems.")
        return lines + recent

    def files_to_watch(self, shown: Iterable[Path]) -> set[Path]:
        """The files in kiosk.yaml's folder, the files a broken load complained
        about (a missing portrait, a content file elsewhere) and, unless on the
        copy, every file of the content `shown`."""
        folder = self.config_path.parent
        files = {self.config_path, *folder.glob("*.yaml"), *folder.glob("*.yml"), *self._problem_files}
        if not self.on_copy:
            files.update(shown)
        return files

    # --- helpers --------------------------------------------------------

    def _recall(self) -> KioskConfig | None:
        """The settings of the last good start, if nothing they came from has changed."""
        remembered = recall(
            self._state_dir, self.config_path, code=SETTINGS_CODE, today=self._today(), types=settings_types()
        )
        if remembered is None:
            return None
        for warning in remembered.warnings:
            log.info("settings warning: %s", warning)
        self._warnings, self._fingerprint = remembered.warnings, None  # remembered already
        return remembered.config

    def _load(self, path: Path) -> KioskConfig | None:
        """Read and check the settings at `path` here and now (at a start)."""
        return self._take(path, read_settings(path, self._today(), remembered=path == self.config_path))

    def _take(self, path: Path, read: Read) -> KioskConfig | None:
        """The settings read from `path`, or None; their problems noted and logged."""
        staff_files = path == self.config_path  # not the last good copy
        if read.error is not None:
            if staff_files:
                self.problems = [str(problem) for problem in read.error.problems]
                self._problem_files = {problem.file for problem in read.error.problems}
            for problem in read.error.problems:
                log.error("settings not used: %s", problem)
            return None
        loaded = read.loaded
        if staff_files:
            self.problems = []
            self._problem_files = set()
            self._warnings = tuple(str(warning) for warning in loaded.warnings)
            self._fingerprint = read.taken
        for warning in loaded.warnings:
            log.info("settings warning: %s", warning)
        return loaded.config

    def _staff_files_fingerprint(self) -> str | None:
        """What the crash guard knows the staff's files by: kiosk.yaml and its
        folder's YAML files (the content files are usually there), as they are now."""
        folder = self.config_path.parent
        files = sorted({self.config_path, *folder.glob("*.yaml"), *folder.glob("*.yml")})
        try:
            return fingerprint(files, code=SETTINGS_CODE, today=self._today())
        except OSError:  # no kiosk.yaml: nothing to read, nothing to guard
            return None

    def _keep_owed_copy(self) -> None:
        if self._copy_when_shown is not None:
            self.keep_copy(self._copy_when_shown)
            self._copy_when_shown = None

    def _save_copy(self, config: KioskConfig, warnings: tuple[str, ...], taken: str | None) -> None:
        # On the copier thread.
        try:
            save_last_good(config.sources, config.sources[0], self._state_dir)
            if taken is not None:
                remember(self._state_dir, self.config_path, config.sources, taken, Remembered(config, warnings))
        except OSError as error:
            log.warning("could not keep a copy of the good settings in %s: %s", self._state_dir, error)
        except (TypeError, ValueError) as error:  # a settings value plain data cannot hold: read the files next time
            log.info("the checked settings are not kept for the next start: %s", error)
