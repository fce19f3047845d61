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
was made for even when read after later steps (the env keeps a snapshot then).

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
from _collections_abc import dict_items, dict_keys, dict_values
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv
from pettingzoo.utils import wrappers
from pettingzoo.utils.env_logger import EnvLogger

from game.content import load_level
from game.engine import LogEntry, Ruleset, State, current_faction, describe, new_game, step
from game.interop.encoding import FloatArray, MaskArray, MoveCodec, ObservationEncoder
from game.interop.encoding import final_returns as _final_returns


def _rules(level: Ruleset | str | os.PathLike[str]) -> Ruleset:
    return level if isinstance(level, Ruleset) else load_level(level)


class LazyObservation(dict[str, Any]):
    """An observation dict whose "observation" vector is built on first read.

    It behaves as the plain dict {"observation": ..., "action_mask": ...}: every way of
    reading it (indexing, `in`, `keys()`, iteration, `items()`, `len`, `==`, copying,
    pickling) builds the vector first; pickled, it is a plain dict.
    """

    __slots__ = ("_make",)

    def __init__(self, mask: MaskArray, make: Callable[[], FloatArray]) -> None:
        super().__init__(action_mask=mask)
        self._make: Callable[[], FloatArray] | None = make

    def _fill(self) -> None:
        make = self._make
        if make is not None:
            self._make = None
            mask = dict.pop(self, "action_mask")
            dict.__setitem__(self, "observation", make())
            dict.__setitem__(self, "action_mask", mask)

    def pending(self) -> bool:
        """Whether the vector is still to be built."""
        return self._make is not None

    def rebase(self, make: Callable[[], FloatArray]) -> None:
        """Build the vector from `make` instead (the env's snapshot before a step)."""
        if self._make is not None:
            self._make = make

    def __missing__(self, key: str) -> Any:
        if key == "observation" and self._make is not None:
            self._fill()
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return (key == "observation" and self._make is not None) or dict.__contains__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        """As `dict.get`."""
        self._fill()
        return dict.get(self, key, default)

    def keys(self) -> dict_keys[str, Any]:
        """As `dict.keys`, with the vector built."""
        self._fill()
        return dict.keys(self)

    def values(self) -> dict_values[str, Any]:
        """As `dict.values`, with the vector built."""
        self._fill()
        return dict.values(self)

    def items(self) -> dict_items[str, Any]:
        """As `dict.items`, with the vector built."""
        self._fill()
        return dict.items(self)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        return dict.__len__(self) + (self._make is not None)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyObservation):
            other._fill()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def copy(self) -> dict[str, Any]:
        """A plain dict with the same arrays."""
        self._fill()
        return dict(dict.items(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))

    def __copy__(self) -> dict[str, Any]:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        import copy

        return copy.deepcopy(self.copy(), memo)


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
        self.possible_agents: list[str] = [f.id for f in self.rules.factions]
        self._index = {agent: i for i, agent in enumerate(self.possible_agents)}
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
        self._n_moves = self.codec.size
        self._moves = self.rules.action_space
        # legal move indices of the current position (None once stale): computed once
        # per position for the mask and the legality check in `step`
        self._legal: list[int] | None = None
        self._mask: bytes | None = None  # the acting agent's mask, None once stale
        self._log: list[LogEntry] | None = None
        self._shown = 0
        self._state = new_game(self.rules, 0)
        # observations handed out for the current position whose vector is not built yet:
        # before a step changes the state in place they are moved to a snapshot of it
        self._unread: list[tuple[LazyObservation, int]] = []
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
        self._state = new_game(self.rules, engine_seed, self._log)  # a new object: the
        self._unread = []  # old state, which unread observations still read, is left as it is
        self._legal = self._mask = None
        self.agents = self.possible_agents[:]
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos: dict[str, dict[str, Any]] = {a: {} for a in self.agents}
        self.agent_selection = self.possible_agents[max(0, current_faction(self._state))]
        if self._state.outcome >= 0:  # a level can end during the opening news
            self._finish()

    def observe(self, agent: str) -> LazyObservation:
        """The agent's observation dict (see the module doc). Fresh arrays every call.

        The vector comes from `ObservationEncoder.encode_state`, the same bytes as
        encoding `game.engine.observe(state, faction)` without building the view; it is
        built when first read (`LazyObservation`).
        """
        state = self._state
        if state.outcome < 0 and agent == self.agent_selection:
            flags = bytearray(self._mask_now())  # a fresh copy of the position's mask
        else:
            flags = bytearray(self._n_moves)
        faction = self._index[agent]
        encode = self.encoder.encode_state
        obs = LazyObservation(np.frombuffer(flags, dtype=np.int8), lambda: encode(state, faction))
        self._unread.append((obs, faction))
        return obs

    def state(self) -> FloatArray:
        """The global state for centralised training: the acting faction's observation
        with every hidden value revealed (never give it to an agent as its input)."""
        state = self._state
        faction = max(0, current_faction(state))
        return self.encoder.encode_state(state, faction, reveal="all")

    def step(self, action: int | np.integer[Any] | None) -> None:
        """Play a move index for the selected agent (None once it is terminated)."""
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        if action is None:
            raise ValueError(f"{agent} must choose a move; None is only for finished agents")
        index = int(action)
        if not (0 <= index < self._n_moves and self._mask_now()[index]):
            raise ValueError(
                f"{agent} cannot play move {index} now"
                + (f" ({self.codec.label(index)})" if 0 <= index < self.codec.size else "")
            )
        self._cumulative_rewards[agent] = 0.0
        # no `_clear_rewards()`: rewards stay 0 until `_finish`, and after it no agent
        # plays a live move again (finished agents take `_was_dead_step`)
        if self._unread:
            self._snapshot_unread()
        step(self._state, self._moves[index], self._log)
        self._legal = self._mask = None
        if self._state.outcome >= 0:
            self._finish()
        else:
            self.agent_selection = self.possible_agents[current_faction(self._state)]
        if self.render_mode == "human":
            self.render()

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
        """The true engine state (for tests and tools; agents must not read it)."""
        return self._state

    def _snapshot_unread(self) -> None:
        """Point observations not read yet at a copy of the position they were made for
        (a state copy is a list copy, cheaper than encoding them now)."""
        frozen = self._state.clone()
        encode = self.encoder.encode_state
        for obs, faction in self._unread:
            if obs.pending():
                obs.rebase(partial(encode, frozen, faction))
        self._unread = []

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """(observation, cumulative reward, terminated, truncated, info) of the selected
        agent, as `AECEnv.last`."""
        agent = self.agent_selection
        return (
            self.observe(agent) if observe else None,
            self._cumulative_rewards[agent],
            self.terminations[agent],
            self.truncations[agent],
            self.infos[agent],
        )

    def _legal_now(self) -> list[int]:
        if self._legal is None:
            self._legal = self.codec.legal_indices(self._state)
        return self._legal

    def _mask_now(self) -> bytes:
        """The acting agent's mask bytes for this position (built once per position)."""
        mask = self._mask
        if mask is None:
            flags = bytearray(self._n_moves)  # cheaper than a numpy scatter for a few moves
            for index in self._legal_now():
                flags[index] = 1
            mask = self._mask = bytes(flags)
        return mask

    def _finish(self) -> None:
        state = self._state
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


class _AssertOutOfBounds(wrappers.AssertOutOfBoundsWrapper):  # type: ignore[misc]
    """PettingZoo's bounds check, reading the environment directly: the base classes
    reach every attribute through a `__getattr__` per wrapper, which cost more per
    step than the engine's own move on small levels."""

    def __init__(self, env: SahelEnv) -> None:
        super().__init__(env)
        self._raw = env
        self._n = env.codec.size

    def step(self, action: Any) -> None:
        """As `AssertOutOfBoundsWrapper.step`: an action outside the space is refused."""
        raw = self._raw
        if action is None:
            agent = raw.agent_selection
            assert raw.terminations[agent] or raw.truncations[agent], (
                "action is not in action space"
            )
        elif not (type(action) is int and 0 <= action < self._n):
            assert raw.action_space(raw.agent_selection).contains(action), (
                "action is not in action space"
            )
        raw.step(action)

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """As `AECEnv.last`, from the wrapped environment."""
        return self._raw.last(observe)

    def observe(self, agent: str) -> LazyObservation:
        """As `AECEnv.observe`, from the wrapped environment."""
        return self._raw.observe(agent)


def _after_reset(name: str) -> property:
    """An attribute of the unwrapped environment, an AttributeError before `reset` (as
    `OrderEnforcingWrapper.__getattr__` says), read in one step."""

    def read(self: _OrderEnforcing) -> Any:
        if not self._has_reset:
            raise AttributeError(f"{name} cannot be accessed before reset")
        return getattr(self._raw, name)

    return property(read, doc=f"The environment's `{name}` (after reset).")


class _OrderEnforcing(wrappers.OrderEnforcingWrapper):  # type: ignore[misc]
    """PettingZoo's order checks, with the attributes a loop reads every step (`agents`,
    `agent_selection`, …) and `last()` read straight from the environment."""

    def __init__(self, env: _AssertOutOfBounds) -> None:
        super().__init__(env)
        self._raw = env._raw

    agents = _after_reset("agents")
    agent_selection = _after_reset("agent_selection")
    rewards = _after_reset("rewards")
    terminations = _after_reset("terminations")
    truncations = _after_reset("truncations")
    infos = _after_reset("infos")

    @property
    def num_agents(self) -> int:
        """How many agents are still in the game (after reset)."""
        return len(self.agents)

    @property
    def _cumulative_rewards(self) -> dict[str, float]:
        return self._raw._cumulative_rewards

    def step(self, action: Any) -> None:
        """As `OrderEnforcingWrapper.step`, without the `__getattr__` hops."""
        if not self._has_reset:
            EnvLogger.error_step_before_reset()
        elif not self._raw.agents:
            self._has_updated = True
            EnvLogger.warn_step_after_terminated_truncated()
        else:
            self._has_updated = True
            self.env.step(action)

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """As `AECEnv.last`; an error before `reset`, as for `observe`."""
        if not self._has_reset:
            EnvLogger.error_observe_before_reset()
        return self._raw.last(observe)


def env(level: Ruleset | str | os.PathLike[str], render_mode: str | None = None) -> AECEnv:
    """The environment wrapped the PettingZoo way (order enforcing, bounds asserted)."""
    return _OrderEnforcing(_AssertOutOfBounds(SahelEnv(level, render_mode)))


__all__ = ["LazyObservation", "SahelEnv", "env", "raw_env"]
