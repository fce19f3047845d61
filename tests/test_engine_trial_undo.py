"""A move tried on a state and undone (`mark_trial` / `undo_trial`) leaves exactly the
position it started from, and the trial itself reaches the state a copy would."""

from __future__ import annotations

import random

import pytest

from game.engine import (
    State,
    StateError,
    end_round,
    legal_actions,
    mark_trial,
    new_game,
    step,
    undo_trial,
)
from game.engine.ruleset import Ruleset


def test_every_move_tried_and_undone_leaves_the_position_as_it_was(level: Ruleset) -> None:
    rng = random.Random(5)
    tried = 0
    for seed in range(3):
        state = new_game(level, seed)
        while not state.is_over:
            before = state.to_dict()
            for move in legal_actions(state):
                copy = state.clone()
                step(copy, move)
                at = mark_trial(state)
                step(state, move)
                assert state.to_dict() == copy.to_dict()  # the trial is the copy's game
                inner = mark_trial(state)  # nested: the rest of the round, then back
                end_round(state)
                undo_trial(state, inner)
                assert state.to_dict() == copy.to_dict()
                undo_trial(state, at)
                assert state.to_dict() == before
                assert state.journal is None  # the recording stops with the outer undo
                tried += 1
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
    assert tried > 0


def test_a_state_copied_during_a_trial_keeps_the_trial_position(mini: Ruleset) -> None:
    state = new_game(mini, 3)
    before = state.to_dict()
    at = mark_trial(state)
    end_round(state)
    after: State = state.clone()
    undo_trial(state, at)
    assert state.to_dict() == before
    assert after.to_dict() != before and after.journal is None


def test_undo_without_a_mark_is_refused(mini: Ruleset) -> None:
    with pytest.raises(StateError):
        undo_trial(new_game(mini, 0), mark_trial(new_game(mini, 0)))
