"""Property-based tests: whatever staff do to the files, load_config either
returns a LoadedConfig or raises ConfigError with problems that each have a
line >= 1, a field and an existing file. Never any other exception.
"""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

FILES = ("kiosk.yaml", "texts.yaml", "people.yaml")
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: faster


class _Workdir:
    """A config folder reused by every example; each rewrites all three files."""

    def __init__(self, folder):
        self.folder = folder
        self.kiosk = folder / "kiosk.yaml"
        self.texts = {name: (folder / name).read_text(encoding="utf-8") for name in FILES}
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: faster
        self.parsed = {name: yaml.load(text, Loader=loader) for name, text in self.texts.items()}

    def write(self, texts) -> None:
        for name, text in texts.items():
            (self.folder / name).write_text(text, encoding="utf-8")

    def __repr__(self) -> str:  # short, for Hypothesis' failure reports
        return f"<config copy in {self.folder}>"


@pytest.fixture(scope="module")
def workdir(base_copy, tmp_path_factory, tools):
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(base_copy, root, dirs_exist_ok=True)
    work = _Workdir(root / "config")
    tools.assert_sane_outcome(work.kiosk)  # the unmutated copy must load
    return work


# --------------------------------------------------------------------------
# Mutations of the parsed data


def _paths(data, prefix=()):
    """Every place in the data: tuples of keys and list indexes."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


def _parent(data, path):
    for step in path[:-1]:
        data = data[step]
    return data


TRICKY_WORDS = [
    "no", "yes", "on", "off", "~", "null", "true", "0", "-1", "1e3", "0x1F", "1:30",
    "2025-02-30", "2025-12-15", "2999-01-01", "2025-12-15 10:00:00", "15.12.2025",
    "1920x1080", "1080x1920", "0x0", "https://freeviasna.org", "http://freeviasna.org", "https://",
    "file:///etc/passwd", "{count}", "{cuont}", "{", "}", "{{", "", " ", "\t",
    "landscape", "portrait", "dark", "light", "released", "imprisoned", "sv", "en", "de", "EN",
    "ales-bialiatski", "../assets/portraits/ales-bialiatski.jpg", "texts.yaml", "people.yaml",
    "kiosk.yaml", "/", "..", "/dev/null", "<<", "&a", "*a", "- x", "a: b", "#",
]  # fmt: skip

ODD_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab {}:-#&*!|>'\"%@`\n\t\r\\")
        + ["\x00", "\x07", "\ufeff", "\u200b", "\u202e", "é", "ß", "Ж", "ﷺ", "😀", "\U0010fffd"]
    ),
    max_size=40,
)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.text(max_size=30),
    ODD_TEXT,
    st.sampled_from(TRICKY_WORDS),
    st.integers(min_value=1_000, max_value=200_000).map(lambda size: "Ж" * size),  # huge
)

VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _mutate(data, draw):
    """Apply one random mutation to `data`; returns the (possibly new) root."""
    path = draw(st.sampled_from(list(_paths(data))))
    operation = draw(st.sampled_from(["replace", "replace", "delete", "add_key", "rename", "duplicate"]))
    if not path:  # the root itself
        return draw(VALUES) if operation == "replace" else data
    parent, last = _parent(data, path), path[-1]
    if operation == "replace":
        parent[last] = draw(VALUES)
    elif operation == "delete":
        del parent[last]
    elif operation == "add_key" and isinstance(parent[last], dict):
        key = draw(st.one_of(st.text(max_size=12), st.sampled_from(["langauges", "nmae", "de", "<<"])))
        parent[last][key] = draw(VALUES)
    elif operation == "rename" and isinstance(parent, dict):
        new_key = draw(st.sampled_from([last.upper(), last[:-1], last + "s", " " + last, "de", "en"]))
        parent[new_key] = parent.pop(last)
    elif operation == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return data


@settings(max_examples=1000, deadline=None)
@given(st.data())
def test_mutated_data_never_crashes_the_loader(workdir, tools, data):
    texts = dict(workdir.texts)
    parsed = copy.deepcopy(workdir.parsed)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        name = data.draw(st.sampled_from(FILES), label="file")
        parsed[name] = _mutate(parsed[name], data.draw)
        texts[name] = yaml.dump(
            parsed[name], Dumper=_Dumper, allow_unicode=data.draw(st.booleans()), sort_keys=False
        )
    workdir.write(texts)
    tools.assert_sane_outcome(workdir.kiosk)


# --------------------------------------------------------------------------
# Mutations of the raw text

EDIT_TEXT = st.lists(
    st.sampled_from(
        list(" \n\t:-#&*!|>'\"%@`[]{},?~\\x0") + ["\x00", "\x1b", "\ufeff", "é", "Ж", "😀", "  ", "\n  - "]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.data())
def test_mutated_text_never_crashes_the_loader(workdir, tools, data):
    texts = dict(workdir.texts)
    for _ in range(data.draw(st.integers(min_value=1, max_value=5), label="edits")):
        name = data.draw(st.sampled_from(FILES), label="file")
        text = texts[name]
        position = data.draw(st.integers(min_value=0, max_value=len(text)), label="position")
        deleted = data.draw(st.integers(min_value=0, max_value=12), label="deleted")
        inserted = data.draw(EDIT_TEXT, label="inserted")
        texts[name] = text[:position] + inserted + text[position + deleted :]
    workdir.write(texts)
    tools.assert_sane_outcome(workdir.kiosk)
