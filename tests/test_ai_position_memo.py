"""The evaluator remembers a position's static margins by the values the victory rules read."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai.evaluate import PositionEvaluator
from game.content import load_level
from game.engine import Ruleset, legal_actions, new_game, observe, sample_state, step

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["niger_2023", "mini"])
def test_remembered_static_margins_equal_freshly_computed_ones_all_game_long(
    name: str, mini: Ruleset
) -> None:
    rules = mini if name == "mini" else load_level(name)
    remembering = PositionEvaluator(rules)
    fresh = PositionEvaluator(rules)
    fresh._position = None  # never remembers: every call computes
    assert remembering._position is not None
    rng = random.Random(5)
    calls = 0
    for seed in range(3):
        state = new_game(rules, seed)
        while state.outcome < 0:
            view = observe(state, rules.order[state.turn])
            for position in (state, sample_state(view, rng.getrandbits(63))):
                for trial_move in legal_actions(position)[:4]:
                    trial = position.clone()
                    step(trial, trial_move)
                    assert remembering.static_margins(trial) == fresh.static_margins(trial)
                    calls += 1
            legal = legal_actions(state)
            step(state, legal[rng.randrange(len(legal))])
    assert calls > 100
    assert 0 < len(remembering._memo) < calls  # positions met again were remembered


def test_a_remembered_position_is_met_again_when_only_unread_values_differ() -> None:
    rules = load_level("niger_2023")
    evaluator = PositionEvaluator(rules)
    state = new_game(rules, 0)
    first = evaluator.static_margins(state)
    read = set(evaluator._position(list(range(rules.layout.size))))  # type: ignore[misc]
    unread = next(s for s in range(rules.layout.n_vars) if s not in read)
    other = state.clone()
    other.v[unread] = rules.hi[unread] if other.v[unread] != rules.hi[unread] else rules.lo[unread]
    assert evaluator.static_margins(other) == first
    assert len(evaluator._memo) == 1
    changed = state.clone()
    changed.round += 1  # each-round objectives are worth fewer rounds
    evaluator.static_margins(changed)
    assert len(evaluator._memo) == 2


def test_changing_the_returned_margins_does_not_change_what_is_remembered() -> None:
    rules = load_level("niger_2023")
    evaluator = PositionEvaluator(rules)
    state = new_game(rules, 0)
    margins = evaluator.static_margins(state)
    expected = list(margins)
    margins[0] += 100.0
    assert evaluator.static_margins(state) == expected


@pytest.mark.parametrize("name", ["strike", "flood"])
def test_a_level_with_a_points_formula_or_a_condition_over_every_region_is_not_remembered(
    name: str,
) -> None:
    rules = load_level(ROOT / "tests" / "levels" / name)
    evaluator = PositionEvaluator(rules)
    assert evaluator._position is None
    state = new_game(rules, 0)
    assert evaluator.static_margins(state) == evaluator._static_margins(state)
    assert not evaluator._memo
