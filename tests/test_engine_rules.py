"""The engine's rules on the mini level: legality, costs, chance, events, victory."""

from __future__ import annotations

import random

import pytest

from game.content import load_level
from game.engine import (
    PASS,
    Action,
    IllegalAction,
    apply,
    current_faction,
    legal_actions,
    new_game,
    observe,
    preview,
    sample_state,
    scores,
    why_illegal,
)
from game.engine.log import ACTION, EVENT, OUTCOME
from game.engine.ruleset import Ruleset
from tests.conftest import MINI, set_value

RED, BLUE = 0, 1
AGITATE, RECRUIT, CALM, PRESSURE = 0, 1, 2, 3
CAPITAL, HILLS = 0, 1


def test_a_new_game_starts_in_round_one_with_the_first_faction_to_act(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    assert state.round == 1 and current_faction(state) == RED and state.ap == 2


def test_legal_actions_list_pass_first_and_each_valid_target(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    moves = legal_actions(state)
    assert moves[0] == PASS
    assert Action(AGITATE, CAPITAL) in moves and Action(AGITATE, HILLS) in moves
    assert Action(RECRUIT, -1) in moves
    assert legal_actions(state, BLUE) == []


def test_an_action_pays_its_costs_and_action_points(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    after, _ = apply(state, Action(RECRUIT, -1))
    assert after.v[mini.slot("red.cash")] == 1
    assert after.v[mini.slot("red.spies")] == 1
    assert after.ap == 1
    assert state.v[mini.slot("red.cash")] == 3, "apply must not change the original state"


def test_an_illegal_action_raises_a_typed_error_that_says_why(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "red.cash", 1)
    with pytest.raises(IllegalAction) as info:
        apply(state, Action(RECRUIT, -1))
    assert info.value.code == "cost" and "Costs 2 Cash" in info.value.reason
    with pytest.raises(IllegalAction) as info:
        apply(state, Action(CALM, -1))
    assert info.value.code == "not_your_turn"
    with pytest.raises(IllegalAction) as info:
        apply(state, Action(AGITATE, -1))
    assert info.value.code == "bad_target"


def test_a_requirement_with_a_sentence_explains_itself(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "red.spies", 3)
    assert why_illegal(state, Action(RECRUIT, -1)) == (
        "requirement",
        "Your spy network is already complete.",
    )


def test_forced_rolls_choose_success_or_failure_effects(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    win, log = apply(state, Action(AGITATE, CAPITAL), roll=True)
    lose, _ = apply(state, Action(AGITATE, CAPITAL), roll=False)
    assert win.v[mini.slot("capital.influence.red")] == 2
    assert lose.v[mini.slot("capital.influence.blue")] == 3
    entry = next(e for e in log if e.kind == ACTION)
    assert entry.success == 1 and entry.target == CAPITAL


def test_values_are_clamped_to_their_bounds(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "capital.unrest", 4)
    set_value(state, "capital.influence.red", 5)
    after, _ = apply(state, Action(AGITATE, HILLS), roll=True)
    after, _ = apply(after, Action(PASS.action, PASS.target))
    assert all(mini.lo[i] <= after.v[i] <= mini.hi[i] for i in range(mini.layout.n_vars))


def test_per_round_limits_and_once_per_game_actions(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state, _ = apply(state, PASS)
    assert current_faction(state) == BLUE
    state, _ = apply(state, Action(PRESSURE, RED))
    assert why_illegal(state, Action(PRESSURE, RED)) is not None
    used_in = state.round
    while state.round == used_in or current_faction(state) != BLUE:
        state, _ = apply(state, PASS)
    assert why_illegal(state, Action(PRESSURE, RED)) == (
        "used_once",
        f"Once per game, and already used (in {mini.round_name.lower()} {used_in}).",
    ), "a later round's reason says when it was used"
    assert Action(PRESSURE, BLUE) not in legal_actions(state), "own faction is not a valid target"


def test_cooldowns_block_an_action_until_enough_rounds_pass(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state, _ = apply(state, PASS)
    state, _ = apply(state, Action(CALM, -1))
    state, _ = apply(state, PASS)  # blue ends; round 2
    state, _ = apply(state, PASS)  # red
    assert state.round == 2 and current_faction(state) == BLUE
    problem = why_illegal(state, Action(CALM, -1))
    assert problem is not None and problem[0] == "cooldown"


def test_action_points_can_come_from_a_formula(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state, _ = apply(state, PASS)
    assert state.ap == 2  # blue starts with 4 cash: 1 + (cash >= 3)


def test_scheduled_events_fire_in_their_round(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    log = []
    for _ in range(2):
        state, entries = apply(state, PASS)
        log += entries
    assert state.round == 2
    fired = [mini.events[e.ref].id for e in log if e.kind == EVENT]
    assert "summit" in fired


def test_conditional_events_can_end_the_game(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "tension", 4)
    set_value(state, "blue.morale", 1)
    state, _ = apply(state, PASS)
    state, log = apply(state, PASS)
    assert state.is_over and mini.outcomes[state.outcome].id == "war"
    assert state.winner == -1
    assert any(e.kind == OUTCOME for e in log)


def test_instant_outcomes_end_the_game_mid_round(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "tension", 4)
    state, _ = apply(state, Action(AGITATE, CAPITAL), roll=True)
    assert state.is_over and mini.outcomes[state.outcome].id == "war"
    assert legal_actions(state) == []


def test_the_game_ends_after_the_last_round_and_points_decide(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    while not state.is_over:
        state, _ = apply(state, PASS)
    assert state.round == mini.rounds
    assert mini.outcomes[state.outcome].id == "end_of_rounds"
    final = scores(state)
    assert final[BLUE] >= 4  # calm (3) + solvent each round
    assert state.winner == BLUE


def test_observe_hides_other_factions_private_values(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    morale = mini.slot("blue.morale")
    assert observe(state, BLUE).values[morale] == 5
    red_view = observe(state, RED)
    assert red_view.values[morale] is None
    assert red_view.ranges[morale] == (0, 9)


def test_intel_narrows_the_range_without_revealing_the_value(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    set_value(state, "red.spies", 3)
    low, high = observe(state, RED).ranges[mini.slot("blue.morale")]
    assert low <= 5 <= high and high - low + 1 == 3


def test_views_of_states_differing_only_in_hidden_values_within_a_bucket_are_equal(
    mini: Ruleset,
) -> None:
    a = new_game(mini, 1)
    b = a.clone()
    set_value(b, "blue.morale", 2)
    assert observe(a, RED) == observe(b, RED)


def test_sampled_states_agree_with_the_view_and_draw_hidden_values_in_range(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    view = observe(state, RED)
    sample = sample_state(view, 5)
    morale = mini.slot("blue.morale")
    assert 0 <= sample.v[morale] <= 9
    assert all(sample.v[i] == v for i, v in enumerate(view.values) if v is not None)
    assert legal_actions(sample) == legal_actions(state)


def test_preview_shows_costs_and_both_branches_without_changing_the_state(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    before = state.hash()
    card = preview(state, Action(AGITATE, CAPITAL))
    assert card.chance == pytest.approx(0.5)
    assert (mini.slot("red.cash"), -1) in card.on_success
    assert (mini.slot("capital.influence.red"), 2) in card.on_success
    assert (mini.slot("capital.influence.blue"), 1) in card.on_failure
    assert state.hash() == before


@pytest.mark.parametrize("level_name", ["mini", "tutorial", "niger_2023"])
def test_a_preview_shows_exactly_the_changes_the_move_then_logs(level_name: str) -> None:
    rules = load_level(MINI if level_name == "mini" else level_name)
    rng = random.Random(5)
    checked = 0
    for seed in range(30):
        state = new_game(rules, seed)
        while not state.is_over and checked < 60:
            moves = legal_actions(state)
            for move in moves[1:]:
                card = preview(state, move)
                for success in (True, False) if card.chance is not None else (True,):
                    _, log = apply(state, move, roll=success)
                    (entry,) = [e for e in log if e.kind == ACTION]
                    assert entry.changes == (card.on_success if success else card.on_failure)
                    checked += 1
            state, _ = apply(state, rng.choice(moves))
    assert checked >= 60


def test_same_seed_and_moves_give_the_same_hash(mini: Ruleset) -> None:
    def run(seed: int) -> str:
        state = new_game(mini, seed)
        while not state.is_over:
            moves = legal_actions(state)
            state, _ = apply(state, moves[-1])
        return state.hash()

    assert run(11) == run(11)
    assert run(11) != run(12)
