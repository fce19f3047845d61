"""PettingZoo's standard wrappers (bounds assert, order enforcing) for `SahelEnv`, with
the calls a training loop makes every step read straight from the environment.

PettingZoo's base wrapper reaches every attribute through a `__getattr__` per wrapper
and its iterator reads `agents` and `agent_selection` through both wrappers; per step
that cost more than the engine's own move on small levels. The checks themselves are
PettingZoo's, with the same messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pettingzoo.utils import wrappers
from pettingzoo.utils.env_logger import EnvLogger
from pettingzoo.utils.wrappers.order_enforcing import (
    AECOrderEnforcingIterable,
    AECOrderEnforcingIterator,
)

from game.interop.pettingzoo_core import AgentIterator, OrderCore

if TYPE_CHECKING:
    from game.interop.pettingzoo_env import LazyObservation, SahelEnv


class AssertOutOfBounds(wrappers.AssertOutOfBoundsWrapper):  # type: ignore[misc]
    """PettingZoo's bounds check, reading the environment directly."""

    def __init__(self, env: SahelEnv) -> None:
        super().__init__(env)
        self._raw = env
        self._n = env.codec.size

    def check(self, action: Any) -> None:
        """Refuse (AssertionError) an action outside the space, or None for a live agent."""
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

    def step(self, action: Any) -> None:
        """As `AssertOutOfBoundsWrapper.step`: an action outside the space is refused."""
        self.check(action)
        self._raw.step(action)

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """As `AECEnv.last`, from the wrapped environment."""
        return self._raw.last(observe)

    def observe(self, agent: str) -> LazyObservation:
        """As `AECEnv.observe`, from the wrapped environment."""
        return self._raw.observe(agent)


def _after_reset(name: str) -> property:
    """An attribute of the unwrapped environment, an AttributeError before `reset` (as
    `OrderEnforcingWrapper.__getattr__` says), read in one step."""

    def read(self: OrderEnforcing) -> Any:
        if not self._has_reset:
            raise AttributeError(f"{name} cannot be accessed before reset")
        return getattr(self._raw, name)

    return property(read, doc=f"The environment's `{name}` (after reset).")


class _Iterator(AECOrderEnforcingIterator):  # type: ignore[misc]
    """PettingZoo's order-enforcing agent iterator, reading the environment directly."""

    def __init__(self, env: OrderEnforcing, max_iter: int) -> None:
        super().__init__(env, max_iter)
        self._raw = env._raw

    def __next__(self) -> str:
        raw = self._raw
        if not raw.agents or self.iters_til_term <= 0:
            raise StopIteration
        self.iters_til_term -= 1
        env = self.env
        assert env._has_updated, "need to call step() or reset() in a loop over `agent_iter`"
        env._has_updated = False
        agent: str = raw.agent_selection
        return agent


class _Iterable(AECOrderEnforcingIterable):  # type: ignore[misc]
    def __iter__(self) -> _Iterator | AgentIterator:
        order: OrderCore | None = self.env._order
        if order is not None:  # after reset, unless a subclass overrides `step`
            return order.agent_iter(self.max_iter)
        return _Iterator(self.env, self.max_iter)


class OrderEnforcing(wrappers.OrderEnforcingWrapper):  # type: ignore[misc]
    """PettingZoo's order checks, with the attributes a loop reads every step (`agents`,
    `agent_selection`, …), `last()`, `step()` and the agent iterator read straight from
    the environment."""

    def __init__(self, env: AssertOutOfBounds) -> None:
        super().__init__(env)
        self._raw = env._raw
        self._n = env._n
        self._order: OrderCore | None = None  # the compiled step and iterator, after reset

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

    def agent_iter(self, max_iter: int = 2**63) -> _Iterable:
        """As `OrderEnforcingWrapper.agent_iter` (an error before `reset`)."""
        if not self._has_reset:
            EnvLogger.error_agent_iter_before_reset()
        return _Iterable(self, max_iter)

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """As `OrderEnforcingWrapper.reset`; from then on `last` and `observe` are the
        environment's own (their only check, "not before reset", holds for good)."""
        super().reset(seed=seed, options=options)
        # instance attributes over the methods: one call less per step
        self.last = self._raw.last  # type: ignore[method-assign]
        self.observe = self._raw.observe
        if self._order is None and type(self).step is OrderEnforcing.step:
            warn = EnvLogger.warn_step_after_terminated_truncated
            self._order = order = OrderCore(self, self._raw, self._n, warn)
            self.step = order.step  # type: ignore[method-assign]

    def step(self, action: Any) -> None:
        """As `OrderEnforcingWrapper.step` over `AssertOutOfBounds.step`, in one call."""
        raw = self._raw
        if not self._has_reset:
            EnvLogger.error_step_before_reset()
        elif not raw.agents:
            self._has_updated = True
            EnvLogger.warn_step_after_terminated_truncated()
        else:
            self._has_updated = True
            if not (type(action) is int and 0 <= action < self._n):
                self.env.check(action)  # None, numpy integers, and the refusals
            raw.step(action)

    def last(self, observe: bool = True) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """As `AECEnv.last`; an error before `reset`, as for `observe`."""
        if not self._has_reset:
            EnvLogger.error_observe_before_reset()
        return self._raw.last(observe)


__all__ = ["AssertOutOfBounds", "OrderEnforcing"]
