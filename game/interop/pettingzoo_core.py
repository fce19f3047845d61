"""The per-step work of the PettingZoo environment, in a class mypyc compiles.

`SahelEnv` (a PettingZoo `AECEnv`, whose base class is plain Python and untyped) binds
its instances' `observe`, `last` and `step` to one `EnvCore`, so a training loop's
three calls a move run as compiled code with typed attributes instead of six Python
frames. The core holds what changes every step: the engine state, the acting agent's
mask, and the `Segment` that lets a handed-out observation be read after later moves;
the environment keeps the rest (rewards, infos, rendering) and is told when a game ends.

No step copies the engine state. An observation remembers its segment and its place in
it (how many of the segment's moves had been played); read while that is still the
live position, it encodes the live state; read after later moves, the segment replays
its moves on a copy of its first position up to that place (the engine is
deterministic: the dice live in the state). A new segment, with one state copy, starts
at an observation once the current one holds `SEGMENT_MOVES` moves, so a loop that
observes every move pays one copy per `SEGMENT_MOVES` moves, and a late read replays at
most that many (reading a segment's observations in order replays each move once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np

from game.engine import LogEntry, State, current_faction, step
from game.interop.moves import MaskArray, MoveCodec
from game.interop.pettingzoo_obs import LazyObservation

# Final: the compiled module reads them from C statics, not its globals dict, per call
_new: Final = dict.__new__
_set: Final = dict.__setitem__
_LAZY: Final = LazyObservation
SEGMENT_MOVES: Final = 16  # moves a segment holds before the next observation starts one


class Segment:
    """A stretch of one game: a copy of the position it starts at (`base`) and the move
    indices played since, so an observation made within it can be encoded later."""

    def __init__(self, core: EnvCore, base: State) -> None:
        self.core = core
        self.base = base
        self.moves: list[int] = []
        self.cursor: State | None = None  # `base` replayed up to `cursor_at` moves
        self.cursor_at = 0

    def read(self, at: int, faction: int) -> Any:
        """`faction`'s observation vector of the position after the first `at` moves."""
        core = self.core
        if core.segment is self and len(self.moves) == at:
            return core.encode(core.state, faction)  # still the live position
        return core.encode(self.position(at), faction)

    def position(self, at: int) -> State:
        """The position after the segment's first `at` moves (a replayed copy)."""
        if at == 0:
            return self.base  # never played on
        cursor = self.cursor
        if cursor is None or self.cursor_at > at:
            cursor = self.cursor = self.base.clone()
            self.cursor_at = 0
        space = self.core.moves
        moves = self.moves
        done = self.cursor_at
        while done < at:
            step(cursor, space[moves[done]], None)
            done += 1
        self.cursor_at = done
        return cursor


class Pending:
    """An observation's vector still to encode: `faction`'s view after the first `at`
    moves of `segment` (called once, by `LazyObservation`)."""

    def __init__(self, segment: Segment, at: int, faction: int) -> None:
        self.segment = segment
        self.at = at
        self.faction = faction

    def __call__(self) -> Any:
        return self.segment.read(self.at, self.faction)


class EnvCore:
    """One environment's engine state, mask and observation segment, and its `observe`,
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
        # the stretch of this game observations were handed out in (None: none yet)
        self.segment: Segment | None = None
        self.cumulative: dict[str, float] = {}
        self.terminations: dict[str, bool] = {}
        self.truncations: dict[str, bool] = {}
        self.infos: dict[str, dict[str, Any]] = {}

    def restart(self, state: State, log: list[LogEntry] | None) -> None:
        """A new game from `state` (the env's dicts were just made anew)."""
        env = self.env
        self.state = state  # a new object: unread observations keep reading the old one
        self.log = log
        self.segment = None
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
        segment = self.segment
        if segment is None or len(segment.moves) >= SEGMENT_MOVES:
            segment = self.segment = Segment(self, state.clone())
        obs: LazyObservation = _new(_LAZY)
        _set(obs, "action_mask", array)
        obs._make = Pending(segment, len(segment.moves), self.index[agent])
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
        segment = self.segment
        if segment is not None:
            segment.moves.append(index)
        step(state, self.moves[index], self.log)
        self.mask_ok = False
        if state.outcome >= 0:
            env._finish()
        else:
            env.agent_selection = self.agents[current_faction(state)]
        if self.human:
            env.render()


class OrderCore:
    """The order-enforcing wrapper's `step` and agent iterator once the env was reset
    (PettingZoo's checks and messages; see `pettingzoo_wrappers.OrderEnforcing`), as
    compiled code instead of two Python frames a move."""

    def __init__(self, wrapper: Any, raw: Any, n_moves: int, warn: Callable[[], None]) -> None:
        self.wrapper = wrapper  # the OrderEnforcing wrapper: its `_has_updated` is set here
        self.warn = warn  # PettingZoo's "step() called after all agents are terminated"
        self.bounds = wrapper.env  # the AssertOutOfBounds wrapper (its `check`)
        self.raw = raw
        self.raw_step = raw.step  # EnvCore.step, or a subclass's override
        # the env's own core when its step is the core's: then called directly (no
        # bound-method call and argument parsing a move)
        core = getattr(self.raw_step, "__self__", None)
        self.core: EnvCore | None = core if isinstance(core, EnvCore) else None
        self.n_moves = n_moves

    def step(self, action: Any) -> None:
        """As `OrderEnforcingWrapper.step` over `AssertOutOfBoundsWrapper.step`, after reset."""
        wrapper = self.wrapper
        wrapper._has_updated = True
        if not self.raw.agents:
            self.warn()
            return
        if not (type(action) is int and 0 <= action < self.n_moves):
            self.bounds.check(action)  # None, numpy integers, and the refusals
        core = self.core
        if core is not None:
            core.step(action)
        else:
            self.raw_step(action)

    def agent_iter(self, max_iter: int) -> AgentIterator:
        """The order-enforcing agent iterator (at most `max_iter` agents)."""
        return AgentIterator(self.wrapper, self.raw, max_iter)


class RawAgentIterator:
    """PettingZoo's `AECIterator` (the unwrapped env's `agent_iter`): the selected agent
    until the game ends or `max_iter` agents were given."""

    def __init__(self, raw: Any, max_iter: int) -> None:
        self.raw = raw
        self.left = max_iter

    def __iter__(self) -> RawAgentIterator:
        return self

    def __next__(self) -> str:
        raw = self.raw
        if not raw.agents or self.left <= 0:
            raise StopIteration
        self.left -= 1
        agent: str = raw.agent_selection
        return agent


class AgentIterator(RawAgentIterator):
    """PettingZoo's `AECOrderEnforcingIterator`: the selected agent until the game ends,
    refusing (AssertionError) a second agent without a `step` in between."""

    def __init__(self, wrapper: Any, raw: Any, max_iter: int) -> None:
        super().__init__(raw, max_iter)
        self.wrapper = wrapper

    def __next__(self) -> str:
        agent = super().__next__()
        wrapper = self.wrapper
        assert wrapper._has_updated, "need to call step() or reset() in a loop over `agent_iter`"
        wrapper._has_updated = False
        return agent


__all__ = [
    "SEGMENT_MOVES",
    "AgentIterator",
    "EnvCore",
    "OrderCore",
    "Pending",
    "RawAgentIterator",
    "Segment",
]
