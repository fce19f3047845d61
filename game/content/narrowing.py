"""Ranges narrowed by conditions known to hold: when an action is taken its
requirements hold, so `spies >= 2` narrows what its chance or price formula can read."""

from __future__ import annotations

import ast
import copy
import math

from game.content.ranges import RangeEvaluator, Ranges
from game.content.refs import VarRef
from game.content.syntax_help import quiet_parse


def narrowed(ev: RangeEvaluator, conditions: list[str]) -> Ranges:
    """The evaluator's ranges, narrowed by conditions known to hold (an action's
    requirements) of the form `name <op> constant`, alone or joined by `and`."""
    assert isinstance(ev.ranges, Ranges)  # a level's checks evaluate over its Ranges
    ranges = copy.copy(ev.ranges)
    ranges.box = list(ev.ranges.box)
    todo: list[ast.AST] = []
    for text in conditions:
        try:
            tree = quiet_parse(text.strip(), "eval")
            assert isinstance(tree, ast.Expression)
            todo.append(tree.body)
        except (SyntaxError, ValueError, RecursionError):
            continue
    while todo:
        node = todo.pop()
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
            todo.extend(node.values)
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            _narrow_one(ranges, ev, node.left, node.ops[0], node.comparators[0])
    return ranges


_FLIP: dict[type, type] = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}


def _narrow_one(
    ranges: Ranges, ev: RangeEvaluator, left: ast.AST, op: ast.cmpop, right: ast.AST
) -> None:
    if isinstance(left, ast.Constant):
        flipped = _FLIP.get(type(op))
        if flipped is None:
            return
        left, op, right = right, flipped(), left
    if not isinstance(right, ast.Constant) or not isinstance(right.value, (int, float)):
        return
    parts = _dotted_name(left)
    if parts is None:
        return
    try:
        ref = ev.scope.lookup(parts)
    except KeyError:
        return
    if not isinstance(ref, VarRef) or ref.stride != 0 or ref.base >= len(ranges.box):
        return
    lo, hi = ranges.box[ref.base]
    c = float(right.value)
    if isinstance(op, ast.GtE):
        lo = max(lo, c)
    elif isinstance(op, ast.Gt):
        lo = max(lo, math.floor(c) + 1.0)  # values are whole numbers
    elif isinstance(op, ast.LtE):
        hi = min(hi, c)
    elif isinstance(op, ast.Lt):
        hi = min(hi, math.ceil(c) - 1.0)
    elif isinstance(op, ast.Eq):
        lo, hi = max(lo, c), min(hi, c)
    if lo <= hi:
        ranges.box[ref.base] = (lo, hi)


def _dotted_name(node: ast.AST) -> tuple[str, ...] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return tuple(reversed(parts))
