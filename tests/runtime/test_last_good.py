"""The copy of the last config that loaded well."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.runtime.last_good import last_good_entry, save_last_good


@pytest.fixture
def install(tmp_path) -> Path:
    """A config as staff keep it: YAML in config/, portraits in assets/portraits/."""
    root = tmp_path / "install"
    (root / "config").mkdir(parents=True)
    (root / "assets" / "portraits").mkdir(parents=True)
    (root / "config" / "kiosk.yaml").write_text("content:\n  people: people.yaml\n")
    (root / "config" / "texts.yaml").write_text("ui: {}\n")
    (root / "config" / "people.yaml").write_text("- portrait: ../assets/portraits/a.png\n")
    (root / "assets" / "portraits" / "a.png").write_bytes(b"\x89PNG first portrait")
    return root


@pytest.fixture
def state(tmp_path) -> Path:
    path = tmp_path / "state"
    path.mkdir()
    return path


def config_files(root: Path) -> list[Path]:
    return [
        root / "config" / "kiosk.yaml",
        root / "config" / "texts.yaml",
        root / "config" / "people.yaml",
        root / "assets" / "portraits" / "a.png",
    ]


def save(root: Path, state: Path) -> Path:
    return save_last_good(config_files(root), root / "config" / "kiosk.yaml", state)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_there_is_no_copy_before_the_first_save(state):
    assert last_good_entry(state) is None


def test_the_copy_keeps_the_layout_so_relative_paths_still_resolve(install, state):
    entry = save(install, state)
    assert entry.name == "kiosk.yaml"
    assert last_good_entry(state) == entry
    copy_root = entry.parent.parent
    assert tree(copy_root) == tree(install)
    portrait = (entry.parent / "../assets/portraits/a.png").resolve()
    assert portrait.read_bytes() == b"\x89PNG first portrait"
    assert state in portrait.parents


def test_a_new_save_replaces_the_copy_and_removes_the_old_one(install, state):
    first = save(install, state)
    (install / "assets" / "portraits" / "a.png").write_bytes(b"\x89PNG second portrait")
    (install / "assets" / "portraits" / "b.png").write_bytes(b"\x89PNG new person")
    second = save_last_good(
        [*config_files(install), install / "assets" / "portraits" / "b.png"], install / "config" / "kiosk.yaml", state
    )
    assert second != first
    assert not first.exists()
    assert last_good_entry(state) == second
    assert tree(second.parent.parent) == tree(install)
    assert len(list(state.iterdir())) == 2  # the link and the one copy it names


def test_saving_identical_files_changes_nothing(install, state):
    entry = save(install, state)
    mtimes = {p: p.stat().st_mtime_ns for p in entry.parent.parent.rglob("*")}
    before = sorted(p.name for p in state.iterdir())
    assert save(install, state) == entry
    assert sorted(p.name for p in state.iterdir()) == before
    assert {p: p.stat().st_mtime_ns for p in entry.parent.parent.rglob("*")} == mtimes


def test_a_same_size_change_is_still_copied(install, state):
    save(install, state)
    (install / "config" / "texts.yaml").write_text("ui: []\n")
    entry = save(install, state)
    assert (entry.parent / "texts.yaml").read_text() == "ui: []\n"


def test_a_file_left_out_of_the_new_config_is_not_in_the_copy(install, state):
    save(install, state)
    files = [f for f in config_files(install) if f.name != "a.png"]
    entry = save_last_good(files, install / "config" / "kiosk.yaml", state)
    assert not (entry.parent.parent / "assets").exists()


def test_a_save_cut_short_leaves_the_old_copy_and_the_next_save_cleans_up(install, state):
    entry = save(install, state)
    # What a power cut mid-save leaves: a half-built folder and a stray link.
    half = state / "last-good.cut1234"
    (half / "files" / "config").mkdir(parents=True)
    (half / "files" / "config" / "kiosk.yaml").write_text("content:\n  peo")
    (state / "last-good.link").symlink_to(half.name)
    assert last_good_entry(state) == entry
    assert entry.read_text() == "content:\n  people: people.yaml\n"

    (install / "config" / "texts.yaml").write_text("ui: {title: new}\n")
    new_entry = save(install, state)
    assert not half.exists()
    assert not (state / "last-good.link").is_symlink()
    assert last_good_entry(state) == new_entry
    assert sorted(p.name for p in state.iterdir()) == ["last-good", new_entry.parent.parent.parent.name]


def test_a_failed_save_keeps_the_previous_copy(install, state):
    entry = save(install, state)
    unreadable = install / "assets" / "portraits" / "a.png"
    unreadable.unlink()
    unreadable.mkdir()  # a folder where a file was: reading it fails, even for root
    with pytest.raises(OSError):
        save(install, state)
    assert last_good_entry(state) == entry
    assert (entry.parent.parent / "assets" / "portraits" / "a.png").read_bytes() == b"\x89PNG first portrait"


def test_the_link_always_points_at_a_finished_copy(install, state):
    save(install, state)
    link = state / "last-good"
    assert link.is_symlink()
    # Relative, so the state folder can move.
    assert not os.readlink(link).startswith("/")
    assert (link / "entry.txt").read_text() == "config/kiosk.yaml\n"


def test_a_manifest_pointing_outside_the_copy_counts_as_no_copy(install, state):
    save(install, state)
    # Enough "../" to reach the root from any temporary folder: without the
    # guard this would name /etc/passwd, a file that exists.
    outside = "../" * 64 + "etc/passwd"
    assert (state / "last-good" / "files" / outside).resolve() == Path("/etc/passwd").resolve()
    (state / "last-good" / "entry.txt").write_text(outside + "\n")
    assert last_good_entry(state) is None
    # The next save repairs it.
    entry = save(install, state)
    assert last_good_entry(state) == entry


def test_files_in_one_folder_are_copied_flat(tmp_path, state):
    folder = tmp_path / "cfg"
    folder.mkdir()
    (folder / "kiosk.yaml").write_text("a: 1\n")
    entry = save_last_good([folder / "kiosk.yaml"], folder / "kiosk.yaml", state)
    assert entry == state / os.readlink(state / "last-good") / "files" / "kiosk.yaml"
    assert entry.read_text() == "a: 1\n"


def test_a_state_folder_reached_through_a_symlink_names_the_same_copy(install, tmp_path, state):
    through_link = tmp_path / "state-link"
    through_link.symlink_to(state)
    entry = save(install, through_link)
    assert last_good_entry(through_link) == entry
    assert save(install, through_link) == entry
