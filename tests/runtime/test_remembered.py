"""The checked settings kept for the next start (kiosk/runtime/remembered.py):
taken only while nothing they came from has changed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest

from kiosk.config import load_config
from kiosk.runtime.remembered import FILE, Remembered, fingerprint, recall, remember
from kiosk.ui.shell.settings_keeper import settings_types
from tests.conftest import CONFIG_DIR, REPO, TODAY


@pytest.fixture
def setup(tmp_path: Path):
    """Settings checked from a copy of the bundled files, a state folder, and a 'code' folder."""
    shutil.copytree(CONFIG_DIR, tmp_path / "config")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    code = tmp_path / "code"
    code.mkdir()
    (code / "loader.py").write_text("RULES = 1\n")
    state = tmp_path / "state"
    state.mkdir()
    entry = tmp_path / "config" / "kiosk.yaml"
    config = load_config(entry, today=TODAY).config
    taken = fingerprint(config.sources, code=[code], today=TODAY)
    remember(state, entry, config.sources, taken, Remembered(config, ("a warning",)))
    return state, entry, config, code


def test_unchanged_settings_come_back_as_they_were_checked(setup):
    state, entry, config, code = setup
    remembered = recall(state, entry, code=[code], today=TODAY, types=settings_types())
    assert remembered == Remembered(config, ("a warning",))
    assert isinstance(remembered.config.content.ui, MappingProxyType)  # still read-only


def edit_a_content_file(entry: Path, config) -> None:
    texts = entry.parent / "texts.yaml"
    texts.write_text(texts.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes, new time
    os.utime(texts, ns=(texts.stat().st_atime_ns, texts.stat().st_mtime_ns + 1_000_000))


def remove_a_portrait(entry: Path, config) -> None:
    config.content.people[0].portrait.unlink()


@pytest.mark.parametrize("change", [edit_a_content_file, remove_a_portrait])
def test_a_changed_or_missing_source_file_means_reading_the_files(setup, change):
    state, entry, config, code = setup
    change(entry, config)
    assert recall(state, entry, code=[code], today=TODAY, types=settings_types()) is None


def test_an_edit_after_the_files_were_read_is_not_taken_for_what_was_read(setup, tmp_path):
    state, entry, config, code = setup
    taken = fingerprint(config.sources, code=[code], today=TODAY)  # right after reading them
    edit_a_content_file(entry, config)  # staff save again before the settings are kept
    remember(state, entry, config.sources, taken, Remembered(config, ()))
    assert recall(state, entry, code=[code], today=TODAY, types=settings_types()) is None


def test_another_day_another_kiosk_yaml_or_changed_code_means_reading_the_files(setup):
    state, entry, config, code = setup
    assert recall(state, entry, code=[code], today=TODAY + dt.timedelta(days=1), types=settings_types()) is None
    assert recall(state, entry.with_name("other.yaml"), code=[code], today=TODAY, types=settings_types()) is None
    (code / "loader.py").write_text("RULES = 2  # a new kiosk version\n")
    assert recall(state, entry, code=[code], today=TODAY, types=settings_types()) is None


@pytest.mark.parametrize(
    "damage", [b"", b"not json", b'{"format": 1}', None], ids=["empty", "garbage", "other", "missing"]
)
def test_a_damaged_or_missing_file_means_reading_the_files(setup, damage):
    state, entry, config, code = setup
    if damage is None:
        (state / FILE).unlink()
    else:
        (state / FILE).write_bytes(damage)
    assert recall(state, entry, code=[code], today=TODAY, types=settings_types()) is None


def test_kept_as_private_plain_json_that_runs_nothing(setup):
    import json
    import pickle
    import stat

    state, entry, config, code = setup
    kept = state / FILE
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    record = json.loads(kept.read_text(encoding="utf-8"))  # plain JSON, whole
    assert record["config"]["$"] == "KioskConfig"
    # A class that is not one of the settings' own is refused, not made.
    record["config"]["v"]["screen"]["$"] = "Popen"
    kept.write_text(json.dumps(record), encoding="utf-8")
    assert recall(state, entry, code=[code], today=TODAY, types=settings_types()) is None
    # An old pickle left by an earlier version is never read.
    (state / "settings.pickle").write_bytes(pickle.dumps({"entry": str(entry)}))
    kept.unlink()
    assert recall(state, entry, code=[code], today=TODAY, types=settings_types()) is None
