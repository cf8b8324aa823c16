"""Logging to stderr, a rotating file in the state folder, and the staff menu's list."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler

import pytest

from kiosk.runtime.logs import RecentProblems, setup_logging

CLOCK = r"\d\d:\d\d:\d\d"


@pytest.fixture(autouse=True)
def restore_root_logger():
    """setup_logging changes the process-wide root logger: put it back after each test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def log_files():
    return [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]


def test_records_reach_stderr_without_time_and_the_file_with_time(tmp_path, capsys):
    setup_logging(tmp_path)
    logging.getLogger("kiosk.test").info("Språk bytt till svenska")
    assert "INFO kiosk.test: Språk bytt till svenska\n" == capsys.readouterr().err
    text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO kiosk.test: Språk bytt till svenska\n", text)


def test_the_file_rotates_at_one_megabyte_keeping_five(tmp_path):
    setup_logging(tmp_path)
    (log_file,) = log_files()
    assert (log_file.maxBytes, log_file.backupCount, log_file.encoding) == (1_000_000, 5, "utf-8")
    line = "x" * 1000
    for _ in range(7000):
        logging.getLogger("kiosk.test").info(line)
    names = sorted(path.name for path in (tmp_path / "logs").iterdir())
    assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3", "kiosk.log.4", "kiosk.log.5"]
    assert all(path.stat().st_size <= 1_000_000 for path in (tmp_path / "logs").iterdir())


def test_the_level_filters_what_is_written(tmp_path, capsys):
    setup_logging(tmp_path, level=logging.WARNING)
    logging.getLogger("kiosk.test").info("routine")
    logging.getLogger("kiosk.test").warning("odd")
    assert capsys.readouterr().err == "WARNING kiosk.test: odd\n"


def test_recent_problems_keep_the_last_twenty_warnings_or_worse(tmp_path):
    problems = setup_logging(tmp_path)
    log = logging.getLogger("kiosk.test")
    log.info("not a problem")
    for n in range(25):
        log.warning("problem %d", n)
    log.error("broken\nover two lines")
    lines = problems.lines()
    assert len(lines) == 20
    assert re.fullmatch(CLOCK + r" WARNING kiosk.test: problem 6", lines[0])
    assert re.fullmatch(CLOCK + r" ERROR kiosk.test: broken over two lines", lines[-1])


def test_an_exception_becomes_part_of_the_one_line(tmp_path):
    problems = setup_logging(tmp_path)
    try:
        {}["portrait"]
    except KeyError:
        logging.getLogger("kiosk.test").exception("reload failed")
    assert re.fullmatch(CLOCK + r" ERROR kiosk.test: reload failed \(KeyError: 'portrait'\)", problems.lines()[-1])


def test_a_second_call_adds_no_handlers_and_keeps_the_problems(tmp_path, capsys):
    problems = setup_logging(tmp_path / "first")
    logging.getLogger("kiosk.test").warning("before")
    count = len(logging.getLogger().handlers)
    again = setup_logging(tmp_path / "second")
    assert again is problems
    assert len(logging.getLogger().handlers) == count
    assert len([h for h in logging.getLogger().handlers if isinstance(h, RecentProblems)]) == 1
    capsys.readouterr()
    logging.getLogger("kiosk.test").warning("after")
    assert capsys.readouterr().err == "WARNING kiosk.test: after\n"
    assert [line[9:] for line in problems.lines()] == ["WARNING kiosk.test: before", "WARNING kiosk.test: after"]
    assert "after" not in (tmp_path / "first" / "logs" / "kiosk.log").read_text()
    assert "after" in (tmp_path / "second" / "logs" / "kiosk.log").read_text()


def test_without_a_writable_log_file_it_warns_once_and_goes_on(tmp_path, capsys):
    # A folder where the log file should be: cannot be opened, even by root.
    (tmp_path / "logs" / "kiosk.log").mkdir(parents=True)
    problems = setup_logging(tmp_path)
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"WARNING kiosk.runtime.logs: cannot open the log file {tmp_path / 'logs' / 'kiosk.log'} (")
    assert not log_files()
    logging.getLogger("kiosk.test").warning("still logging")
    assert capsys.readouterr().err == "WARNING kiosk.test: still logging\n"
    assert "cannot open the log file" in problems.lines()[0]


def test_a_full_disk_is_reported_once_without_tracebacks(tmp_path, capsys):
    # /dev/full opens like any file and fails every write with "No space left on device".
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "kiosk.log").symlink_to("/dev/full")
    problems = setup_logging(tmp_path)
    assert log_files()
    log = logging.getLogger("kiosk.test")
    log.info("one")
    log.info("two")
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1
    assert "No space left on device" in err
    assert "Traceback" not in err
    assert "INFO kiosk.test: one\n" in err and "INFO kiosk.test: two\n" in err
    assert [line[9:] for line in problems.lines()] == [
        (
            f"WARNING kiosk.runtime.logs: cannot write the log file {tmp_path / 'logs' / 'kiosk.log'}"
            " ([Errno 28] No space left on device); later errors are not reported"
        )
    ]
    # Replacing the handler flushes the old file again; that must not raise either.
    setup_logging(tmp_path / "elsewhere")
