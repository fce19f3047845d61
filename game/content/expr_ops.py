"""The operations the compiled rule language is built from: the whitelisted
functions, arithmetic and comparison operators, the fast `value <op> constant`
condition, the unrolled loops (`count`, `sum`, `any`, `all`) and the special names.

Their nodes (`game.content.nodes`) run in the engine's hot loop (mypyc-compiled with
`expr.py`, see setup.py); `game.content.expr` parses and decides which to build.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import Any

from game.content import nodes as N
from game.content.refs import ExprError, Fn
from game.engine.simple_conditions import (
    TEST_CALL,
    TEST_EQ,
    TEST_GE,
    TEST_GT,
    TEST_LE,
    TEST_LT,
    TEST_NE,
)


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "min": (min, 2, 8),
    "max": (max, 2, 8),
    "abs": (abs, 1, 1),
    "clamp": (_clamp, 3, 3),
    "floor": (math.floor, 1, 1),
    "ceil": (math.ceil, 1, 1),
    "sign": (lambda x: (x > 0) - (x < 0), 1, 1),
}

BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b if b else 0.0,
    ast.FloorDiv: lambda a, b: a // b if b else 0,
    ast.Mod: lambda a, b: a % b if b else 0,
}


_ARITH: dict[type, int] = {
    ast.Add: N.ADD,
    ast.Sub: N.SUB,
    ast.Mult: N.MUL,
    ast.Div: N.DIV,
    ast.FloorDiv: N.FLOORDIV,
    ast.Mod: N.MOD,
}


def arithmetic(op: type, left: N.Node, right: N.Node, const: bool, c: Any) -> N.Node | None:
    """`left <op> right` as one node, the operator inlined (`BINOPS` gives the same
    value through a third call); with `const`, `right` is the constant `c` and is not
    called. None for an operator or a constant divisor this does not cover."""
    code = _ARITH.get(op)
    if code is None:
        return None
    if const:
        if code >= N.DIV and not c:  # a zero divisor: BINOPS' guard decides
            return None
        return N.ArithConst(code, left, c)
    if code >= N.DIV:
        return None
    return N.Arith(code, left, right)


_CODES: dict[type, int] = {
    ast.GtE: TEST_GE,
    ast.Gt: TEST_GT,
    ast.LtE: TEST_LE,
    ast.Lt: TEST_LT,
    ast.Eq: TEST_EQ,
    ast.NotEq: TEST_NE,
}


def versus_constant(op: type, left: N.Node, c: Any) -> N.Node | None:
    """`left <op> c` for a constant `c`, as one node (`CMPS` and a call of the
    constant's node give the same truth value)."""
    code = _CODES.get(op)
    return None if code is None else N.VersusConst(code, left, c)


def call_of(func: Callable[..., Any], args: list[N.Node]) -> N.Node:
    """A whitelisted function applied to its arguments' values; one or two arguments
    (most calls) without building a list for each call."""
    if len(args) == 1:
        return N.Call1(func, args[0])
    if len(args) == 2:
        return N.Call2(func, args[0], args[1])
    return N.CallN(func, args)


CMPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def slot_test(fn: Fn | None) -> tuple[int, int, int]:
    """(slot, TEST_* code, constant) when `fn` is a `value <op> whole constant` node
    built by `slot_vs_constant`, else (0, TEST_CALL, 0): the node must be called."""
    if not isinstance(fn, N.SlotVsConst) or type(fn.c) is not int:
        return (0, TEST_CALL, 0)
    return (fn.slot, fn.code, fn.c)


def slot_vs_constant(op: type, slot: int, c: Any) -> N.Node | None:
    """A specialised node for the most common condition shape: `value <op> constant`."""
    code = _CODES.get(op)
    return None if code is None else N.SlotVsConst(slot, code, c)


def combine(name: str, parts: list[N.Node]) -> N.Node:
    """The node of an unrolled aggregate over the members' compiled parts."""
    if name == "count":
        return N.Count(parts)
    if name == "sum":
        return N.Total(parts)
    if name == "any":
        return N.Some(parts)
    return N.Every(parts)


def special(name: str) -> N.Node:
    if name == "round":
        return N.Round()
    if name == "target":
        return N.Target()
    if name == "ap":
        return N.ActionPoints()
    if name == "rounds":
        return N.Rounds()
    raise ExprError(f"unknown special name '{name}'")  # pragma: no cover
