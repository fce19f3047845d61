"""Shared by the PettingZoo and OpenSpiel adapters: views as vectors (and, re-exported
from `moves.py`, moves as integers, final returns and the bound on game length).

Everything here works for any level. Observations carry exactly what a human in
that seat knows, i.e. what `observe` puts in its `PlayerView`: public values, the
seat's own private values, and for other factions' private values only the
(low, high) range the view reveals, never the value itself. Counters of other
factions' covert actions are left out as well (a covert move is hidden from the
log, so its use count must not leak through the vector either). The adapters use
`ObservationEncoder.encode_state`, which applies the same hiding straight to the
engine state and gives the same bytes as `encode(observe(state, faction))` (tested
on many random states of every level) at a fraction of the cost.
"""

from __future__ import annotations

import struct

import numpy as np
import numpy.typing as npt

from game.engine import PlayerView, Ruleset, State, current_faction
from game.interop.moves import (
    DRAW,
    LOSS,
    UNBOUNDED_USES_PER_ROUND,
    WIN,
    FloatArray,
    MaskArray,
    MoveCodec,
    final_returns,
    max_game_length,
    uses_per_round_bound,
    view_text,
)

AP_SCALE = 20.0  # the schema caps fixed action points at 20; larger values saturate

__all__ = [
    "AP_SCALE",
    "DRAW",
    "LOSS",
    "UNBOUNDED_USES_PER_ROUND",
    "WIN",
    "FloatArray",
    "MaskArray",
    "MoveCodec",
    "ObservationEncoder",
    "final_returns",
    "max_game_length",
    "uses_per_round_bound",
    "view_text",
]


class ObservationEncoder:
    """Turns a faction's view into a flat float32 vector with every entry in [0, 1].

    Layout (see `feature_names`): game progress, action points, game-over flag,
    one-hots of the observer, the acting faction and the turn slot; then one feature
    per slot of the state, in the state's own order: every declared value (the low
    end of its known range, normalised by the value's bounds), per action its uses,
    rounds since last use and uses this round (zero for other factions' covert
    actions), per event its firings and rounds since it last fired, victory points
    per faction, objectives reached; then the high end of every declared value's
    known range; and one-hots of the outcome and winner once the game is over.

    Every feature is (x - sub) * scale clipped to 1, for one integer x per feature
    (a value, a count, a flag), so an observation is: fill the integer vector, then
    three numpy operations. Two entry points give the same bytes: `encode(view)`
    reads a `PlayerView`; `encode_state(state, faction)`, the fast path the adapters
    use, reads the engine state directly (packing its values with `struct`) and
    applies the same hiding as `observe`: others' private values become the intel
    bucket they fall in, others' covert-action counters their range's low end (and
    their features are zeroed for that observer).
    """

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        lay = rules.layout
        n_f, n_v = len(rules.factions), lay.n_vars
        rounds = rules.rounds
        names: list[str] = ["progress", "action_points", "game_over"]
        names += [f"observer.{f.id}" for f in rules.factions]
        names += [f"acting.{f.id}" for f in rules.factions]
        names += [f"turn.{t}" for t in range(len(rules.order))]
        self._observer_at = 3
        self._acting_at = 3 + n_f
        self._turn_at = 3 + 2 * n_f
        n_head = len(names)
        sub: list[float] = [1.0] + [0.0] * (n_head - 1)
        scale: list[float] = [1.0 / (rounds - 1) if rounds > 1 else 0.0, 1.0 / AP_SCALE]
        scale += [1.0] * (n_head - 2)
        slot_names, slot_sub, slot_scale, since, covert = _slot_features(rules)
        self._slots_at = n_head
        names += slot_names
        sub += slot_sub
        scale += slot_scale
        self._highs_at = len(names)
        names += [f"{var.key}.high" for var in rules.vars]
        sub += slot_sub[:n_v]
        scale += slot_scale[:n_v]
        self._outcome_at = len(names)
        names += [f"outcome.{o.id}" for o in rules.outcomes]
        self._winner_at = len(names)
        names += [f"winner.{f.id}" for f in rules.factions]
        n_tail = len(names) - self._outcome_at
        sub += [0.0] * n_tail
        scale += [1.0] * n_tail
        self.feature_names: tuple[str, ...] = tuple(names)
        self.size = len(names)
        self._n_head = n_head
        self._n_vars = n_v
        self._order = rules.order
        self._ap_cap = int(AP_SCALE)
        self._bytes = 8 * self.size
        self._pack_head = struct.Struct(f"<{n_head}q")
        self._pack_body = struct.Struct(f"<{lay.size + n_v}q")  # the values, the vars again
        self._pack_one = struct.Struct("<q")
        self._sub_base = np.array(sub, dtype=np.float64)
        self._since = np.array([n_head + s for s in since], dtype=np.intp)
        self._subs: dict[int, npt.NDArray[np.float64]] = {}  # per round (see `_sub`)
        # Per observer: the scales, with the counters of others' covert actions zeroed.
        self._scale: list[FloatArray] = []
        for f in range(n_f):
            scale_f = np.array(scale, dtype=np.float32)
            scale_f[[n_head + s for s in covert[f]]] = 0.0
            self._scale.append(scale_f)
        self._build_hiding(rules)

    def _build_hiding(self, rules: Ruleset) -> None:
        """Per observer, what `observe` hides: others' private values (shown as their
        intel bucket) and others' covert-action counters (shown as their range's low
        end), with the byte offsets of their features' integers."""
        n_f = len(rules.factions)
        private = rules.private_slots
        low_at = 8 * self._slots_at
        high_at = 8 * self._highs_at
        self._intel_slot = [f.intel_slot for f in rules.factions]
        # (slot, low bound, high bound, size, low offset, high offset) per hidden value
        self._hidden: list[list[tuple[int, int, int, int, int, int]]] = [
            [
                (
                    s,
                    rules.lo[s],
                    rules.hi[s],
                    rules.hi[s] - rules.lo[s] + 1,
                    low_at + 8 * s,
                    high_at + 8 * s,
                )
                for s in private
                if not rules.vars[s].seen_by(f)
            ]
            for f in range(n_f)
        ]
        # (low offset, low bound, high offset, high bound) of every private value, for
        # an observer that knows nothing
        self._unknown = [
            (low_at + 8 * s, rules.lo[s], high_at + 8 * s, rules.hi[s]) for s in private
        ]
        self._covert: list[list[tuple[int, int]]] = [
            [
                (low_at + 8 * s, -1000 if cap == 0 else 0)
                for s, owner, cap in rules.covert_slots
                if owner != f
            ]
            for f in range(n_f)
        ]

    # --- encoding --------------------------------------------------------------------

    def encode(self, view: PlayerView) -> FloatArray:
        """The observation vector of `view` (float32, length `size`, entries in [0, 1])."""
        n_v = self._n_vars
        x = self._head(
            view.faction, view.round, view.ap, view.active, view.turn, view.outcome, view.winner
        )
        values: list[int | None] = list(view.values)
        highs = values[:n_v]
        for slot, (low, high) in view.ranges.items():
            values[slot] = low  # covert-action counters (slots past the values) are zeroed
            if slot < n_v:
                highs[slot] = high
        tail = [0] * (self.size - self._outcome_at)
        if view.outcome >= 0:
            tail[view.outcome] = 1
            if view.winner >= 0:
                tail[self._winner_at - self._outcome_at + view.winner] = 1
        # every None of the view has a range, so no None is left
        xa = np.array([*x, *values, *highs, *tail], dtype=np.int64)
        return self._affine(xa, view.faction, view.round)

    def encode_state(
        self, state: State, faction: int, reveal: str = "own", out: FloatArray | None = None
    ) -> FloatArray:
        """`encode(observe(state, faction))` computed straight from the state: the same
        bytes, without building the view. `reveal="all"` shows every value (the view
        with its hidden values restored; covert counters stay left out),
        `reveal="none"` every private value as its full bounds, the observer's own
        included. With `out` (float32, length `size`) the vector is written there.

        Raises ValueError for another `reveal`.
        """
        v = state.v
        outcome = state.outcome
        buf = bytearray(self._bytes)
        head = self._head(
            faction,
            state.round,
            state.ap,
            current_faction(state),
            state.turn,
            outcome,
            state.winner,
        )
        self._pack_head.pack_into(buf, 0, *head)
        self._pack_body.pack_into(buf, 8 * self._slots_at, *v, *v[: self._n_vars])
        one = self._pack_one.pack_into
        if outcome >= 0:
            one(buf, 8 * (self._outcome_at + outcome), 1)
            if state.winner >= 0:
                one(buf, 8 * (self._winner_at + state.winner), 1)
        if reveal == "own":
            hidden = self._hidden[faction]
            if hidden:
                at = self._intel_slot[faction]
                intel = max(0, v[at]) if at >= 0 else 0
                for slot, lo, hi, size, low_at, high_at in hidden:
                    width = max(1, -(-size // (1 + intel)))  # as `intel_width`
                    low = lo + (v[slot] - lo) // width * width
                    one(buf, low_at, low)
                    one(buf, high_at, min(hi, low + width - 1))
        elif reveal == "none":
            for low_at, lo, high_at, hi in self._unknown:
                one(buf, low_at, lo)
                one(buf, high_at, hi)
        elif reveal != "all":
            raise ValueError(f"reveal must be 'own', 'all' or 'none', not {reveal!r}")
        for low_at, low in self._covert[faction]:
            one(buf, low_at, low)
        return self._affine(np.frombuffer(buf, dtype=np.int64), faction, state.round, out)

    def _head(
        self, f: int, round_: int, ap: int, active: int, turn: int, outcome: int, winner: int
    ) -> list[int]:
        """The integers of the leading features (progress … turn one-hot)."""
        head = [0] * self._n_head
        head[0] = round_
        head[1] = min(ap, self._ap_cap)
        head[self._observer_at + f] = 1
        if outcome >= 0:
            head[2] = 1
        else:
            head[self._acting_at + active] = 1
            head[self._turn_at + turn] = 1
        return head

    def _affine(
        self, xa: npt.NDArray[np.int64], f: int, round_: int, out: FloatArray | None = None
    ) -> FloatArray:
        """(x - sub) * scale, clipped to 1: only "rounds since" can exceed 1 (never
        used: -1000), and none is below 0."""
        sub = self._subs.get(round_)
        if sub is None:  # `sub` of "rounds since" features is the round
            sub = self._sub_base.copy()
            sub[self._since] = float(round_)
            if len(self._subs) < 1024:
                self._subs[round_] = sub
        if out is None:
            out = np.empty(self.size, dtype=np.float32)
        np.subtract(xa, sub, out=out)
        np.multiply(out, self._scale[f], out=out)
        np.minimum(out, 1.0, out=out)
        return out

    def describe(self, vector: FloatArray) -> dict[str, float]:
        """Feature name → value, for debugging an observation."""
        return {name: float(v) for name, v in zip(self.feature_names, vector, strict=True)}


def _slot_features(
    rules: Ruleset,
) -> tuple[list[str], list[float], list[float], list[int], list[list[int]]]:
    """Per state slot: its feature name, `sub` and `scale` (feature = (x - sub) *
    scale); which slots are "rounds since" features (their `sub` is the round); and
    per observer, the slots of other factions' covert-action counters."""
    lay = rules.layout
    n = lay.size
    names = [f"reserved.{i}" for i in range(n)]  # a slot no feature reads stays 0
    sub = [0.0] * n
    scale = [0.0] * n
    since: list[int] = []
    covert: list[list[int]] = [[] for _ in rules.factions]
    rounds = float(max(1, rules.rounds))
    for var in rules.vars:
        names[var.index] = f"{var.key}.low"
        span = float(var.hi - var.lo)
        sub[var.index] = var.lo
        scale[var.index] = 1.0 / span if span > 0 else 0.0
    bounds = uses_per_round_bound(rules)
    for a in rules.actions:
        i = a.index
        names[lay.used + i] = f"actions.{a.id}.used"
        scale[lay.used + i] = 1.0 / rounds / max(1, bounds[i])
        # rounds since last use: (last - round) * (-1 / rounds); never used (-1000) -> 1
        names[lay.last + i] = f"actions.{a.id}.since"
        scale[lay.last + i] = -1.0 / rounds
        since.append(lay.last + i)
        names[lay.this_round + i] = f"actions.{a.id}.round"
        scale[lay.this_round + i] = 1.0 / max(1, bounds[i])
        if a.covert:
            for f in range(len(rules.factions)):
                if f != a.faction:
                    covert[f] += [lay.used + i, lay.last + i, lay.this_round + i]
    for e in rules.events:
        names[lay.fired + e.index] = f"events.{e.id}.fired"
        scale[lay.fired + e.index] = 1.0 / rounds
        names[lay.fired_last + e.index] = f"events.{e.id}.since"
        scale[lay.fired_last + e.index] = -1.0 / rounds
        since.append(lay.fired_last + e.index)
    points = _points_scale(rules)
    for f, faction in enumerate(rules.factions):
        names[lay.vp + f] = f"score.{faction.id}"
        sub[lay.vp + f] = -points
        scale[lay.vp + f] = 0.5 / points
    for o, objective in enumerate(rules.objectives):
        names[lay.reached + o] = f"objective.{objective.id}.reached"
        scale[lay.reached + o] = 1.0
    return names, sub, scale, since, covert


def _points_scale(rules: Ruleset) -> float:
    """A bound on the size of any faction's victory points, used to normalise them."""
    total = 0
    for obj in rules.objectives:
        total += abs(obj.points) * (rules.rounds if obj.scoring == "each_round" else 1)
    bonus = max((abs(p) for o in rules.outcomes for p in o.points), default=0)
    return float(max(1, total + bonus))
