"""The greedy agent plays legal moves, deterministically, from its view only."""

from __future__ import annotations

import random
from pathlib import Path

from game.ai import create_agent
from game.content.loader import load_level
from game.engine import Ruleset, legal_actions, observe
from game.headless import play_match

MINI = Path(__file__).parent / "levels" / "mini"


def mini() -> Ruleset:
    return load_level(str(MINI))


def test_greedy_plays_the_mini_level_to_the_end_with_readable_reasons() -> None:
    match = play_match(mini(), 5, ["greedy", "greedy"])
    assert match.is_over
    reasons = [m.reason for m in match.history]
    assert all(r for r in reasons)
    assert any("Agitate" in r for r in reasons)


def test_greedy_returns_the_same_move_for_the_same_seed() -> None:
    rules = mini()
    match = play_match(rules, 9, ["random", "random"], max_decisions=3)
    state = match.state
    faction = match.active
    agent = create_agent("greedy", rules, faction)
    legal = legal_actions(state)
    first = agent.decide(observe(state, faction), legal, random.Random(4))
    second = agent.decide(observe(state, faction), legal, random.Random(4))
    assert first == second
    assert first.action in legal
