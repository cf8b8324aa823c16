"""Where a text or field of the staff's files is written: "FILE:LINE".

The content model keeps no lines (kiosk/core knows no files); reports made
after loading (the layout rules, the portraits) find them here, by reading
the files again with the config checker's own parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.config.problems import display_path, join
from kiosk.config.yaml_nodes import parse_file
from kiosk.core.model import KioskConfig


def _ignore(line: int, field: str, message: str) -> None:
    """The files were checked when loaded: nothing new to say of them."""


@dataclass
class FileLines:
    by_text: dict[str, str] = field(default_factory=dict)  # a text, its spaces collapsed -> FILE:LINE
    by_field: dict[str, str] = field(default_factory=dict)  # e.g. "people[0].portrait" -> FILE:LINE

    def of_text(self, text: str) -> str | None:
        """Where a text drawn as it is written (a label, a name, a bio) is;
        None for one made of several (a date, a sentence with its {count})."""
        return self.by_text.get(_collapsed(text))


def _collapsed(text: str) -> str:
    # Folded and multi-line texts are drawn with their spaces as they are.
    return " ".join(text.split())


def file_lines(config: KioskConfig) -> FileLines:
    found = FileLines()

    def walk(node, where: str, path: str) -> None:
        found.by_field.setdefault(path, f"{where}:{node.at}")
        if isinstance(node.value, dict):
            for key, child in node.value.items():
                walk(child, where, join(path, key))
        elif isinstance(node.value, list):
            for index, child in enumerate(node.value):
                walk(child, where, join(path, index))
        elif isinstance(node.value, str):
            found.by_text.setdefault(_collapsed(node.value), f"{where}:{node.line}")

    for source in config.sources:
        root = parse_file(source, _ignore, "")
        if root is not None:
            walk(root, display_path(source), "")
    return found
