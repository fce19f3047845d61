"""The engine's fast paths reach exactly the states the ordinary moves reach."""

from __future__ import annotations

import random

from game.engine import State, end_round, legal_actions, new_game, step
from game.engine.ruleset import Ruleset


def positions(rules: Ruleset, games: int, seed: int) -> list[State]:
    """Decision points from random games (every one kept, up to the end of each game)."""
    rng = random.Random(seed)
    found: list[State] = []
    for game in range(games):
        state = new_game(rules, seed + game)
        while not state.is_over:
            found.append(state.clone())
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
    return found


def test_ending_the_round_at_once_equals_every_remaining_seat_ending_its_turn(
    level: Ruleset,
) -> None:
    checked = 0
    for state in positions(level, 6, 11):
        by_passes, at_once = state.clone(), state.clone()
        start = by_passes.round
        while not by_passes.is_over and by_passes.round == start:
            step(by_passes, legal_actions(by_passes)[0])  # PASS, or refusing a pending offer
        end_round(at_once)
        assert at_once.hash() == by_passes.hash()
        assert (at_once.turn, at_once.ap) == (by_passes.turn, by_passes.ap)
        checked += 1
    assert checked > 50


def test_ending_the_round_of_a_finished_game_changes_nothing(level: Ruleset) -> None:
    state = new_game(level, 5)
    while not state.is_over:
        end_round(state)
    before = state.hash()
    end_round(state)
    assert state.hash() == before
