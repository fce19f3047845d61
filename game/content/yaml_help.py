"""Plain sentences for YAML syntax errors, instead of the parser's wording ("expected
<block end>, but found '<block mapping start>'", or libyaml's "did not find expected
key"): what is wrong, where (the line and column of the cause — for an unclosed quote or
bracket, where it was opened) and what to write instead. Both PyYAML's pure-Python
parser and libyaml's messages are recognised."""

from __future__ import annotations

import re

import yaml

_CHARACTER = re.compile(r"found character '(.+)' that cannot start any token")
_FLOW = re.compile(r"expected ',' or '([\]}])'")


def _at(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _char(text: str, mark: yaml.Mark | None, offset: int = 0) -> str:
    """The character at a mark (plus `offset`), '' past the end."""
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    col = mark.column + offset
    return line[col] if 0 <= col < len(line) else ""


def _starts_line(text: str, mark: yaml.Mark | None) -> bool:
    """Whether only spaces stand before the mark on its line."""
    if mark is None:
        return True
    lines = text.split("\n")
    return mark.line >= len(lines) or not lines[mark.line][: mark.column].strip()


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, sentence) of a YAML syntax error in `text`."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    where, opened = _at(mark), _at(exc.context_mark or exc.problem_mark)
    if "cannot start any token" in problem:
        named = _CHARACTER.search(problem)
        ch = named.group(1) if named else _char(text, mark)
        if ch in ("\t", "\\t"):
            return (
                *where,
                "a tab is used for indentation here; YAML indents with spaces only — "
                "replace the tab with spaces",
            )
        return (*where, f"a value cannot start with '{ch}'; put the whole value in quotes")
    if "end of stream" in problem and "quoted scalar" in context:
        return (
            *opened,
            "this quoted text is never closed (it runs to the end of the file); add the "
            "closing quote",
        )
    flow = _FLOW.search(problem)
    if flow:
        close = flow.group(1)
        kind, brackets = ("list", "[ ]") if close == "]" else ("mapping", "{ }")
        colon = "got ':'" in problem or _char(text, mark) == ":"
        if colon and where[0] == opened[0]:  # on the bracket's own line: a stray ':'
            return (
                *where,
                f"a ':' inside this {brackets} {kind} is read as a second key; put that "
                "value in quotes, or separate the entries with ','",
            )
        return (
            *opened,
            f"this {brackets} {kind} is not closed where expected; add the missing "
            f"'{close}', or a ',' between its items",
        )
    if problem.startswith("mapping values are not allowed"):
        return (
            *where,
            "a ': ' here would start a new key inside a plain value; put the whole value "
            'in quotes (name: "a: b"), or fix this line\'s indentation',
        )
    if "sequence entries are not allowed" in problem:
        return (
            *where,
            "a list item ('- ') cannot follow a key on the same line; start the list on "
            "the next line, indented, or write it as [a, b]",
        )
    if problem.startswith("mapping keys are not allowed"):
        return (*where, "a '?' cannot start a value here; put the whole value in quotes")
    if "unknown escape character" in problem:
        ch = _char(text, mark, 1) if _char(text, mark) == "\\" else _char(text, mark)
        return (
            *where,
            f"'\\{ch}' is not an escape in double-quoted text; write '\\\\{ch}' for a "
            "backslash, or use single quotes",
        )
    if "block scalar" in context:
        return (
            *where,
            "after '|' or '>' only '-', '+' or an indentation digit may follow; start the "
            "text itself on the next line, indented",
        )
    if "'-' indicator" in problem or (
        problem.startswith("expected <block end>") and "'?'" in problem
    ):
        return (
            *where,
            "this line mixes list items ('- ') and keys at one level; indent it like the "
            "entries it belongs with, or start it with '- '",
        )
    if "nesting depth" in problem:  # libyaml's own limit (PyYAML 6.0.4 and later)
        return (*where, "nesting is too deep to be a level file; flatten the lists and mappings")
    if "expected key" in problem or problem.startswith("expected <block end>"):
        if "<scalar>" in problem or not _starts_line(text, mark):
            return (
                *where,
                "there is more text after a complete value; remove it, or put the whole "
                "value in quotes",
            )
        return (
            *where,
            "this line's indentation does not match the lines around it; indent it with "
            "the same number of spaces as the other keys of its section",
        )
    return (
        *where,
        "this cannot be read as YAML; check the quotes, brackets, ':' and indentation near here",
    )
