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
import tomllib
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
def user_python() -> Iterator[Path]:
    """Debian's python3 with this checkout's kiosk installed (not editable), in a
    venv of this test session's own that any user can read; the test
    machine's own Python lives under /root.

    The dependencies come from a venv under /var/tmp that every checkout
    (worktrees, CI's clones) shares, keyed by the hash of pyproject.toml and
    constraints.txt: built whole, then renamed into place, and never changed
    after, so sharing it is safe. The kiosk itself never goes there: two
    checkouts testing at once, or an older one, would replace each other's."""
    dependencies = dependencies_venv()
    own = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="kiosk-cage-python-"))
    try:
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", str(own)], check=True)
        # Lines of a .pth file that start with "import" are run: the shared
        # folder joins sys.path behind the venv's own, its .pth files read too.
        (site_packages(own) / "kiosk-dependencies.pth").write_text(
            f"import site; site.addsitedir({str(site_packages(dependencies))!r})\n"
        )
        with tempfile.TemporaryDirectory(dir="/var/tmp") as scratch:
            source = Path(scratch) / "source"
            # A copy: pip builds in the source folder, which must stay the checkout's.
            shutil.copytree(
                REPO, source, ignore=shutil.ignore_patterns(".venv", ".git", "build", "preview", "*.egg-info")
            )
            subprocess.run(
                [str(dependencies / "bin" / "python"), "-m", "pip", "--python", str(own / "bin" / "python"),
                 "install", "--quiet", "--no-deps", str(source)],
                check=True,
            )  # fmt: skip
        subprocess.run(["chmod", "-R", "a+rX", str(own)], check=True)
        yield own / "bin" / "python"
    finally:
        shutil.rmtree(own)


def dependencies_venv() -> Path:
    """The shared venv with the kiosk's dependencies (and pip), made if missing."""
    key = hashlib.sha256(b"".join((REPO / name).read_bytes() for name in ("pyproject.toml", "constraints.txt")))
    venv = Path("/var/tmp") / f"unbreakable-kiosk-cage-dependencies-{key.hexdigest()[:16]}"
    if (venv / "bin" / "python").exists():
        return venv
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    with tempfile.TemporaryDirectory(dir="/var/tmp") as scratch:
        building = Path(scratch) / "venv"
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(building)], check=True)
        subprocess.run(
            [str(building / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "-c", str(REPO / "constraints.txt"), *dependencies],
            check=True,
        )  # fmt: skip
        subprocess.run(["chmod", "-R", "a+rX", str(building)], check=True)
        try:
            building.rename(venv)  # whole or not at all: a venv moved keeps working (it is not relocated)
        except OSError:
            if not (venv / "bin" / "python").exists():
                raise
            # Another checkout built the same one meanwhile: this copy goes with the scratch folder.
    return venv


def site_packages(venv: Path) -> Path:
    (folder,) = venv.glob("lib/python3*/site-packages")
    return folder


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
