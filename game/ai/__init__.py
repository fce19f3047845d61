"""AI agents behind one protocol, created by name ('random', 'greedy', 'mcts', 'ai:hard'...)."""

from __future__ import annotations

from collections.abc import Callable

from game.ai.base import Agent, Decision
from game.ai.greedy import GreedyAgent
from game.ai.random_agent import RandomAgent
from game.engine import Ruleset

AgentFactory = Callable[[Ruleset, int, int | None], Agent]

_FACTORIES: dict[str, AgentFactory] = {
    "random": lambda rules, faction, budget_ms: RandomAgent(),
    "greedy": lambda rules, faction, budget_ms: GreedyAgent(rules, faction, time_cap_ms=budget_ms),
}


def agent_names() -> set[str]:
    """Every name `create_agent` accepts."""
    return set(_FACTORIES)


def register(name: str, factory: AgentFactory) -> None:
    """Make an agent available by name (used by the agent modules)."""
    _FACTORIES[name] = factory


def create_agent(name: str, rules: Ruleset, faction: int, budget_ms: int | None = None) -> Agent:
    """A new agent for `faction`; raises KeyError for an unknown name."""
    return _FACTORIES[name](rules, faction, budget_ms)


__all__ = ["Agent", "Decision", "agent_names", "create_agent", "register"]
