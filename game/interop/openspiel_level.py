"""What is fixed about a level registered as an OpenSpiel game, and how the box that
holds one OpenSpiel state's engine state (`openspiel_box.StateBox`) is restored from
its pickle.
"""

from __future__ import annotations

import copyreg
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyspiel

from game.engine import Ruleset, State, StateError
from game.interop.encoding import MoveCodec, ObservationEncoder
from game.interop.openspiel_box import StateBox


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


def reduce_box(box: StateBox) -> tuple[Callable[[str, str], StateBox], tuple[str, str]]:
    """How a box pickles: its level's name and a JSON snapshot (`restore_box` reads it)."""
    state = box.state.to_dict() if box.state is not None else None
    snapshot = {"seed": box.seed, "state": state}
    return (restore_box, (box.level.short_name, json.dumps(snapshot)))


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


copyreg.pickle(StateBox, reduce_box)
