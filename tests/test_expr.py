"""The rule language: parse once, compile to closures, reject anything unsafe."""

from __future__ import annotations

from typing import ClassVar

import pytest

from game.content.expr import (
    ConstRef,
    ExprError,
    Ref,
    SpecialRef,
    VarRef,
    compile_expr,
    compile_statement,
)


class FakeState:
    def __init__(self, v: list[int], round: int = 1, ap: int = 2) -> None:
        self.v = v
        self.round = round
        self.ap = ap


class Scope:
    names: ClassVar[dict[tuple[str, ...], Ref]] = {
        ("escalation",): VarRef(0),
        ("junta", "treasury"): VarRef(1),
        ("target", "stability"): VarRef(2, 1, 3),
        ("us",): ConstRef(0),
        ("round",): SpecialRef("round"),
        ("target",): SpecialRef("target"),
        ("actions", "x"): VarRef(5, writable=False),
    }

    def lookup(self, parts: tuple[str, ...]) -> Ref:
        if parts in self.names:
            return self.names[parts]
        raise KeyError(f"unknown name '{'.'.join(parts)}'")


def ev(text: str, v: list[int] | None = None, target: int = -1, round: int = 1) -> object:
    state = FakeState(v or [3, 5, 1, 2, 7, 0], round)
    return compile_expr(text, Scope()).fn(state, target)


def test_conditions_combine_comparisons_with_and_or_not() -> None:
    assert ev("junta.treasury >= 2 and round > 0") is True
    assert ev("not escalation < 3") is True
    assert ev("escalation > 5 or junta.treasury == 5") is True
    assert ev("1 < escalation < 4") is True
    assert ev("1 < escalation < 2") is False


def test_formulas_do_arithmetic_with_functions() -> None:
    assert ev("0.3 + 0.05 * junta.treasury") == pytest.approx(0.55)
    assert ev("clamp(escalation * 10, 0, 20)") == 20
    assert ev("max(1, 2, escalation)") == 3
    assert ev("escalation ** 2") == 9
    assert ev("2 if escalation > 2 else 1") == 2


def test_division_by_zero_yields_zero_instead_of_crashing() -> None:
    assert ev("escalation / (junta.treasury - 5)") == 0.0
    assert ev("escalation // 0 + escalation % 0") == 0


def test_target_relative_names_read_the_targets_slot() -> None:
    assert ev("target.stability", target=0) == 1
    assert ev("target.stability", target=2) == 7
    assert ev("target == us", target=0) is True


def test_constant_subexpressions_are_folded() -> None:
    compiled = compile_expr("1 + 2 * 3", Scope())
    assert compiled.is_constant and compiled.constant == 7


def test_reads_are_recorded_for_meaning_checks() -> None:
    compiled = compile_expr("escalation + target.stability", Scope())
    assert compiled.reads == {0, 2, 3, 4}


def test_a_condition_on_slots_alone_is_marked_as_such_and_one_on_the_clock_is_not() -> None:
    assert compile_expr("escalation >= 3 and junta.treasury < 2", Scope()).slots_only
    assert not compile_expr("escalation >= round", Scope()).slots_only
    assert not compile_expr("target.stability > 1", Scope()).slots_only


@pytest.mark.parametrize(
    "payload",
    [
        "__import__('os').system('echo hi')",
        "().__class__.__bases__",
        "escalation.__class__",
        "lambda: 1",
        "[x for x in (1, 2)]",
        "open('/etc/passwd')",
        "'text'",
        "escalation[0]",
        "(y := 3)",
        "9 ** 99",
        "escalation ** junta.treasury",
        "f'{escalation}'",
        "1e400",
        "a" * 700,
        "(" * 60 + "1" + ")" * 60,
    ],
)
def test_unsafe_or_unsupported_expressions_are_rejected(payload: str) -> None:
    with pytest.raises(ExprError):
        compile_expr(payload, Scope())


def test_unknown_names_are_rejected_with_the_scopes_message() -> None:
    with pytest.raises(ExprError, match=r"unknown name 'juntaa\.treasury'"):
        compile_expr("juntaa.treasury > 1", Scope())


def test_syntax_errors_carry_the_column() -> None:
    with pytest.raises(ExprError) as info:
        compile_expr("escalation >= = 5", Scope())
    assert info.value.offset > 0


def test_statements_compile_assignments_to_writable_slots() -> None:
    stmt = compile_statement("junta.treasury -= escalation + 1", Scope())
    assert stmt.op == "-=" and stmt.target == VarRef(1)
    assert stmt.value.fn(FakeState([3, 5, 1, 2, 7, 0]), -1) == 4


@pytest.mark.parametrize(
    "statement",
    [
        "escalation",
        "round = 3",
        "actions.x += 1",
        "escalation = junta.treasury = 1",
        "a, b = 1, 2",
        "import os",
        "escalation //= 2",
    ],
)
def test_statements_that_do_not_change_one_value_are_rejected(statement: str) -> None:
    with pytest.raises(ExprError):
        compile_statement(statement, Scope())
