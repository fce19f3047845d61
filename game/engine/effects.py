"""Run compiled effect nodes against a state, clamping every value to its bounds."""

from __future__ import annotations

import math

from game.engine.ruleset import CHANCE, END, FIRE, IF, OP_ADD, OP_MUL, OP_SET, OP_SUB, SET, Effect
from game.engine.state import State, random_float

MAX_CHAIN = 8


class Context:
    """Per-call scratch: the changes being recorded and the events/outcome requested."""

    __slots__ = ("changes", "depth", "end", "fire")

    def __init__(self, record: bool) -> None:
        self.changes: list[tuple[int, int]] | None = [] if record else None
        self.fire: list[int] = []
        self.end = -1
        self.depth = 0


def run_effects(state: State, effects: tuple[Effect, ...], target: int, ctx: Context) -> None:
    """Apply effects in order; events and outcomes they request are queued on `ctx`."""
    v = state.v
    rules = state.rules
    for eff in effects:
        kind = eff.kind
        if kind == SET:
            slot = eff.slot + eff.stride * target
            value = eff.value(state, target)  # type: ignore[misc]
            old = v[slot]
            op = eff.op
            if op == OP_ADD:
                value = old + value
            elif op == OP_SUB:
                value = old - value
            elif op == OP_MUL:
                value = old * value
            elif op != OP_SET:  # pragma: no cover - compiler guarantees the op
                raise ValueError(op)
            if type(value) is not int:
                value = math.floor(value + 0.5)
            lo = rules.lo[slot]
            hi = rules.hi[slot]
            if value < lo:
                value = lo
            elif value > hi:
                value = hi
            if value != old:
                v[slot] = value
                if ctx.changes is not None:
                    ctx.changes.append((slot, value - old))
                    if rules.vars[slot].private:
                        ctx.changes.append((slot, 0))  # touched (see merge_changes)
            elif ctx.changes is not None and rules.vars[slot].private:
                ctx.changes.append((slot, 0))
        elif kind == IF:
            branch = eff.then if eff.value(state, target) else eff.orelse  # type: ignore[misc]
            if branch:
                run_effects(state, branch, target, ctx)
        elif kind == CHANCE:
            p = eff.value(state, target)  # type: ignore[misc]
            branch = eff.then if random_float(state) < p else eff.orelse
            if branch:
                run_effects(state, branch, target, ctx)
        elif kind == FIRE:
            ctx.fire.append(eff.ref)
        elif kind == END and ctx.end < 0:
            ctx.end = eff.ref


def merge_changes(changes: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sum deltas per slot, keeping first-seen order and dropping zeros, except for
    private values an effect touched (marked by a zero delta): whether a rival's log
    line mentions one must not depend on whether it was clamped at a hidden bound."""
    total: dict[int, int] = {}
    touched: set[int] = set()
    for slot, delta in changes:
        total[slot] = total.get(slot, 0) + delta
        if not delta:
            touched.add(slot)
    return tuple((s, d) for s, d in total.items() if d or s in touched)
