"""Fixtures for the config loader tests.

Tests work on a copy of the real config/ folder (the files staff edit) in a
temporary folder, and edit its text line by line. Expected line numbers are
looked up in the copied file (`cfg.line_of`), so the tests keep working
while the content is being written, yet assert exact lines.

Portraits in the copy are tiny PNGs written here, so the tests do not depend
on the real images in assets/portraits.
"""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from kiosk.config import ConfigError, LoadedConfig, Problem, load_config
from tests.conftest import TODAY

REPO = Path(__file__).resolve().parents[2]
REAL_CONFIG = REPO / "config"


# --------------------------------------------------------------------------
# Image files, written byte by byte (no Pillow)


def make_png(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte + black pixels
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def make_jpeg(width: int, height: int) -> bytes:
    """A valid baseline greyscale JPEG (all mid-grey) of the given size.

    One-code Huffman tables: every 8x8 block is "DC difference 0, end of
    block", two bits each.
    """

    def segment(marker: int, data: bytes) -> bytes:
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data

    def huffman_table(table_class_and_id: int) -> bytes:
        return bytes([table_class_and_id, 1] + [0] * 15) + b"\x00"  # one code of length 1, symbol 0

    blocks = -(-width // 8) * -(-height // 8)
    bits = "00" * blocks
    bits += "1" * (-len(bits) % 8)
    scan = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)).replace(b"\xff", b"\xff\x00")
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xDB, b"\x00" + b"\x01" * 64)
        + segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
        + segment(0xC4, huffman_table(0x00))
        + segment(0xC4, huffman_table(0x10))
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + scan
        + b"\xff\xd9"
    )


# --------------------------------------------------------------------------
# The copy of the config


def copy_config(target: Path) -> Path:
    """Copy config/ (and assets/portraits/) to `target`; write tiny portraits.

    Returns the copied kiosk.yaml.
    """
    shutil.copytree(REAL_CONFIG, target / "config")
    portraits = REPO / "assets" / "portraits"
    if portraits.is_dir():
        shutil.copytree(portraits, target / "assets" / "portraits")
    people_file = target / "config" / "people.yaml"
    for person in yaml.safe_load(people_file.read_text(encoding="utf-8"))["people"]:
        portrait = people_file.parent / person["portrait"]
        portrait.parent.mkdir(parents=True, exist_ok=True)
        portrait.write_bytes(make_png(4, 5))
    return target / "config" / "kiosk.yaml"


class ConfigCopy:
    """A config folder in a temporary directory, with line-based editing."""

    def __init__(self, root: Path):
        self.root = root
        self.dir = root / "config"
        self.kiosk = self.dir / "kiosk.yaml"

    def path(self, name: str) -> Path:
        return self.dir / name

    def lines(self, name: str) -> list[str]:
        return self.path(name).read_text(encoding="utf-8").split("\n")

    def write_lines(self, name: str, lines: list[str]) -> None:
        self.path(name).write_text("\n".join(lines), encoding="utf-8")

    def line_of(self, name: str, text: str, after: int = 0, top: bool = False) -> int:
        """The number of the first line after line `after` that contains `text`.

        top: only a line that starts with `text` (a top-level key).
        """
        for number, line in enumerate(self.lines(name), start=1):
            if number > after and (line.startswith(text) if top else text in line):
                return number
        raise AssertionError(f"{text!r} not found in {name} after line {after}")

    def replace(self, name: str, old: str, new: str, after: int = 0) -> int:
        """Replace `old` by `new` in the first line (after `after`) holding it; its number."""
        number = self.line_of(name, old, after)
        lines = self.lines(name)
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
        self.write_lines(name, lines)
        return number

    def insert(self, name: str, number: int, *new_lines: str) -> int:
        """Insert lines so that the first becomes line `number`; returns `number`."""
        lines = self.lines(name)
        lines[number - 1 : number - 1] = list(new_lines)
        self.write_lines(name, lines)
        return number

    def delete(self, name: str, number: int, count: int = 1) -> None:
        lines = self.lines(name)
        del lines[number - 1 : number - 1 + count]
        self.write_lines(name, lines)

    def block_length(self, name: str, number: int) -> int:
        """How many lines the key on line `number` spans, with the lines indented below it."""
        lines = self.lines(name)
        indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
        end = number
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
        ):
            end += 1
        while end > number and not lines[end - 1].strip():  # leave trailing blank lines
            end -= 1
        return end - number + 1

    def person_line(self, index: int) -> int:
        """The line of the `- id:` of people[index]."""
        number = 0
        for _ in range(index + 1):
            number = self.line_of("people.yaml", "  - id:", after=number)
        return number

    def load(self, today: dt.date = TODAY) -> LoadedConfig:
        return load_config(self.kiosk, today=today)

    def errors(self, today: dt.date = TODAY) -> tuple[Problem, ...]:
        with pytest.raises(ConfigError) as caught:
            self.load(today)
        assert caught.value.problems, "ConfigError without problems"
        return caught.value.problems


def find_problem(problems, file: str, line: int, field: str, phrase: str) -> Problem:
    """The problem in `file` (a name) on `line` about `field` whose message has `phrase`."""
    listing = "\n".join(str(problem) for problem in problems) or "(none)"
    at_place = [p for p in problems if p.file.name == file and p.line == line and p.field == field]
    assert at_place, f"expected a problem {file}:{line}: {field}; got:\n{listing}"
    matching = [p for p in at_place if phrase in p.message]
    assert matching, f"expected {phrase!r} in the message; got:\n{listing}"
    return matching[0]


def only_problem(problems, file: str, line: int, field: str, phrase: str) -> Problem:
    """Like find_problem, and assert it is the only one (no cascade)."""
    problem = find_problem(problems, file, line, field, phrase)
    assert len(problems) == 1, "expected one problem, got:\n" + "\n".join(map(str, problems))
    return problem


def assert_sane_outcome(kiosk_file: Path, today: dt.date = TODAY) -> None:
    """load_config returns, or raises ConfigError with usable problems; nothing else."""
    try:
        loaded = load_config(kiosk_file, today=today)
    except ConfigError as error:
        assert error.problems
        problems = error.problems + error.warnings
    else:
        assert isinstance(loaded, LoadedConfig)
        problems = loaded.warnings
    for problem in problems:
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert isinstance(problem.field, str) and problem.field, problem
        assert Path(problem.file).is_file(), problem
        assert problem.message, problem
        assert "internal error" not in problem.message, problem
        str(problem)


@pytest.fixture(scope="session")
def base_copy(tmp_path_factory) -> Path:
    """A pristine copy, made once; copy it again before editing."""
    root = tmp_path_factory.mktemp("base")
    copy_config(root)
    return root


@pytest.fixture
def cfg(base_copy, tmp_path) -> ConfigCopy:
    shutil.copytree(base_copy, tmp_path, dirs_exist_ok=True)
    return ConfigCopy(tmp_path)


@pytest.fixture(scope="session")
def tools():
    """The helpers above, for test modules (importing conftest is fragile)."""
    return SimpleNamespace(
        make_png=make_png,
        make_jpeg=make_jpeg,
        find=find_problem,
        only=only_problem,
        assert_sane_outcome=assert_sane_outcome,
        ConfigCopy=ConfigCopy,
        copy_config=copy_config,
        REAL_CONFIG=REAL_CONFIG,
    )
