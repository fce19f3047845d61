"""The engine's fast paths reach exactly the states the ordinary moves reach."""

from __future__ import annotations

import random
from typing import Any

from game.engine import State, end_round, legal_actions, new_game, step
from game.engine.ruleset import Ruleset
from game.engine.simple_conditions import TEST_CALL


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


def test_a_condition_tested_on_its_value_holds_exactly_when_its_closure_does(
    level: Ruleset,
) -> None:
    from game.engine.scoring import value_test as _test

    tables: list[tuple[tuple[Any, ...], tuple[tuple[int, int, int], ...]]] = [
        (level.instant, level.instant_tests),
        (level.upkeep, level.upkeep_tests),
        (level.events, level.event_tests),
        (level.objectives, level.objective_tests),
    ]
    checked = 0
    for state in positions(level, 2, 3)[::5]:
        for defs, tests in tables:
            assert len(tests) == len(defs)
            for item, (slot, code, c) in zip(defs, tests, strict=True):
                if code == TEST_CALL:
                    continue
                assert item.when is not None
                old = state.v[slot]
                for value in range(max(level.lo[slot], c - 3), min(level.hi[slot], c + 3) + 1):
                    state.v[slot] = value
                    assert _test(value, code, c) == bool(item.when(state, -1))
                    checked += 1
                state.v[slot] = old
    if any(code != TEST_CALL for _, tests in tables for _, code, _ in tests):
        assert checked > 0


def test_the_flagship_levels_instant_outcomes_are_all_tested_on_their_values() -> None:
    from game.content import load_level

    rules = load_level("niger_2023")
    assert rules.instant
    assert all(code != TEST_CALL for _, code, _ in rules.instant_tests)


def test_the_news_phase_table_lists_each_rounds_scheduled_events_in_level_order(
    level: Ruleset,
) -> None:
    assert len(level.scheduled_by_round) == level.rounds + 1
    for r in range(1, level.rounds + 1):
        assert level.scheduled_by_round[r] == tuple(e for e in level.scheduled if r in e.rounds)


def test_an_effect_with_a_whole_constant_value_sets_what_its_closure_returns(
    level: Ruleset,
) -> None:
    from game.engine.effects import effect_lists, effect_nodes
    from game.engine.ruleset import SET

    state = new_game(level, 1)
    fixed = 0
    for effects, _ in effect_lists(level):
        for eff in effect_nodes(effects):
            if eff.kind == SET and eff.fixed:
                assert eff.value is not None
                value = eff.value(state, 0)
                assert type(value) is int and value == eff.amount
                fixed += 1
    assert fixed > 0


def test_a_round_scores_the_objectives_of_each_kind_as_the_full_list_does(
    level: Ruleset,
) -> None:
    from dataclasses import replace

    from game.engine.scoring import objectives_by_scoring

    each_round, first_time, at_end = objectives_by_scoring(level.objectives)
    assert level.objectives_by_scoring == (each_round, first_time, at_end)
    assert sorted(each_round + first_time + at_end) == list(range(len(level.objectives)))
    assert all(level.objectives[k].index == k for k in each_round + first_time + at_end)
    assert all(level.objectives[k].scoring == "first_time" for k in first_time)
    plain = replace(level, objectives_by_scoring=None)  # worked out on the fly
    for seed in (2, 9):
        fast, slow = new_game(level, seed), new_game(plain, seed)
        while not fast.is_over:
            end_round(fast)
            end_round(slow)
            assert fast.v == slow.v and fast.outcome == slow.outcome


def test_an_effect_rounds_a_fraction_half_up_and_counts_a_truth_value_as_one() -> None:
    from game.content import load_level
    from game.engine.effects import Context, run_effects
    from game.engine.ruleset import OP_ADD, OP_MUL, OP_SET, SET, Effect

    rules = load_level("niger_2023")
    slot = rules.slot("escalation")
    cases = [
        (OP_SET, 2.5, 2, 3),  # 2.5 -> 3 (half up)
        (OP_ADD, 1.49, 2, 3),  # 3.49 -> 3
        (OP_ADD, True, 2, 3),
        (OP_SET, True, 4, 1),
        (OP_MUL, 0.5, 5, 3),  # 2.5 -> 3
        (OP_ADD, 10**6, 2, rules.hi[slot]),  # clamped to the bound
        (OP_SET, -7, 2, rules.lo[slot]),
    ]
    for op, raw, before, after in cases:
        state = new_game(rules, 1)
        state.v[slot] = before
        eff = Effect(SET, slot, 0, op, lambda s, t, raw=raw: raw)
        run_effects(state, (eff,), -1, Context(False))
        assert state.v[slot] == after, (op, raw)
