"""AI agents behind one protocol, created by name ('random', 'greedy', 'mcts', 'ai:hard'...)."""

from __future__ import annotations

from game.ai.base import Agent, Decision
from game.ai.presets import PRESETS, AgentFactory
from game.engine import Ruleset


def agent_names() -> set[str]:
    """Every name `create_agent` accepts."""
    return set(PRESETS)


def create_agent(name: str, rules: Ruleset, faction: int, budget_ms: int | None = None) -> Agent:
    """A new agent for `faction`; raises KeyError for an unknown name."""
    return PRESETS[name](rules, faction, budget_ms)


__all__ = ["Agent", "AgentFactory", "Decision", "agent_names", "create_agent"]
