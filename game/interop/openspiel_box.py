"""The box that holds one OpenSpiel state's engine state: shared by clones until one of
them moves, pickled as JSON. Compiled by mypyc (it imports no OpenSpiel), since every
clone and every move of an OpenSpiel state goes through it."""

from __future__ import annotations

from typing import Any

from game.engine import State
from game.interop.moves import MoveCodec


class StateBox:
    """Holds the engine state of one OpenSpiel state (None before the seed is drawn)
    and the seed it started from (None for a resampled state).

    OpenSpiel clones a Python state by deep-copying its attributes and serializes it
    by pickling them. Deep-copying this box shares it (copy on write): `holders`
    counts the OpenSpiel states that hold it, and a holder about to change the engine
    state while others share it takes its own copy first (`SahelState.engine_state`,
    `SahelState._apply_action`). So a
    clone costs OpenSpiel's own clone of a Python state, and the engine state is
    copied once, at the clone's first move, only for a clone that moves (and without
    `copy.deepcopy`'s memo work). Pickling gives a JSON snapshot (registered by
    `openspiel_level`, with `copyreg`).
    """

    def __init__(self, level: Any, state: State | None, seed: int | None) -> None:
        self.level = level  # the registered level (`openspiel_level.LevelGame`)
        self.codec: MoveCodec = level.codec
        self.state = state
        self.seed = seed
        self.legal: list[int] | None = None  # legal move indices, None until asked
        # states holding this box; never too low (a clone dropped unused leaves it one
        # too high: its last real holder then makes one copy it could have skipped)
        self.holders = 1

    def copy(self) -> StateBox:
        """An independent box: the engine state cloned, the legal list shared (never
        mutated, only replaced)."""
        state = self.state
        other = StateBox(self.level, state.clone() if state is not None else None, self.seed)
        other.legal = self.legal
        return other

    def __deepcopy__(self, memo: dict[int, Any]) -> StateBox:
        """The same box, one more holder (OpenSpiel's clone; see the class doc)."""
        self.holders += 1
        return self

    def legal_now(self) -> list[int]:
        """The legal move indices of the position (computed once per position).

        Raises ValueError before the seed draw.
        """
        legal = self.legal
        if legal is None:
            if self.state is None:
                raise ValueError("the game has not started: its seed is not drawn yet")
            legal = self.legal = self.codec.legal_indices(self.state)
        return legal


__all__ = ["StateBox"]
