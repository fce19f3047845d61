"""AI agents behind one protocol, created by name ('random', 'greedy', 'mcts', 'ai:hard'...).

Any name may end in `+nodeals` ('ai:normal+nodeals'): the same agent, refusing every
offer and never proposing one (`game.ai.nodeals`)."""

from __future__ import annotations

from game.ai.base import Agent, Decision
from game.ai.nodeals import NODEALS, NoDeals, split_name
from game.ai.presets import PRESETS, AgentFactory
from game.engine import Ruleset


def agent_names() -> set[str]:
    """Every name `create_agent` accepts (each preset, with and without `+nodeals`)."""
    return set(PRESETS) | {name + NODEALS for name in PRESETS}


def create_agent(name: str, rules: Ruleset, faction: int, budget_ms: int | None = None) -> Agent:
    """A new agent for `faction`; raises KeyError for an unknown name."""
    base, nodeals = split_name(name)
    agent = PRESETS[base](rules, faction, budget_ms)
    return NoDeals(agent) if nodeals else agent


__all__ = ["NODEALS", "Agent", "AgentFactory", "Decision", "agent_names", "create_agent"]
