"""Meaning checks: warnings about rules that cannot matter, found by interval analysis.

Every value's reachable range is over-approximated: a value no effect changes
keeps its initial value; one only spent by costs stays between its `min` and its
initial value; any other stays within its declared bounds. Conditions are then
evaluated over ranges. A warning is given only when a condition can *never* be
true for any reachable values, so the checks raise no false alarms (they can miss
problems that depend on the order of events).

Reported (severity "warning", located at the item):
- events that can never fire (condition never true, chance 0, triggered by nothing,
  random events when the level draws none);
- actions that can never be legal (action points or costs above what is possible,
  a requirement or the target condition never true);
- objectives and outcomes that can never be met;
- values nothing reads or writes.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator
from typing import Any

from game.content.compiler import Compiler, Loc
from game.content.expr import ConstRef, SpecialRef, VarRef
from game.content.scope import LevelScope
from game.engine import ruleset as R
from game.engine.effects import MAX_CHAIN, effect_lists, effect_nodes

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
            if eff.kind == R.SET:
                span = count if eff.stride else 1
                effects.update(eff.slot + eff.stride * t for t in range(span))
    costs = {slot for a in rules.actions for slot, _ in a.costs}
    return effects, costs


class RangeEvaluator:
    """Evaluates a rule-language expression over ranges (abstract interpretation)."""

    def __init__(self, ranges: Ranges, scope: LevelScope, rounds: Box, n_targets: int = 1) -> None:
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
            tree = ast.parse(source.strip(), mode="eval")
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
        args = [self.node(a) for a in n.args]
        name = n.func.id
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


def _fired_by_effects(rules: R.Ruleset) -> tuple[set[int], set[int]]:
    """(event indices, outcome indices) some effect fires or ends the game with."""
    events: set[int] = set()
    outcomes: set[int] = set()
    for nodes, _ in effect_lists(rules):
        for eff in effect_nodes(nodes):
            if eff.kind == R.FIRE:
                events.add(eff.ref)
            elif eff.kind == R.END:
                outcomes.add(eff.ref)
    return events, outcomes


def _loop_from(start: int, fires: list[list[int]]) -> tuple[int, ...] | None:
    """The shortest chain of events from `start` that fires `start` again, or None."""
    paths: dict[int, tuple[int, ...]] = {start: (start,)}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for j in fires[node]:
                if j == start:
                    return paths[node]
                if j not in paths:
                    paths[j] = (*paths[node], j)
                    nxt.append(j)
        frontier = nxt
    return None


def _never(box: Box) -> bool:
    return not can_be_true(box)


def _at_most_zero(box: Box) -> bool:
    return box[1] <= 0


class MeaningChecks:
    """Runs every check for one compiled level and records warnings on the compiler."""

    def __init__(self, compiler: Compiler, rules: R.Ruleset) -> None:
        self.c = compiler
        self.rules = rules
        self.ranges = Ranges(rules)
        self.all_rounds: Box = (1.0, float(rules.rounds))

    def warn(self, loc: Loc, message: str, *fields: Any) -> None:
        self.c.error(loc, message, *fields, severity="warning")

    def evaluator(
        self, faction: str | None = None, target: str = "none", rounds: Box | None = None
    ) -> RangeEvaluator:
        n = {"none": 1, "region": len(self.rules.regions), "faction": len(self.rules.factions)}
        scope = LevelScope(self.c.sym, faction, target)
        return RangeEvaluator(self.ranges, scope, rounds or self.all_rounds, n[target])

    def run(self) -> None:
        self.events()
        self.chains()
        self.actions()
        self.victory()
        self.unused_values()

    def items(self, section: str) -> Iterator[tuple[int, Any, Loc]]:
        for i, (item, loc) in enumerate(self.c.items[section]):
            yield i, item, loc

    # -- events ---------------------------------------------------------------
    def events(self) -> None:
        rules = self.rules
        triggered, _ = _fired_by_effects(rules)
        no_random = rules.random_events_per_round == 0 or _at_most_zero(
            self.evaluator().of(self._meta_chance())
        )
        for i, e, loc in self.items("events"):
            name = f"event '{e.id}' can never fire"
            if i in triggered:
                continue
            rounds = self.all_rounds
            if e.kind == "scheduled":
                valid = [r for r in rules.events[i].rounds if r <= rules.rounds]
                if not valid:
                    continue  # the compiler already warns about rounds after the last one
                rounds = (float(min(valid)), float(max(valid)))
            if e.kind == "triggered":
                self.warn(
                    loc,
                    f"{name}: it is 'triggered' but no effect fires it "
                    f"(add {{event: {e.id}}} to an effect)",
                    "id",
                )
                continue
            if e.kind == "random" and no_random:
                self.warn(
                    loc,
                    f"{name}: the level draws no random events "
                    "(random_events_per_round or random_event_chance is 0)",
                    "id",
                )
                continue
            ev = self.evaluator(rounds=rounds)
            if e.when is not None and _never(ev.of(e.when)):
                self.warn(
                    loc,
                    f"{name}: its condition '{e.when}' is never true given the "
                    "values' bounds and what the rules can change",
                    "when",
                )
            elif (
                e.kind == "conditional" and e.chance is not None and _at_most_zero(ev.of(e.chance))
            ):
                self.warn(loc, f"{name}: its chance is never above 0", "chance")

    def chains(self) -> None:
        """An event that can fire itself again through `{event: ...}` effects loops until
        the chain limit; report each such loop once, at its first event."""
        fires = [
            sorted({n.ref for n in effect_nodes(e.effects) if n.kind == R.FIRE})
            for e in self.rules.events
        ]
        reported: set[int] = set()
        for i, e, loc in self.items("events"):
            loop = _loop_from(i, fires)
            if loop is None or reported & set(loop):
                continue
            reported.update(loop)
            path = " → ".join(self.rules.events[j].id for j in (*loop, i))
            self.warn(
                loc,
                f"event '{e.id}' can fire itself again through a chain ({path}); the chain "
                f"stops after {MAX_CHAIN} events — break the loop or make one link conditional",
                "id",
            )

    def _meta_chance(self) -> str | float:
        meta = self.c.meta
        return meta[0].random_event_chance if meta is not None else 1.0

    # -- actions --------------------------------------------------------------
    def actions(self) -> None:
        rules = self.rules
        max_ap = [self._max_ap(i) for i in range(len(rules.factions))]
        for i, a, loc in self.items("actions"):
            d = rules.actions[i]
            name = f"action '{a.id}' can never be legal"
            if d.ap > max_ap[d.faction]:
                self.warn(
                    loc,
                    f"{name}: it needs {d.ap} action points but "
                    f"{a.faction} never has more than {max_ap[d.faction]:g}",
                    "ap",
                )
                continue
            blocked = False
            for slot, amount in d.costs:
                top = self.ranges.box[slot][1]
                if amount > top:
                    var = rules.vars[slot]
                    self.warn(
                        loc,
                        f"{name}: it costs {amount} {var.name} but {var.key} never exceeds {top:g}",
                        "cost",
                    )
                    blocked = True
                    break
            if blocked:
                continue
            plain = self.evaluator(a.faction)
            for j, req in enumerate(a.requires):
                text = req if isinstance(req, str) else req.when
                if _never(plain.of(text)):
                    fields = ("requires", j) if isinstance(req, str) else ("requires", j, "when")
                    self.warn(
                        loc,
                        f"{name}: its requirement '{text}' is never true given the "
                        "values' bounds and what the rules can change",
                        *fields,
                    )
                    blocked = True
                    break
            if blocked or a.targets is None:
                continue
            if _never(self.evaluator(a.faction, a.target).of(a.targets)):
                self.warn(loc, f"{name}: no target can ever satisfy '{a.targets}'", "targets")

    def _max_ap(self, faction: int) -> float:
        f, _ = self.c.items["factions"][faction]
        meta = self.c.meta
        source = f.action_points
        if source is None:
            source = meta[0].action_points if meta is not None else 2
        top = self.evaluator(f.id).of(source)[1]
        return float(math.floor(top)) if top < INF else top

    # -- victory --------------------------------------------------------------
    def victory(self) -> None:
        _, forced = _fired_by_effects(self.rules)
        for _, o, loc in self.items("objectives"):
            if _never(self.evaluator(o.faction).of(o.when)):
                self.warn(
                    loc,
                    f"objective '{o.id}' can never be met: '{o.when}' is never true "
                    "given the values' bounds and what the rules can change",
                    "when",
                )
        for i, o, loc in self.items("outcomes"):
            if i in forced:
                continue
            if _never(self.evaluator().of(o.when)):
                self.warn(
                    loc,
                    f"outcome '{o.id}' can never happen: '{o.when}' is never true "
                    "and no effect ends the game with it",
                    "when",
                )

    # -- unused values --------------------------------------------------------
    def unused_values(self) -> None:
        rules = self.rules
        reads, writes = rules.reads, rules.writes
        shown = {rules.clock_slot, rules.escalation_slot}
        shown.update(n.stance_slot for n in rules.neighbours)
        for f in rules.factions:
            shown.add(f.intel_slot)
        used = reads | writes | shown

        def idle(slots: list[int]) -> bool:
            return bool(slots) and not any(s in used for s in slots)

        for _, t, loc in self.items("tracks"):
            if idle([rules.slot(t.id)]):
                self.warn(loc, f"track '{t.id}' is never read or changed by any rule", "id")
        for _, res, loc in self.items("resources"):
            owners = [f.id for f in rules.factions] if res.faction == "all" else [res.faction]
            for fid in owners:
                if idle([rules.slot(f"{fid}.{res.id}")]):
                    self.warn(
                        loc, f"resource '{fid}.{res.id}' is never read or changed by any rule", "id"
                    )
        for _, rv, loc in self.items("region_values"):
            slots = [v.index for v in rules.vars if v.kind == R.REGION_VALUE and v.id == rv.id]
            if rules.color_by >= 0 and rules.vars[rules.color_by].id == rv.id:
                continue
            if idle(slots):
                self.warn(loc, f"region value '{rv.id}' is never read or changed by any rule", "id")


def meaning_checks(compiler: Compiler, rules: R.Ruleset) -> None:
    """Add the meaning-check warnings of a compiled level to `compiler.problems`."""
    MeaningChecks(compiler, rules).run()
