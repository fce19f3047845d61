"""Shared by the PettingZoo and OpenSpiel adapters: moves as integers, views as vectors,
final returns, and the bound on game length.

Everything here works for any level. Observations are built from a `PlayerView`
only, so they carry exactly what a human in that seat knows: public values, the
seat's own private values, and for other factions' private values only the
(low, high) range the view reveals, never the value itself. Counters of other
factions' covert actions are left out as well (a covert move is hidden from the
log, so its use count must not leak through the vector either).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from game.engine import Action, PlayerView, Ruleset, State, legal_actions
from game.engine.ruleset import WINNER_NONE

FloatArray = npt.NDArray[np.float32]
MaskArray = npt.NDArray[np.int8]

AP_SCALE = 20.0  # the schema caps fixed action points at 20; larger values saturate
UNBOUNDED_USES_PER_ROUND = 20  # adapter cap for actions the level leaves unlimited
WIN, LOSS, DRAW = 1.0, -1.0, 0.0


def final_returns(state: State) -> list[float]:
    """Each faction's return at the end of a game (all zeros before the end).

    The winner gets +1 and every other faction -1. An outcome whose winner is
    `none` ("everyone loses", e.g. regional war) gives -1 to everyone. When the
    victory points decide and the lead is shared, the tied leaders get 0 and the
    others -1.
    """
    rules = state.rules
    n = len(rules.factions)
    if state.outcome < 0:
        return [0.0] * n
    if state.winner >= 0:
        return [WIN if i == state.winner else LOSS for i in range(n)]
    if rules.outcomes[state.outcome].winner == WINNER_NONE:
        return [LOSS] * n
    lay = rules.layout
    vp = state.v[lay.vp : lay.vp + n]
    best = max(vp)
    return [DRAW if p == best else LOSS for p in vp]


def uses_per_round_bound(rules: Ruleset) -> tuple[int, ...]:
    """How often each action can be used in one round under the adapters.

    The level's `per_round` limit; actions the level leaves unlimited are capped at
    `UNBOUNDED_USES_PER_ROUND` uses per round so that every game has a finite length
    (OpenSpiel needs a maximum game length, RL loops need termination).
    """
    return tuple(
        1 if a.once else a.per_round if a.per_round > 0 else UNBOUNDED_USES_PER_ROUND
        for a in rules.actions
    )


def max_game_length(rules: Ruleset) -> int:
    """An upper bound on the number of moves (end-turn moves included) in one game."""
    return rules.rounds * (len(rules.order) + sum(uses_per_round_bound(rules)))


class MoveCodec:
    """The level's fixed enumeration of moves: index 0 is PASS, then every (action,
    target) pair in definition order (`Ruleset.action_space`), and which of them are
    legal now."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.size = len(rules.action_space)
        self._index: dict[Action, int] = rules.extra["action_index"]
        self._unbounded = frozenset(
            a.index for a in rules.actions if not a.once and a.per_round <= 0
        )

    def action(self, index: int) -> Action:
        """The move with this index; raises ValueError for an index outside the space."""
        if not 0 <= index < self.size:
            raise ValueError(f"move index {index} is outside 0..{self.size - 1}")
        return self.rules.action_space[index]

    def index(self, action: Action) -> int:
        """The index of a move; raises KeyError for a move the level does not have."""
        return self._index[action]

    def label(self, index: int) -> str:
        """Human label of a move index ('Agitate → Capital', 'End turn')."""
        return self.rules.action_label(self.action(index))

    def legal_indices(self, state: State) -> list[int]:
        """Sorted move indices legal for the acting faction (empty once the game is over).

        Same as `legal_actions`, except that an action the level leaves unlimited per
        round is withheld after `UNBOUNDED_USES_PER_ROUND` uses in that round.
        """
        index = self._index
        moves = legal_actions(state)
        if self._unbounded:
            unbounded = self._unbounded
            used = self.rules.layout.this_round
            v = state.v
            moves = [
                m
                for m in moves
                if m.action not in unbounded or v[used + m.action] < UNBOUNDED_USES_PER_ROUND
            ]
        return [index[m] for m in moves]

    def mask(self, state: State, faction: int) -> MaskArray:
        """int8 mask over the move space: 1 where `faction` may play now (all 0 when it
        is not that faction's turn or the game is over)."""
        mask = np.zeros(self.size, dtype=np.int8)
        if state.outcome < 0 and self.rules.order[state.turn] == faction:
            mask[self.legal_indices(state)] = 1
        return mask


class ObservationEncoder:
    """Turns a `PlayerView` into a flat float32 vector with every entry in [0, 1].

    Layout (see `feature_names`): game progress, action points, game-over flag,
    one-hots of the observer, the acting faction and the turn slot; then for every
    declared value its known (low, high), normalised by the value's bounds; then per
    action its uses, rounds since last use and uses this round (zero for other
    factions' covert actions); per event its firings and rounds since it last fired;
    victory points per faction; objectives reached; and one-hots of the outcome and
    winner once the game is over.
    """

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        lay = rules.layout
        n_f, n_v, n_obj = len(rules.factions), lay.n_vars, len(rules.objectives)
        self._var_scale = [1.0 / (v.hi - v.lo) if v.hi > v.lo else 0.0 for v in rules.vars]
        names: list[str] = ["progress", "action_points", "game_over"]
        names += [f"observer.{f.id}" for f in rules.factions]
        names += [f"acting.{f.id}" for f in rules.factions]
        names += [f"turn.{t}" for t in range(len(rules.order))]
        self._observer_at = 3
        self._acting_at = 3 + n_f
        self._turn_at = 3 + 2 * n_f
        self._vars_at = len(names)
        for var in rules.vars:
            names += [f"{var.key}.low", f"{var.key}.high"]
        self._affine_at = self._vars_at + 2 * n_v
        for a in rules.actions:
            names += [f"actions.{a.id}.used", f"actions.{a.id}.since", f"actions.{a.id}.round"]
        for e in rules.events:
            names += [f"events.{e.id}.fired", f"events.{e.id}.since"]
        names += [f"score.{f.id}" for f in rules.factions]
        names += [f"objective.{o.id}.reached" for o in rules.objectives]
        self._outcome_at = len(names)
        names += [f"outcome.{o.id}" for o in rules.outcomes]
        self._winner_at = len(names)
        names += [f"winner.{f.id}" for f in rules.factions]
        self.feature_names: tuple[str, ...] = tuple(names)
        self.size = len(names)

        # The affine part: feature = (x[g1] - sub) * m1 + x[g2] * m2, clipped to [0, 1],
        # where x = the view's values (hidden ones at the low end of their range) and the
        # round. Written as differences of ordered numbers so it stays >= 0. The high
        # end of a hidden value's range is patched in afterwards.
        x_round = lay.size
        rounds = float(max(1, rules.rounds))
        g1: list[int] = []
        g2: list[int] = []
        sub: list[float] = []
        m1: list[float] = []
        m2: list[float] = []
        covert: list[list[int]] = [[] for _ in rules.factions]

        def feature(i1: int, k1: float, s: float = 0.0, i2: int = 0, k2: float = 0.0) -> int:
            g1.append(i1)
            sub.append(s)
            m1.append(k1)
            g2.append(i2)
            m2.append(k2)
            return len(g1) - 1

        for var in rules.vars:
            span = float(var.hi - var.lo)
            k = 1.0 / span if span > 0 else 0.0
            feature(var.index, k, var.lo)
            feature(var.index, k, var.lo)
        bounds = uses_per_round_bound(rules)
        for a in rules.actions:
            at = [
                feature(lay.used + a.index, 1.0 / rounds / max(1, bounds[a.index])),
                # rounds since last use: (round - last) / rounds; never used (-1000) -> 1
                feature(x_round, 1.0 / rounds, 0.0, lay.last + a.index, -1.0 / rounds),
                feature(lay.this_round + a.index, 1.0 / max(1, bounds[a.index])),
            ]
            if a.covert:
                for f in range(n_f):
                    if f != a.faction:
                        covert[f].extend(at)
        for e in rules.events:
            feature(lay.fired + e.index, 1.0 / rounds)
            feature(x_round, 1.0 / rounds, 0.0, lay.fired_last + e.index, -1.0 / rounds)
        scale = _points_scale(rules)
        for f in range(n_f):
            feature(lay.vp + f, 0.5 / scale, -scale)
        for o in range(n_obj):
            feature(lay.reached + o, 1.0)
        self._g1 = np.array(g1, dtype=np.intp)
        self._g2 = np.array(g2, dtype=np.intp)
        self._sub = np.array(sub, dtype=np.float64)
        # Per observer: multipliers that zero the counters of others' covert actions.
        self._m1: list[npt.NDArray[np.float64]] = []
        self._m2: list[npt.NDArray[np.float64]] = []
        for f in range(n_f):
            m1_f = np.array(m1, dtype=np.float64)
            m2_f = np.array(m2, dtype=np.float64)
            m1_f[covert[f]] = 0.0
            m2_f[covert[f]] = 0.0
            self._m1.append(m1_f)
            self._m2.append(m2_f)
        self._feats_end = self._vars_at + len(g1)
        self._ap_scale = AP_SCALE

    def encode(self, view: PlayerView) -> FloatArray:
        """The observation vector of `view` (float32, length `size`, entries in [0, 1])."""
        rules = self.rules
        out = np.zeros(self.size, dtype=np.float32)
        rounds = rules.rounds
        out[0] = (view.round - 1) / (rounds - 1) if rounds > 1 else 0.0
        out[1] = min(view.ap, self._ap_scale) / self._ap_scale
        f = view.faction
        if view.outcome >= 0:
            ones = [2, self._observer_at + f, self._outcome_at + view.outcome]
            if view.winner >= 0:
                ones.append(self._winner_at + view.winner)
        else:
            ones = [self._observer_at + f, self._acting_at + view.active, self._turn_at + view.turn]
        out[ones] = 1.0
        x = list(view.values)
        ranges = view.ranges
        for slot, (lo, _hi) in ranges.items():
            x[slot] = lo  # covert-action counters (slots past the values) are masked below
        x.append(view.round)
        xa = np.array(x, dtype=np.int64)
        feats = xa[self._g1] - self._sub
        feats *= self._m1[f]
        feats += xa[self._g2] * self._m2[f]
        if ranges:
            lows = self.rules.lo
            n_vars = self.rules.layout.n_vars
            for slot, (_lo, hi) in ranges.items():
                if slot < n_vars:
                    feats[2 * slot + 1] = (hi - lows[slot]) * self._var_scale[slot]
        np.minimum(feats, 1.0, out=feats)  # only "rounds since" can exceed 1; none is < 0
        out[self._vars_at : self._feats_end] = feats
        return out

    def describe(self, vector: FloatArray) -> dict[str, float]:
        """Feature name → value, for debugging an observation."""
        return {name: float(v) for name, v in zip(self.feature_names, vector, strict=True)}


def _points_scale(rules: Ruleset) -> float:
    """A bound on the size of any faction's victory points, used to normalise them."""
    total = 0
    for obj in rules.objectives:
        total += abs(obj.points) * (rules.rounds if obj.scoring == "each_round" else 1)
    bonus = max((abs(p) for o in rules.outcomes for p in o.points), default=0)
    return float(max(1, total + bonus))


def view_text(view: PlayerView) -> str:
    """A one-line, stable text of what `view` shows (for OpenSpiel observation strings)."""
    rules = view.rules
    parts = [f"r{view.round}", f"t{view.turn}", f"ap{view.ap}", f"p{view.faction}"]
    if view.outcome >= 0:
        parts.append(f"over:{rules.outcomes[view.outcome].id}:{view.winner}")
    for var in rules.vars:
        value = view.values[var.index]
        if value is None:
            low, high = view.ranges[var.index]
            parts.append(f"{var.key}={low}..{high}")
        else:
            parts.append(f"{var.key}={value}")
    lay = rules.layout
    for a in rules.actions:
        if a.covert and a.faction != view.faction:
            continue
        used = view.values[lay.used + a.index]
        if used:
            parts.append(f"actions.{a.id}={used}@{view.values[lay.last + a.index]}")
    for e in rules.events:
        fired = view.values[lay.fired + e.index]
        if fired:
            parts.append(f"events.{e.id}={fired}@{view.values[lay.fired_last + e.index]}")
    vp = view.values[lay.vp : lay.vp + len(rules.factions)]
    parts.append("vp=" + ",".join(str(p) for p in vp))
    reached = view.values[lay.reached : lay.reached + len(rules.objectives)]
    parts.append("reached=" + "".join(str(r) for r in reached))
    return " ".join(parts)


__all__ = [
    "MoveCodec",
    "ObservationEncoder",
    "final_returns",
    "max_game_length",
    "uses_per_round_bound",
    "view_text",
]
