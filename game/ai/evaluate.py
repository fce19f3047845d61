"""Position evaluation derived only from a level's declared victory rules.

Every faction's prospects are scored in victory points: points earned so far,
plus each objective weighted by how close its condition is to holding (a met
condition counts fully, an unmet one by how many steps a single value is away
from meeting it), plus the outcomes that name a winner or end in shared defeat,
weighted by how close they are. The faction's `doctrine` re-weights its own
objectives. No faction- or level-specific code: the conditions are probed as
black boxes, so any level gets a sensible evaluation.

With `foresight` > 0 a position is also judged by where it drifts: the state is
played on to the end with every seat ending its turn at once, so only the
level's own upkeep, clocks and events act (on a sampled state, with sampled
dice). A talks window about to close, a treasury draining each week or a tension
track that creeps toward war then weigh on the position now, long before a
search could see them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from game.engine import Ruleset, State, end_round, legal_actions, new_game, step
from game.engine.ruleset import WINNER_MOST_POINTS, WINNER_NONE

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
    """The slots whose value was seen to change the condition's truth."""
    found: list[tuple[int, int, int, int]] = []
    for slot in range(rules.layout.size):
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
    return Term(when, tuple(found), _memo_key(reads))


@dataclass(frozen=True, slots=True)
class Model:
    """The victory rules of a level, probed once and shared by every agent."""

    objectives: tuple[ObjectiveTerm, ...]
    outcomes: tuple[OutcomeTerm, ...]  # those that decide a winner or award points
    conditions: tuple[OutcomeTerm, ...]  # every outcome with a condition, in level order
    danger: tuple[tuple[int, int, int], ...]  # (slot, lo, hi) of tracks flagged danger
    scale: float  # typical victory points at stake per faction


_MODELS: dict[tuple[str, str], Model] = {}


def level_model(rules: Ruleset) -> Model:
    """The probed victory model of `rules` (built once per level and cached)."""
    key = (rules.level_id, rules.fingerprint)
    model = _MODELS.get(key)
    if model is None:
        model = _build_model(rules)
        if len(_MODELS) > 16:
            _MODELS.clear()
        _MODELS[key] = model
    return model


def _build_model(rules: Ruleset) -> Model:
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
    return Model(objectives, outcomes, conditions, danger, scale)


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


def drift_to_end(state: State) -> None:
    """Play `state` on to the end with every seat ending its turn at once (in place)."""
    while state.outcome < 0:
        end_round(state)


class Evaluator:
    """Scores states for every faction in victory-point units (higher is better).

    `foresight` in [0, 1] is the weight of the drifted position (see the module
    docstring); 0 judges the position as it stands.
    """

    def __init__(
        self,
        rules: Ruleset,
        weights: Sequence[dict[int, float]] | None = None,
        foresight: float = 0.0,
    ) -> None:
        if not 0.0 <= foresight <= 1.0:
            raise ValueError(f"foresight must be within [0, 1], not {foresight}")
        self.rules = rules
        self.foresight = foresight
        self.model = level_model(rules)
        n = len(rules.factions)
        if weights is None:
            weights = [dict(f.doctrine) for f in rules.factions]
        self.weights = [dict(w) for w in weights]
        self.n = n
        self.win_value = 2.0 * self.model.scale
        self.temperature = max(1.0, self.model.scale / 2.0)
        reached = rules.layout.reached
        self._objectives = [
            (
                o.faction,
                self.weights[o.faction].get(o.index, 1.0) * o.points,
                o.scoring == "each_round",
                reached + o.index if o.scoring == "first_time" else -1,
                o.term,
            )
            for o in self.model.objectives
        ]
        self._outcomes = [
            (
                o.term,
                o.instant,
                self._stakes(o),
                1.0 if o.instant or o.winner == WINNER_MOST_POINTS else 0.25,
            )
            for o in self.model.outcomes
        ]

    def _stakes(self, out: OutcomeTerm) -> tuple[float, ...]:
        """What an outcome is worth to each faction, before weighing how near it is."""
        if out.winner == WINNER_MOST_POINTS:
            return tuple(float(p) for p in out.points)
        return tuple(
            (1.0 if out.winner == f else -1.0) * self.win_value + out.points[f]
            for f in range(self.n)
        )

    def prospects(self, state: State) -> tuple[list[float], list[float]]:
        """(points, pulls) per faction.

        `points[f]`: victory points earned plus f's objectives, each weighted by how
        surely it holds (and by f's doctrine); `pulls[f]`: the value to f of nearby
        decisive outcomes (a win, a loss, shared defeat, bonus points) and of danger tracks.
        """
        rules = self.rules
        v = state.v
        vp = rules.layout.vp
        points = [float(x) for x in v[vp : vp + self.n]]
        rounds_left = max(0, rules.rounds - state.round + 1)
        for faction, worth, each_round, reached, term in self._objectives:
            if reached >= 0 and v[reached]:
                continue
            times = rounds_left if each_round else 1
            points[faction] += worth * times * satisfaction(term, state)
        pulls = [0.0] * self.n
        for term, instant, stakes, factor in self._outcomes:
            near = proximity(term, state) if instant else satisfaction(term, state)
            if near <= 0.0:
                continue
            for f, stake in enumerate(stakes):
                pulls[f] += stake * near * factor
        for slot, lo, hi in self.model.danger:
            share = (v[slot] - lo) / (hi - lo)
            for f in range(self.n):
                pulls[f] -= share * share
        return points, pulls

    def margins(self, state: State) -> list[float]:
        """Per faction: its prospects minus the best rival's, in victory points.

        With foresight, a blend of the margins now and after `drift_to_end`.
        """
        if state.outcome >= 0:
            return self.final(state)
        now = self.static_margins(state)
        b = self.foresight
        if b <= 0.0:
            return now
        ahead = state.clone()
        drift_to_end(ahead)
        later = self.final(ahead)
        return [(1.0 - b) * x + b * y for x, y in zip(now, later, strict=True)]

    def static_margins(self, state: State) -> list[float]:
        """Margins of an unfinished state as it stands, without looking ahead."""
        points, pulls = self.prospects(state)
        out = []
        for f in range(self.n):
            rival = max((p for g, p in enumerate(points) if g != f), default=0.0)
            out.append(points[f] - rival + pulls[f])
        return out

    def final(self, state: State) -> list[float]:
        """Margins at the end of a game: a win or loss dominates, points break ties."""
        lay = self.rules.layout
        pts = state.v[lay.vp : lay.vp + self.n]
        winner = state.winner
        shared_defeat = self.rules.outcomes[state.outcome].winner == WINNER_NONE
        out = []
        for f in range(self.n):
            rival = max((p for g, p in enumerate(pts) if g != f), default=0)
            margin = 0.1 * (pts[f] - rival)
            if winner == f:
                out.append(self.win_value + margin)
            elif winner >= 0:
                out.append(-self.win_value + margin)
            elif shared_defeat:
                out.append(-1.2 * self.win_value + margin)
            else:
                out.append(margin)
        return out

    def values(self, state: State) -> list[float]:
        """Per faction, the margin squashed into (0, 1) (1 = a sure win)."""
        t = self.temperature
        return [sigmoid(m / t) for m in self.margins(state)]


def sigmoid(x: float) -> float:
    """The logistic function, saturated beyond ±30."""
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))
