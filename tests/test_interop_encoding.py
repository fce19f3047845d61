"""The shared interop encoding: move indices, masks, returns and hidden-information-safe
observation vectors, on the mini level and every shipped level."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from game.content import load_level
from game.engine import (
    PASS,
    Action,
    Ruleset,
    State,
    legal_actions,
    new_game,
    observe,
    step,
)
from game.interop.encoding import (
    UNBOUNDED_USES_PER_ROUND,
    MoveCodec,
    ObservationEncoder,
    final_returns,
    max_game_length,
    view_text,
)
from tests.conftest import mini_text, set_value

RED, BLUE = 0, 1


def _random_states(rules: Ruleset, seed: int, count: int) -> list[State]:
    """States met along random playouts (a few games), for property checks."""
    rng = random.Random(seed)
    states: list[State] = []
    while len(states) < count:
        state = new_game(rules, rng.getrandbits(32))
        while state.outcome < 0 and len(states) < count:
            if rng.random() < 0.3:
                states.append(state.clone())
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
        states.append(state.clone())
    return states


def test_move_index_zero_is_pass_and_indices_round_trip(level: Ruleset) -> None:
    codec = MoveCodec(level)
    assert codec.action(0) == PASS and codec.label(0) == "End turn"
    for i in range(codec.size):
        assert codec.index(codec.action(i)) == i
    with pytest.raises(ValueError, match="outside"):
        codec.action(codec.size)


def test_the_mask_marks_exactly_the_engines_legal_moves_for_the_acting_faction(
    level: Ruleset,
) -> None:
    codec = MoveCodec(level)
    for state in _random_states(level, 3, 40):
        for faction in range(len(level.factions)):
            mask = codec.mask(state, faction)
            legal = {codec.index(m) for m in legal_actions(state, faction)}
            assert set(np.flatnonzero(mask).tolist()) == legal


def test_observations_have_the_declared_size_and_stay_within_zero_and_one(
    level: Ruleset,
) -> None:
    encoder = ObservationEncoder(level)
    assert len(encoder.feature_names) == encoder.size == len(set(encoder.feature_names))
    for state in _random_states(level, 5, 40):
        for faction in range(len(level.factions)):
            vector = encoder.encode(observe(state, faction))
            assert vector.dtype == np.float32 and vector.shape == (encoder.size,)
            assert float(vector.min()) >= 0.0 and float(vector.max()) <= 1.0


def test_no_observation_changes_when_a_hidden_value_moves_within_its_known_range(
    level: Ruleset,
) -> None:
    encoder = ObservationEncoder(level)
    checked = 0
    for state in _random_states(level, 11, 30):
        for faction in range(len(level.factions)):
            view = observe(state, faction)
            for slot, (low, high) in view.ranges.items():
                for value in (low, high):
                    other = state.clone()
                    other.v[slot] = value
                    twin = observe(other, faction)
                    assert twin.ranges == view.ranges
                    assert np.array_equal(encoder.encode(twin), encoder.encode(view))
                    assert view_text(twin) == view_text(view)
                    checked += 1
    if level.private_slots:
        assert checked > 0


def test_the_hidden_morale_is_encoded_for_its_owner_and_only_as_a_range_for_others(
    mini: Ruleset,
) -> None:
    encoder = ObservationEncoder(mini)
    names = encoder.feature_names
    low, high = names.index("blue.morale.low"), names.index("blue.morale.high")
    a, b = new_game(mini, 1), new_game(mini, 1)
    set_value(a, "red.spies", 3)  # intel 3: morale seen in buckets of three (0-2, 3-5, ...)
    set_value(b, "red.spies", 3)
    set_value(a, "blue.morale", 3)
    set_value(b, "blue.morale", 5)
    red_a, red_b = encoder.encode(observe(a, RED)), encoder.encode(observe(b, RED))
    assert np.array_equal(red_a, red_b)
    assert red_a[low] == pytest.approx(3 / 9) and red_a[high] == pytest.approx(5 / 9)
    blue_a, blue_b = encoder.encode(observe(a, BLUE)), encoder.encode(observe(b, BLUE))
    assert blue_a[low] == blue_a[high] == pytest.approx(3 / 9)
    assert not np.array_equal(blue_a, blue_b)
    set_value(b, "blue.morale", 6)  # another bucket: Red may see the difference
    assert not np.array_equal(red_a, encoder.encode(observe(b, RED)))


def test_use_counters_of_another_factions_covert_action_are_left_out(
    write_level: Callable[[str], Path],
) -> None:
    recruit = "    name: Recruit spies\n"
    text = mini_text().replace(recruit, recruit + "    covert: true\n")
    rules = load_level(write_level(text))
    encoder = ObservationEncoder(rules)
    state = new_game(rules, 1)
    step(state, Action(rules.action_by_id("recruit").index, -1))
    seen_by_blue = encoder.describe(encoder.encode(observe(state, BLUE)))
    seen_by_red = encoder.describe(encoder.encode(observe(state, RED)))
    assert seen_by_red["actions.recruit.used"] > 0
    assert seen_by_blue["actions.recruit.used"] == 0.0
    assert seen_by_blue["actions.recruit.since"] == 0.0
    assert "actions.recruit" not in view_text(observe(state, BLUE))


def test_returns_reward_the_winner_and_punish_everyone_when_nobody_wins(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    assert final_returns(state) == [0.0, 0.0]
    won = state.clone()
    won.outcome, won.winner = len(mini.outcomes) - 1, BLUE
    assert final_returns(won) == [-1.0, 1.0]
    war = state.clone()
    war.outcome = next(o.index for o in mini.outcomes if o.id == "war")
    war.winner = -1
    assert final_returns(war) == [-1.0, -1.0]
    tie = state.clone()
    tie.outcome, tie.winner = len(mini.outcomes) - 1, -1  # most points, shared lead
    lay = mini.layout
    tie.v[lay.vp], tie.v[lay.vp + 1] = 4, 4
    assert final_returns(tie) == [0.0, 0.0]


def test_every_random_game_ends_within_the_declared_maximum_length(level: Ruleset) -> None:
    codec = MoveCodec(level)
    rng = random.Random(2)
    bound = max_game_length(level)
    for _ in range(3):
        state, moves = new_game(level, rng.getrandbits(32)), 0
        while state.outcome < 0:
            legal = codec.legal_indices(state)
            step(state, level.action_space[legal[rng.randrange(len(legal))]])
            moves += 1
            assert moves <= bound


def test_an_action_the_level_leaves_unlimited_is_capped_per_round(
    write_level: Callable[[str], Path],
) -> None:
    text = mini_text().replace("    cooldown: 1\n", "    per_round: 0\n")
    calm = "    ap: {}\n    requires: [tension >= 1]"
    text = text.replace(calm.format(1), calm.format(0))
    assert "per_round: 0" in text and "ap: 0" in text
    rules = load_level(write_level(text))
    calm_index = rules.action_by_id("calm").index
    codec = MoveCodec(rules)
    state = new_game(rules, 1)
    step(state, PASS)  # Blue's turn
    set_value(state, "blue.morale", 9)
    for _ in range(UNBOUNDED_USES_PER_ROUND):
        set_value(state, "tension", 3)
        assert codec.index(Action(calm_index, -1)) in codec.legal_indices(state)
        step(state, Action(calm_index, -1))
    set_value(state, "tension", 3)
    assert Action(calm_index, -1) in legal_actions(state)  # the engine itself has no cap
    assert codec.index(Action(calm_index, -1)) not in codec.legal_indices(state)
