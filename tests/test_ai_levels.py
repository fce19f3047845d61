"""Every agent plays the mini level and every shipped level to the end with legal moves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.ai import Agent, agent_names, create_agent
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.random_agent import RandomAgent
from game.ai.rollout import RolloutAgent
from game.content import load_level
from game.engine import Ruleset, legal_actions, observe
from game.headless import play_match, seat_rng
from game.match import Match
from tests.conftest import ROOT

LEVELS = sorted(p for p in (ROOT / "levels").iterdir() if p.is_dir() and any(p.glob("*.yaml")))
NAMES = ["random", "greedy", "mcts", "rollout", "ai:easy", "ai:normal", "ai:hard"]


def test_every_promised_agent_name_is_registered() -> None:
    assert set(NAMES) <= agent_names()


@pytest.mark.parametrize("name", NAMES)
def test_each_agent_plays_the_mini_level_to_the_end_with_reasons(mini: Ruleset, name: str) -> None:
    match = play_match(mini, 7, [name, name])  # Match.play rejects illegal moves
    assert match.is_over
    assert all(move.reason for move in match.history)


def test_the_budget_override_reaches_the_agents(mini: Ruleset) -> None:
    agent = create_agent("ai:hard", mini, 0, budget_ms=5)
    assert isinstance(agent, MCTSAgent)
    assert agent.time_cap_ms == 5
    greedy = create_agent("greedy", mini, 1, budget_ms=5)
    assert isinstance(greedy, GreedyAgent) and greedy.time_cap_ms == 5


def _small_search_game(rules: Ruleset, seed: int, rotation: int) -> Match:
    """A full game with cheap versions of the four agent kinds in the seats."""
    kinds: list[Callable[[int], Agent]] = [
        lambda f: MCTSAgent(rules, f, iterations=8, prior_samples=1),
        lambda f: RolloutAgent(rules, f, samples=1, horizon=1, width=2, prior_samples=1),
        lambda f: GreedyAgent(rules, f, samples=1),
        lambda f: RandomAgent(),
    ]
    agents = [kinds[(i + rotation) % len(kinds)](i) for i in range(len(rules.factions))]
    match = Match.new(rules, seed)
    rngs = [seat_rng(seed, i) for i in range(len(agents))]
    for _ in range(20_000):
        if match.is_over:
            break
        faction = match.active
        decision = agents[faction].decide(
            observe(match.state, faction), legal_actions(match.state), rngs[faction]
        )
        match.play(decision.action, decision.reason)  # raises IllegalAction if illegal
    return match


@pytest.mark.parametrize("folder", LEVELS, ids=lambda p: Path(p).name)
def test_search_agents_play_each_shipped_level_to_the_end(folder: Path) -> None:
    rules = load_level(folder)
    for rotation in range(2):
        match = _small_search_game(rules, 11 + rotation, rotation)
        assert match.is_over
        assert all(move.reason for move in match.history)
