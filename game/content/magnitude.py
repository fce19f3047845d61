"""Magnitude bounds of rule-language formulas, proved before the game runs.

Every name stands for a bounded whole number (level values are within +-1e6, counters
and `round` are small), so a formula's largest possible result can be bounded before
the game runs. Bounds are kept as log10 so computing them never overflows. A formula
that could exceed 10**MAX_LOG_MAGNITUDE (far below the float limit near 1e308) is
rejected at load, so no float overflow, infinity or giant integer can appear in play.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

from game.content.refs import MAX_POW, ExprError

MAX_LOG_MAGNITUDE = 150.0
_LOG_NAME = 9.0  # log10 of the largest value a name can hold (generous)
_ZERO = 1000.0  # stands for log10(0) = -inf (as -_ZERO) and "no nonzero value" (as +_ZERO)
_LOG2 = math.log10(2)
_LOG_LOOP = math.log10(256)  # log10 of the most members a loop visits (regions)


@dataclass(frozen=True)
class _Mag:
    """log10 of the largest |value|, log10 of the smallest nonzero |value|, whole-valued."""

    hi: float
    lo: float
    whole: bool


def _mag_const(value: Any) -> _Mag:
    if isinstance(value, bool) or value == 0:
        return _Mag(0.0 if value else -_ZERO, 0.0 if value else _ZERO, True)
    size = math.log10(abs(value))
    return _Mag(size, size, isinstance(value, int))


def _mag(node: ast.AST) -> _Mag:
    """Bound a compiled (already validated) expression node."""
    if isinstance(node, ast.Constant):
        return _mag_const(node.value)
    if isinstance(node, (ast.Name, ast.Attribute)):
        return _Mag(_LOG_NAME, 0.0, True)
    if isinstance(node, ast.UnaryOp):
        inner = _mag(node.operand)
        return _Mag(0.0, 0.0, True) if isinstance(node.op, ast.Not) else inner
    if isinstance(node, (ast.Compare,)):
        return _Mag(0.0, 0.0, True)
    if isinstance(node, ast.BoolOp):
        return _join([_mag(v) for v in node.values])
    if isinstance(node, ast.IfExp):
        return _join([_mag(node.body), _mag(node.orelse)])
    if isinstance(node, ast.Call):
        args = [_mag(a) for a in node.args]
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name in ("sign", "any", "all"):
            return _Mag(0.0, 0.0, True)
        if name == "count":  # at most the number of regions (256) or factions
            return _Mag(_LOG_LOOP, 0.0, True)
        if name == "sum" and len(args) == 2:
            return _Mag(args[1].hi + _LOG_LOOP, 0.0 if args[1].whole else -_LOG_NAME, args[1].whole)
        joined = _join(args)
        if name in ("floor", "ceil"):
            return _Mag(joined.hi, max(0.0, joined.lo), True)
        return joined
    if isinstance(node, ast.BinOp):
        a, b = _mag(node.left), _mag(node.right)
        whole = a.whole and b.whole
        op = node.op
        if isinstance(op, (ast.Add, ast.Sub)):
            return _Mag(max(a.hi, b.hi) + _LOG2, 0.0 if whole else -_LOG_NAME, whole)
        if isinstance(op, ast.Mult):
            return _Mag(a.hi + b.hi, a.lo + b.lo, whole)
        if isinstance(op, ast.Div):
            return _Mag(a.hi - b.lo, a.lo - b.hi, False)
        if isinstance(op, ast.FloorDiv):
            return _Mag(max(a.hi - b.lo, 0.0), 0.0, True)
        if isinstance(op, ast.Mod):
            return _Mag(b.hi, 0.0 if whole else -_LOG_NAME, whole)
        if isinstance(op, ast.Pow):  # the compiler allows only constant exponents 0..MAX_POW
            right = node.right
            value = right.value if isinstance(right, ast.Constant) else MAX_POW
            exponent = float(value) if isinstance(value, (int, float)) else float(MAX_POW)
            if exponent == 0:
                return _Mag(0.0, 0.0, True)
            low = min(a.lo * exponent, a.lo)  # |a| < 1 shrinks under a power
            return _Mag(max(a.hi * exponent, a.hi), low, a.whole)
    return _Mag(_ZERO, -_ZERO, False)  # anything else: assume the worst


def _join(parts: list[_Mag]) -> _Mag:
    if not parts:
        return _Mag(0.0, 0.0, True)
    return _Mag(max(p.hi for p in parts), min(p.lo for p in parts), all(p.whole for p in parts))


def check_magnitude(node: ast.AST) -> None:
    """Raise ExprError if some part of the formula could grow beyond 1e150."""
    todo = [node]
    while todo:
        current = todo.pop()
        if isinstance(current, ast.expr) and _mag(current).hi > MAX_LOG_MAGNITUDE:
            raise ExprError(
                f"this formula can produce numbers beyond 1e{MAX_LOG_MAGNITUDE:.0f} (for "
                "example by multiplying or raising to powers repeatedly, or dividing by a tiny "
                "number); simplify it",
                getattr(current, "col_offset", 0),
            )
        todo.extend(ast.iter_child_nodes(current))
