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
from collections.abc import Callable, Sequence
from operator import itemgetter
from threading import get_ident
from typing import TypeVar

from game.ai.promises import PromiseTerm
from game.ai.victory import (
    OutcomeTerm,
    Term,
    VictoryModel,
    level_model,
    proximity,
    satisfaction,
)
from game.engine import Ruleset, State, end_round
from game.engine.ruleset import WINNER_MOST_POINTS, WINNER_NONE, ObjectiveDef

T = TypeVar("T", int, float)

POSITION_LIMIT = 4096  # remembered positions per evaluator before its memo starts afresh


def drift_to_end(state: State) -> None:
    """Play `state` on to the end with every seat ending its turn at once (in place)."""
    while state.outcome < 0:
        end_round(state)


class PositionEvaluator:
    """Scores states for every faction in victory-point units (higher is better).

    `foresight` in [0, 1] is the weight of the drifted position (see the module
    docstring); 0 judges the position as it stands. With `contest`, an ending that goes
    to the most points is weighed by who would win it now (`_contested`), not by its
    bonus alone. With `doubt` > 0 (a round's chance), a rival's open promise to refrain
    counts as partly broken for the one it was given to, where breaking would pay the
    rival (`game.ai.promises`).
    """

    def __init__(
        self,
        rules: Ruleset,
        weights: Sequence[dict[int, float]] | None = None,
        foresight: float = 0.0,
        contest: bool = False,
        doubt: float = 0.0,
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
        self.promises = PromiseTerm(rules, doubt)
        reached = rules.layout.reached
        self._objectives = [
            (
                o.faction,
                self.weights[o.faction].get(o.index, 1.0) * o.points,
                o.scoring == "each_round",
                reached + o.index if o.scoring == "first_time" else -1,
                o.term,
                rules.objectives[o.index],
            )
            for o in self.model.objectives
        ]
        # a points formula is worth what it gives in the position judged, not its stake
        self._weights = [self.weights[o.faction].get(o.index, 1.0) for o in self.model.objectives]
        self._outcomes = [
            (
                o.term,
                o.instant,
                self._stakes(o),
                1.0 if o.instant or o.winner == WINNER_MOST_POINTS else 0.25,
                contest and o.instant and o.winner == WINNER_MOST_POINTS,
            )
            for o in self.model.outcomes
        ]
        self._terms = _TermValues(
            [o.term for o in self.model.objectives], [o.term for o in self.model.outcomes]
        )
        self._position = _position_key(rules, self.model, self._objectives)
        # static margins by (round, the values they read): written by any thread, but a
        # value is a function of its key alone, so every thread may use every entry
        self._memo: dict[tuple[int, tuple[int, ...]], list[float]] = {}

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
        known, near_known = self._terms.since(v)
        for k, (faction, worth, each_round, reached, term, obj) in enumerate(self._objectives):
            if reached >= 0 and v[reached]:
                continue
            if obj.value is not None:
                worth = self._weights[k] * obj.worth(state)
            times = rounds_left if each_round else 1
            sure = known[k]
            if sure < 0.0:
                sure = satisfaction(term, state)
                if term.key is not None:
                    known[k] = sure
            earned: float = points[faction]  # read-add-write: the compiled build adds unboxed
            points[faction] = earned + worth * times * sure
        pulls = [0.0] * self.n
        for k, (term, instant, stakes, factor, contested) in enumerate(self._outcomes):
            near = near_known[k]
            if near < 0.0:
                near = proximity(term, state) if instant else satisfaction(term, state)
                if term.key is not None:
                    near_known[k] = near
            if near <= 0.0:
                continue
            if contested:
                stakes = self._contested(points, stakes)
            for f in range(len(stakes)):
                pull: float = pulls[f]
                pulls[f] = pull + stakes[f] * near * factor
        for slot, lo, hi in self.model.danger:
            share = (v[slot] - lo) / (hi - lo)
            for f in range(self.n):
                pull = pulls[f]
                pulls[f] = pull - share * share
        return points, pulls

    def _contested(self, points: list[float], bonus: tuple[float, ...]) -> tuple[float, ...]:
        """What an instant most-points outcome is worth to each faction if it ended the game
        now: its bonus, and a win for the faction the prospects with the bonus put first
        (a loss for the others). Without it, bringing such an ending nearer looks as good
        to every faction its bonus favours, whoever would collect the win."""
        tally = [p + b for p, b in zip(points, bonus, strict=True)]
        top = max(range(self.n), key=lambda f: tally[f])
        w = self.win_value
        return tuple(b + (w if f == top else -w) for f, b in enumerate(bonus))

    def margins(self, state: State) -> list[float]:
        """Per faction: its prospects minus the best rival's, in victory points.

        With foresight, a blend of the margins now and after `drift_to_end`; with doubt,
        a rival's promise to refrain may count as partly broken (`PromiseTerm.doubted`).
        """
        kept = self.trusting(state)
        if self.promises.refrains and state.outcome < 0:  # the drift keeps every promise
            return self.promises.doubted(state, kept, self.as_it_stands, self.trusting)
        return kept

    def trusting(self, state: State) -> list[float]:
        """`margins` with every rival's promise to refrain taken as kept (no doubt)."""
        if state.outcome >= 0:
            return self.final(state)
        now = self.static_margins(state)
        if self.promises.active:  # a promise still to keep counts as partly broken
            now = self.promises.adjust(state, now, self.as_it_stands)
        b = self.foresight
        if b <= 0.0:
            return now
        ahead = state.clone()
        drift_to_end(ahead)
        later = self.final(ahead)
        return [(1.0 - b) * x + b * y for x, y in zip(now, later, strict=True)]

    def as_it_stands(self, state: State) -> list[float]:
        """Margins without foresight or open promises (final ones once it is over)."""
        return self.final(state) if state.outcome >= 0 else self.static_margins(state)

    def static_margins(self, state: State) -> list[float]:
        """Margins of an unfinished state as it stands, without looking ahead (a new list).

        They are remembered by the round and the values of the slots they read
        (`_position_key`): a search meets the same position, as far as the victory rules
        can tell, over and over (another sample that differs only in hidden values the
        rules do not read, the same greedy reply in another play-out).
        """
        pick = self._position
        if pick is None:
            return self._static_margins(state)
        key = (state.round, pick(state.v))
        memo = self._memo
        found = memo.get(key)
        if found is None:
            found = self._static_margins(state)
            if len(memo) >= POSITION_LIMIT:
                memo.clear()
            memo[key] = found
        return list(found)  # a copy: the caller may change its list

    def _static_margins(self, state: State) -> list[float]:
        points, pulls = self.prospects(state)
        return [points[f] - best_rival(points, f, 0.0) + pulls[f] for f in range(self.n)]

    def final(self, state: State) -> list[float]:
        """Margins at the end of a game: a win or loss dominates, points break ties."""
        lay = self.rules.layout
        pts = state.v[lay.vp : lay.vp + self.n]
        winner = state.winner
        shared_defeat = self.rules.outcomes[state.outcome].winner == WINNER_NONE
        out = []
        for f in range(self.n):
            margin = 0.1 * (pts[f] - best_rival(pts, f, 0))
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


class _TermValues:
    """The conditions' values at the last position scored, kept while the slots they
    read are unchanged: the moves of one decision, tried from the same sample, each
    change a few values and touch a few conditions, so the rest are not looked up again.

    A condition whose read slots are known (`Term.reads`) is a function of those
    values alone (what `game.ai.victory`'s memo relies on), so a kept value is the one
    it would compute. The others (-1: unknown) are computed by the caller and stored.
    """

    def __init__(self, objectives: Sequence[Term], outcomes: Sequence[Term]) -> None:
        watched = sorted({s for t in (*objectives, *outcomes) if t.reads for s in t.reads})
        self.watched = watched
        self.objectives: list[list[int]] = [[] for _ in watched]
        self.outcomes: list[list[int]] = [[] for _ in watched]
        at = {slot: pos for pos, slot in enumerate(watched)}
        for into, terms in ((self.objectives, objectives), (self.outcomes, outcomes)):
            for k, t in enumerate(terms):
                for slot in t.reads or ():
                    into[at[slot]].append(k)
        self.sizes = (len(objectives), len(outcomes))
        self.pick = _picker(watched)
        # (thread, watched values, objectives' values, outcomes' values): replaced as a
        # whole, and written only by its own thread, so a seat's background search and
        # the window's thread never see each other's values
        self.kept: tuple[int, tuple[int, ...], list[float], list[float]] = (-1, (), [], [])

    def since(self, v: list[int]) -> tuple[list[float], list[float]]:
        """The kept values for a position with slot values `v` (-1 where unknown): those of
        conditions that read a slot that changed since the last position are forgotten."""
        snap: tuple[int, ...] = self.pick(v)
        me = get_ident()
        owner, old, known, near_known = self.kept
        if owner != me:
            known, near_known = [-1.0] * self.sizes[0], [-1.0] * self.sizes[1]
        elif snap != old:  # one comparison of the whole snapshot, then the slots that changed
            for pos in range(len(snap)):
                if snap[pos] != old[pos]:
                    for k in self.objectives[pos]:
                        known[k] = -1.0
                    for k in self.outcomes[pos]:
                        near_known[k] = -1.0
        self.kept = (me, snap, known, near_known)
        return known, near_known


def _position_key(
    rules: Ruleset,
    model: VictoryModel,
    objectives: Sequence[tuple[int, float, bool, int, Term, ObjectiveDef]],
) -> Callable[[list[int]], tuple[int, ...]] | None:
    """The values `PositionEvaluator.prospects` reads besides the round, as a function of
    a state's values (None when it reads more: a condition that reads the clock or
    slots not listed, or an objective whose points are a formula).

    They are the slots every condition reads, the victory points, the flags of objectives
    banked the first time and the danger tracks; the rest of `prospects` is fixed by the
    evaluator (weights, stakes), so equal keys give equal prospects.
    """
    terms = [o.term for o in model.objectives] + [o.term for o in model.outcomes]
    if any(t.reads is None for t in terms) or any(o[5].value is not None for o in objectives):
        return None
    lay = rules.layout
    slots: set[int] = {s for t in terms for s in t.reads or ()}
    slots.update(range(lay.vp, lay.vp + len(rules.factions)))
    slots.update(o[3] for o in objectives if o[3] >= 0)
    slots.update(slot for slot, _, _ in model.danger)
    return _picker(sorted(slots))


def _picker(slots: Sequence[int]) -> Callable[[list[int]], tuple[int, ...]]:
    """A function from a state's values to those of `slots`, as a tuple (one C call)."""
    if len(slots) >= 2:
        pick: Callable[[list[int]], tuple[int, ...]] = itemgetter(*slots)
        return pick
    if slots:
        only = slots[0]
        return lambda v: (v[only],)
    return lambda v: ()


def best_rival(values: Sequence[T], f: int, default: T) -> T:
    """The largest of `values` other than f's (the first such one on a tie, as `max`
    gives it), or `default` when f has no rival; a loop rather than `max` over a
    generator, which costs more than the comparisons on this hot path."""
    found = False
    best = default
    for g in range(len(values)):
        if g == f:
            continue
        x = values[g]
        if not found or x > best:
            best = x
            found = True
    return best


def sigmoid(x: float) -> float:
    """The logistic function, saturated beyond ±30."""
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))
