"""The crash-loop guard on the real `kiosk run` process.

Two starts on the same staff files die half-way (frozen, then killed, as
systemd's watchdog kills a kiosk that hangs): the third start leaves those
files aside and shows the last good copy, or "out of order" without one, and
says why. A change to the files is read again.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from kiosk.runtime.crash_guard import FILE as ATTEMPT
from tests.kiosk_copy import replace_in
from tests.test_launcher import kiosk_yaml  # noqa: F401 (fixtures)
from tests.test_sick_disk import read_only

pytestmark = pytest.mark.process

GUARDED = "times in a row while starting on or reloading the settings in"
OUT_OF_ORDER = "showing 'out of order'"
NEW_SUBTITLE = ("Fyra människorättsförsvarare från Viasna", "Fyra försvarare av mänskliga rättigheter")
SHOWN_AGAIN = "new settings and content shown"


def unfinished(state_dir: Path) -> int:
    """How many tries in a row the guard counts as died (0: no note)."""
    path = state_dir / ATTEMPT
    return json.loads(path.read_text(encoding="utf-8"))["unfinished"] if path.exists() else 0


def die_while_starting(run_kiosk, kiosk_yaml: Path, state_dir: Path) -> None:
    """Start a kiosk and kill it while it reads the staff's files (frozen at
    once, as a hang, then killed, as the watchdog does)."""
    before = unfinished(state_dir)
    kiosk = run_kiosk(kiosk_yaml, state_dir)
    kiosk.wait_until(lambda: unfinished(state_dir) == before + 1, "note of the try")
    kiosk.process.send_signal(signal.SIGSTOP)
    kiosk.process.send_signal(signal.SIGKILL)
    kiosk.process.wait(timeout=30)
    kiosk.kill()  # joins its reader
    assert not kiosk.first_frame_shown  # it died before anything was shown
    assert unfinished(state_dir) == before + 1


def keep_a_good_copy(run_kiosk, kiosk_yaml: Path, state_dir: Path) -> None:
    kiosk = run_kiosk(kiosk_yaml, state_dir)
    kiosk.wait_for_first_frame()
    kiosk.wait_until(lambda: (state_dir / "settings.json").exists() and (state_dir / "last-good").exists(),
                     "last good copy")
    assert kiosk.terminate() == 0, kiosk.stderr
    assert unfinished(state_dir) == 0  # a start that went well leaves no note


def test_files_that_stopped_two_starts_are_left_aside_for_the_last_good_copy(run_kiosk, kiosk_yaml, state_dir):
    keep_a_good_copy(run_kiosk, kiosk_yaml, state_dir)
    texts = kiosk_yaml.parent / "texts.yaml"
    replace_in(texts, *NEW_SUBTITLE)  # the files staff saved: the ones that "crash"

    die_while_starting(run_kiosk, kiosk_yaml, state_dir)
    die_while_starting(run_kiosk, kiosk_yaml, state_dir)

    third = run_kiosk(kiosk_yaml, state_dir)
    third.wait_for_first_frame()
    guard_lines = third.lines_with(GUARDED)
    assert guard_lines and "The kiosk stopped 2 times" in guard_lines[0], third.stderr
    assert "it runs on the last good copy until they change" in guard_lines[0]
    assert str(kiosk_yaml) in guard_lines[0]
    assert "THE SETTINGS IN" not in third.stderr  # the files were not read at all
    log_file = (state_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert guard_lines[0].split(": ", 1)[1] in log_file
    # The guard holds while the files stay the same: a restart would not read them either.
    assert unfinished(state_dir) == 2

    # Staff change the files: the running kiosk reads them, and the guard is lifted.
    since = len(third.lines)
    replace_in(texts, NEW_SUBTITLE[1], NEW_SUBTITLE[0])
    third.wait_for(SHOWN_AGAIN, since=since)
    assert unfinished(state_dir) == 0
    assert third.terminate() == 0, third.stderr


def test_a_death_while_reloading_and_one_while_starting_count_alike(run_kiosk, kiosk_yaml, state_dir):
    keep_a_good_copy(run_kiosk, kiosk_yaml, state_dir)
    kiosk = run_kiosk(kiosk_yaml, state_dir)
    kiosk.wait_for_first_frame()
    replace_in(kiosk_yaml.parent / "texts.yaml", *NEW_SUBTITLE)  # the running kiosk reloads it
    kiosk.wait_until(lambda: unfinished(state_dir) == 1, "note of the reload")
    kiosk.process.send_signal(signal.SIGSTOP)
    kiosk.process.send_signal(signal.SIGKILL)
    kiosk.kill()
    assert not kiosk.lines_with(SHOWN_AGAIN)  # it died before the reload was done

    die_while_starting(run_kiosk, kiosk_yaml, state_dir)
    third = run_kiosk(kiosk_yaml, state_dir)
    third.wait_for_first_frame()
    assert third.lines_with("The kiosk stopped 2 times"), third.stderr
    assert third.terminate() == 0, third.stderr


def test_when_the_last_good_copy_stops_two_starts_too_the_screen_is_out_of_order(run_kiosk, kiosk_yaml, state_dir):
    keep_a_good_copy(run_kiosk, kiosk_yaml, state_dir)
    replace_in(kiosk_yaml.parent / "texts.yaml", *NEW_SUBTITLE)
    for _ in range(4):  # twice on the staff's files, twice on the last good copy
        die_while_starting(run_kiosk, kiosk_yaml, state_dir)

    fifth = run_kiosk(kiosk_yaml, state_dir)
    fifth.wait_for(OUT_OF_ORDER)
    fifth.wait_for_first_frame()
    assert fifth.lines_with("The kiosk stopped 4 times"), fifth.stderr
    assert fifth.lines_with("it shows 'out of order' (the last good copy stopped it as often) until they change")
    assert fifth.terminate() == 0, fifth.stderr


def test_without_a_good_copy_the_guard_shows_out_of_order(run_kiosk, kiosk_yaml, state_dir):
    die_while_starting(run_kiosk, kiosk_yaml, state_dir)
    die_while_starting(run_kiosk, kiosk_yaml, state_dir)

    third = run_kiosk(kiosk_yaml, state_dir)
    third.wait_for(OUT_OF_ORDER)
    third.wait_for_first_frame()
    assert third.lines_with("The kiosk stopped 2 times"), third.stderr
    assert third.terminate() == 0, third.stderr


def test_a_stop_signal_while_starting_is_no_crash(run_kiosk, kiosk_yaml, state_dir):
    for _ in range(3):
        kiosk = run_kiosk(kiosk_yaml, state_dir)
        kiosk.wait_until(lambda: unfinished(state_dir) == 1, "note of the try")
        assert kiosk.terminate() == 0, kiosk.stderr
        assert unfinished(state_dir) == 0
    kiosk = run_kiosk(kiosk_yaml, state_dir)
    kiosk.wait_for_first_frame()
    assert not kiosk.lines_with(GUARDED), kiosk.stderr


def test_a_read_only_state_folder_means_no_guard_and_one_warning(run_kiosk, kiosk_yaml, state_dir):
    kiosk = run_kiosk(kiosk_yaml, state_dir, read_only(state_dir))
    kiosk.wait_for_first_frame()
    notes = kiosk.lines_with("cannot keep a note of the starts and reloads")
    assert len(notes) == 1 and notes[0].startswith("WARNING "), kiosk.stderr
    assert "read again at every restart" in notes[0]
    assert kiosk.terminate() == 0, kiosk.stderr
