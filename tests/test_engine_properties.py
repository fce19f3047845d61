"""Property tests: random legal play never breaks the engine's invariants."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import State, apply, legal_actions, new_game
from game.engine.ruleset import Ruleset

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def random_play(rules: Ruleset, seed: int, choices: list[int]) -> list[State]:
    state = new_game(rules, seed)
    states = [state]
    i = 0
    while not state.is_over and i < 400:
        moves = legal_actions(state)
        pick = choices[i % len(choices)] if choices else 0
        state, _ = apply(state, moves[pick % len(moves)])
        states.append(state)
        i += 1
    return states


@SETTINGS
@given(seed=st.integers(0, 2**63), choices=st.lists(st.integers(0, 50), min_size=1, max_size=30))
def test_random_legal_play_keeps_every_value_within_bounds(
    mini: Ruleset, seed: int, choices: list[int]
) -> None:
    for state in random_play(mini, seed, choices):
        for i in range(mini.layout.n_vars):
            assert mini.lo[i] <= state.v[i] <= mini.hi[i], mini.vars[i].key
    assert states_end(mini, seed, choices)


def states_end(rules: Ruleset, seed: int, choices: list[int]) -> bool:
    return random_play(rules, seed, choices)[-1].is_over


@SETTINGS
@given(seed=st.integers(0, 2**63), choices=st.lists(st.integers(0, 50), min_size=1, max_size=30))
def test_the_same_seed_and_moves_give_identical_hashes(
    mini: Ruleset, seed: int, choices: list[int]
) -> None:
    a = [s.hash() for s in random_play(mini, seed, choices)]
    b = [s.hash() for s in random_play(mini, seed, choices)]
    assert a == b


@SETTINGS
@given(seed=st.integers(0, 2**63), steps=st.integers(0, 20))
def test_a_clone_is_independent_of_its_original(mini: Ruleset, seed: int, steps: int) -> None:
    rng = random.Random(seed)
    state = new_game(mini, seed)
    for _ in range(steps):
        if state.is_over:
            break
        state, _ = apply(state, rng.choice(legal_actions(state)))
    copy = state.clone()
    before = state.hash()
    while not copy.is_over:
        copy, _ = apply(copy, rng.choice(legal_actions(copy)))
    copy.v[0] = copy.v[0]
    assert state.hash() == before
    assert copy.v is not state.v


@SETTINGS
@given(seed=st.integers(0, 2**63), steps=st.integers(0, 20))
def test_to_dict_and_from_dict_round_trip_through_json(
    mini: Ruleset, seed: int, steps: int
) -> None:
    rng = random.Random(seed)
    state = new_game(mini, seed)
    for _ in range(steps):
        if state.is_over:
            break
        state, _ = apply(state, rng.choice(legal_actions(state)))
    data = json.loads(json.dumps(state.to_dict()))
    back = State.from_dict(mini, data)
    assert back.hash() == state.hash()
    assert legal_actions(back) == legal_actions(state)
