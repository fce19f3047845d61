"""YAML syntax errors are plain sentences at the cause's line and column, with what to
write instead — never the parser's own wording — from libyaml and the pure parser alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import game.content.yamlread as yamlread
from game.cli import main
from game.content.yamlread import YamlReadError, read_yaml_text

CASES = [
    ("level:\n\tid: x\n", 2, 1, "a tab is used for indentation here; YAML indents with spaces"),
    ('level:\n  name: "abc\n  id: x\n', 2, 9, "this quoted text is never closed"),
    ("level:\n  id: x\n name: y\n", 3, 2, "this line's indentation does not match"),
    ("level:\n  name: a: b\n", 2, 10, "a ': ' here would start a new key inside a plain value"),
    ("level:\n  order: [a, b\n  id: x\n", 2, 10, "this [ ] list is not closed where expected"),
    ("a:\n  - 1\n  b: 2\n", 3, 3, "this line mixes list items ('- ') and keys at one level"),
    ("a: @foo\n", 1, 4, "a value cannot start with '@'; put the whole value in quotes"),
    ("a: {b: c: d}\n", 1, 9, "a ':' inside this { } mapping is read as a second key"),
    ("a: |x\n  b\n", 1, 5, "after '|' or '>' only '-', '+' or an indentation digit"),
    ("a: [1, 2] x\n", 1, 11, "there is more text after a complete value"),
    ("a: - 1\n", 1, 4, "a list item ('- ') cannot follow a key on the same line"),
]
PARSER_WORDS = (
    "did not find",
    "expected <",
    "but found",
    "block end",
    "token",
    "scanning",
    "while parsing",
    "in this context",
    "not allowed here",
)


@pytest.fixture(params=["libyaml", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure":
        monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not available")
    else:
        monkeypatch.setattr(yamlread, "_Loader", yaml.CSafeLoader)
    return str(request.param)


@pytest.mark.parametrize(("text", "line", "col", "start"), CASES)
def test_a_yaml_mistake_is_a_plain_sentence_at_its_cause(
    loader: str, text: str, line: int, col: int, start: str
) -> None:
    with pytest.raises(YamlReadError) as info:
        read_yaml_text(text)
    problem = info.value.problem
    assert (problem.line, problem.col) == (line, col)
    assert problem.message.startswith(start)
    assert not any(word in problem.message for word in PARSER_WORDS), problem.message


def test_an_unknown_escape_names_it_and_the_two_ways_to_write_a_backslash(loader: str) -> None:
    with pytest.raises(YamlReadError) as info:
        read_yaml_text('a: "C:\\qfiles"\n')
    assert info.value.problem.message == (
        "'\\q' is not an escape in double-quoted text; write '\\\\q' for a backslash, or use "
        "single quotes"
    )


def test_validate_prints_the_sentence_with_file_line_and_column(
    write_level: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_level("level:\n  id: x\n name: y\n")
    assert main(["validate", str(folder)]) != 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "level.yaml:3:2: this line's indentation does not match the lines around it" in text
    assert "Traceback" not in text and "block end" not in text
