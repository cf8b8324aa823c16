"""One kiosk at a time, checked across real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from kiosk.runtime.instance import AlreadyRunning, hold_single_instance

HOLDER = """
import sys
from pathlib import Path
from kiosk.runtime.instance import hold_single_instance
lock = hold_single_instance(Path(sys.argv[1]))
print("holding", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock in tmp_path until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline() == "holding\n"
    yield process
    process.kill()
    process.wait()
    process.stdout.close()
    if not process.stdin.closed:
        process.stdin.close()


def test_the_first_kiosk_holds_the_lock_and_writes_its_pid(tmp_path):
    lock = hold_single_instance(tmp_path)
    assert lock.held
    assert (tmp_path / "kiosk.lock").read_text() == f"{os.getpid()}\n"
    lock.release()
    assert not lock.held


def test_a_second_kiosk_is_refused_naming_the_first(tmp_path, holder):
    with pytest.raises(AlreadyRunning) as caught:
        hold_single_instance(tmp_path)
    assert caught.value.pid == holder.pid
    assert str(caught.value) == (
        f"another kiosk is already running (process {holder.pid}); this one stops. "
        "Stop that one first (e.g. `systemctl stop unbreakable-kiosk`)."
    )


def test_the_lock_is_free_once_the_holder_ends(tmp_path, holder):
    holder.stdin.close()
    assert holder.wait(timeout=10) == 0
    lock = hold_single_instance(tmp_path)
    assert (tmp_path / "kiosk.lock").read_text() == f"{os.getpid()}\n"
    lock.release()


def test_a_killed_kiosk_leaves_no_stale_lock(tmp_path, holder):
    holder.send_signal(signal.SIGKILL)
    assert holder.wait(timeout=10) == -signal.SIGKILL
    # The file still names the dead process, but the kernel freed its lock.
    assert (tmp_path / "kiosk.lock").read_text() == f"{holder.pid}\n"
    lock = hold_single_instance(tmp_path)
    assert (tmp_path / "kiosk.lock").read_text() == f"{os.getpid()}\n"
    lock.release()


def test_a_released_lock_can_be_taken_again_and_release_twice_is_harmless(tmp_path):
    first = hold_single_instance(tmp_path)
    with pytest.raises(AlreadyRunning):
        hold_single_instance(tmp_path)
    first.release()
    first.release()
    second = hold_single_instance(tmp_path)
    second.release()


def test_a_holder_that_has_not_written_its_pid_yet_is_still_refused(tmp_path):
    (tmp_path / "kiosk.lock").write_text("")
    first = hold_single_instance(tmp_path)
    (tmp_path / "kiosk.lock").write_text("")
    with pytest.raises(AlreadyRunning) as caught:
        hold_single_instance(tmp_path)
    assert caught.value.pid is None
    assert str(caught.value).startswith("another kiosk is already running; this one stops.")
    first.release()


def test_a_state_folder_that_cannot_hold_the_lock_puts_it_in_the_runtime_folder(tmp_path, monkeypatch):
    from kiosk.runtime.instance import hold_any_instance_lock

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    first, said = hold_any_instance_lock(blocker / "state")
    assert first is not None and first.path.parent.parent == runtime
    assert "the single-instance lock is in" in said
    with pytest.raises(AlreadyRunning):  # the same state folder: the same fallback lock
        hold_any_instance_lock(blocker / "state")
    other, _ = hold_any_instance_lock(blocker / "other-state")  # another state folder: another kiosk
    assert other is not None
    first.release()
    other.release()


def test_with_no_place_for_the_lock_the_kiosk_runs_without_one(tmp_path, monkeypatch):
    from kiosk.runtime.instance import hold_any_instance_lock

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    lock, said = hold_any_instance_lock(blocker / "state")
    assert lock is None and "running without the single-instance lock" in said
