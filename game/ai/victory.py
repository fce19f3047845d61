"""A level's victory rules as the AI reads them: each condition probed once as a black
box — which values it reads, how far each is from flipping it — and cached per level.

`satisfaction` (how surely a condition holds) and `proximity` (how near it is to
holding) turn a state into numbers between 0 and 1 without any level-specific code;
`game.ai.evaluate.PositionEvaluator` weighs them into victory-point scores.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from game.engine import Ruleset, State, legal_actions, new_game, step
from game.engine.ruleset import WINNER_MOST_POINTS

Cond = Callable[[Any, int], Any]

SEARCH_STEPS = 4  # how many steps away from flipping a condition is still "near"
COUNTER_SPAN = 8  # assumed span of uncapped counters (uses, fired events, points)
PROBE_GAMES = 3
PROBE_DEPTH = 40


CACHE_LIMIT = 4096  # remembered values per condition before its memo starts afresh (bounds memory)


@dataclass(frozen=True, slots=True)
class Term:
    """One black-box condition of the level, with the slots it was seen to depend on.

    When the level says which slots the condition reads (`reads`), its satisfaction
    and proximity are functions of those values alone and are remembered by them:
    a search probes the same few values over and over.
    """

    when: Cond
    slots: tuple[tuple[int, int, int, int], ...]  # (slot, step, lo, hi)
    key: Callable[[list[int]], Any] | None = None  # the values read, as a memo key
    reads: tuple[int, ...] | None = None  # the slots read (None: it reads more than slots)
    memo: dict[Any, float] = field(default_factory=dict, compare=False, repr=False)
    near_memo: dict[Any, float] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ObjectiveTerm:
    """An objective: whose it is, its points, how it scores and its condition."""

    index: int
    faction: int
    points: int
    scoring: str
    term: Term


@dataclass(frozen=True, slots=True)
class OutcomeTerm:
    """A way to end the game that decides a winner (or shared defeat) by itself."""

    index: int
    winner: int  # faction index or WINNER_NONE
    instant: bool
    points: tuple[int, ...]
    term: Term


def _holds(when: Cond, state: State) -> bool:
    try:
        return bool(when(state, -1))
    except (ArithmeticError, ValueError, IndexError):
        return False


def _probe_states(rules: Ruleset) -> list[State]:
    """A few reachable states (random play from fixed seeds), to probe conditions on."""
    rng = random.Random(20230726)
    states: list[State] = []
    for game in range(PROBE_GAMES):
        state = new_game(rules, 1000 + game)
        states.append(state.clone())
        for depth in range(PROBE_DEPTH):
            moves = legal_actions(state)
            if not moves:
                break
            step(state, moves[rng.randrange(len(moves))])
            if depth % 10 == 9:
                states.append(state.clone())
    return states


def _slot_span(rules: Ruleset, slot: int) -> tuple[int, int, int]:
    """(step, lo, hi) used to move a slot when measuring distances."""
    lo, hi = rules.lo[slot], rules.hi[slot]
    if slot >= rules.layout.n_vars:
        return 1, max(lo, -COUNTER_SPAN), min(hi, 10 * COUNTER_SPAN)
    return max(1, -(-(hi - lo) // 10)), lo, hi


def _memo_key(reads: tuple[int, ...] | None) -> Callable[[list[int]], Any] | None:
    """A function from a state's values to the ones a condition reads (None: not memoisable)."""
    if reads is None:
        return None
    if not reads:
        return lambda v: ()
    return itemgetter(*reads)


def _dependencies(
    rules: Ruleset, when: Cond, probes: Sequence[State], reads: tuple[int, ...] | None = None
) -> Term:
    """The slots whose value was seen to change the condition's truth.

    When the level says which slots the condition reads (`reads`, sorted), only those
    are probed: no other slot can change it (the memo relies on the same fact)."""
    found: list[tuple[int, int, int, int]] = []
    candidates = range(rules.layout.size) if reads is None else reads
    for slot in candidates:
        step_size, lo, hi = _slot_span(rules, slot)
        tries = {lo, hi, (lo + hi) // 2, lo + step_size, hi - step_size}
        hit = False
        for probe in probes:
            base = _holds(when, probe)
            old = probe.v[slot]
            for value in tries | {old + 1, old - 1}:
                if not lo <= value <= hi or value == old:
                    continue
                probe.v[slot] = value
                changed = _holds(when, probe) != base
                probe.v[slot] = old
                if changed:
                    hit = True
                    break
            if hit:
                break
        if hit:
            found.append((slot, step_size, lo, hi))
    return Term(when, tuple(found), _memo_key(reads), reads)


@dataclass(frozen=True, slots=True)
class VictoryModel:
    """The victory rules of a level, probed once and shared by every agent."""

    objectives: tuple[ObjectiveTerm, ...]
    outcomes: tuple[OutcomeTerm, ...]  # those that decide a winner or award points
    conditions: tuple[OutcomeTerm, ...]  # every outcome with a condition, in level order
    danger: tuple[tuple[int, int, int], ...]  # (slot, lo, hi) of tracks flagged danger
    scale: float  # typical victory points at stake per faction


_MODELS: dict[tuple[str, str], VictoryModel] = {}


def level_model(rules: Ruleset) -> VictoryModel:
    """The probed victory model of `rules` (built once per level and cached)."""
    key = (rules.level_id, rules.fingerprint)
    model = _MODELS.get(key)
    if model is None:
        model = _build_model(rules)
        if len(_MODELS) > 16:
            _MODELS.clear()
        _MODELS[key] = model
    return model


def _build_model(rules: Ruleset) -> VictoryModel:
    probes = _probe_states(rules)
    objectives = tuple(
        ObjectiveTerm(
            o.index, o.faction, o.points, o.scoring, _dependencies(rules, o.when, probes, o.reads)
        )
        for o in rules.objectives
    )
    conditions = tuple(
        OutcomeTerm(
            o.index, o.winner, o.instant, o.points, _dependencies(rules, o.when, probes, o.reads)
        )
        for o in rules.outcomes
        if o.when is not None
    )
    outcomes = tuple(o for o in conditions if o.winner != WINNER_MOST_POINTS or any(o.points))
    danger = tuple(
        (v.index, v.lo, v.hi) for v in rules.vars[: rules.layout.n_vars] if v.danger and v.hi > v.lo
    )
    stakes = [0.0] * len(rules.factions)
    for o in rules.objectives:
        times = rules.rounds if o.scoring == "each_round" else 1
        stakes[o.faction] += abs(o.points) * times
    scale = max(1.0, sum(stakes) / max(1, len(stakes)))
    return VictoryModel(objectives, outcomes, conditions, danger, scale)


def distance(term: Term, state: State, holds: bool) -> int:
    """Fewest steps of one value that flip the condition (SEARCH_STEPS + 1 if none near)."""
    v = state.v
    best = SEARCH_STEPS + 1
    for slot, step_size, lo, hi in term.slots:
        old = v[slot]
        for direction in (step_size, -step_size):
            value = old
            for k in range(1, min(best, SEARCH_STEPS + 1)):
                value += direction
                if value > hi:
                    value = hi
                elif value < lo:
                    value = lo
                if value == old:
                    break
                v[slot] = value
                flipped = _holds(term.when, state) != holds
                if flipped:
                    best = k
                    break
                if value in (lo, hi):
                    break
            v[slot] = old
        if best == 1:
            break
    return best


def _remembered(
    term: Term, state: State, memo: dict[Any, float], compute: Callable[[Term, State], float]
) -> float:
    """`compute(term, state)`, looked up in `memo` by the values the condition reads."""
    key = term.key
    if key is None:
        return compute(term, state)
    values = key(state.v)
    found = memo.get(values)
    if found is None:
        if len(memo) >= CACHE_LIMIT:
            memo.clear()
        found = memo[values] = compute(term, state)
    return found


def satisfaction(term: Term, state: State) -> float:
    """How surely a condition holds, in [0, 1]: 1 - 1/(2(1+d)) when met, 1/(2(1+d)) when not."""
    return _remembered(term, state, term.memo, _satisfaction)


def _satisfaction(term: Term, state: State) -> float:
    holds = _holds(term.when, state)
    d = distance(term, state, holds)
    near = 0.5 / (1 + d)
    return 1.0 - near if holds else near


def proximity(term: Term, state: State) -> float:
    """How close an instant outcome is to happening, in [0, 1] (1 = it holds)."""
    return _remembered(term, state, term.near_memo, _closeness)


def _closeness(term: Term, state: State) -> float:
    holds = _holds(term.when, state)
    if holds:
        return 1.0
    d = distance(term, state, holds)
    return 0.5 / (1 + d) ** 2
