"""The test level 'flood' — three agencies, three districts in a chain, ten days — was
written from docs/level-format.md alone: it validates cleanly, every seat can win, and
each way the game ends happens in random games."""

from __future__ import annotations

import random
from collections import Counter

from game.content import open_level
from game.engine import legal_actions, new_game, step
from tests.conftest import FLOOD


def test_the_flood_level_validates_without_warnings() -> None:
    assert [str(w) for w in open_level(FLOOD).warnings] == []


def test_the_flood_level_uses_formula_prices_and_a_formula_bonus() -> None:
    rules = open_level(FLOOD).ruleset
    assert {a.id for a in rules.actions if a.priced} == {"sandbag", "shelter", "airlift"}
    all_clear = next(o for o in rules.outcomes if o.id == "all_clear")
    assert all_clear.sources[rules.faction_index("authority")] == "sandbags // 3"


def test_random_games_of_the_flood_level_reach_every_ending_and_every_winner() -> None:
    rules = open_level(FLOOD).ruleset
    rng = random.Random(1)
    endings: Counter[str] = Counter()
    winners: Counter[int] = Counter()
    for seed in range(120):
        state = new_game(rules, seed)
        while state.outcome < 0:
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
        endings[rules.outcomes[state.outcome].id] += 1
        winners[state.winner] += 1
    assert set(endings) == {"levee_breach", "all_clear", "end_of_rounds"}
    assert set(winners) == {-1, 0, 1, 2}  # a shared defeat, and each agency wins some games
