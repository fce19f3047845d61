"""Moves as integers, final returns and the bound on game length, for both adapters.

`MoveCodec` numbers a level's moves (0 ends the turn) and gives legal-move masks;
`final_returns` scores a finished game (+1 winner, -1 others); `view_text` is a
player's view as one line of text. The observation vectors are in `encoding.py`.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt

from game.engine import (
    Action,
    PlayerView,
    Ruleset,
    State,
    current_faction,
    legal_indices,
)
from game.engine.ruleset import WINNER_NONE

FloatArray = npt.NDArray[np.float32]
MaskArray = npt.NDArray[np.int8]

UNBOUNDED_USES_PER_ROUND = 20  # adapter cap for actions the level leaves unlimited
WIN: Final = 1.0
LOSS: Final = -1.0
DRAW: Final = 0.0


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
        self._index: dict[Action, int] = rules.action_index
        self._this_round = rules.layout.this_round
        # per faction: its actions the level leaves unlimited per round
        self._unbounded = [
            tuple(a.index for a in rules.by_faction[f] if not a.once and a.per_round <= 0)
            for f in range(len(rules.factions))
        ]
        self._capped = any(self._unbounded)  # else the engine's own moves, as they come

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
        moves = self._legal(state)
        return sorted(moves) if self._answering(state) else moves  # refuse first in the engine

    def mark_legal(self, state: State, mask: bytearray) -> None:
        """Set `mask[i] = 1` for every index `legal_indices` gives."""
        # Any: each index object is used as it is (a typed int would be boxed again for
        # the bytearray's item assignment, a new object for every index above 256)
        flags: Any = mask
        indices: list[Any] = self._legal(state) if self._capped else legal_indices(state)
        for index in indices:
            flags[index] = 1

    def _answering(self, state: State) -> bool:
        """Whether an offer awaits an answer (`responder(state) >= 0`, inlined)."""
        slot = self.rules.pending.deal
        return slot >= 0 and state.v[slot] != 0

    def _legal(self, state: State) -> list[int]:
        """`legal_indices` of the engine, without an unlimited action past its cap."""
        moves = legal_indices(state)
        if not moves or self._answering(state):
            return moves
        unbounded = self._unbounded[current_faction(state)]
        if unbounded:
            v, at = state.v, self._this_round
            capped = {a for a in unbounded if v[at + a] >= UNBOUNDED_USES_PER_ROUND}
            if capped:
                space = self.rules.action_space
                moves = [i for i in moves if space[i].action not in capped]
        return moves

    def mask(self, state: State, faction: int) -> MaskArray:
        """int8 mask over the move space: 1 where `faction` may play now (all 0 when it
        is not that faction's turn or the game is over)."""
        flags = bytearray(self.size)
        if current_faction(state) == faction:
            for index in self.legal_indices(state):
                flags[index] = 1
        return np.frombuffer(flags, dtype=np.int8)


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
    "final_returns",
    "max_game_length",
    "uses_per_round_bound",
    "view_text",
]
