"""Read a rule-test file: safe YAML, schema check per test, every problem located."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.content.loader import display_name
from game.content.problems import Problem, suggest
from game.content.yamlread import MAX_BYTES, YamlDocument, YamlReadError, read_yaml_bytes
from game.safeio import UnsafeFileError, read_regular
from game.testing.schema import RuleTest

_FIELDS = sorted(
    {
        "tests",
        "name",
        "description",
        "given",
        "when",
        "then",
        "seed",
        "round",
        "turn",
        "ap",
        "news",
        "values",
        "action",
        "target",
        "faction",
        "roll",
        "pass",
        "event",
        "reason",
        "why",
        "over",
        "outcome",
        "winner",
        "scores",
        "fired",
        "not_fired",
        "legal",
        "illegal",
        "view",
        "log",
        "hidden",
        "shows",
        "log_hides",
        "log_shows",
        "min",
        "max",
    }
)


class TestFileError(Exception):
    """A rule-test file could not be read; `problems` lists every located problem."""

    __test__ = False  # not a pytest test class

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class TestCase:
    """One parsed test with the positions needed to locate its expectations."""

    __test__ = False

    file: str
    index: int
    test: RuleTest
    raw: dict[str, Any]
    doc: YamlDocument = field(repr=False)

    @property
    def line(self) -> int:
        """Line of the test's `name`."""
        return self.where(("name",))[0]

    def where(self, path: tuple[Any, ...]) -> tuple[int, int]:
        """(line, col) of the nearest known node on a path inside this test."""
        p: tuple[Any, ...] = ("tests", self.index, *path)
        while p:
            if p in self.doc.positions:
                return self.doc.positions[p]
            p = p[:-1]
        return (1, 1)


def _locate(doc: YamlDocument, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any]:
    """Follow a pydantic error location through the data, skipping union tags and
    `values` (which the schema fills from dotted keys)."""
    node = doc.data
    path: list[Any] = []
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
    return tuple(path), node


def _explain(err: Any, doc: YamlDocument, name: str) -> Problem:
    loc = tuple(err["loc"])
    path, value = _locate(doc, loc)
    where = ".".join(str(p) for p in path[2:]) or "test"
    pos = doc.positions.get(path, (1, 1))
    kind = err["type"]
    if kind == "missing":
        message = f"{where}: missing required key '{loc[-1]}'"
    elif kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"unknown key '{key}'{suggest(key, _FIELDS)}; remove it or fix its name"
    else:
        message = f"{where}: {err['msg']}"
        if kind == "string_pattern_mismatch" and isinstance(value, str):
            message = f"{where}: '{value}' is not a valid id or dotted name here"
        elif kind == "string_type" and isinstance(value, (int, float, bool)):
            message += f" — got {value!r}"
    return Problem(name, pos[0], pos[1], message)


_TYPE_MISMATCH = frozenset(
    {
        "int_type",
        "string_type",
        "literal_error",
        "model_type",
        "dict_type",
        "list_type",
        "bool_type",
        "int_parsing",
        "string_pattern_mismatch",
    }
)
_MOVES = ("pass", "end_round")


def _explain_all(errors: list[Any], doc: YamlDocument, name: str) -> list[Problem]:
    """Located problems for one test's errors, without the noise of union alternatives.

    A value that fits no alternative of a union yields one error per alternative;
    when one alternative got further (a real error inside a mapping), the plain
    "wrong type" errors of the others at the same place are dropped, and when none
    did they are merged into one message.
    """
    by_path: dict[tuple[Any, ...], list[Any]] = {}
    for err in errors:
        path, _ = _locate(doc, tuple(err["loc"]))
        by_path.setdefault(path, []).append(err)
    # every proper prefix of a path with errors: "is there an error deeper than here?"
    # in one set lookup (was a scan of every path per path: quadratic in the errors)
    has_deeper = {p[:n] for p in by_path for n in range(len(p))}
    out: list[Problem] = []
    seen: set[str] = set()
    for path, group in by_path.items():
        deeper = path in has_deeper
        specific = [e for e in group if e["type"] not in _TYPE_MISMATCH]
        if deeper and not specific:
            continue
        if specific:
            chosen = specific
        elif len(group) > 1:
            chosen = [_merged(group, path, doc)]
        else:
            chosen = group
        for err in chosen:
            if isinstance(err, Problem):
                problem = Problem(name, err.line, err.col, err.message)
            else:
                problem = _explain(err, doc, name)
            if str(problem) not in seen:
                seen.add(str(problem))
                out.append(problem)
    return out


def _merged(group: list[Any], path: tuple[Any, ...], doc: YamlDocument) -> Problem:
    _, value = _locate(doc, path)
    where = ".".join(str(p) for p in path[2:]) or "test"
    line, col = doc.positions.get(path, (1, 1))
    texts = (
        re.sub(
            r"a valid dictionary or instance of \w+",
            "a mapping",
            str(e["msg"]).removeprefix("Input should be "),
        )
        for e in group
    )
    wanted = " or ".join(dict.fromkeys(texts))
    hint = suggest(value, _MOVES) if isinstance(value, str) and "when" in path else ""
    return Problem("", line, col, f"{where}: {value!r} is not valid here{hint}; expected {wanted}")


def read_test_file(path: Path) -> list[TestCase]:
    """Parse and schema-check a rule-test file; raises TestFileError with every problem."""
    name = display_name(path)
    level_folder = path.absolute().parent.parent  # <level>/tests/<file>
    try:
        doc = read_yaml_bytes(read_regular(path, MAX_BYTES, within=level_folder))
    except UnsafeFileError as exc:
        raise TestFileError([Problem(name, 1, 1, exc.reason)]) from None
    except OSError as exc:
        raise TestFileError([Problem(name, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    except YamlReadError as exc:
        p = exc.problem
        raise TestFileError([Problem(name, p.line, p.col, p.message)]) from None
    data = doc.data
    if not isinstance(data, dict) or "tests" not in data:
        raise TestFileError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "a rule-test file is a mapping with the key "
                    "'tests': a list of tests (see docs/rule-tests.md)",
                )
            ]
        )
    problems: list[Problem] = []
    for key in data:
        if key != "tests":
            line, col = doc.positions.get((key,), (1, 1))
            problems.append(
                Problem(name, line, col, f"unknown key '{key}'; a rule-test file has only 'tests'")
            )
    items = data["tests"]
    if not isinstance(items, list) or not items:
        line, col = doc.positions.get(("tests",), (1, 1))
        raise TestFileError(
            [*problems, Problem(name, line, col, "'tests' must be a non-empty list of tests")]
        )
    cases: list[TestCase] = []
    names: dict[str, int] = {}
    for i, item in enumerate(items):
        try:
            test = RuleTest.model_validate(item)
        except ValidationError as exc:
            errors = [{**err, "loc": ("tests", i, *err["loc"])} for err in exc.errors()]
            problems.extend(_explain_all(errors, doc, name))
            continue
        case = TestCase(name, i, test, item, doc)
        if test.name in names:
            line, col = case.where(("name",))
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    f"two tests are named '{test.name}' (first "
                    f"at line {names[test.name]}); names must be unique",
                )
            )
            continue
        names[test.name] = case.line
        cases.append(case)
    if problems:
        raise TestFileError(_capped(problems, name))
    return cases


MAX_PROBLEMS = 200  # per file: more would only bury the first, which is the one to fix


def _capped(problems: list[Problem], name: str) -> list[Problem]:
    """The first MAX_PROBLEMS problems (by position) plus one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    kept = sorted(problems)[:MAX_PROBLEMS]
    last = kept[-1]
    more = len(problems) - MAX_PROBLEMS
    note = f"... and {more} more problems in this file (fix the ones above first)"
    return [*kept, Problem(name, last.line, last.col, note)]


def rule_test_files(level_folder: Path) -> list[Path]:
    """The rule-test files of a level folder (`<level>/tests/*.yaml`), sorted."""
    folder = level_folder / "tests"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
