"""The operations compiled rule-language closures are built from: the whitelisted
functions, arithmetic and comparison operators, the fast `value <op> constant`
condition, the unrolled loops (`count`, `sum`, `any`, `all`) and the special names.

These closures run in the engine's hot loop (mypyc-compiled with `expr.py`, see
setup.py); `game.content.expr` parses and decides which of them to build.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import Any, Final

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


def arithmetic(op: type, left: Fn, right: Fn, const: bool, c: Any) -> Fn | None:
    """`left <op> right` as one closure, the operator inlined (`BINOPS` gives the same
    value through a third call); with `const`, `right` is the constant `c` and is not
    called. None for an operator or a constant divisor this does not cover."""
    if const:
        if op is ast.Add:
            return lambda s, t: left(s, t) + c
        if op is ast.Sub:
            return lambda s, t: left(s, t) - c
        if op is ast.Mult:
            return lambda s, t: left(s, t) * c
        if not c:  # a zero divisor: BINOPS' guard decides
            return None
        if op is ast.Div:
            return lambda s, t: left(s, t) / c
        if op is ast.FloorDiv:
            return lambda s, t: left(s, t) // c
        if op is ast.Mod:
            return lambda s, t: left(s, t) % c
        return None
    if op is ast.Add:
        return lambda s, t: left(s, t) + right(s, t)
    if op is ast.Sub:
        return lambda s, t: left(s, t) - right(s, t)
    if op is ast.Mult:
        return lambda s, t: left(s, t) * right(s, t)
    return None


def versus_constant(op: type, left: Fn, c: Any) -> Fn | None:
    """`left <op> c` for a constant `c`, as one closure (`CMPS` and a call of the
    constant's closure give the same truth value)."""
    if op is ast.GtE:
        return lambda s, t: left(s, t) >= c
    if op is ast.Gt:
        return lambda s, t: left(s, t) > c
    if op is ast.LtE:
        return lambda s, t: left(s, t) <= c
    if op is ast.Lt:
        return lambda s, t: left(s, t) < c
    if op is ast.Eq:
        return lambda s, t: left(s, t) == c
    if op is ast.NotEq:
        return lambda s, t: left(s, t) != c
    return None


def call_of(func: Callable[..., Any], args: list[Fn]) -> Fn:
    """A whitelisted function applied to its arguments' values; one or two arguments
    (most calls) without building a list for each call."""
    if len(args) == 1:
        (a,) = args
        return lambda s, t: func(a(s, t))
    if len(args) == 2:
        a, b = args
        return lambda s, t: func(a(s, t), b(s, t))
    return lambda s, t: func(*[a(s, t) for a in args])


CMPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


# The `value <op> constant` closures built so far, by id: (closure, slot, TEST_* code,
# constant), so the engine can test such a condition without calling it (`slot_test`).
# Forgotten all at once past TESTS_KEPT entries (a long run loading many levels).
_TESTS: dict[int, tuple[Fn, int, int, Any]] = {}
TESTS_KEPT: Final = 50_000


def _known(fn: Fn, slot: int, code: int, c: Any) -> Fn:
    if len(_TESTS) >= TESTS_KEPT:
        _TESTS.clear()
    _TESTS[id(fn)] = (fn, slot, code, c)
    return fn


def slot_test(fn: Fn | None) -> tuple[int, int, int]:
    """(slot, TEST_* code, constant) when `fn` is a `value <op> whole constant` closure
    built by `slot_vs_constant`, else (0, TEST_CALL, 0): the closure must be called."""
    found = None if fn is None else _TESTS.get(id(fn))
    if found is None or found[0] is not fn or type(found[3]) is not int:
        return (0, TEST_CALL, 0)
    return (found[1], found[2], found[3])


def slot_vs_constant(op: type, slot: int, c: Any) -> Fn | None:
    """A specialised closure for the most common condition shape: `value <op> constant`."""
    if op is ast.GtE:
        return _known(lambda s, t: s.v[slot] >= c, slot, TEST_GE, c)
    if op is ast.Gt:
        return _known(lambda s, t: s.v[slot] > c, slot, TEST_GT, c)
    if op is ast.LtE:
        return _known(lambda s, t: s.v[slot] <= c, slot, TEST_LE, c)
    if op is ast.Lt:
        return _known(lambda s, t: s.v[slot] < c, slot, TEST_LT, c)
    if op is ast.Eq:
        return _known(lambda s, t: s.v[slot] == c, slot, TEST_EQ, c)
    if op is ast.NotEq:
        return _known(lambda s, t: s.v[slot] != c, slot, TEST_NE, c)
    return None


def combine(name: str, parts: list[Fn]) -> Fn:
    """The closure of an unrolled aggregate over the members' compiled parts."""
    if name == "count":

        def count(s: Any, t: int) -> Any:
            n = 0
            for p in parts:
                if p(s, t):
                    n += 1
            return n

        return count
    if name == "sum":

        def total(s: Any, t: int) -> Any:
            value: Any = 0
            for p in parts:
                value += p(s, t)
            return value

        return total
    if name == "any":

        def some(s: Any, t: int) -> Any:
            return any(p(s, t) for p in parts)

        return some

    def every(s: Any, t: int) -> Any:
        return all(p(s, t) for p in parts)

    return every


def special(name: str) -> Fn:
    if name == "round":
        return lambda s, t: s.round
    if name == "target":
        return lambda s, t: t
    if name == "ap":
        return lambda s, t: s.ap
    if name == "rounds":
        return lambda s, t: s.rounds
    raise ExprError(f"unknown special name '{name}'")  # pragma: no cover
