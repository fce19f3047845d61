"""The AI presets' safety time caps count the deciding thread's CPU time, so a machine
busy with other programs (a wall clock that seems to crawl) neither weakens the AI nor
changes its moves: same seed, same game, on a quiet or a loaded machine."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable

import pytest

from game.ai import Agent
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.rollout import RolloutAgent
from game.engine import Ruleset, legal_actions, new_game, observe

MAKERS: dict[str, Callable[[Ruleset], Agent]] = {
    "mcts": lambda rules: MCTSAgent(rules, 0, iterations=60, time_cap_ms=190),
    "rollout": lambda rules: RolloutAgent(rules, 0, samples=2, horizon=1, time_cap_ms=190),
    "greedy": lambda rules: GreedyAgent(rules, 0, samples=6, time_cap_ms=190),
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_crawling_wall_clock_does_not_cut_an_ai_decision_short(
    mini: Ruleset, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = new_game(mini, 7)
    legal = legal_actions(state)
    quiet = MAKERS[kind](mini).decide(observe(state, 0), legal, random.Random(3))
    ticks = itertools.count()
    monkeypatch.setattr(time, "perf_counter", lambda: float(next(ticks)))  # a second a call
    agent = MAKERS[kind](mini)
    loaded = agent.decide(observe(state, 0), legal, random.Random(3))
    assert loaded == quiet
    if isinstance(agent, MCTSAgent):
        assert agent.last_iterations == 60
