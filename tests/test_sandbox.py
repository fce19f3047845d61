"""The rule language is a sandbox: known escape payloads are rejected at load with a
clear message, and none of them ever runs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.cli import main
from game.content.expr import (
    ExprError,
    Ref,
    VarRef,
    compile_expr,
    compile_statement,
)
from tests.conftest import mini_text

SENTINEL: list[str] = []
ESCAPE = "__import__('tests.test_sandbox').test_sandbox.SENTINEL.append('escaped')"


class RecordingScope:
    """Resolves every plain name to slot 0 and records what was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, ...]] = []

    def lookup(self, parts: tuple[str, ...]) -> Ref:
        self.asked.append(parts)
        return VarRef(0)


EXPRESSIONS: list[tuple[str, str]] = [
    ("().__class__.__bases__[0]", "'['"),
    ("().__class__.__bases__", "dotted names"),
    ("tension.__class__.__mro__", "names starting with '_'"),
    ("tension.__dict__", "names starting with '_'"),
    ("tension._private", "names starting with '_'"),
    ("_secret", "names starting with '_'"),
    ("__builtins__", "names starting with '_'"),
    ("__import__('os').system('touch PWNED')", "only these functions can be called"),
    (ESCAPE, "only these functions can be called"),
    ("open('PWNED', 'w')", "only these functions can be called"),
    ("exec('import os')", "only these functions can be called"),
    ("eval('1')", "only these functions can be called"),
    ("getattr(tension, 'real')", "only these functions can be called"),
    ("globals()", "only these functions can be called"),
    ("tension if tension else __import__('os')", "only these functions can be called"),
    ("min(tension, key=abs)", "keyword arguments"),
    ("max(*tension)", "takes 2 to 8 arguments"),
    ("lambda: 1", "'lambda' is not allowed"),
    ("(lambda: __import__('os'))()", "only these functions can be called"),
    ("[c for c in ()]", "'['"),
    ("{c for c in (1, 2)}", "'for' is not allowed"),
    ("(c for c in (1, 2))", "'for' is not allowed"),
    ("{1: 2}", "'{...}' is not allowed"),
    ("(1, 2)", "',' outside a function call is not allowed"),
    ("9**9**9", "'**' needs a whole constant exponent"),
    ("2**100", "'**' needs a whole constant exponent"),
    ("tension ** tension", "'**' needs a whole constant exponent"),
    ("((tension**8)**8)**8", "beyond 1e150"),
    ("(999999999**8)**8", "beyond 1e150"),
    ("(1e9**8)**8", "overflows"),
    ("tension / 1e-300", "beyond 1e150"),
    ("1e400", "out of range"),
    ("10000000000", "out of range"),
    ("'a' * 10**6", "only numbers are allowed"),
    ("b'x'", "only numbers are allowed"),
    ("None", "only numbers are allowed"),
    ("...", "only numbers are allowed"),
    ("x" * 100_000, "longer than 600 characters"),
    ("'" + "a" * 5_000 + "'", "longer than 600 characters"),
    ("(" * 10_000 + "1" + ")" * 10_000, "longer than 600 characters"),
    ("(" * 30 + "1" + ")" * 30, "too deeply nested"),
    ("-" * 300 + "1", "too deeply nested"),
    ("not " * 120 + "1", "too deeply nested"),
    ("+".join(["t"] * 150), "too deeply nested or too long"),
    ("(y := 1)", "':=' is not allowed"),
    ("f'{tension}'", "text is not allowed"),
    ("f'{__import__(\"os\")}'", "text is not allowed"),
    ("tension[0]", "'['"),
    ("tension is tension", "comparison 'is' (write '==') is not allowed"),
    ("tension in tension", "comparison 'in' is not allowed"),
    ("tension @ tension", "operator '@' is not allowed"),
    ("tension << 40", "operator '<<' is not allowed"),
    ("~tension", "'~' is not allowed"),
    ("await tension", "'await' is not allowed"),
    ("yield tension", "cannot be read"),
    ("tension; import os", "cannot be read"),
    ("tension\nimport os", "cannot be read"),
    ("import os", "cannot be read"),
    ("1 if 1 else", "cannot be read"),
    ("tension.", "cannot be read"),
    ("'\\x00'", "only numbers are allowed"),
]

STATEMENTS: list[tuple[str, str]] = [
    ("import os", "effects use '='"),
    ("from os import system", "effects use '='"),
    ("del tension", "effects use '='"),
    ("global tension", "effects use '='"),
    ("tension = __import__('os')", "only these functions can be called"),
    (ESCAPE, "an effect must change something"),
    ("tension.__class__ = 1", "names starting with '_'"),
    ("tension._x += 1", "names starting with '_'"),
    ("tension += (lambda: 1)()", "only these functions can be called"),
    ("tension = [c for c in ()]", "'['"),
    ("tension, other = 1, 2", "must be a name"),
    ("tension = other = 1", "effects use '='"),
    ("tension **= 9", "effects use '='"),
    ("tension |= 1", "effects use '='"),
    ("for x in (1,): pass", "effects use '='"),
    ("while 1: pass", "effects use '='"),
    ("def f(): pass", "effects use '='"),
    ("class A: pass", "effects use '='"),
    ("tension += 1; import os", "one statement"),
    ("tension = 9**9**9", "'**' needs a whole constant exponent"),
    ("tension = (tension ** 8) ** 8 ** 2", "'**' needs a whole constant exponent"),
    ("tension = ((tension ** 8) ** 8) ** 8", "beyond 1e150"),
    ("tension.real = 1", "cannot be changed"),
]


@pytest.fixture(autouse=True)
def no_escape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)
    SENTINEL.clear()
    yield
    assert SENTINEL == [], "a payload ran"
    assert not (tmp_path / "PWNED").exists(), "a payload ran"


class ReadOnlyScope(RecordingScope):
    def lookup(self, parts: tuple[str, ...]) -> Ref:
        super().lookup(parts)
        return VarRef(0, writable=len(parts) == 1)


def assert_rejected(
    compile_fn: Callable[[str, RecordingScope], object], text: str, fragment: str
) -> None:
    scope = ReadOnlyScope()
    with pytest.raises(ExprError) as info:
        compile_fn(text, scope)
    assert fragment in info.value.message, info.value.message
    assert 0 <= info.value.offset <= len(text)


@pytest.mark.parametrize(
    ("text", "fragment"), EXPRESSIONS, ids=[f"expr{i}" for i in range(len(EXPRESSIONS))]
)
def test_an_expression_escape_payload_is_rejected_at_compile_time(text: str, fragment: str) -> None:
    assert_rejected(compile_expr, text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"), STATEMENTS, ids=[f"stmt{i}" for i in range(len(STATEMENTS))]
)
def test_a_statement_escape_payload_is_rejected_at_compile_time(text: str, fragment: str) -> None:
    assert_rejected(compile_statement, text, fragment)


def test_the_sentinel_payload_would_be_detected_if_it_ran() -> None:
    # the payload's own Python, written out: it would reach the sentinel if it ever ran
    __import__("tests.test_sandbox").test_sandbox.SENTINEL.append("escaped")
    assert SENTINEL == ["escaped"]
    SENTINEL.clear()


def test_allowed_formulas_still_compile_and_compute() -> None:
    scope = RecordingScope()
    state = type("S", (), {"v": [3], "round": 2, "ap": 1})()
    assert compile_expr("clamp(tension * 2 + 1, 0, 5)", scope).fn(state, 0) == 5
    assert compile_expr("(tension + 1) ** 8", scope).fn(state, 0) == 4**8
    assert compile_expr("tension / 0", scope).fn(state, 0) == 0.0
    assert compile_statement("tension += 1", scope).op == "+="


# -- the same payloads inside a level file: validate exits 1 with a located message ----------

LEVEL_EXPRESSIONS = [
    EXPRESSIONS[0],
    EXPRESSIONS[7],
    EXPRESSIONS[8],
    EXPRESSIONS[17],
    EXPRESSIONS[19],
    EXPRESSIONS[24],
    EXPRESSIONS[27],
    EXPRESSIONS[44],
    EXPRESSIONS[45],
    EXPRESSIONS[4],
    ("(" * 30 + "1" + ")" * 30, "too deeply nested"),
    ("x" * 100_000, "at most 600 characters"),
]


def write_mutant(tmp_path: Path, old: str, new: str) -> Path:
    text = mini_text()
    assert old in text
    folder = tmp_path / "lvl"
    folder.mkdir()
    (folder / "level.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("payload", "fragment"),
    LEVEL_EXPRESSIONS,
    ids=[f"level-expr{i}" for i in range(len(LEVEL_EXPRESSIONS))],
)
def test_a_payload_in_a_level_condition_fails_validate_with_a_located_message(
    tmp_path: Path, payload: str, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_mutant(
        tmp_path, "requires: [tension >= 1]", f"requires: [{json.dumps(payload)}]"
    )
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert fragment in out, out
    assert "level.yaml:" in out and "Traceback" not in out


@pytest.mark.parametrize(
    ("payload", "fragment"), STATEMENTS[:8], ids=[f"level-stmt{i}" for i in range(8)]
)
def test_a_payload_in_a_level_effect_fails_validate_with_a_located_message(
    tmp_path: Path, payload: str, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_mutant(tmp_path, "effects: [spies += 1]", f"effects: [{json.dumps(payload)}]")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "level.yaml:" in out and "Traceback" not in out


def test_effects_nested_10000_deep_are_refused_by_the_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = "[tension += 1]"
    for _ in range(10_000):
        nested = "[{if: round > 1, then: " + nested + "}]"
    folder = write_mutant(tmp_path, "effects: [spies += 1]", f"effects: {nested}")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "nesting deeper than" in out and "level.yaml:" in out
