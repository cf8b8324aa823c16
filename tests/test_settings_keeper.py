"""Which settings a kiosk shows and what staff are told, decided without Qt
(kiosk/ui/shell/settings_keeper.py): the staff's files read afresh or
remembered, the last good copy, or none; reloads; the status lines."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import kiosk.config
from kiosk.runtime.last_good import last_good_entry
from kiosk.runtime.logs import RecentProblems
from kiosk.ui.shell.settings_keeper import Read, SettingsKeeper
from tests.conftest import TODAY
from tests.kiosk_copy import copy_config, line_number, replace_in

BROKEN_DEFAULT = ("default: sv", "default: de")  # kiosk.yaml: a language that is not offered
OLD_SUBTITLE = "Fyra människorättsförsvarare från Viasna"
NEW_SUBTITLE = "Fyra försvarare av mänskliga rättigheter"
NO_PROBLEMS = ["No recent problems."]


@pytest.fixture
def kiosk_yaml(tmp_path: Path) -> Path:
    return copy_config(tmp_path / "staff")


@pytest.fixture
def recent() -> Iterator[RecentProblems]:
    """The recent problems, as `kiosk run` collects them from the log."""
    handler = RecentProblems()
    logging.getLogger("kiosk").addHandler(handler)
    yield handler
    logging.getLogger("kiosk").removeHandler(handler)


def keeper_on(kiosk_yaml: Path, state_dir: Path, recent: RecentProblems | None = None) -> SettingsKeeper:
    return SettingsKeeper(kiosk_yaml, state_dir, today=lambda: TODAY, problems=recent)


def a_good_start(kiosk_yaml: Path, state_dir: Path):
    """A start on the staff's files that reached its first frame and exited: the settings it showed."""
    keeper = keeper_on(kiosk_yaml, state_dir)
    config = keeper.starting_settings()
    keeper.first_frame_shown()
    keeper.shutdown()
    return config


def reload_now(keeper: SettingsKeeper) -> tuple[int, Read]:
    """A reload, waited for: its number and what it read."""
    answers: list[tuple[int, Read]] = []
    done = threading.Event()

    def deliver(number: int, read: Read) -> None:
        answers.append((number, read))
        done.set()

    assert keeper.reload(deliver)
    assert done.wait(60), "the reload read nothing within 60 s"
    return answers[0]


def subtitle(config) -> str:
    return config.content.ui["subtitle"]["sv"]


def test_a_first_start_reads_the_staff_files_and_copies_them_only_once_shown(kiosk_yaml, state_dir):
    keeper = keeper_on(kiosk_yaml, state_dir)
    config = keeper.starting_settings()
    assert subtitle(config) == OLD_SUBTITLE
    assert not keeper.on_copy and keeper.problems == []
    assert keeper.status_lines() == NO_PROBLEMS
    assert last_good_entry(state_dir) is None  # the copy waits for the first frame

    keeper.first_frame_shown()
    keeper.shutdown()  # waits for the copy
    assert last_good_entry(state_dir) is not None


def test_a_start_that_never_showed_a_frame_still_copies_its_settings_on_the_way_out(kiosk_yaml, state_dir):
    keeper = keeper_on(kiosk_yaml, state_dir)
    keeper.starting_settings()
    keeper.shutdown()
    assert last_good_entry(state_dir) is not None


def test_a_restart_on_unchanged_files_takes_the_remembered_settings_without_reading_them(
    kiosk_yaml, state_dir, monkeypatch
):
    first = a_good_start(kiosk_yaml, state_dir)

    def no_reading(*args, **kwargs):
        raise AssertionError("the files were read again")

    monkeypatch.setattr(kiosk.config, "load_config", no_reading)
    assert keeper_on(kiosk_yaml, state_dir).starting_settings() == first


def test_a_restart_after_an_edit_reads_the_files_afresh(kiosk_yaml, state_dir):
    a_good_start(kiosk_yaml, state_dir)
    replace_in(kiosk_yaml.parent / "texts.yaml", OLD_SUBTITLE, NEW_SUBTITLE)
    keeper = keeper_on(kiosk_yaml, state_dir)
    assert subtitle(keeper.starting_settings()) == NEW_SUBTITLE
    assert not keeper.on_copy


def test_broken_staff_files_start_on_the_last_good_copy_and_staff_are_told_where(
    kiosk_yaml, state_dir, recent
):
    a_good_start(kiosk_yaml, state_dir)
    replace_in(kiosk_yaml, *BROKEN_DEFAULT)
    broken = f"{kiosk_yaml}:{line_number(kiosk_yaml, BROKEN_DEFAULT[1])}:"

    keeper = keeper_on(kiosk_yaml, state_dir, recent)
    config = keeper.starting_settings()
    assert config.default_language == "sv"  # the copy's
    assert keeper.on_copy
    lines = keeper.status_lines()
    assert lines[:2] == [
        f"Running on the last good copy of the settings: {kiosk_yaml} has errors.",
        "The settings have errors; visitors see the last good content until they are fixed:",
    ]
    assert lines[2].startswith(broken)
    assert "Recent problems:" in lines
    assert any("settings not used: " + broken in line for line in lines)
    # The staff's kiosk.yaml is watched (its fix is shown), the copy's content files are not.
    watched = keeper.files_to_watch(config.sources)
    assert kiosk_yaml in watched and not set(config.sources) & watched - {kiosk_yaml}


def test_broken_staff_files_without_a_copy_give_no_settings_and_name_the_line(kiosk_yaml, state_dir):
    replace_in(kiosk_yaml, *BROKEN_DEFAULT)
    keeper = keeper_on(kiosk_yaml, state_dir)
    assert keeper.starting_settings() is None
    assert keeper.problems[0].startswith(f"{kiosk_yaml}:{line_number(kiosk_yaml, BROKEN_DEFAULT[1])}:")
    assert "'de'" in keeper.problems[0]


def test_a_start_that_crashed_twice_on_the_same_files_runs_on_the_copy_and_says_why(kiosk_yaml, state_dir):
    a_good_start(kiosk_yaml, state_dir)
    replace_in(kiosk_yaml.parent / "texts.yaml", OLD_SUBTITLE, NEW_SUBTITLE)  # valid, but the kiosk dies on it
    for _ in range(2):
        assert subtitle(keeper_on(kiosk_yaml, state_dir).starting_settings()) == NEW_SUBTITLE  # no first frame

    keeper = keeper_on(kiosk_yaml, state_dir)
    assert subtitle(keeper.starting_settings()) == OLD_SUBTITLE
    assert keeper.on_copy
    assert keeper.status_lines()[0] == (
        f"The kiosk stopped 2 times in a row while starting on or reloading the settings in {kiosk_yaml} "
        "(a crash, or the watchdog): it runs on the last good copy until they change."
    )


def test_a_fixed_file_reloads_off_the_copy_and_a_broken_one_leaves_what_is_shown(kiosk_yaml, state_dir):
    a_good_start(kiosk_yaml, state_dir)
    replace_in(kiosk_yaml, *BROKEN_DEFAULT)
    keeper = keeper_on(kiosk_yaml, state_dir)
    keeper.starting_settings()
    assert keeper.on_copy

    replace_in(kiosk_yaml, BROKEN_DEFAULT[1], BROKEN_DEFAULT[0])
    replace_in(kiosk_yaml.parent / "texts.yaml", OLD_SUBTITLE, NEW_SUBTITLE)
    number, read = reload_now(keeper)
    assert keeper.is_current(number)
    assert subtitle(keeper.take_reload(read)) == NEW_SUBTITLE
    assert not keeper.reload_over()
    assert not keeper.on_copy and keeper.status_lines() == NO_PROBLEMS

    replace_in(kiosk_yaml, *BROKEN_DEFAULT)
    number, read = reload_now(keeper)
    assert keeper.take_reload(read) is None
    keeper.reload_over()
    assert not keeper.on_copy  # visitors go on seeing the settings last shown, the staff's
    assert keeper.status_lines()[0] == (
        "The settings have errors; visitors see the last good content until they are fixed:"
    )


def test_a_reload_asked_for_while_one_reads_reads_again_after_it(kiosk_yaml, state_dir):
    keeper = keeper_on(kiosk_yaml, state_dir)
    keeper.starting_settings()
    hold = threading.Event()
    answers: list[tuple[int, Read]] = []

    def deliver(number: int, read: Read) -> None:
        hold.wait(60)
        answers.append((number, read))

    assert keeper.reload(deliver)
    assert not keeper.reload(deliver)  # not a second thread: noted for later
    hold.set()
    assert keeper.reload_over()  # read again


def test_an_abandoned_reload_is_ignored_when_it_answers_and_staff_are_told(kiosk_yaml, state_dir):
    keeper = keeper_on(kiosk_yaml, state_dir)
    keeper.starting_settings()
    number, _ = reload_now(keeper)
    keeper.abandon_reload(0.5)
    assert not keeper.is_current(number)
    assert keeper.problems == [
        (
            f"{kiosk_yaml}: reading and checking the settings took more than 0.5 s, so the reload was abandoned "
            "and visitors go on seeing what they saw; check the files and save them again"
        )
    ]
