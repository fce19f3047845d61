"""OpenSpiel's observer for a registered level: tensors and strings of a player's view."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np
import pyspiel

from game.engine import PlayerView, State, observe
from game.interop.encoding import view_text
from game.interop.openspiel_level import LevelGame

if TYPE_CHECKING:
    from game.interop.openspiel_game import SahelState


class SahelObserver:
    """OpenSpiel's PyObserver for a level: tensors from `ObservationEncoder.encode_state`,
    strings from `view_text`.

    `private_info` SINGLE_PLAYER (the default) shows the player's view; NONE shows
    only public information (every private value as its full bounds); ALL_PLAYERS
    shows the true values. Perfect-recall (information-state) observers give strings
    only: the view plus the player's view of the move history.
    """

    def __init__(
        self,
        level: LevelGame,
        iig_obs_type: pyspiel.IIGObservationType | None,
        params: dict[str, Any] | None,
    ) -> None:
        if params:
            raise ValueError(f"observer parameters are not supported; got {params}")
        self.level = level
        obs_type = iig_obs_type or pyspiel.IIGObservationType(perfect_recall=False)
        self.perfect_recall = bool(obs_type.perfect_recall)
        self.private_info = obs_type.private_info
        self.tensor: np.ndarray[Any, np.dtype[np.float32]] | None
        # (engine state, (player, round, turn, ap, outcome, winner), values) of the
        # position last written into `tensor`
        self._last: tuple[State, tuple[int, ...], list[int]] | None = None
        if self.perfect_recall:
            self.tensor = None
            self.dict: dict[str, np.ndarray[Any, np.dtype[np.float32]]] = {}
        else:
            self.tensor = np.zeros(level.encoder.size, np.float32)
            self.dict = {"observation": self.tensor}

    def _view(self, state: SahelState, player: int) -> PlayerView | None:
        engine = state._box.state
        if engine is None:
            return None
        view = observe(engine, player)
        if self.private_info == pyspiel.PrivateInfoType.ALL_PLAYERS:
            return dataclasses.replace(view, values=tuple(engine.v), ranges={})
        if self.private_info == pyspiel.PrivateInfoType.NONE:
            rules = engine.rules
            private = rules.private_slots
            values = list(view.values)
            ranges = dict(view.ranges)  # keeps others' covert counters hidden
            for slot in private:
                values[slot] = None
                ranges[slot] = (rules.lo[slot], rules.hi[slot])
            return dataclasses.replace(view, values=tuple(values), ranges=ranges)
        return view

    def _reveal(self) -> str:
        if self.private_info == pyspiel.PrivateInfoType.ALL_PLAYERS:
            return "all"
        if self.private_info == pyspiel.PrivateInfoType.NONE:
            return "none"
        return "own"

    def set_from(self, state: SahelState, player: int) -> None:
        """Write `player`'s observation of `state` into `tensor`: the same vector as
        encoding `_view(state, player)`, computed straight from the engine state
        (`ObservationEncoder.encode_state`). OpenSpiel asks twice per
        `observation_tensor` call, so the last position's tensor is reused while the
        position (every value, round, turn, AP and outcome) is unchanged."""
        if self.tensor is None:
            return
        engine = state._box.state
        if engine is None:  # before the seed draw: only who is observing
            self._last = None
            self.tensor.fill(0.0)
            self.tensor[
                self.level.encoder.feature_names.index(
                    f"observer.{self.level.rules.factions[player].id}"
                )
            ] = 1.0
            return
        key = (player, engine.round, engine.turn, engine.ap, engine.outcome, engine.winner)
        last = self._last
        if last is not None and last[0] is engine and last[1] == key and last[2] == engine.v:
            return
        self.level.encoder.encode_state(engine, player, self._reveal(), out=self.tensor)
        self._last = (engine, key, engine.v[:])

    def string_from(self, state: SahelState, player: int) -> str:
        """`player`'s observation (or information state) of `state` as text."""
        view = self._view(state, player)
        text = view_text(view) if view is not None else f"p{player} before the seed draw"
        if not self.perfect_recall:
            return text
        actions = self.level.rules.actions
        codec = self.level.codec
        seen: list[str] = []
        for item in state.full_history():
            if item.player < 0:  # the seed draw: nobody sees it
                seen.append("seed:?")
                continue
            move = codec.action(item.action)
            hidden = (
                move.action >= 0
                and actions[move.action].covert
                and item.player != player
                and self.private_info != pyspiel.PrivateInfoType.ALL_PLAYERS
            )
            seen.append(f"{item.player}:{'?' if hidden else item.action}")
        return f"{text} | moves={' '.join(seen)}"
