"""What a seat can tell about a condition from its view alone.

A condition (an objective's or an outcome's `when`) is a pure function of the state.
`judge` evaluates it on states built from a `PlayerView`, following which slots each
evaluation actually reads: if no evaluation reads a value hidden from the seat, the
answer is exact; otherwise every combination of the hidden values it reads is tried
(up to `MAX_COMBOS`), so the answer is the exact set of possible results. Nothing
here looks at the true state, so two states with the same view give the same answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mypy_extensions import mypyc_attr

from game.engine.ruleset import Ruleset
from game.engine.state import State
from game.engine.view import PlayerView

Cond = Callable[[Any, int], Any]
MAX_COMBOS = 4096  # hidden-value combinations tried per condition before answering "unknown"
MAX_REACH = 40  # how far one value is moved when looking for the nearest change that flips


@mypyc_attr(native_class=False)  # mypyc cannot compile a list subclass natively
class _Reads(list[int]):
    """A list of slot values that remembers which slots were read."""

    __slots__ = ("seen",)

    def __init__(self, values: Iterable[int]) -> None:
        super().__init__(values)
        self.seen: set[int] = set()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            self.seen.update(range(*key.indices(len(self))))
        else:
            self.seen.add(key if key >= 0 else key + len(self))
        return super().__getitem__(key)


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a seat can tell about one condition.

    `results` is the set of values the condition can take given the view ({True},
    {False} or both); `reads` the slots it was seen to read; `hidden` those of them
    hidden from the seat.
    """

    results: frozenset[bool]
    reads: tuple[int, ...]
    hidden: tuple[int, ...]

    @property
    def known(self) -> bool | None:
        """True or False when the view decides it, None when hidden values decide it."""
        return next(iter(self.results)) if len(self.results) == 1 else None


def probe_state(view: PlayerView) -> State:
    """A state with the view's visible values and each hidden value at its range's low end."""
    rules = view.rules
    state = State(rules, 0)
    state.v = [
        value if value is not None else view.ranges[slot][0]
        for slot, value in enumerate(view.values)
    ]
    state.round = view.round
    state.turn = view.turn
    state.ap = view.ap
    state.outcome = view.outcome
    state.winner = view.winner
    return state


def holds(cond: Cond, state: State) -> bool:
    """The condition's truth on `state` (a failing expression counts as false)."""
    try:
        return bool(cond(state, -1))
    except (ArithmeticError, ValueError, IndexError):
        return False


def _traced(probe: Callable[[State], Any], state: State) -> tuple[Any, set[int]]:
    plain = state.v
    tracked = _Reads(plain)
    state.v = tracked
    try:
        result = probe(state)
    finally:
        state.v = plain
    return result, tracked.seen


def _explore(
    probe: Callable[[State], Any], view: PlayerView, base: State | None
) -> tuple[set[Any] | None, set[int], list[int]]:
    """(every result `probe` can give for the seat of `view` — None if too many hidden
    combinations decide it —, the slots it was seen to read, the hidden ones among them)."""
    state = (base or probe_state(view)).clone()
    ranges = view.ranges
    deps: list[int] = []
    seen: set[int] = set()
    while True:
        spans = [range(ranges[s][0], ranges[s][1] + 1) for s in deps]
        count = 1
        for span in spans:
            count *= len(span)
        if count > MAX_COMBOS:
            return None, seen, deps
        results: set[Any] = set()
        found: set[int] = set()
        for combo in itertools.product(*spans):
            for slot, value in zip(deps, combo, strict=True):
                state.v[slot] = value
            result, reads = _traced(probe, state)
            results.add(result)
            seen |= reads
            found |= {s for s in reads if s in ranges and s not in deps}
        if not found:
            return results, seen, sorted(deps)
        deps.extend(sorted(found))


def judge(cond: Cond, view: PlayerView, base: State | None = None) -> Judgement:
    """Every result `cond` can have for the seat of `view` (see the module docstring)."""
    results, seen, deps = _explore(lambda state: holds(cond, state), view, base)
    found = frozenset((True, False)) if results is None else frozenset(results)
    return Judgement(found, tuple(sorted(seen)), tuple(deps))


def value_span(
    value: Callable[[State], int], view: PlayerView, base: State | None, widest: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, ...]]:
    """((lowest, highest) a whole-number formula can be for the seat of `view`, the slots
    it reads); `widest` when too many hidden values decide it."""
    results, seen, _ = _explore(value, view, base)
    found = widest if not results else (min(results), max(results))
    return found, tuple(sorted(seen))


@dataclass(frozen=True, slots=True)
class Nearest:
    """The smallest change of one visible value that flips a condition."""

    slot: int
    now: int
    then: int
    until: int = -1  # where a band of flipping values from `then` ends (-1: no end near)

    @property
    def steps(self) -> int:
        """How many points the value must move."""
        return abs(self.then - self.now)


def nearest_flip(cond: Cond, state: State, slots: Iterable[int]) -> Nearest | None:
    """The nearest single-value change among `slots` that flips `cond` on `state`, or None."""
    rules = state.rules
    now = holds(cond, state)
    best: Nearest | None = None
    for slot in slots:
        old = state.v[slot]
        lo, hi = _bounds(rules, slot)
        for direction in (1, -1):
            for k in range(1, MAX_REACH + 1):
                value = old + direction * k
                if not lo <= value <= hi or (best is not None and k >= best.steps):
                    break
                state.v[slot] = value
                flipped = holds(cond, state) != now
                state.v[slot] = old
                if flipped:
                    best = Nearest(slot, old, value, _run_end(cond, state, slot, value, direction))
                    break
    return best


def _run_end(cond: Cond, state: State, slot: int, start: int, direction: int) -> int:
    """The last value from `start` on, moving in `direction`, for which `cond` still gives
    what it gives at `start`, when it gives otherwise further on (the band a 'needs 1–12'
    hint names); -1 when it holds up to the bound or beyond the reach looked at."""
    lo, hi = _bounds(state.rules, slot)
    old = state.v[slot]
    state.v[slot] = start
    want = holds(cond, state)
    end = -1
    for k in range(1, MAX_REACH + 1):
        value = start + direction * k
        if not lo <= value <= hi:
            break
        state.v[slot] = value
        if holds(cond, state) != want:
            end = value - direction
            break
    state.v[slot] = old
    return end


def _bounds(rules: Ruleset, slot: int) -> tuple[int, int]:
    if slot < rules.layout.n_vars:
        return rules.lo[slot], rules.hi[slot]
    return max(rules.lo[slot], 0), min(rules.hi[slot], 1000)


def slot_name(rules: Ruleset, slot: int) -> str:
    """A player's name for a slot: a variable's name, or what an internal counter counts."""
    lay = rules.layout
    if slot < lay.n_vars:
        var = rules.vars[slot]
        if var.owner >= 0:
            return f"{var.name} ({rules.factions[var.owner].short})"
        if var.region >= 0 and rules.regions[var.region].name not in var.name:
            who = f" ({rules.factions[var.per_faction].short})" if var.per_faction >= 0 else ""
            return f"{rules.regions[var.region].name} {var.name.lower()}{who}"
        return var.name
    n_actions, n_events, n_factions = len(rules.actions), len(rules.events), len(rules.factions)
    counters: tuple[tuple[int, int, Callable[[int], str]], ...] = (
        (lay.used, n_actions, lambda i: f"times '{rules.actions[i].name}' was used"),
        (lay.last, n_actions, lambda i: f"when '{rules.actions[i].name}' was last used"),
        (lay.this_round, n_actions, lambda i: f"'{rules.actions[i].name}' this round"),
        (lay.fired, n_events, lambda i: f"times '{rules.events[i].name}' happened"),
        (lay.fired_last, n_events, lambda i: f"when '{rules.events[i].name}' last happened"),
        (lay.vp, n_factions, lambda i: f"{rules.factions[i].short} points"),
        (lay.reached, len(rules.objectives), lambda i: f"'{rules.objectives[i].name}' reached"),
    )
    for base, count, name in counters:
        if base <= slot < base + count:
            return name(slot - base)
    return f"value {slot}"
