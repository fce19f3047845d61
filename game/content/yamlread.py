"""Read one YAML file safely into plain data plus a map of positions.

Built on PyYAML's event parser (the C one when available), so it never constructs
arbitrary objects, and it:
- resolves plain scalars with YAML 1.2 core rules (`no`, `on`, `1:20`, `2023-07-26`
  stay strings; only `true`/`false` are booleans);
- rejects duplicate keys, explicit tags, merge keys and non-string keys;
- bounds nesting depth, the number of values and the characters of text after alias
  expansion ("billion laughs": an alias costs what it stands for, scalars included),
  and the length of numbers.
Every node's position is recorded as `positions[path] = (line, col)` (1-based).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.content import yaml_help

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]
MAX_DEPTH = 40
MAX_NODES = 200_000  # values (scalars and containers) after alias expansion
MAX_TEXT = 4_000_000  # characters of scalar text after alias expansion
MAX_BYTES = 2_000_000  # size of one file
MAX_NUMBER_CHARS = 40  # a plain number longer than this is refused (no 5,000-digit ints)

_INT = re.compile(r"^[-+]?[0-9]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_PLAIN_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
_QUOTED = frozenset({"'", '"', "|", ">"})
_IGNORED = frozenset(
    {yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent}
)
_STARTS = frozenset({yaml.SequenceStartEvent, yaml.MappingStartEvent})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while reading YAML, located at a 1-based line and column."""

    line: int
    col: int
    message: str


class YamlReadError(Exception):
    """The file could not be read as YAML; `problem` says where and why."""

    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class YamlDocument:
    """The data of one file, the position of every node, and where quoted strings start."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    quoted: set[Path] = field(default_factory=set)


def resolve_plain(text: str) -> Any:
    """Return the YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if _HEX.match(text):
        return int(text, 16)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    if text in (".inf", "+.inf", ".Inf"):
        return float("inf")
    if text in ("-.inf", "-.Inf"):
        return float("-inf")
    if text in (".nan", ".NaN"):
        return float("nan")
    return text


def _pos(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Turns a YAML event stream into data, iteratively (no recursion)."""

    def __init__(self) -> None:
        self.doc = YamlDocument(data=None)
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0
        self.text = 0
        # Each frame: [container, path, pending_key, key_pos, anchor, keys_seen]
        self.stack: list[list[Any]] = []
        self.seen_document = False

    def fail(self, event: Any, message: str) -> None:
        line, col = _pos(event)
        raise YamlReadError(YamlProblem(line, col, message))

    def count(self, event: Any, n: int = 1, chars: int = 0) -> None:
        self.nodes += n
        self.text += chars
        if self.nodes > MAX_NODES:
            self.fail(event, f"the file expands to more than {MAX_NODES} values (alias bomb?)")
        if self.text > MAX_TEXT:
            self.fail(
                event,
                f"the file expands to more than {MAX_TEXT} characters of text "
                "(an alias repeats text; write it out once or shorten it)",
            )

    def child_path(self) -> Path:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame[0], list):
            return (*frame[1], len(frame[0]))
        return (*frame[1], frame[2])

    def add(self, event: Any, value: Any, size: int, quoted: bool = False) -> None:
        if not self.stack:
            if self.seen_document:
                self.fail(event, "only one YAML document per file is allowed (remove '---')")
            self.seen_document = True
            self.doc.data = value
            self.doc.positions[()] = _pos(event)
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            path = (*frame[1], len(container))
            self.doc.positions[path] = _pos(event)
            if quoted:
                self.doc.quoted.add(path)
            container.append(value)
            return
        if frame[2] is None:  # this scalar is a key
            if not isinstance(value, str):
                self.fail(event, f"keys must be text; quote {value!r} to use it as a key")
            if value == "<<":
                self.fail(event, "merge keys ('<<') are not supported; write the values out")
            if value in frame[5]:
                line = frame[5][value][0]
                self.fail(
                    event,
                    f"duplicate key '{value}' (first at line {line}); YAML would silently keep "
                    "only the last one — remove or rename one of them",
                )
            frame[5][value] = _pos(event)
            frame[2] = value
            frame[3] = _pos(event)
            return
        path = (*frame[1], frame[2])
        self.doc.positions[path] = frame[3]
        self.doc.positions[(*path, "$value")] = _pos(event)
        if quoted:
            self.doc.quoted.add(path)
        container[frame[2]] = value
        frame[2] = None

    def on_event(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:  # by far the most common event: checked first
            self.on_scalar(event)
            return
        if kind in _IGNORED:
            return
        tag = getattr(event, "tag", None)
        if (
            tag is not None
            and tag not in _PLAIN_TAGS
            and not (kind in _STARTS and getattr(event, "implicit", True))
        ):
            self.fail(event, f"explicit tags such as '{tag}' are not allowed in level files")
        if kind is yaml.AliasEvent:
            anchor = event.anchor or ""
            if anchor not in self.anchors:
                self.fail(event, f"unknown alias '*{anchor}'")
            shared, size, chars = self.anchors[anchor]
            self.count(event, size, chars)
            self.add(event, shared, size)
            return
        self.on_collection(event)

    def on_scalar(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in _PLAIN_TAGS:
            self.fail(event, f"explicit tags such as '{tag}' are not allowed in level files")
        text: str = event.value
        self.nodes += 1
        self.text += len(text)
        if self.nodes > MAX_NODES or self.text > MAX_TEXT:
            self.count(event, 0)
        style = event.style
        quoted = style is not None and style in _QUOTED
        value: Any = text
        if not quoted and tag is None:
            if len(text) > MAX_NUMBER_CHARS and _looks_numeric(text):
                self.fail(
                    event,
                    f"this number is longer than {MAX_NUMBER_CHARS} characters; "
                    "numbers in levels are small (quote it if it is text)",
                )
            try:
                value = resolve_plain(text)
            except ValueError:  # pragma: no cover - long numbers are refused above
                self.fail(event, "this number is too long; numbers in levels are small")
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(text))
        self.add(event, value, 1, quoted)

    def on_collection(self, event: Any) -> None:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self.count(event)
            if len(self.stack) >= MAX_DEPTH:
                self.fail(event, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
            container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            path = self.child_path()
            self.stack.append([container, path, None, _pos(event), event.anchor, {}, event])
            return
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            frame = self.stack.pop()
            container, anchor, start = frame[0], frame[4], frame[6]
            if anchor:
                self.anchors[anchor] = (container, *_size(container))
            self.add(start, container, 2)
            return
        self.fail(event, f"unexpected YAML construct {type(event).__name__}")  # pragma: no cover


def _looks_numeric(text: str) -> bool:
    """Whether a plain scalar would be read as a number (int, hex, octal or float)."""
    return bool(_INT.match(text) or _HEX.match(text) or _OCT.match(text) or _FLOAT.match(text))


def _size(value: Any) -> tuple[int, int]:
    """Count the values and the characters of text (keys included) inside a container,
    iteratively, for the alias budget; stops counting once over a budget."""
    total, chars, todo = 0, 0, [value]
    while todo:
        item = todo.pop()
        total += 1
        if total > MAX_NODES or chars > MAX_TEXT:
            break
        if isinstance(item, dict):
            chars += sum(len(k) for k in item)
            total += len(item)
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, str):
            chars += len(item)
        else:
            chars += 8  # a number, boolean or null: short by construction
    return total, chars


def read_yaml_text(text: str) -> YamlDocument:
    """Parse YAML text into data and positions.

    Raises YamlReadError with a located problem on syntax errors, duplicate keys,
    tags, excessive depth or alias expansion.
    """
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.on_event(event)
    except yaml.MarkedYAMLError as exc:
        line, col, sentence = yaml_help.explain(exc, text)
        raise YamlReadError(YamlProblem(line, col, sentence)) from None
    except yaml.YAMLError:
        raise YamlReadError(
            YamlProblem(1, 1, "this file cannot be read as YAML; check that it is a YAML text")
        ) from None
    return builder.doc


def read_yaml_bytes(raw: bytes) -> YamlDocument:
    """Decode UTF-8 bytes and parse them; raises YamlReadError on bad encoding or YAML."""
    if len(raw) > MAX_BYTES:
        raise YamlReadError(YamlProblem(1, 1, f"file is larger than {MAX_BYTES} bytes"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlReadError(
            YamlProblem(line, col, "file is not valid UTF-8 text; save it as UTF-8")
        ) from None
    if "\x00" in text:
        raise YamlReadError(YamlProblem(1, 1, "file contains NUL bytes; it is not a text file"))
    return read_yaml_text(text)
