"""Problems found in the staff's config files, and how they are reported.

Field paths
-----------
Every problem names the field it is about as a dotted path from the top of
its file, with list positions in brackets (counted from 0, as `- ` items):

    languages.default
    languages.offered[1].code
    people[2].status.as_of (the 3rd person, Uladzimir Labkovich)
    ui.title.en            (a text's line for one language)
    months.sv[3]
    screen['bright ness']  (a key with unusual characters, quoted)

A problem about a whole file (YAML syntax, empty file, file not found, too
large or nested too deeply) uses the file's own name as its field, e.g.
`people.yaml`. Line numbers start at 1; a missing field is reported on the
line of the group it should be added to. A field inside a list item that has
a name (a person) is followed by its place counted from 1, as in the preview's
file names (person-3-sv.png), and the name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    field: str
    message: str
    # Who or what the field belongs to, in words (e.g. "the 1st person,
    # Ales Bialiatski"): list positions count from 0, people from 1.
    about: str = ""

    def __str__(self) -> str:
        about = f" ({self.about})" if self.about else ""
        return f"{display_path(self.file)}:{self.line}: {self.field}{about}: {self.message}"


class ConfigError(Exception):
    """The config cannot be used. `problems` lists every error found.

    `warnings` holds the warnings found in the same run, so `kiosk check` can
    show them too; they are not part of str(error).
    """

    def __init__(self, problems, warnings=()):
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.warnings: tuple[Problem, ...] = tuple(warnings)
        super().__init__(str(self))

    def __str__(self) -> str:
        # Built on demand: the relative paths depend on the working directory.
        return "\n".join(str(problem) for problem in self.problems)


def display_path(file: Path) -> str:
    """The path relative to the working directory when below it, else absolute."""
    absolute = Path(os.path.abspath(file))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except (ValueError, OSError):  # not below it, or the cwd was deleted
        return str(absolute)


def join(path: str, key: str | int) -> str:
    """The field path of `key` (a mapping key, or a list index) below `path`.

    A key that is empty or has characters other than letters, digits, _ and -
    is quoted in brackets, e.g. ui['my title'], so the path stays readable.
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _PLAIN_KEY.fullmatch(key):
        return f"{path}[{key!r}]"
    return f"{path}.{key}" if path else key


_PLAIN_KEY = re.compile(r"[\w-]+")


def show(value: object, limit: int = 60) -> str:
    """A value quoted for a message, shortened if long."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


class Report:
    """Collects the errors and warnings of one load; identical ones once only.

    (An alias in YAML repeats a part of a file, and with it its problems.)
    """

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._seen: set[Problem] = set()

    def error(self, file: Path, line: int, field: str, message: str, about: str = "") -> None:
        self._add(self.errors, Problem(file, max(int(line), 1), field, message, about))

    def warn(self, file: Path, line: int, field: str, message: str, about: str = "") -> None:
        self._add(self.warnings, Problem(file, max(int(line), 1), field, message, about))

    def in_order(self, problems: list[Problem]) -> tuple[Problem, ...]:
        """Problems by file (in the order the files were read), then by line."""
        files = list(dict.fromkeys(problem.file for problem in problems))
        return tuple(sorted(problems, key=lambda problem: (files.index(problem.file), problem.line)))

    def _add(self, into: list[Problem], problem: Problem) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            into.append(problem)
