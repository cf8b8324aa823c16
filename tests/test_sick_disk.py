"""`kiosk run` on a sick disk: a state folder that is read-only (a disk the
kernel remounted read-only after an error) or full. The screen must not go
dark: the kiosk shows its first frame, says once what it cannot keep, and
stops cleanly.

The tests run as root, whom file modes do not stop, so the faults are real
ones: the kiosk runs in a mount namespace of its own (`unshare -m`), where
the state folder is a read-only bind mount, or a tiny tmpfs filled to the
last byte.
"""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path

import pytest

from tests.kiosk_copy import copy_config

pytestmark = pytest.mark.process

WARNING = "WARNING "


def read_only(folder: Path) -> tuple[str, ...]:
    """A wrapper that runs the kiosk with `folder` mounted read-only."""
    quoted = shlex.quote(str(folder))
    script = f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} && exec \"$@\""
    return ("unshare", "--mount", "sh", "-c", script, "sh")


def full(folder: Path, keep: Path | None = None) -> tuple[str, ...]:
    """A wrapper that runs the kiosk with `folder` a tmpfs full to the last
    byte and inode, holding a copy of `keep`'s files first, if given."""
    files = list(keep.rglob("*")) if keep else []
    size_kib = 64 + sum(path.lstat().st_size for path in files) // 1024 + 4 * len(files)
    quoted = shlex.quote(str(folder))
    fill = f"cp -a {shlex.quote(str(keep))}/. {quoted}/ && " if keep else ""
    script = (
        f"mount -t tmpfs -o size={size_kib}k,nr_inodes={len(files) + 8} tmpfs {quoted} && {fill}"
        f"{{ dd if=/dev/zero of={quoted}/filler bs=1k 2>/dev/null; "
        f"i=0; while touch {quoted}/more.$i 2>/dev/null; do i=$((i+1)); done; }} && "
        'exec "$@"'
    )
    return ("unshare", "--mount", "sh", "-c", script, "sh")


def warnings(kiosk) -> list[str]:
    return [line for line in kiosk.lines if line.startswith(WARNING)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kiosk_yaml(tmp_path: Path) -> Path:
    return copy_config(tmp_path / "staff")


def used_state_folder(run_kiosk, kiosk_yaml: Path, state: Path) -> None:
    """A state folder as a kiosk leaves it: lock, logs, stats, last good copy, remembered settings."""
    kiosk = run_kiosk(kiosk_yaml, state)
    kiosk.wait_for_first_frame()
    assert kiosk.terminate() == 0, kiosk.stderr
    assert (state / "last-good").is_symlink() and (state / "stats.db").is_file()


def test_a_read_only_empty_state_folder_runs_with_the_lock_in_the_runtime_folder(run_kiosk, kiosk_yaml, tmp_path):
    state, runtime = tmp_path / "state", tmp_path / "runtime"
    state.mkdir()
    runtime.mkdir(mode=0o700)
    kiosk = run_kiosk(kiosk_yaml, state, read_only(state), XDG_RUNTIME_DIR=str(runtime))
    kiosk.wait_for_first_frame()
    assert kiosk.terminate() == 0, kiosk.stderr
    said = "\n".join(warnings(kiosk))
    assert "Read-only file system" in said, kiosk.stderr
    assert f"the single-instance lock is in {runtime}" in said, kiosk.stderr
    assert list(state.iterdir()) == []  # nothing written, nothing crashed
    assert "Traceback" not in kiosk.stderr


def test_a_read_only_state_folder_without_a_runtime_folder_runs_without_a_lock(run_kiosk, kiosk_yaml, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    kiosk = run_kiosk(kiosk_yaml, state, read_only(state), XDG_RUNTIME_DIR="")
    kiosk.wait_for_first_frame()
    assert kiosk.terminate() == 0, kiosk.stderr
    assert any("running without the single-instance lock" in line for line in warnings(kiosk)), kiosk.stderr


def test_a_used_state_folder_gone_read_only_runs_and_keeps_its_files_intact(run_kiosk, kiosk_yaml, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    used_state_folder(run_kiosk, kiosk_yaml, state)
    before = {path: digest(path) for path in state.rglob("*") if path.is_file() and "logs" not in path.parts}
    kiosk_yaml.write_text(kiosk_yaml.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a new copy is owed

    kiosk = run_kiosk(kiosk_yaml, state, read_only(state))
    kiosk.wait_for_first_frame()
    kiosk.wait_for("could not keep a copy of the good settings")
    assert kiosk.terminate() == 0, kiosk.stderr
    assert "Traceback" not in kiosk.stderr
    after = {path: digest(path) for path in state.rglob("*") if path.is_file() and "logs" not in path.parts}
    assert after == before
    # Each thing it cannot keep is said once, not at every write.
    said = warnings(kiosk)
    assert len(said) == len(set(said)), said


def test_a_full_state_folder_runs(run_kiosk, kiosk_yaml, tmp_path):
    state, earlier = tmp_path / "state", tmp_path / "earlier"
    state.mkdir()
    earlier.mkdir()
    used_state_folder(run_kiosk, kiosk_yaml, earlier)
    kiosk_yaml.write_text(kiosk_yaml.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a new copy is owed

    kiosk = run_kiosk(kiosk_yaml, state, full(state, keep=earlier))
    kiosk.wait_for_first_frame()
    kiosk.wait_for("could not keep a copy of the good settings")
    assert kiosk.terminate() == 0, kiosk.stderr
    assert "Traceback" not in kiosk.stderr
    assert "No space left on device" in "\n".join(warnings(kiosk)), kiosk.stderr


def test_a_fresh_full_state_folder_runs(run_kiosk, kiosk_yaml, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    kiosk = run_kiosk(kiosk_yaml, state, full(state))
    kiosk.wait_for_first_frame()
    assert kiosk.terminate() == 0, kiosk.stderr
    assert "Traceback" not in kiosk.stderr


def test_a_state_folder_that_cannot_be_made_runs_the_kiosk_all_the_same(run_kiosk, kiosk_yaml, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    kiosk = run_kiosk(kiosk_yaml, blocker / "state", XDG_RUNTIME_DIR="")
    kiosk.wait_for_first_frame()
    assert kiosk.terminate() == 0, kiosk.stderr
    said = "\n".join(warnings(kiosk))
    assert "the kiosk cannot create its state folder" in said and "the kiosk runs without it" in said, kiosk.stderr
    assert "Traceback" not in kiosk.stderr
