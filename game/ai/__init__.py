"""AI agents behind one protocol, created by name ('random', 'greedy', 'mcts', 'ai:hard'...).

Any name may end in `+nodeals` ('ai:normal+nodeals'): the same agent, refusing every
offer and never proposing one (`game.ai.nodeals`); and then in `+line=NAME`
('greedy+line=hard_line'): the same agent keeping to a line of play the caller passes
(`game.ai.line`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.ai.base import Agent, Decision
from game.ai.line import Line, split_line, with_line
from game.ai.nodeals import NODEALS, NoDeals, split_name
from game.ai.presets import PRESETS, AgentFactory
from game.engine import Ruleset


def agent_names() -> set[str]:
    """Every name `create_agent` accepts (each preset, with and without `+nodeals`)."""
    return set(PRESETS) | {name + NODEALS for name in PRESETS}


def create_agent(
    name: str,
    rules: Ruleset,
    faction: int,
    budget_ms: int | None = None,
    lines: Mapping[str, Line] | None = None,
    seats: Sequence[str] | None = None,
) -> Agent:
    """A new agent for `faction`; a name ending in `+line=NAME` plays that line of
    `lines` (`game.ai.line`). `seats` (every faction's seat name, public) lets a search
    preset predict each recipient's answers to its offers the way that seat answers.
    Raises KeyError for an unknown name or line."""
    name, line = split_line(name)
    base, nodeals = split_name(name)
    agent: Agent = PRESETS[base](rules, faction, budget_ms, seats)
    agent = NoDeals(agent) if nodeals else agent
    return agent if line is None else with_line(agent, rules, faction, line, lines or {})


__all__ = [
    "NODEALS",
    "Agent",
    "AgentFactory",
    "Decision",
    "Line",
    "agent_names",
    "create_agent",
]
