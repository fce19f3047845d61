"""Any level as an OpenSpiel Python game (needs the `interop` extra).

`register_level("niger_2023")` registers the level under `python_sahel_niger_2023`
(returned), after which `pyspiel.load_game(name)` and every OpenSpiel tool work on
it: a sequential, imperfect-information, general-sum game with terminal rewards.

Chance is explicit, and happens once: the first node of every game is a chance
node that draws the engine seed, uniformly among `num_seeds` seeds (game
parameter, default 1024; outcome k starts the same game as `new_game(rules, k)`).
Every later random roll (events, action odds) comes from the engine's own
generator, a SplitMix64 word inside the engine state that no player observes, so
after the draw the game is a deterministic function of the moves. (OpenSpiel's
sampled-stochastic mode is not usable for Python games: serializing such a game
needs a C++ `GetRNGState` that Python cannot provide.) Consequence for search: a
clone carries the same generator, so a bot searching from the true state sees the
dice it will get (and all hidden values). To play fairly, search from
`state.resample_from_infostate(player, sampler)`: a state consistent with the
player's view (hidden values drawn from their known ranges, fresh generator).

Actions are the level's move enumeration (`MoveCodec`; 0 ends the turn). Returns
are `final_returns` (+1 winner, -1 others; -1 for all when nobody wins; 0 for
leaders tied on points). Observation tensors are `ObservationEncoder`'s vectors of the
player's `PlayerView` (computed with `encode_state`, straight from the engine state
with the same hiding), so no hidden value is ever encoded; information-state
strings add the player's view of the move history (others' covert moves masked).

Serialization: OpenSpiel serializes Python states by pickling their attributes; our
only attribute reduces to the state's `to_dict` JSON, so `serialize()` and
`pyspiel.deserialize_game_and_state` round-trip. For text from untrusted sources use
`state_to_json` / `state_from_json`, which never unpickle anything.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import random
from collections.abc import Callable
from typing import Any

import pyspiel

from game.content import load_level
from game.engine import (
    Ruleset,
    State,
    current_faction,
    new_game,
    observe,
    sample_state,
    step,
    why_illegal,
)
from game.interop.encoding import (
    UNBOUNDED_USES_PER_ROUND,
    MoveCodec,
    ObservationEncoder,
    final_returns,
    max_game_length,
)
from game.interop.openspiel_box import StateBox
from game.interop.openspiel_level import (
    LEVELS,
    LevelGame,
    engine_state,
    parse_json,
    restore_box,
)
from game.interop.openspiel_observer import SahelObserver

_restore_box = restore_box  # states pickled before the split name it here

SHORT_NAME_PREFIX = "python_sahel_"
DEFAULT_NUM_SEEDS = 1024
MAX_NUM_SEEDS = 1 << 20
MASK63 = (1 << 63) - 1


class SahelGame(pyspiel.Game):  # type: ignore[misc]
    """A registered level; OpenSpiel calls it with the game parameters."""

    def __init__(self, level: LevelGame, params: dict[str, Any] | None = None) -> None:
        params = dict(params or {})
        num_seeds = int(params.get("num_seeds", DEFAULT_NUM_SEEDS))
        if not 1 <= num_seeds <= MAX_NUM_SEEDS:
            raise ValueError(f"num_seeds must be between 1 and {MAX_NUM_SEEDS}, not {num_seeds}")
        info = level.game_info
        info = pyspiel.GameInfo(
            num_distinct_actions=info.num_distinct_actions,
            max_chance_outcomes=num_seeds,
            num_players=info.num_players,
            min_utility=info.min_utility,
            max_utility=info.max_utility,
            max_game_length=info.max_game_length,
        )
        super().__init__(level.game_type, info, params)
        self.level = level
        self.num_seeds = num_seeds
        # every new state starts with this box (never changed: the seed draw replaces it)
        self.unstarted = StateBox(level, None, None)

    def new_initial_state(self) -> SahelState:
        """A new game before its seed is drawn (a chance node)."""
        state = SahelState(self)  # OpenSpiel's own constructor (no Python __init__)
        # the only attribute: OpenSpiel's C++ clone deep-copies each one (StateBox makes
        # that a share, copied on write), and its serialization pickles each one
        state._box = self.unstarted
        return state

    def max_chance_nodes_in_history(self) -> int:
        """One: the seed draw."""
        return 1

    def make_py_observer(
        self,
        iig_obs_type: pyspiel.IIGObservationType | None = None,
        params: dict[str, Any] | None = None,
    ) -> SahelObserver:
        """The observer OpenSpiel uses for observation and information-state queries."""
        return SahelObserver(self.level, iig_obs_type, params)


class SahelState(pyspiel.State):  # type: ignore[misc]
    """A position: OpenSpiel's view of one engine `State` (after the seed draw). Made
    by `SahelGame.new_initial_state` (and OpenSpiel's clone, which calls it): the C++
    constructor runs directly, without a Python `__init__`, since every clone pays it."""

    _box: StateBox

    @property
    def engine_state(self) -> State:
        """The true engine state (hidden values included; not for fair agents), this
        state's own: changing it changes no clone.

        Raises ValueError before the seed is drawn.
        """
        box = self._box  # copied first if other states share it
        if box.holders > 1:
            box.holders -= 1
            box = self._box = box.copy()
        state = box.state
        if state is None:
            raise ValueError("the game has not started: its seed is not drawn yet")
        return state

    def current_player(self) -> int:
        """The acting faction's index, CHANCE before the seed draw, or TERMINAL."""
        state = self._box.state
        if state is None:
            return int(pyspiel.PlayerId.CHANCE)
        if state.outcome >= 0:
            return int(pyspiel.PlayerId.TERMINAL)
        return current_faction(state)

    def chance_outcomes(self) -> list[tuple[int, float]]:
        """The seed draw: every seed equally likely."""
        seeds = int(self.get_game().num_seeds)
        p = 1.0 / seeds
        return [(k, p) for k in range(seeds)]

    def _legal_actions(self, player: int) -> list[int]:
        return self._box.legal_now()

    def _apply_action(self, action: int) -> None:
        box = self._box
        state = box.state
        if state is None:
            seeds = int(self.get_game().num_seeds)
            if not 0 <= action < seeds:
                raise ValueError(f"seed {action} is outside 0..{seeds - 1}")
            self._box = StateBox(box.level, new_game(box.level.rules, int(action)), int(action))
            return
        move = box.codec.action(int(action))
        if int(action) not in box.legal_now():
            problem = why_illegal(state, move)
            reason = (
                problem[1]
                if problem is not None
                else f"the adapters allow it {UNBOUNDED_USES_PER_ROUND} times per round"
            )
            raise ValueError(f"illegal move {action}: {reason}")
        if box.holders > 1:  # shared with a clone: move on a copy of its own
            box.holders -= 1
            state = state.clone()
            box = self._box = StateBox(box.level, state, box.seed)
        step(state, move)
        box.legal = None

    def _action_to_string(self, player: int, action: int) -> str:
        if player == pyspiel.PlayerId.CHANCE:
            return f"seed {action}"
        return self._box.codec.label(int(action))

    def is_terminal(self) -> bool:
        """True once the game has ended."""
        state = self._box.state
        return state is not None and state.outcome >= 0

    def returns(self) -> list[float]:
        """Final returns per faction (zeros before the end)."""
        state = self._box.state
        if state is None:
            return [0.0] * len(self._box.level.rules.factions)
        return final_returns(state)

    def resample_from_infostate(
        self, player_id: int, probability_sampler: Callable[[], float] | Any = None
    ) -> SahelState:
        """A state `player_id` cannot tell from this one: hidden values redrawn within
        their known ranges and a fresh random generator. `probability_sampler` (a
        callable returning floats in [0, 1)) picks the sample; None uses `random`.
        Before the seed draw, a plain clone.
        """
        other: SahelState = self.clone()
        if self._box.state is None:
            return other
        self._box.holders -= 1  # `other` leaves the box it shared with this state
        draw = probability_sampler() if callable(probability_sampler) else random.random()
        seed = int(draw * MASK63) & MASK63
        view = observe(self._box.state, player_id)
        other._box = StateBox(self._box.level, sample_state(view, seed), None)
        return other

    def __str__(self) -> str:
        s = self._box.state
        if s is None:
            return f"{self._box.level.rules.level_id} (seed not drawn)"
        values = ",".join(map(str, s.v))
        return (
            f"{s.rules.level_id} round={s.round} turn={s.turn} ap={s.ap} outcome={s.outcome} "
            f"winner={s.winner} rng={s.rng} v={values}"
        )


def _short_name(rules: Ruleset) -> str:
    return SHORT_NAME_PREFIX + rules.level_id


def register_level(level: Ruleset | str | os.PathLike[str], short_name: str | None = None) -> str:
    """Register a level as an OpenSpiel game and return its short name.

    Registering the same level again returns the same name. Raises
    `game.content.ContentError` if the level does not load and ValueError if the
    name is already taken by a different level (pass another `short_name`).
    """
    rules = level if isinstance(level, Ruleset) else load_level(level)
    name = short_name or _short_name(rules)
    known = LEVELS.get(name)
    if known is not None:
        if known.rules.fingerprint != rules.fingerprint:
            raise ValueError(
                f"an OpenSpiel game named {name!r} is already registered for a different "
                f"version of level {known.rules.level_id!r}; choose another short_name"
            )
        return name
    n = len(rules.factions)
    game_type = pyspiel.GameType(
        short_name=name,
        long_name=f"Sahel Crisis: {rules.name}",
        dynamics=pyspiel.GameType.Dynamics.SEQUENTIAL,
        chance_mode=pyspiel.GameType.ChanceMode.EXPLICIT_STOCHASTIC,
        information=pyspiel.GameType.Information.IMPERFECT_INFORMATION,
        utility=pyspiel.GameType.Utility.GENERAL_SUM,
        reward_model=pyspiel.GameType.RewardModel.TERMINAL,
        max_num_players=n,
        min_num_players=n,
        provides_information_state_string=True,
        provides_information_state_tensor=False,
        provides_observation_string=True,
        provides_observation_tensor=True,
        parameter_specification={"num_seeds": DEFAULT_NUM_SEEDS},
    )
    game_info = pyspiel.GameInfo(
        num_distinct_actions=len(rules.action_space),
        max_chance_outcomes=DEFAULT_NUM_SEEDS,
        num_players=n,
        min_utility=-1.0,
        max_utility=1.0,
        max_game_length=max_game_length(rules),
    )
    codec, encoder = MoveCodec(rules), ObservationEncoder(rules)
    entry = LevelGame(name, rules, codec, encoder, game_type, game_info)
    LEVELS[name] = entry

    # OpenSpiel's registry drops its reference to the creator after Python has shut
    # down; if that freed the object it would run without the GIL and abort the
    # process at exit. One reference kept forever makes the drop harmless.
    creator = functools.partial(_create, name)
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(creator))
    pyspiel.register_game(game_type, creator)
    return name


def _create(name: str, params: dict[str, Any] | None = None) -> SahelGame:
    return SahelGame(LEVELS[name], params)


def load_game(
    level: Ruleset | str | os.PathLike[str], num_seeds: int = DEFAULT_NUM_SEEDS
) -> pyspiel.Game:
    """Register `level` if needed and load it as an OpenSpiel game."""
    name = register_level(level)
    return pyspiel.load_game(name, {"num_seeds": num_seeds})


def state_to_json(state: SahelState) -> str:
    """A JSON text of an OpenSpiel state: its history (seed draw first) and the engine
    snapshot (`State.to_dict`, null before the draw)."""
    box: StateBox = state._box
    snapshot = box.state.to_dict() if box.state is not None else None
    history = [int(a) for a in state.history()]
    return json.dumps({"replayable": box.seed is not None, "history": history, "state": snapshot})


def state_from_json(game: SahelGame, text: str) -> SahelState:
    """Rebuild a state from `state_to_json` text without unpickling anything.

    The history is replayed from the start (so `history()` is intact) and must
    arrive at the saved snapshot; a resampled state (not replayable) is restored
    from its snapshot alone. Raises ValueError for bad JSON, an illegal move, or a
    snapshot the replay does not reproduce (the level's rules changed).
    """
    data = parse_json(text)
    level: LevelGame = game.level
    raw = data.get("state")
    snapshot = engine_state(level.rules, raw) if raw is not None else None
    history = data.get("history", [])
    if not isinstance(history, list) or not all(type(a) is int for a in history):
        raise ValueError("'history' must be a list of move numbers")
    state: SahelState = game.new_initial_state()
    if data.get("replayable") is False:
        state._box = StateBox(level, snapshot, None)
        return state
    for n, action in enumerate(history, 1):
        if state.is_terminal() or action not in state.legal_actions():
            raise ValueError(f"move {n} of the history ({action}) is not legal there")
        state.apply_action(action)
    reached = state._box.state
    if (reached is None) != (snapshot is None) or (
        reached is not None and snapshot is not None and reached.hash() != snapshot.hash()
    ):
        raise ValueError(
            "replaying the history does not reach the saved state (were the level's rules changed?)"
        )
    return state


__all__ = [
    "LevelGame",
    "SahelGame",
    "SahelObserver",
    "SahelState",
    "load_game",
    "register_level",
    "state_from_json",
    "state_to_json",
]
