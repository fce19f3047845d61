"""Reachable ranges of a level's values, and rule-language expressions evaluated over them.

Every value's reachable range is over-approximated: a value no effect changes keeps its
initial value; one only spent by costs stays between its `min` and its initial value;
any other stays within its declared bounds. `RangeEvaluator` then evaluates a condition
or formula over those ranges (abstract interpretation): a box (lo, hi) that holds every
value the expression can take.
"""

from __future__ import annotations

import ast
import math
from typing import Protocol

from game.content.bound import BoundScope, members_of
from game.content.expr import AGGREGATES, ConstRef, SpecialRef, VarRef
from game.content.refs import Scope
from game.content.syntax_help import quiet_parse
from game.engine import ruleset as R
from game.engine.effects import effect_lists, effect_nodes, node_writes

INF = math.inf
Box = tuple[float, float]
TOP: Box = (-INF, INF)
TRUE: Box = (1.0, 1.0)
FALSE: Box = (0.0, 0.0)
MAYBE: Box = (0.0, 1.0)


def can_be_true(box: Box) -> bool:
    """Whether a value in the range can be truthy."""
    return not (box[0] == 0 and box[1] == 0)


def _hull(*boxes: Box) -> Box:
    return (min(b[0] for b in boxes), max(b[1] for b in boxes))


def _mul(a: float, b: float) -> float:
    if a == 0 or b == 0:
        return 0.0
    return a * b


def _truth(can_true: bool, can_false: bool) -> Box:
    if can_true and can_false:
        return MAYBE
    return TRUE if can_true else FALSE


class Ranges:
    """Reachable ranges of every slot and special name of a level."""

    def __init__(self, rules: R.Ruleset) -> None:
        self.rules = rules
        effect_writes, cost_writes = written_slots(rules)
        self.effect_writes = effect_writes
        self.box: list[Box] = []
        for var in rules.vars:
            if var.index in effect_writes:
                self.box.append((var.lo, var.hi))
            elif var.index in cost_writes:
                self.box.append((var.lo, var.initial))
            else:
                self.box.append((var.initial, var.initial))
        self.counter: Box = (0.0, INF)

    def of_ref(self, ref: VarRef) -> Box:
        if ref.base >= self.rules.layout.n_vars:
            return self.counter if ref.base < self.rules.layout.vp else TOP
        return _hull(*(self.box[i] for i in ref.indices()))


def written_slots(rules: R.Ruleset) -> tuple[set[int], set[int]]:
    """(slots some effect can change, slots some action's cost spends)."""
    effects: set[int] = set()
    for nodes, count in effect_lists(rules):
        for eff in effect_nodes(nodes):
            effects.update(node_writes(eff, count))
    costs = {slot for a in rules.actions for slot, _ in a.costs}
    return effects, costs


class BoxSource(Protocol):
    """Gives the reachable range of a reference (what `Ranges` does for a level)."""

    def of_ref(self, ref: VarRef) -> Box: ...


class RangeEvaluator:
    """Evaluates a rule-language expression over ranges (abstract interpretation)."""

    def __init__(self, ranges: BoxSource, scope: Scope, rounds: Box, n_targets: int = 1) -> None:
        self.ranges = ranges
        self.scope = scope
        self.rounds = rounds
        self.n_targets = n_targets

    def of(self, source: str | float | int | bool) -> Box:
        """The range of an expression; TOP when it cannot be analysed."""
        if isinstance(source, bool):
            return TRUE if source else FALSE
        if not isinstance(source, str):
            return (float(source), float(source))
        try:
            tree = quiet_parse(source.strip(), "eval")
            assert isinstance(tree, ast.Expression)
            return self.node(tree.body)
        except (SyntaxError, KeyError, ValueError, RecursionError, OverflowError):
            return TOP

    def node(self, n: ast.AST) -> Box:
        method = getattr(self, "n_" + type(n).__name__, None)
        return TOP if method is None else method(n)

    def n_Constant(self, n: ast.Constant) -> Box:
        if isinstance(n.value, (int, float)):
            return (float(n.value), float(n.value))
        return TOP

    def n_Name(self, n: ast.Name) -> Box:
        if n.id in ("true", "True"):
            return TRUE
        if n.id in ("false", "False"):
            return FALSE
        return self.ref((n.id,))

    def n_Attribute(self, n: ast.Attribute) -> Box:
        parts: list[str] = []
        node: ast.AST = n
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return TOP
        parts.append(node.id)
        return self.ref(tuple(reversed(parts)))

    def ref(self, parts: tuple[str, ...]) -> Box:
        ref = self.scope.lookup(parts)
        if isinstance(ref, ConstRef):
            return (float(ref.value), float(ref.value))
        if isinstance(ref, SpecialRef):
            if ref.name == "round":
                return self.rounds
            if ref.name == "target":
                return (0.0, float(self.n_targets - 1))
            return (0.0, INF)  # ap
        return self.ranges.of_ref(ref)

    def n_UnaryOp(self, n: ast.UnaryOp) -> Box:
        a = self.node(n.operand)
        if isinstance(n.op, ast.Not):
            return _truth(a[0] <= 0 <= a[1], can_be_true(a))
        if isinstance(n.op, ast.USub):
            return (-a[1], -a[0])
        if isinstance(n.op, ast.UAdd):
            return a
        return TOP

    def n_BinOp(self, n: ast.BinOp) -> Box:
        a, b = self.node(n.left), self.node(n.right)
        if isinstance(n.op, ast.Add):
            return (a[0] + b[0], a[1] + b[1])
        if isinstance(n.op, ast.Sub):
            return (a[0] - b[1], a[1] - b[0])
        if isinstance(n.op, ast.Mult):
            corners = [_mul(x, y) for x in a for y in b]
            return (min(corners), max(corners))
        if isinstance(n.op, (ast.FloorDiv, ast.Div)) and b[0] == b[1] and b[0] > 0:
            d = b[0]  # by a positive constant: monotone (`x // 0` gives 0, not handled here)
            if isinstance(n.op, ast.Div):
                return (a[0] / d, a[1] / d)
            return (
                math.floor(a[0] / d) if a[0] > -INF else a[0],
                math.floor(a[1] / d) if a[1] < INF else a[1],
            )
        if isinstance(n.op, ast.Mod) and b[0] == b[1] and b[0] > 0:
            return (0.0, b[0])
        return TOP

    def n_BoolOp(self, n: ast.BoolOp) -> Box:
        parts = [self.node(v) for v in n.values]
        if any(p == TOP for p in parts):
            return TOP
        if isinstance(n.op, ast.And):
            can_true = all(can_be_true(p) for p in parts)
            can_false = any(p[0] <= 0 <= p[1] for p in parts)
        else:
            can_true = any(can_be_true(p) for p in parts)
            can_false = all(p[0] <= 0 <= p[1] for p in parts)
        # `and`/`or` return an operand; when every operand is 0/1 so is the result.
        if all(p[0] >= 0 and p[1] <= 1 for p in parts):
            return _truth(can_true, can_false)
        return _hull(*parts) if can_true else FALSE

    def n_Compare(self, n: ast.Compare) -> Box:
        left = self.node(n.left)
        can_true, can_false = True, False
        for op, right_node in zip(n.ops, n.comparators, strict=True):
            right = self.node(right_node)
            t, f = _compare(op, left, right)
            can_true = can_true and t
            can_false = can_false or f
            left = right
        return _truth(can_true, can_false)

    def n_IfExp(self, n: ast.IfExp) -> Box:
        test = self.node(n.test)
        yes, no = self.node(n.body), self.node(n.orelse)
        if not can_be_true(test):
            return no
        if not test[0] <= 0 <= test[1]:
            return yes
        return _hull(yes, no)

    def n_Call(self, n: ast.Call) -> Box:
        if not isinstance(n.func, ast.Name):
            return TOP
        name = n.func.id
        if name in AGGREGATES:
            return self.loop(n, name)
        args = [self.node(a) for a in n.args]
        if name == "min":
            return (min(a[0] for a in args), min(a[1] for a in args))
        if name == "max":
            return (max(a[0] for a in args), max(a[1] for a in args))
        if name == "clamp" and len(args) == 3:
            x, lo, hi = args
            return (min(max(x[0], lo[0]), hi[0]), max(min(x[1], hi[1]), lo[1]))
        if name in ("floor", "ceil") and args:
            low, high = args[0]
            return (
                float(math.floor(low)) if low > -INF else low,
                float(math.ceil(high)) if high < INF else high,
            )
        if name == "abs" and args:
            low, high = args[0]
            if low >= 0:
                return (low, high)
            if high <= 0:
                return (-high, -low)
            return (0.0, max(-low, high))
        if name == "sign":
            return (-1.0, 1.0)
        return TOP

    def loop(self, n: ast.Call, name: str) -> Box:
        """The range of `count/sum/any/all(region|faction, inner)`, member by member."""
        head = n.args[0] if len(n.args) == 2 else None
        if not isinstance(head, ast.Name):
            return TOP
        outer = self.scope
        boxes: list[Box] = []
        try:
            for member in members_of(outer, head.id) or ():
                self.scope = BoundScope(outer, head.id, member)
                boxes.append(self.node(n.args[1]))
        finally:
            self.scope = outer
        surely = sum(1 for b in boxes if not b[0] <= 0 <= b[1])
        maybe = sum(1 for b in boxes if can_be_true(b))
        if name == "count":
            return (float(surely), float(maybe))
        if name == "sum":
            return (sum(b[0] for b in boxes), sum(b[1] for b in boxes))
        if name == "any":
            return _truth(maybe > 0, surely == 0)
        return _truth(maybe == len(boxes), surely < len(boxes))


def _compare(op: ast.cmpop, a: Box, b: Box) -> tuple[bool, bool]:
    """(can be true, can be false) of `a op b` for values anywhere in the ranges."""
    if isinstance(op, ast.Lt):
        return a[0] < b[1], a[1] >= b[0]
    if isinstance(op, ast.LtE):
        return a[0] <= b[1], a[1] > b[0]
    if isinstance(op, ast.Gt):
        return a[1] > b[0], a[0] <= b[1]
    if isinstance(op, ast.GtE):
        return a[1] >= b[0], a[0] < b[1]
    overlap = a[0] <= b[1] and b[0] <= a[1]
    single = a[0] == a[1] == b[0] == b[1]
    if isinstance(op, ast.Eq):
        return overlap, not single
    if isinstance(op, ast.NotEq):
        return not single, overlap
    return True, True


def never(box: Box) -> bool:
    """True if a condition with this box can never be true."""
    return not can_be_true(box)


def at_most_zero(box: Box) -> bool:
    """True if a chance with this box can never be above 0."""
    return box[1] <= 0
