"""The per-step work of the PettingZoo environment, in a class mypyc compiles.

`SahelEnv` (a PettingZoo `AECEnv`, whose base class is plain Python and untyped) binds
its instances' `observe`, `last` and `step` to one `EnvCore`, so a training loop's
three calls a move run as compiled code with typed attributes instead of six Python
frames. The core holds what changes every step: the engine state, the acting agent's
mask, the observations handed out for this position; the environment keeps the rest
(rewards, infos, rendering) and is told when a game ends.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from game.engine import LogEntry, State, current_faction, step
from game.interop.moves import MaskArray, MoveCodec
from game.interop.pettingzoo_obs import LazyObservation

_new = dict.__new__
_set = dict.__setitem__


class EnvCore:
    """One environment's engine state, mask and lent observations, and its `observe`,
    `last` and `step` (see `SahelEnv` for what they do and raise)."""

    def __init__(self, env: Any, codec: MoveCodec, encode: Any, state: State) -> None:
        self.env = env  # the SahelEnv: its agent_selection and result dicts are set here
        self.codec = codec
        self.encode = encode  # ObservationEncoder.encode_state
        self.agents: list[str] = list(env.possible_agents)
        self.index: dict[str, int] = {agent: i for i, agent in enumerate(self.agents)}
        self.moves = codec.rules.action_space
        self.n_moves = codec.size
        # The acting agent's mask of the current position, built once per position into
        # one buffer: its bytes for the legality check in `step`, a numpy view of them
        # copied for each observation. `mask_ok` is False once the position changed.
        self.mask = bytearray(self.n_moves)
        self.mask_array: MaskArray = np.frombuffer(self.mask, dtype=np.int8)
        self.cleared = bytes(self.n_moves)
        self.no_moves: MaskArray = np.zeros(self.n_moves, np.int8)
        self.mask_ok = False
        self.state = state
        self.log: list[LogEntry] | None = None
        self.human = False  # render after every step
        # Observations handed out for the current position: if one of them still has its
        # vector to encode, the next step plays on a copy of `state` (copy on write), so
        # the observation keeps the position it was made for.
        self.lent: list[LazyObservation] = []
        self.cumulative: dict[str, float] = {}
        self.terminations: dict[str, bool] = {}
        self.truncations: dict[str, bool] = {}
        self.infos: dict[str, dict[str, Any]] = {}

    def restart(self, state: State, log: list[LogEntry] | None) -> None:
        """A new game from `state` (the env's dicts were just made anew)."""
        env = self.env
        self.state = state  # a new object: unread observations keep reading the old one
        self.log = log
        self.lent = []
        self.mask_ok = False
        self.cumulative = env._cumulative_rewards
        self.terminations = env.terminations
        self.truncations = env.truncations
        self.infos = env.infos
        env.agent_selection = self.agents[max(0, current_faction(state))]

    def legal_mask(self) -> bytearray:
        """The acting agent's mask bytes for this position (built once per position)."""
        mask = self.mask
        if not self.mask_ok:
            mask[:] = self.cleared  # same length: the numpy view stays valid
            self.codec.mark_legal(self.state, mask)
            self.mask_ok = True
        return mask

    def observe(self, agent: str) -> LazyObservation:
        """The agent's observation dict (its vector encoded when first read)."""
        state = self.state
        if state.outcome < 0 and agent == self.env.agent_selection:
            self.legal_mask()
            array = self.mask_array.copy()
        else:
            array = self.no_moves.copy()
        obs: LazyObservation = _new(LazyObservation)
        _set(obs, "action_mask", array)
        obs._make = partial(self.encode, state, self.index[agent])
        self.lent.append(obs)
        return obs

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """(observation, cumulative reward, terminated, truncated, info) of the selected
        agent, as `AECEnv.last`."""
        agent: str = self.env.agent_selection
        return (
            self.observe(agent) if observe else None,
            self.cumulative[agent],
            self.terminations[agent],
            self.truncations[agent],
            self.infos[agent],
        )

    def step(self, action: Any) -> None:
        """Play a move index for the selected agent (None once it is terminated)."""
        env = self.env
        agent: str = env.agent_selection
        state = self.state
        # an agent is only ever terminated once the game is over (never truncated)
        if state.outcome >= 0 and (self.terminations[agent] or self.truncations[agent]):
            env._was_dead_step(action)
            return
        if action is None:
            raise ValueError(f"{agent} must choose a move; None is only for finished agents")
        index = int(action)
        if not (0 <= index < self.n_moves and self.legal_mask()[index]):
            label = f" ({self.codec.label(index)})" if 0 <= index < self.n_moves else ""
            raise ValueError(f"{agent} cannot play move {index} now{label}")
        lent = self.lent
        if lent:
            for obs in lent:
                if obs._make is not None:  # pending: it may still read this position,
                    state = self.state = state.clone()  # so the step plays on a copy
                    break
            lent.clear()
        step(state, self.moves[index], self.log)
        self.mask_ok = False
        if state.outcome >= 0:
            env._finish()
        else:
            env.agent_selection = self.agents[current_faction(state)]
        if self.human:
            env.render()


__all__ = ["EnvCore"]
