"""The test level 'strike' — three factions, three regions in a chain, written with the
format's loops, points formulas, a region-value map and an action that ends the game —
validates cleanly and plays to an end."""

from __future__ import annotations

import random

from game.content import open_level
from game.engine import legal_actions, new_game, step
from tests.conftest import ROOT

STRIKE = ROOT / "tests" / "levels" / "strike"


def test_the_strike_level_validates_without_warnings() -> None:
    assert [str(w) for w in open_level(STRIKE).warnings] == []


def test_random_games_of_the_strike_level_end_and_each_outcome_kind_occurs() -> None:
    rules = open_level(STRIKE).ruleset
    rng = random.Random(5)
    endings = set()
    for seed in range(60):
        state = new_game(rules, seed)
        while state.outcome < 0:
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
        endings.add(rules.outcomes[state.outcome].id)
    assert "settlement" in endings  # reached only through the city's action
    assert endings <= {"settlement", "riot_breaks", "end_of_rounds"}
    assert len(endings) >= 2
