"""The state folder: $KIOSK_STATE_DIR, else the user's state folder."""

from __future__ import annotations

import pytest

from kiosk.runtime.paths import StateDirError, state_dir


def test_the_environment_variable_wins_and_the_folder_is_created(tmp_path, monkeypatch):
    wanted = tmp_path / "a" / "b" / "state"
    monkeypatch.setenv("KIOSK_STATE_DIR", str(wanted))
    assert state_dir() == wanted
    assert wanted.is_dir()


def test_without_the_variable_it_is_the_users_state_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_STATE_DIR", raising=False)
    # platformdirs follows the XDG variable, so the real home stays untouched.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    assert state_dir() == tmp_path / "xdg-state" / "unbreakable-kiosk"
    assert state_dir().is_dir()


def test_an_impossible_folder_gives_a_plain_message(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    # A regular file where a parent folder should be fails even for root.
    monkeypatch.setenv("KIOSK_STATE_DIR", str(blocker / "state"))
    with pytest.raises(StateDirError) as caught:
        state_dir()
    message = str(caught.value)
    assert message.startswith(f"the kiosk cannot create its state folder {blocker / 'state'} (")
    assert "KIOSK_STATE_DIR" in message
    assert "Errno" not in message
    assert isinstance(caught.value, OSError)
