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
from typing import Any

from game.content.refs import ExprError, Fn


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
CMPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def slot_vs_constant(op: type, slot: int, c: Any) -> Fn | None:
    """A specialised closure for the most common condition shape: `value <op> constant`."""
    if op is ast.GtE:
        return lambda s, t: s.v[slot] >= c
    if op is ast.Gt:
        return lambda s, t: s.v[slot] > c
    if op is ast.LtE:
        return lambda s, t: s.v[slot] <= c
    if op is ast.Lt:
        return lambda s, t: s.v[slot] < c
    if op is ast.Eq:
        return lambda s, t: s.v[slot] == c
    if op is ast.NotEq:
        return lambda s, t: s.v[slot] != c
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
