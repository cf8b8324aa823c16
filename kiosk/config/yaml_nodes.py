"""Read a YAML file into plain values that remember their line numbers.

PyYAML's `safe_load` forgets where each value was written and silently keeps
the last of two equal keys. Here the file is only *composed* with the safe
loader (no Python objects are ever constructed from tags), and our own walk
turns the node graph into `Node`s: every value and every mapping key keeps its
line, duplicate keys and keys that are not text are reported, and aliases,
merge keys (`<<`) and pathological nesting are handled without crashing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from collections.abc import Callable

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import join, show

# A config file is a few kilobytes; these limits only stop junk, endless alias
# and merge expansion ("billion laughs", `<<: [*a, *a, ...]` nested) and
# nesting that would exhaust Python's stack. Every node the walk visits counts,
# keys and each source of a merge included, so no file of up to
# MAX_FILE_BYTES keeps the checker busy for more than a fraction of a second.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 50_000

YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
# Tags the safe resolver gives plain scalars like "=" or "<<": read as text.
_PLAIN_TEXT_TAGS = {YAML_TAG + "value", YAML_TAG + "merge"}
_MERGE_TAG = YAML_TAG + "merge"
_CONSTRUCTOR = SafeConstructor()

# (line, field, message) -> None
ProblemSink = Callable[[int, str, str], None]


class Node:
    """One value of the file.

    value: str, int, float, bool, None, datetime.date/datetime for scalars;
           list[Node] for a list; dict[str, Node] for a mapping.
    line: the line the value starts on (1-based).
    key_line: the line of the key it belongs to, if it is a mapping value.
    key_column: that key's column (0-based), i.e. how far its line is indented.
    source: a scalar exactly as written (so `no` can still be read as text).
    cut: for an unquoted scalar, a comment that follows it so closely on its
         line that it was likely meant as part of the text (`Scan #FreeViasna`
         reads as "Scan"), e.g. "#FreeViasna"; else None.
    """

    __slots__ = ("value", "line", "key_line", "source", "cut", "key_column")

    def __init__(
        self,
        value,
        line: int,
        key_line: int | None = None,
        source: str | None = None,
        cut: str | None = None,
        key_column: int | None = None,
    ):
        self.value = value
        self.line = line
        self.key_line = key_line
        self.source = source
        self.cut = cut
        self.key_column = key_column

    @property
    def at(self) -> int:
        """The line to report a problem with this value as a whole on."""
        return self.key_line if self.key_line is not None else self.line

    def __repr__(self) -> str:
        return f"Node({self.value!r}, line={self.line})"


class _FileProblem(Exception):
    """The file cannot be read at all; one problem for the whole file."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def parse_file(file: Path, problem: ProblemSink, whole_file: str) -> Node | None:
    """Parse `file`; report problems to `problem`. None if nothing usable.

    `whole_file` is the field name for problems about the whole file.
    """
    try:
        text = _read_text(file)
        root = _compose(text)
        if root is None:
            raise _FileProblem(1, "the file is empty; it must contain the settings described in its comments")
        return _Walker(problem, whole_file, text.splitlines()).walk(root)
    except _FileProblem as error:
        problem(error.line, whole_file, error.message)
        return None


def _read_text(file: Path) -> str:
    try:
        with open(file, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _FileProblem(1, f"there is no file {file}; check the name and the folder") from None
    except IsADirectoryError:
        raise _FileProblem(1, f"{file} is a folder, not a file; give the path of the file itself") from None
    except PermissionError:
        raise _FileProblem(
            1, f"{file} cannot be read (permission denied); give the kiosk's user read access, e.g. chmod a+r"
        ) from None
    except OSError as error:
        raise _FileProblem(1, f"{file} cannot be read ({error.strerror or error}); check the file") from None
    if len(data) > MAX_FILE_BYTES:
        raise _FileProblem(
            1,
            f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB; a config file is only a few kB, "
            "check it is the right file",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _FileProblem(1, "the file is saved as UTF-16; save it as UTF-8 in your text editor")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _FileProblem(
            line,
            f"the file is not valid UTF-8 text (bad byte at line {line}, column {column}); "
            "save it as UTF-8 in your text editor, and check it is a text file",
        ) from None


try:  # libyaml's parser makes reading about 15 times faster; same events
    from yaml.cyaml import CParser as _Parser

    _POSITION_IN_BYTES = True  # libyaml counts a ReaderError's position in UTF-8 bytes
except ImportError:  # PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    _POSITION_IN_BYTES = False


class _SafeComposer(Composer, Resolver, _Parser):
    """Parser events composed into nodes with YAML 1.1's implicit types.

    This is the safe loader without its constructor: nothing is ever turned
    into a Python object by tag. The composer recurses once per nesting
    level, so it refuses more than MAX_DEPTH levels instead of ending in a
    RecursionError; and it stops after MAX_NODES values, before a huge file
    has been read into nodes at all.
    """

    def __init__(self, text: str):
        _Parser.__init__(self, text)
        Composer.__init__(self)
        Resolver.__init__(self)
        self._depth = 0
        self._composed = 0

    def compose_node(self, parent, index):
        self._depth += 1
        self._composed += 1
        try:
            if self._composed > MAX_NODES:
                mark = self.peek_event().start_mark
                raise _FileProblem(
                    mark.line + 1,
                    f"the file has more than {MAX_NODES:,} values; a config file has a few hundred, "
                    "so check it is the right file",
                )
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _FileProblem(
                    mark.line + 1,
                    f"lists and groups are nested more than {MAX_DEPTH} levels deep here; check the indentation",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str):
    composer = _SafeComposer(text)
    try:
        return composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _FileProblem(*_describe_syntax_error(error, text)) from None
    except yaml.reader.ReaderError as error:
        source = text.encode("utf-8", "surrogatepass") if _POSITION_IN_BYTES else text
        newline = b"\n" if _POSITION_IN_BYTES else "\n"
        line = source.count(newline, 0, error.position) + 1
        before = source[source.rfind(newline, 0, error.position) + 1 : error.position]
        column = len(before.decode("utf-8", "replace") if _POSITION_IN_BYTES else before) + 1
        character = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        raise _FileProblem(
            line,
            f"YAML syntax error at line {line}, column {column}: the character "
            f"#x{character:04x} is not allowed in a YAML file; delete it",
        ) from None
    except yaml.YAMLError as error:  # any other PyYAML error, without a position
        raise _FileProblem(1, f"YAML syntax error: {error}; check the file") from None
    except RecursionError:  # a safety net: the depth limit should come first
        raise _FileProblem(1, "the file is nested too deeply to read; check the indentation") from None
    finally:
        composer.dispose()


def _describe_syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line of a syntax error and what to do, in plain words first.

    For the usual indentation and colon mistakes the parser names a later
    line, or a line where a group started, in its own terms; here the line
    that needs the edit comes first, then the parser's wording.
    """
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 1, f"YAML syntax error: {error.problem or error}; check the file"
    lines = text.splitlines()
    what = error.problem or "something is wrong"
    if error.context:
        what = f"{error.context}, {what}"
    parser_says = f"YAML syntax error at line {mark.line + 1}, column {mark.column + 1}: {what}"
    this_line = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in this_line[: mark.column + 1]:
        return mark.line + 1, f"{parser_says}: a tab character; indent with spaces only, never with tabs"
    if "single document" in what:
        return (
            mark.line + 1,
            f"{parser_says}: a line '---' starts a second document, but a config file has only one; remove it",
        )
    plain = _plain_syntax_advice(error, lines)
    if plain is not None:
        line, advice = plain
        return line, f"{advice}. ({parser_says}.)"
    return (
        mark.line + 1,
        (
            f"{parser_says}. Check the indentation and the colons there; put a text that contains ': ' "
            "or starts with a special character (like # & * ! | > ' \" % @ `) in double quotes"
        ),
    )


_KEY_AND_VALUE = re.compile(r"(?P<indent>[ -]*)(?P<key>[^:#\s][^:#]*?):(?P<space>\s*)(?P<value>.*)")


def _key_indent(line: str) -> int:
    """Where a line's name starts: after its spaces, and after '- ' on a list's line."""
    return len(line) - len(line.lstrip(" -"))


_NAME_LINE = re.compile(r"[ -]*[\w.-]+:(\s.*)?")


def _line_above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above `index` that starts with a name and a
    colon (not a comment, nor a line of a text that runs over several lines)."""
    for above in range(index - 1, -1, -1):
        if _NAME_LINE.fullmatch(lines[above].rstrip()):
            return above
    return None


# A name whose text follows on the lines below it: `sv: >-`, `en: |`.
_TEXT_BELOW = re.compile(r"[ -]*(?P<key>[\w.-]+):\s+[>|][-+]?\s*(#.*)?")


def _outdented_text_line(lines: list[str], index: int) -> str | None:
    """What to do about a line of a text below `sv: >-` indented no further
    than `sv:` itself (YAML then reads it as a new name); None if it is not one."""
    above = _line_above(lines, index)
    start = _TEXT_BELOW.fullmatch(lines[above].rstrip()) if above is not None else None
    if start is None or _key_indent(lines[index]) > _key_indent(lines[above]):
        return None
    key = start["key"]
    first = lines[above + 1]
    want, like = (
        (_key_indent(first), f"like line {above + 2}")
        if above + 1 < index
        else (_key_indent(lines[above]) + 2, f"further than '{key}:'")
    )
    have = _key_indent(lines[index])
    return (
        f"this line belongs to the text after '{key}:' on line {above + 1}, but it is indented {have} "
        f"space{'s' if have != 1 else ''}, no further than '{key}:'; a text's lines must line up: indent it by "
        f"{want} spaces, {like}"
    )


def _plain_syntax_advice(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str] | None:
    """(line, what to do) for a mistake in indentation or colons; None for others."""
    problem = error.problem or ""
    if "could not find expected ':'" in problem and error.context_mark is not None:
        index = error.context_mark.line  # the parser only notices on the next line
        match = _KEY_AND_VALUE.fullmatch(lines[index].rstrip()) if index < len(lines) else None
        if match and not match["space"]:
            key, value = match["key"], match["value"]
            return index + 1, f"the colon after '{key}' needs a space after it: write '{key}: {value}'"
        text_line = _outdented_text_line(lines, index)
        if text_line is not None:
            return index + 1, text_line
        return index + 1, (
            "this line has no ': ' (a colon and a space) between its name and its value; write it like the "
            "lines around it, e.g. 'en: ...', or put a text that runs over from the line above in double quotes"
        )
    mark = error.problem_mark
    if mark is None or mark.line >= len(lines):
        return None
    index, above = mark.line, _line_above(lines, mark.line)
    if above is None:
        return None
    difference = _key_indent(lines[index]) - _key_indent(lines[above])
    spaces = f"{abs(difference)} space{'s' if abs(difference) != 1 else ''}"
    if "did not find expected" in problem and difference:
        more_or_less = "more" if difference > 0 else "less"
        return index + 1, (
            f"this line is indented {spaces} {more_or_less} than line {above + 1} above it; "
            "lines of one group (a text's language lines, a person's settings) must line up: "
            "indent it exactly like the lines it belongs with"
        )
    if "mapping values are not allowed" in problem:
        above_match = _KEY_AND_VALUE.fullmatch(lines[above].rstrip())
        if difference > 0 and above_match and above_match["value"]:
            return index + 1, (
                f"this line is indented {spaces} more than line {above + 1} above it, but that line has its value "
                "after the colon, so nothing can be indented under it; lines of one group (a text's language lines, "
                "a person's settings) must line up: indent the two lines alike"
            )
        match = _KEY_AND_VALUE.fullmatch(lines[index].rstrip())
        if difference <= 0 and match and match["value"]:
            key, value = match["key"], match["value"]
            return index + 1, (
                f"the text after '{key}:' has a ': ' in it, which YAML reads as a second name; put the text in "
                f"double quotes: {key}: \"{value}\""
            )
    return None


def scalar_value(node: ScalarNode):
    """The value of a scalar as YAML 1.1 reads it; its text if that fails."""
    if node.tag in _SCALAR_TAGS:
        try:
            return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except Exception:  # noqa: BLE001 -- e.g. 2025-02-30, or an int too long to convert
            return node.value
    return node.value


def describe_type(value) -> str:
    """What a value is, in words for staff."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of lines"
    return "text"


# After an unquoted text: a comment right after it (one space), or one that
# starts like a hashtag. A comment meant as one is written "   # words".
_CUT_COMMENT = re.compile(r"[ \t](#.*)|[ \t]+(#\w.*)")


def _cut_comment(node: ScalarNode, lines: list[str]) -> str | None:
    if node.style:  # quoted or a block (plain is None or ""): a "#" in it is text
        return None
    end = node.end_mark
    rest = lines[end.line][end.column :] if end.line < len(lines) else ""
    match = _CUT_COMMENT.fullmatch(rest.rstrip())
    return (match[1] or match[2]) if match else None


class _Walker:
    def __init__(self, problem: ProblemSink, whole_file: str, lines: list[str]):
        self.problem = problem
        self.whole_file = whole_file
        self.lines = lines
        self.count = 0
        self.active: set[int] = set()  # nodes being walked: an alias back into one is a loop

    def visit(self, node, depth: int) -> int:
        """Count one visit of `node`; stop past the limits. Its line."""
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _FileProblem(
                line,
                "the file is far too large once its aliases (*name) and merges (<<) are filled in; "
                "write the values out instead of using aliases",
            )
        return line

    def walk(
        self, node, path: str = "", key_line: int | None = None, depth: int = 0, key_column: int | None = None
    ) -> Node:
        line = self.visit(node, depth)
        if node.tag not in _SCALAR_TAGS | _PLAIN_TEXT_TAGS | {YAML_TAG + "seq", YAML_TAG + "map"}:
            self.problem(
                line,
                path or self.whole_file,
                f"the YAML tag {show(node.tag)} is not understood by the kiosk; remove the word starting with '!'",
            )
        if isinstance(node, ScalarNode):
            return Node(scalar_value(node), line, key_line, node.value, _cut_comment(node, self.lines), key_column)
        if id(node) in self.active:
            raise _FileProblem(line, "an alias (*name) refers to the group it is part of, which never ends; remove it")
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                items = [self.walk(item, join(path, i), None, depth + 1) for i, item in enumerate(node.value)]
                return Node(items, line, key_line, key_column=key_column)
            assert isinstance(node, MappingNode)
            return Node(self._mapping(node, path, depth), line, key_line, key_column=key_column)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Node]:
        items: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        merges = []
        for key_node, value_node in node.value:
            key_line = self.visit(key_node, depth)
            if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    key_line,
                    path or self.whole_file,
                    "a key must be a single word, not a list or a group; check the line",
                )
                continue
            key = scalar_value(key_node)
            if not isinstance(key, str):
                self.problem(
                    key_line,
                    join(path, key_node.value),
                    f"the key {show(key_node.value)} is read by YAML as {describe_type(key)}, not as text; "
                    f"put it in double quotes: \"{key_node.value}\":",
                )
                continue
            if key in items:
                self.problem(
                    key_line,
                    join(path, key),
                    f"'{key}' is written twice here (first on line {key_lines[key]}); keep only one of them",
                )
                continue
            key_lines[key] = key_line
            items[key] = self.walk(value_node, join(path, key), key_line, depth + 1, key_node.start_mark.column)
        # `<<: *defaults` fills in keys not written out; the first merge wins.
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                self.visit(source, depth + 1)
                if not isinstance(source, MappingNode):
                    self.problem(
                        source.start_mark.line + 1,
                        path or self.whole_file,
                        "'<<' must be followed by an alias (*name) of a group of lines; remove it or fix the alias",
                    )
                    continue
                if id(source) in self.active:
                    raise _FileProblem(
                        source.start_mark.line + 1, "a '<<' alias refers to the group it is part of; remove it"
                    )
                self.active.add(id(source))
                try:
                    merged = self._mapping(source, path, depth + 1)
                finally:
                    self.active.discard(id(source))
                for key, value in merged.items():
                    items.setdefault(key, value)
        return items
