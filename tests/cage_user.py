"""An ordinary user, a Python for it and folders it may use, to run cage
as a kiosk PC does: cage refuses root, and the test machine's own Python
lives under /root. Shared by tests/test_cage.py and tests/test_bench.py."""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR, REPO

USER = "kiosk-cage-test"
SIZE = "1280x720"  # cage's headless output


@pytest.fixture(scope="session")
def ordinary_user() -> pwd.struct_passwd:
    """A user that is not root and cannot log in, as the installer makes."""
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        assert os.geteuid() == 0, f"run the tests as root once, or create the user: sudo useradd --system {USER}"
        subprocess.run(
            ["useradd", "--system", "--shell", "/usr/sbin/nologin", "--no-create-home", USER], check=True
        )
        return pwd.getpwnam(USER)


@pytest.fixture(scope="session")
def user_python() -> Path:
    """Debian's python3 with the kiosk installed (not editable) in a venv that any
    user can read; the test machine's own Python lives under /root.

    The dependencies are cached under /var/tmp by the hash of pyproject.toml and
    constraints.txt; the kiosk itself is installed afresh every session."""
    key = hashlib.sha256(b"".join((REPO / name).read_bytes() for name in ("pyproject.toml", "constraints.txt")))
    venv = Path("/var/tmp") / f"unbreakable-kiosk-cage-venv-{key.hexdigest()[:16]}"
    with tempfile.TemporaryDirectory(dir="/var/tmp") as scratch:
        source = Path(scratch) / "source"
        # A copy: pip builds in the source folder, which must stay the checkout's.
        shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".venv", ".git", "build", "preview", "*.egg-info"))
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-c", str(REPO / "constraints.txt")]
        if not (venv / "bin" / "kiosk").exists():
            building = Path(scratch) / "venv"
            subprocess.run(["/usr/bin/python3", "-m", "venv", str(building)], check=True)
            subprocess.run([str(building / "bin" / "python"), *pip[1:], str(source)], check=True)
            building.rename(venv)  # whole or not at all: a venv moved keeps working (it is not relocated)
        else:
            subprocess.run([*pip, "--no-deps", "--force-reinstall", str(source)], check=True)
    subprocess.run(["chmod", "-R", "a+rX", str(venv)], check=True)
    return venv / "bin" / "python"


@dataclass
class Sandbox:
    root: Path
    content: Path
    state: Path
    runtime: Path


@pytest.fixture
def sandbox(ordinary_user) -> Iterator[Sandbox]:
    """Folders outside /tmp (bubblewrap gives the kiosk its own, like PrivateTmp)
    that the ordinary user can read: content read-only, state and runtime its own."""
    root = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="kiosk-cage-"))
    root.chmod(0o755)
    content = root / "content"
    content.mkdir()
    shutil.copytree(CONFIG_DIR, content / "config")
    shutil.copytree(REPO / "assets", content / "assets")
    subprocess.run(["chmod", "-R", "a+rX,go-w", str(content)], check=True)
    state, runtime = root / "state", root / "runtime"
    for folder in (state, runtime):
        folder.mkdir(mode=0o700)
        os.chown(folder, ordinary_user.pw_uid, ordinary_user.pw_gid)
    yield Sandbox(root, content, state, runtime)
    shutil.rmtree(root)


# wlroots without a screen or a GPU: the headless backend, drawn in software.
HEADLESS_CAGE = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1"}


def as_the_user(environment: dict[str, str]) -> list[str]:
    """The start of a command line that runs the rest as USER, with only `environment`."""
    return ["runuser", "-u", USER, "--", "env", "-i", *(f"{k}={v}" for k, v in environment.items())]
