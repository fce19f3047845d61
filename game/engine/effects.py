"""Effects: run compiled effect nodes against a state (clamping every value to its
bounds), resolve an action, and walk the effect trees of a level.

`resolve_action` is the one sequence an action goes through (AP and counters, costs,
effects, chance roll, success or failure effects), shared by `step` and `preview`.
`effect_nodes` and `effect_lists` are the one static walk over effect trees, used by
the content checks (what can be written, fired or ended) and the engine's own facts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from game.engine.formula import Formula
from game.engine.prices import ap_of, costs_of
from game.engine.ruleset import (
    CHANCE,
    END,
    FACTION_TARGET,
    FIRE,
    IF,
    NEWS,
    NO_TARGET,
    OP_ADD,
    OP_MUL,
    OP_SET,
    OP_SUB,
    REGION_TARGET,
    SET,
    ActionDef,
    Effect,
    Ruleset,
    UpkeepDef,
)
from game.engine.score_defs import OutcomeDef
from game.engine.state import State, random_float

MAX_CHAIN = 8  # links in a chain of events fired by effects; deeper requests are dropped


class Context:
    """Per-call scratch: the changes being recorded, the events/outcome requested and
    the branch headline that ran last (`news`, an index into `Ruleset.news`, or -1)."""

    __slots__ = ("changes", "end", "fire", "news")

    def __init__(self, record: bool) -> None:
        self.changes: list[tuple[int, int]] | None = [] if record else None
        self.fire: list[int] = []
        self.end = -1
        self.news = -1


def run_effects(state: State, effects: tuple[Effect, ...], target: int, ctx: Context) -> None:
    """Apply effects in order; events and outcomes they request are queued on `ctx`."""
    v = state.v
    rules = state.rules
    journal = state.journal  # a trial's record of the old values (`mark_trial`)
    for eff in effects:
        kind = eff.kind
        if kind == SET:
            slot = eff.slot
            if eff.stride:  # a per-target value (no multiplication for the common case)
                slot += eff.stride * target
            if eff.fixed:  # a whole constant: its closure would only return it
                raw: Any = eff.amount
            else:
                fn = eff.value  # a compiled node is called directly (`Formula`)
                raw = fn.ev(state, target) if isinstance(fn, Formula) else fn(state, target)  # type: ignore[misc]
            old: int = v[slot]
            op = eff.op
            if type(raw) is int:  # whole numbers: machine arithmetic in the compiled build
                n: int = raw
                if op == OP_ADD:
                    new = old + n
                elif op == OP_SUB:
                    new = old - n
                elif op == OP_MUL:
                    new = old * n
                elif op == OP_SET:
                    new = n
                else:  # pragma: no cover - compiler guarantees the op
                    raise ValueError(op)
            else:  # a fraction (or a truth value): rounded half up, as before
                if op == OP_ADD:
                    value: Any = old + raw
                elif op == OP_SUB:
                    value = old - raw
                elif op == OP_MUL:
                    value = old * raw
                elif op == OP_SET:
                    value = raw
                else:  # pragma: no cover - compiler guarantees the op
                    raise ValueError(op)
                new = value if type(value) is int else math.floor(value + 0.5)
            lo = rules.lo[slot]
            hi = rules.hi[slot]
            if new < lo:
                new = lo
            elif new > hi:
                new = hi
            if new != old:
                if journal is not None:
                    journal.append(slot)
                    journal.append(old)
                v[slot] = new
                if ctx.changes is not None:
                    ctx.changes.append((slot, new - old))
                    if rules.vars[slot].private:
                        ctx.changes.append((slot, 0))  # touched (see merge_changes)
            elif ctx.changes is not None and rules.vars[slot].private:
                ctx.changes.append((slot, 0))
        elif kind == IF:
            fn = eff.value
            holds = fn.ev(state, target) if isinstance(fn, Formula) else fn(state, target)  # type: ignore[misc]
            branch = eff.then if holds else eff.orelse
            if branch:
                run_effects(state, branch, target, ctx)
        elif kind == CHANCE:
            fn = eff.value
            p = fn.ev(state, target) if isinstance(fn, Formula) else fn(state, target)  # type: ignore[misc]
            branch = eff.then if random_float(state) < p else eff.orelse
            if branch:
                run_effects(state, branch, target, ctx)
        elif kind == FIRE:
            ctx.fire.append(eff.ref)
        elif kind == END and ctx.end < 0:
            ctx.end = eff.ref
        elif kind == NEWS:
            ctx.news = eff.ref


def resolve_action(
    state: State, a: ActionDef, target: int, ctx: Context, roll: bool | None = None
) -> int:
    """Take action `a` on `target` in place: spend its AP, count its use, pay its costs
    (clamped to the bounds), run its effects, roll its chance (unless `roll` forces the
    result) and run the success or failure effects. Returns 1 (succeeded), 0 (failed)
    or -1 (no roll). Requested events and outcomes are left on `ctx` for the caller."""
    rules = state.rules
    lay = rules.layout
    v = state.v
    i = a.index
    if a.priced:  # worked out on the state before the action
        ap, costs = ap_of(state, a), costs_of(state, a)
    else:
        ap, costs = a.ap, a.costs
    state.ap -= ap
    journal = state.journal
    if journal is not None:  # a trial (`mark_trial`): the old values of what is written
        for slot in (lay.used + i, lay.last + i, lay.this_round + i):
            journal.append(slot)
            journal.append(v[slot])
        for slot, _ in costs:
            journal.append(slot)
            journal.append(v[slot])
    v[lay.used + i] += 1
    v[lay.last + i] = state.round
    v[lay.this_round + i] += 1
    lo = rules.lo
    for slot, amount in costs:
        v[slot] = max(lo[slot], v[slot] - amount)
        if ctx.changes is not None:
            ctx.changes.append((slot, -amount))
    run_effects(state, a.effects, target, ctx)
    if a.chance is None:
        return -1
    if roll is None:
        chance = a.chance
        draw = random_float(state)  # drawn before the chance is worked out, as always
        roll = draw < (
            chance.ev(state, target) if isinstance(chance, Formula) else chance(state, target)
        )
    run_effects(state, a.success if roll else a.failure, target, ctx)
    return 1 if roll else 0


def effect_nodes(effects: tuple[Effect, ...]) -> Iterator[Effect]:
    """Every node of an effect list, nested branches included (depth first, in order)."""
    for eff in effects:
        yield eff
        if eff.then:
            yield from effect_nodes(eff.then)
        if eff.orelse:
            yield from effect_nodes(eff.orelse)


def node_writes(eff: Effect, n_targets: int) -> range:
    """The slots one node itself can write (not its branches), for any of `n_targets`."""
    if eff.kind != SET:
        return range(0)
    if not eff.stride:
        return range(eff.slot, eff.slot + 1)
    return range(eff.slot, eff.slot + eff.stride * n_targets, eff.stride)


def quiet_upkeep(upkeep: Sequence[UpkeepDef], instant: Sequence[OutcomeDef]) -> tuple[bool, ...]:
    """Per upkeep rule, whether running it can change no instant outcome's condition: its
    effects fire no event, end nothing and write no slot those conditions read. After
    such a rule the instant outcomes need no fresh check (`flow._upkeep_phase`). All
    False when a condition reads more than slots (the clock, action points)."""
    if any(o.when is not None and o.reads is None for o in instant):
        return tuple(False for _ in upkeep)
    read = {slot for o in instant if o.reads for slot in o.reads}

    def quiet(effects: tuple[Effect, ...]) -> bool:
        for eff in effect_nodes(effects):
            if eff.kind in (FIRE, END) or (eff.kind == SET and eff.stride):
                return False
            if eff.kind == SET and eff.slot in read:
                return False
        return True

    return tuple(quiet(rule.effects) for rule in upkeep)


def effect_lists(rules: Ruleset) -> Iterator[tuple[tuple[Effect, ...], int]]:
    """Every effect list of a level (actions' effects, success and failure; events;
    upkeep) with how many targets its `target` can take (1 when it has none)."""
    n_targets = {
        NO_TARGET: 1,
        REGION_TARGET: len(rules.regions),
        FACTION_TARGET: len(rules.factions),
    }
    for a in rules.actions:
        count = n_targets[a.target_kind]
        yield a.effects, count
        yield a.success, count
        yield a.failure, count
    for e in rules.events:
        yield e.effects, 1
    for u in rules.upkeep:
        yield u.effects, 1


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
