"""The fair MCTS comparison plays whole games with MCTSBot judging leaves like our search."""

from __future__ import annotations

import pytest

from game.content import load_level

pytest.importorskip("pyspiel")

from benchmarks.mcts_fair import LeafEvaluator, play, wilson


def test_mctsbot_judges_a_leaf_with_our_evaluation_in_the_games_return_range() -> None:
    from game.interop.openspiel_game import load_game

    rules = load_level("tutorial")
    state = load_game(rules).new_initial_state()
    state.apply_action(3)
    values = LeafEvaluator(rules, 0).evaluate(state)
    assert len(values) == len(rules.factions)
    assert all(-1.0 <= v <= 1.0 for v in values)


def test_the_head_to_head_counts_every_game_once_with_an_interval_around_the_share() -> None:
    result = play(load_level("tutorial"), 4, 16, None)
    assert result["ours_won"] + result["mctsbot_seats_won"] + result["nobody"] == 4
    low, high = result["ours_share_95"]
    assert low <= result["ours_won"] / 4 <= high


def test_the_wilson_interval_is_the_textbook_one() -> None:
    low, high = wilson(20, 40)
    assert round(low, 3) == 0.352 and round(high, 3) == 0.648
    assert wilson(0, 10)[0] == 0.0
