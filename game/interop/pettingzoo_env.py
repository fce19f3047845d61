"""Any level as a PettingZoo AEC environment (needs the `interop` extra).

Agents are the faction ids, in the level's faction order. Every agent has the same
action space, `Discrete(n)` over the level's fixed move enumeration (index 0 ends
the turn; see `MoveCodec`). Observations are dicts: `"observation"`, the float32
encoding of that faction's `PlayerView` (`ObservationEncoder.encode_state`: the same
vector as encoding `observe(state, faction)`, read straight from the state; hidden
values of other factions appear only as the range the view reveals), and
`"action_mask"`, int8, 1 for the moves legal now (all zeros when it is not that agent's turn).
The dict is a `LazyObservation`: the vector is encoded the first time it is read (an
agent that looks only at the mask never pays for it), and it is the position the dict
was made for even when read after later steps (no step copies the engine state: such a
late read replays the few moves since a copy the env took at an earlier observation;
see `game.interop.pettingzoo_core`).

Rewards are zero until the game ends; then each agent receives its return from
`final_returns` (+1 winner, -1 others; -1 for all when the outcome has no winner;
0 for factions tied on points at the top). `infos` then carry the outcome id, the
winner id (or None) and the final victory points. `reset(seed=s)` starts the
engine with seed `s` (the same game as `new_game(rules, s)`); later resets without a
seed draw their seeds from that stream. `state()` (with `state_space`) is the global
state for centralised training: it reveals every hidden value. Render modes:
`"ansi"` returns the new log lines as text, `"human"` prints them (the log is only
kept when a mode is set).
"""

from __future__ import annotations

import os
import random
from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv

from game.content import load_level
from game.engine import LogEntry, Ruleset, State, current_faction, describe, new_game
from game.interop.encoding import FloatArray, MoveCodec, ObservationEncoder
from game.interop.encoding import final_returns as _final_returns
from game.interop.pettingzoo_core import EnvCore, RawAgentIterator
from game.interop.pettingzoo_obs import LazyObservation
from game.interop.pettingzoo_wrappers import AssertOutOfBounds, OrderEnforcing


def _rules(level: Ruleset | str | os.PathLike[str]) -> Ruleset:
    return level if isinstance(level, Ruleset) else load_level(level)


class SahelEnv(AECEnv):  # type: ignore[misc]
    """One level as an AEC environment; build it with `env(level)` or `raw_env(level)`.

    Raises `game.content.ContentError` if the level does not load, ValueError for an
    unknown render mode, and ValueError from `step` for an illegal move.
    """

    metadata: dict[str, Any] = {  # noqa: RUF012 (PettingZoo reads it from the class)
        "render_modes": ["ansi", "human"],
        "name": "sahel_v0",
        "is_parallelizable": False,
    }

    def __init__(
        self, level: Ruleset | str | os.PathLike[str], render_mode: str | None = None
    ) -> None:
        super().__init__()
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(
                f"render_mode must be one of {self.metadata['render_modes']}, not {render_mode!r}"
            )
        self.rules = _rules(level)
        self.metadata = {**SahelEnv.metadata, "name": f"sahel_{self.rules.level_id}_v0"}
        self.render_mode = render_mode
        self.codec = MoveCodec(self.rules)
        self.encoder = ObservationEncoder(self.rules)
        self._encode = self.encoder.encode_state
        self.possible_agents: list[str] = [f.id for f in self.rules.factions]
        obs_space = spaces.Dict(
            {
                "observation": spaces.Box(0.0, 1.0, (self.encoder.size,), np.float32),
                "action_mask": spaces.Box(0, 1, (self.codec.size,), np.int8),
            }
        )
        self._obs_spaces = {a: obs_space for a in self.possible_agents}
        self._act_spaces = {a: spaces.Discrete(self.codec.size) for a in self.possible_agents}
        self.state_space = spaces.Box(0.0, 1.0, (self.encoder.size,), np.float32)
        self._seeds = random.Random()
        self._log: list[LogEntry] | None = None
        self._shown = 0
        # what changes every step lives in the (compiled) core; its methods are bound
        # to the instance, so a loop's calls skip this class's Python frames (unless a
        # subclass overrides one: then the override runs)
        self._core = core = EnvCore(self, self.codec, self._encode, new_game(self.rules, 0))
        cls = type(self)
        if cls.observe is SahelEnv.observe:
            self.observe = core.observe  # type: ignore[method-assign]
        if cls.last is SahelEnv.last and cls.observe is SahelEnv.observe:
            self.last = core.last  # type: ignore[method-assign]
        if cls.step is SahelEnv.step:
            self.step = core.step  # type: ignore[method-assign]
        self.agents: list[str] = []

    # --- PettingZoo API ---------------------------------------------------------------

    def observation_space(self, agent: str) -> spaces.Space[Any]:
        """The (shared) dict observation space."""
        return self._obs_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space[Any]:
        """`Discrete(n)` over the level's move enumeration."""
        return self._act_spaces[agent]

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """Start a new game; `seed` fixes the engine's seed (see the module doc)."""
        if seed is not None:
            self._seeds = random.Random(seed)
            engine_seed = seed
        else:
            engine_seed = self._seeds.getrandbits(63)
        self._log = [] if self.render_mode is not None else None
        self._shown = 0
        self.agents = self.possible_agents[:]
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos: dict[str, dict[str, Any]] = {a: {} for a in self.agents}
        core = self._core
        core.human = self.render_mode == "human"
        core.restart(new_game(self.rules, engine_seed, self._log), self._log)
        if core.state.outcome >= 0:  # a level can end during the opening news
            self._finish()

    def observe(self, agent: str) -> LazyObservation:
        """The agent's observation dict (see the module doc). Fresh arrays every call.

        The vector comes from `ObservationEncoder.encode_state`, the same bytes as
        encoding `game.engine.observe(state, faction)` without building the view; it is
        built when first read (`LazyObservation`). (Instances call `EnvCore.observe`
        directly.)
        """
        return self._core.observe(agent)

    def state(self) -> FloatArray:
        """The global state for centralised training: the acting faction's observation
        with every hidden value revealed (never give it to an agent as its input)."""
        state = self._core.state
        faction = max(0, current_faction(state))
        return self.encoder.encode_state(state, faction, reveal="all")

    def agent_iter(self, max_iter: int = 2**63) -> RawAgentIterator:
        """As `AECEnv.agent_iter` (the selected agent until the game ends), compiled."""
        return RawAgentIterator(self, max_iter)

    def step(self, action: int | np.integer[Any] | None) -> None:
        """Play a move index for the selected agent (None once it is terminated).
        (Instances call `EnvCore.step` directly.)"""
        self._core.step(action)

    def render(self) -> str | None:
        """The log lines since the last render ("ansi" returns them, "human" prints)."""
        if self.render_mode is None or self._log is None:
            return None
        lines = [describe(self.rules, e) for e in self._log[self._shown :]]
        self._shown = len(self._log)
        text = "\n".join(lines)
        if self.render_mode == "human":
            if text:
                print(text)
            return None
        return text

    def close(self) -> None:
        """Nothing to release."""

    # --- helpers ----------------------------------------------------------------------

    @property
    def engine_state(self) -> State:
        """The true engine state (for tests and tools; agents must not read it). Whoever
        reads it may change it, so the observations handed out so far are then read
        from copies of their own (the next observation starts a new segment)."""
        core = self._core
        core.segment = None
        return core.state

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """(observation, cumulative reward, terminated, truncated, info) of the selected
        agent, as `AECEnv.last`, reading the observation with `self.observe`. (Instances
        whose class overrides neither call `EnvCore.last` directly.)"""
        agent = self.agent_selection
        return (
            self.observe(agent) if observe else None,
            self._cumulative_rewards[agent],
            self.terminations[agent],
            self.truncations[agent],
            self.infos[agent],
        )

    def _finish(self) -> None:
        state = self._core.state
        returns = _final_returns(state)
        lay = self.rules.layout
        vp = state.v[lay.vp : lay.vp + len(self.rules.factions)]
        outcome = self.rules.outcomes[state.outcome].id
        winner = self.possible_agents[state.winner] if state.winner >= 0 else None
        for i, agent in enumerate(self.possible_agents):
            if agent in self.rewards:
                self.rewards[agent] = returns[i]
                self.terminations[agent] = True
                self.infos[agent] = {"outcome": outcome, "winner": winner, "points": vp[i]}
        self._accumulate_rewards()


def raw_env(level: Ruleset | str | os.PathLike[str], render_mode: str | None = None) -> SahelEnv:
    """The unwrapped environment (fastest; no order checks)."""
    return SahelEnv(level, render_mode)


def env(level: Ruleset | str | os.PathLike[str], render_mode: str | None = None) -> AECEnv:
    """The environment wrapped the PettingZoo way (order enforcing, bounds asserted)."""
    return OrderEnforcing(AssertOutOfBounds(SahelEnv(level, render_mode)))


__all__ = ["LazyObservation", "SahelEnv", "env", "raw_env"]
