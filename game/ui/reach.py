"""Which values a variable can still take: a cheap static check of the level's rules, so
a hint never names a change no action, event, deal or upkeep rule can make (e.g.
"Bazoum's status resigned → released" once he has resigned and nothing frees him).

Worked out once per level and variable, on first use (never in the engine's hot loop):
every effect and cost that writes the variable gives edges "from value u to value w",
where u is any value its guards (the action's requirements, the event's or rule's `when`,
the `if` branches around it) may allow. A guard is tried on a few probe states (the
start, every value at its low or high end, early and late rounds) with the variable at
u; a guard true for none of them is taken to allow every u (it waits on something else).
A written value that reads other variables may be anything. So the answer errs on the
side of "reachable": only a change the rules plainly never make is called unreachable.
Deal bookkeeping and internal counters are not checked (always reachable).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from game.engine import Ruleset, State
from game.engine.ruleset import (
    CHANCE,
    FACTION_TARGET,
    IF,
    NO_TARGET,
    OP_ADD,
    OP_MUL,
    OP_SET,
    OP_SUB,
    SET,
    Effect,
)

Fn = Callable[[Any, int], Any]
Guard = tuple[Fn, bool]  # a condition and whether it must hold (False: an `else` branch)
MAX_DOMAIN = 40  # wider variables are not checked (every value counts as reachable)


class _Reads(list[int]):
    """Slot values that remember which slots were read."""

    def __init__(self, values: Iterable[int]) -> None:
        super().__init__(values)
        self.seen: set[int] = set()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            self.seen.add(key)
        else:
            self.seen.update(range(len(self)))
        return super().__getitem__(key)


def reachable(rules: Ruleset, slot: int, start: int) -> frozenset[int]:
    """Every value `slot` can take from `start` on under the level's rules (as far as
    the static check can tell: see the module docstring); `start` included."""
    edges = _edges(rules, slot)
    if edges is None:
        return frozenset(range(rules.lo[slot], rules.hi[slot] + 1))
    seen, todo = {start}, [start]
    while todo:
        for w in edges.get(todo.pop(), ()):
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return frozenset(seen)


_CACHE: dict[int, tuple[Ruleset, dict[Any, Any]]] = {}  # id(rules) → (rules, its answers)


def _cached(rules: Ruleset, key: Any, make: Callable[[], Any]) -> Any:
    """`make()` once per level and key (the rules kept, so their id is not reused)."""
    entry = _CACHE.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_CACHE) >= 8:
            _CACHE.clear()
        entry = _CACHE[id(rules)] = (rules, {})
    store = entry[1]
    if key not in store:
        store[key] = make()
    return store[key]


def _edges(rules: Ruleset, slot: int) -> dict[int, frozenset[int]] | None:
    """Value → the values one write can turn it into; None when not checked."""
    found: dict[int, frozenset[int]] | None = _cached(rules, slot, lambda: _make_edges(rules, slot))
    return found


def _make_edges(rules: Ruleset, slot: int) -> dict[int, frozenset[int]] | None:
    lo, hi = rules.lo[slot], rules.hi[slot]
    if slot >= rules.layout.n_vars or hi - lo > MAX_DOMAIN or slot in _deal_slots(rules):
        return None
    probes: tuple[State, ...] = _cached(rules, "probes", lambda: _probes(rules))
    out: dict[int, set[int]] = {u: set() for u in range(lo, hi + 1)}
    for _, writes in _sources(rules):
        for eff, target, guards in writes:
            if eff.slot + eff.stride * max(target, 0) != slot:
                continue
            allowed = _allowed(guards, probes, slot, target, lo, hi)
            for u, ws in _results(eff, probes, slot, target, allowed, lo, hi).items():
                out[u] |= ws
    return {u: frozenset(ws) for u, ws in out.items()}


def _deal_slots(rules: Ruleset) -> set[int]:
    slots = {rules.pending.deal, rules.pending.option, rules.pending.responder}
    for d in rules.deals:
        slots |= {d.status_slot, d.option_slot, d.round_slot}
    return slots


def _probes(rules: Ruleset) -> tuple[State, ...]:
    """States to try guards and formulas on: the start, every value at its low end, at
    its high end and in the middle, each in the first, a middle and the last round."""
    start = State(rules, 0)
    n = len(start.v)
    fills = [
        list(start.v),
        [rules.lo[i] for i in range(n)],
        [rules.hi[i] for i in range(n)],
        [(rules.lo[i] + rules.hi[i]) // 2 for i in range(n)],
    ]
    out = []
    for values in fills:
        for rnd in sorted({1, max(1, rules.rounds // 2), rules.rounds}):
            state = State(rules, 0, values[:])
            state.round = rnd
            out.append(state)
    return tuple(out)


def _holds(fn: Fn, state: State, target: int) -> bool:
    try:
        return bool(fn(state, target))
    except (ArithmeticError, ValueError, IndexError, TypeError):
        return False


def _allowed(
    guards: tuple[Guard, ...], probes: tuple[State, ...], slot: int, target: int, lo: int, hi: int
) -> list[int]:
    """The values of `slot` under which every guard may hold (see the module docstring)."""
    values = list(range(lo, hi + 1))
    for fn, want in guards:
        if slot not in _reads(fn, probes, target):
            continue  # a guard that never looks at the variable does not limit it
        ok = set()
        for state in probes:
            old = state.v[slot]
            for u in values:
                state.v[slot] = u
                if _holds(fn, state, target) == want:
                    ok.add(u)
            state.v[slot] = old
        if ok:  # a guard that never holds on a probe waits on something else: no limit
            values = [u for u in values if u in ok]
    return values


_READS: dict[tuple[int, int], tuple[Fn, frozenset[int]]] = {}  # (id(fn), target) → reads


def _reads(fn: Fn, probes: tuple[State, ...], target: int) -> frozenset[int]:
    """The slots `fn` was seen to read on any of the probes (once per formula and target)."""
    key = (id(fn), target)
    found = _READS.get(key)
    if found is not None and found[0] is fn:
        return found[1]
    seen: set[int] = set()
    for state in probes:
        plain = state.v
        traced = _Reads(plain)
        state.v = traced
        try:
            _holds(fn, state, target)
        finally:
            state.v = plain
        seen |= traced.seen
    if len(_READS) > 20_000:
        _READS.clear()
    _READS[key] = (fn, frozenset(seen))
    return _READS[key][1]


def _results(
    eff: Effect,
    probes: tuple[State, ...],
    slot: int,
    target: int,
    froms: list[int],
    lo: int,
    hi: int,
) -> dict[int, set[int]]:
    """The values one write gives `slot` from each value in `froms` (every value when the
    written formula reads other variables)."""
    every = set(range(lo, hi + 1))
    if eff.value is None:
        return {u: {u} for u in froms}
    reads = _reads(eff.value, probes, target)
    if reads - {slot}:
        return {u: every for u in froms}
    fixed = None if slot in reads else _amounts(eff.value, probes, slot, target, lo)
    out = {}
    for u in froms:
        amounts = fixed if fixed is not None else _amounts(eff.value, probes, slot, target, u)
        out[u] = {_clamp(_apply(eff.op, u, a), lo, hi) for a in amounts}
    return out


def _amounts(value: Fn, probes: tuple[State, ...], slot: int, target: int, u: int) -> set[Any]:
    """What a formula gives on the probes with `slot` at `u`."""
    out = set()
    for state in probes:
        old = state.v[slot]
        state.v[slot] = u
        try:
            out.add(value(state, target))
        except (ArithmeticError, ValueError, IndexError, TypeError):
            pass
        finally:
            state.v[slot] = old
    return out


def _apply(op: int, u: int, amount: Any) -> Any:
    if op == OP_ADD:
        return u + amount
    if op == OP_SUB:
        return u - amount
    if op == OP_MUL:
        return u * amount
    return amount if op == OP_SET else u


def _clamp(value: Any, lo: int, hi: int) -> int:
    whole = value if isinstance(value, int) else int(value + 0.5)
    return min(hi, max(lo, whole))


Write = tuple[Effect, int, tuple[Guard, ...]]


def _sources(rules: Ruleset) -> tuple[tuple[int, tuple[Write, ...]], ...]:
    """Every write of the level with its guards, grouped by where it comes from (cached)."""
    found: tuple[tuple[int, tuple[Write, ...]], ...] = _cached(
        rules, "writes", lambda: _writes(rules)
    )
    return found


def movers(rules: Ruleset, slot: int, start: int, values: Iterable[int]) -> tuple[int, ...]:
    """The actions (indices, level order) one use of which can take `slot` from `start`
    to one of `values`, as far as the static check tells (see the module docstring); -1
    first when an event or upkeep rule can too."""
    wanted = frozenset(values)
    found: tuple[int, ...] = _cached(
        rules, ("movers", slot, start, wanted), lambda: _movers(rules, slot, start, wanted)
    )
    return found


def _movers(rules: Ruleset, slot: int, start: int, wanted: frozenset[int]) -> tuple[int, ...]:
    lo, hi = rules.lo[slot], rules.hi[slot]
    if slot >= rules.layout.n_vars or hi - lo > MAX_DOMAIN or slot in _deal_slots(rules):
        return ()
    probes: tuple[State, ...] = _cached(rules, "probes", lambda: _probes(rules))
    out: list[int] = []
    for source, writes in _sources(rules):
        if source in out:
            continue
        for eff, target, guards in writes:
            if eff.slot + eff.stride * max(target, 0) != slot:
                continue
            if start not in _allowed(guards, probes, slot, target, lo, hi):
                continue
            if _results(eff, probes, slot, target, [start], lo, hi)[start] & wanted:
                out.append(source)
                break
    return tuple(sorted(out))


def _writes(rules: Ruleset) -> tuple[tuple[int, tuple[Write, ...]], ...]:
    """Every write of the level, grouped by where it comes from (an action's index, -1
    for events and upkeep rules), with its guards."""
    groups: list[tuple[int, tuple[Write, ...]]] = []
    for a in rules.actions:
        guards = tuple((r.test, True) for r in a.requires)
        if a.deal >= 0:
            d = rules.deals[a.deal]
            guards += tuple((fn, True) for fn in d.shared_checks)
        n = 1
        if a.target_kind != NO_TARGET:
            n = len(rules.factions) if a.target_kind == FACTION_TARGET else len(rules.regions)
        for t in range(n) if a.target_kind != NO_TARGET else [-1]:
            found = [
                (Effect(SET, slot, 0, OP_SUB, _const(amount)), t, guards)
                for slot, amount in a.costs
                if amount
            ]
            found += [(Effect(SET, slot, 0, OP_SUB, fn), t, guards) for slot, fn in a.cost_fns]
            for tree in (_unbroken(rules, a.effects, t), a.success, a.failure):
                found += _walk(tree, t, guards)
            groups.append((a.index, tuple(found)))
    for e in rules.events:
        guards = ((e.when, True),) if e.when is not None else ()
        groups.append((-1, tuple(_walk(e.effects, -1, guards))))
    for r in rules.upkeep:
        guards = ((r.when, True),) if r.when is not None else ()
        groups.append((-1, tuple(_walk(r.effects, -1, guards))))
    return tuple(groups)


def _unbroken(rules: Ruleset, effects: tuple[Effect, ...], target: int) -> tuple[Effect, ...]:
    """An action's effects without the breach blocks of the deals it would break (`if` on a
    deal's status). A breach happens only while its deal is in force, which the probes
    cannot see, so counting it would name e.g. ECOWAS's sanctions as able to set a
    transition the timetable deal already fixed; the deal's own answer moves are counted."""
    status = {d.status_slot for d in rules.deals}
    if not status:
        return effects
    probes: tuple[State, ...] = _cached(rules, "probes", lambda: _probes(rules))
    return tuple(
        eff
        for eff in effects
        if not (
            eff.kind == IF and eff.value is not None and _reads(eff.value, probes, target) & status
        )
    )


def _const(amount: int) -> Fn:
    return lambda state, target: amount


def _walk(effects: tuple[Effect, ...], target: int, guards: tuple[Guard, ...]) -> Iterator[Write]:
    for eff in effects:
        if eff.kind == SET:
            yield eff, target, guards
        elif eff.kind == IF and eff.value is not None:
            yield from _walk(eff.then, target, (*guards, (eff.value, True)))
            yield from _walk(eff.orelse, target, (*guards, (eff.value, False)))
        elif eff.kind == CHANCE:
            yield from _walk(eff.then, target, guards)
            yield from _walk(eff.orelse, target, guards)
