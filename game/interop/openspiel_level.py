"""What is fixed about a level registered as an OpenSpiel game, and the box that holds
one OpenSpiel state's engine state (shared by clones until one of them moves, JSON
pickles).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyspiel

from game.engine import Ruleset, State, StateError
from game.interop.encoding import MoveCodec, ObservationEncoder


@dataclass(frozen=True, eq=False)
class LevelGame:
    """Everything fixed about one registered level."""

    short_name: str
    rules: Ruleset
    codec: MoveCodec
    encoder: ObservationEncoder
    game_type: pyspiel.GameType
    game_info: pyspiel.GameInfo


LEVELS: dict[str, LevelGame] = {}


class StateBox:
    """Holds the engine state of one OpenSpiel state (None before the seed is drawn)
    and the seed it started from (None for a resampled state).

    OpenSpiel clones a Python state by deep-copying its attributes and serializes it
    by pickling them. Deep-copying this box shares it (copy on write): `holders`
    counts the OpenSpiel states that hold it, and a holder about to change the engine
    state while others share it takes its own copy first (`SahelState._own`). So a
    clone costs OpenSpiel's own clone of a Python state, and the engine state is
    copied once, at the clone's first move, only for a clone that moves (and without
    `copy.deepcopy`'s memo work). Pickling gives a JSON snapshot.
    """

    __slots__ = ("holders", "legal", "level", "seed", "state")

    def __init__(self, level: LevelGame, state: State | None, seed: int | None) -> None:
        self.level = level
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
        if self.legal is None:
            if self.state is None:
                raise ValueError("the game has not started: its seed is not drawn yet")
            self.legal = self.level.codec.legal_indices(self.state)
        return self.legal

    def __reduce__(self) -> tuple[Callable[[str, str], StateBox], tuple[str, str]]:
        state = self.state.to_dict() if self.state is not None else None
        snapshot = {"seed": self.seed, "state": state}
        return (restore_box, (self.level.short_name, json.dumps(snapshot)))


def restore_box(short_name: str, text: str) -> StateBox:
    level = LEVELS.get(short_name)
    if level is None:
        raise ValueError(f"level game {short_name!r} is not registered in this process")
    data = parse_json(text)
    seed = data.get("seed")
    state = data.get("state")
    engine = engine_state(level.rules, state) if state is not None else None
    return StateBox(level, engine, seed if type(seed) is int else None)


def parse_json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"not a saved state (bad JSON: {err.msg} at {err.pos})") from None
    if not isinstance(data, dict):
        raise ValueError("a saved state must be a JSON object")
    return data


def engine_state(rules: Ruleset, data: Any) -> State:
    try:
        return State.from_dict(rules, data)
    except StateError as err:
        raise ValueError(f"not a valid state of level {rules.level_id!r}: {err}") from None
