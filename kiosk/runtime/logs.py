"""Logging for a kiosk that runs for weeks unattended.

Three places: stderr (systemd puts it in the journal, which adds the time),
a rotating file in the state folder (readable from a USB stick or over SSH
without journalctl), and the last few problems in memory for the staff menu."""

from __future__ import annotations

import collections
import logging
import sys
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 5
RECENT_PROBLEMS = 20

# Names mark the handlers setup_logging installs, so a second call can find them.
STDERR_HANDLER = "kiosk.stderr"
FILE_HANDLER = "kiosk.file"
PROBLEMS_HANDLER = "kiosk.problems"

log = logging.getLogger(__name__)


class RecentProblems(logging.Handler):
    """The last warnings and errors, one line each, for the staff menu."""

    def __init__(self, capacity: int = RECENT_PROBLEMS) -> None:
        super().__init__(level=logging.WARNING)
        self.set_name(PROBLEMS_HANDLER)
        self._lines: collections.deque[str] = collections.deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = _one_line(record)
        except Exception:  # noqa: BLE001 (as logging's own handlers do: any failure goes to handleError)
            self.handleError(record)
            return
        self._lines.append(line)

    def lines(self) -> list[str]:
        """Oldest first, newest last."""
        with self.lock:
            return list(self._lines)


def _one_line(record: logging.LogRecord) -> str:
    """'HH:MM:SS LEVEL logger: message', an exception shrunk to its last line."""
    clock = time.strftime("%H:%M:%S", time.localtime(record.created))
    message = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        message += f" ({type(error).__name__}: {error})"
    # A staff menu row has no room for a traceback or embedded newlines.
    return " ".join(f"{clock} {record.levelname} {record.name}: {message}".split())


class _LogFile(RotatingFileHandler):
    """A rotating file that reports its first write error, then stays quiet.

    On a full disk every record would otherwise print a traceback."""

    _failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if self._failed:
            return
        self._failed = True
        # Through logging, so the staff menu shows it too; this handler's own
        # attempt to write it fails again and returns above.
        log.warning(
            "cannot write the log file %s (%s); later errors are not reported", self.baseFilename, sys.exc_info()[1]
        )

    def close(self) -> None:
        try:
            super().close()
        except OSError:
            # Flushing on a full disk fails again; those lines are lost either way.
            pass


def setup_logging(state_dir: Path, *, level: int = logging.INFO) -> RecentProblems:
    """Send the kiosk's logs to stderr, state_dir/logs/kiosk.log and memory.

    Idempotent: a second call replaces the stderr and file handlers (the state
    folder may differ) and keeps the same RecentProblems with its lines."""
    root = logging.getLogger()
    root.setLevel(level)
    problems = _take_handlers(root)

    stderr = logging.StreamHandler(sys.stderr)
    stderr.set_name(STDERR_HANDLER)
    stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(stderr)
    root.addHandler(problems)

    path = state_dir / "logs" / "kiosk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        log_file = _LogFile(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8")
    except OSError as error:
        log.warning("cannot open the log file %s (%s); logging only to stderr", path, error.strerror or error)
        return problems
    log_file.set_name(FILE_HANDLER)
    log_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(log_file)
    return problems


def _take_handlers(root: logging.Logger) -> RecentProblems:
    """Remove the handlers an earlier call installed; return its RecentProblems, or a new one."""
    problems = RecentProblems()
    for handler in list(root.handlers):
        if isinstance(handler, RecentProblems) and handler.name == PROBLEMS_HANDLER:
            problems = handler
            root.removeHandler(handler)
        elif handler.name in (STDERR_HANDLER, FILE_HANDLER):
            root.removeHandler(handler)
            handler.close()
    return problems
