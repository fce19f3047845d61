"""Every shipped level validates and plays to the end with random seats."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai.random_agent import RandomAgent
from game.content import load_level
from game.engine import apply, current_faction, legal_actions, new_game, observe
from tests.conftest import MINI, ROOT

LEVELS = sorted(p for p in (ROOT / "levels").iterdir() if p.is_dir() and any(p.glob("*.yaml")))


@pytest.mark.parametrize("folder", [*LEVELS, MINI], ids=lambda p: Path(p).name)
def test_the_level_validates_and_plays_to_the_end_for_50_seeds(folder: Path) -> None:
    rules = load_level(folder)
    agent = RandomAgent()
    outcomes = set()
    for seed in range(50):
        rng = random.Random(seed)
        state = new_game(rules, seed)
        for _ in range(5000):
            if state.is_over:
                break
            faction = current_faction(state)
            decision = agent.decide(observe(state, faction), legal_actions(state), rng)
            state, _ = apply(state, decision.action)
        assert state.is_over, f"seed {seed} did not finish"
        outcomes.add(rules.outcomes[state.outcome].id)
    assert outcomes
