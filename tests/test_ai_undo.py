"""No AI plays a move that undoes its own move of the same turn (`game.ai.undo`): the
ai:normal ECOWAS tightened sanctions and eased them again in one week (seed 41), only to
cash the easing's side effects."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai import create_agent
from game.ai.undo import opposites, undoing
from game.content import load_level
from game.engine import Action, Ruleset, State, current_faction, legal_actions, observe, step
from game.engine.log import ACTION
from game.match import Match

ROOT = Path(__file__).resolve().parent.parent
ECOWAS = 1


@pytest.fixture(scope="module")
def niger() -> Ruleset:
    return load_level(ROOT / "levels" / "niger_2023")


def move(rules: Ruleset, action_id: str) -> Action:
    return Action(rules.action_by_id(action_id).index, -1)


def just_tightened(rules: Ruleset, seed: int) -> State:
    """ECOWAS's turn in week 15 of a game of ending turns, a timetable of 24 months agreed
    (so easing is allowed once there are sanctions), right after it tightened them from 0."""
    state = Match.new(rules, seed).state
    while not (state.round == 15 and current_faction(state) == ECOWAS):
        step(state, legal_actions(state)[0])  # ending the turn
    state.v[rules.slot("transition")] = 24
    state.v[rules.slot("ecowas.sanctions")] = 0
    step(state, move(rules, "sanctions"))
    return state


def test_tightening_and_easing_sanctions_are_niger_s_only_pair_of_opposites(
    niger: Ruleset,
) -> None:
    pairs = {
        niger.actions[a].id: {niger.actions[b].id for b in bs} for a, bs in opposites(niger).items()
    }
    assert pairs == {"sanctions": {"ease_sanctions"}, "ease_sanctions": {"sanctions"}}


@pytest.mark.parametrize("seat", ["greedy", "ai:easy", "ai:normal"])
def test_no_ai_ecowas_eases_sanctions_in_the_turn_it_tightened_them(
    niger: Ruleset, seat: str
) -> None:
    ease = move(niger, "ease_sanctions")
    for seed in range(3):
        state = just_tightened(niger, seed)
        legal = legal_actions(state)
        assert ease in legal  # the rules allow it: the AI leaves it out
        agent = create_agent(seat, niger, ECOWAS)
        chosen = agent.decide(observe(state, ECOWAS), legal, random.Random(seed)).action
        assert chosen != ease


def test_easing_is_allowed_again_in_the_next_turn(niger: Ruleset) -> None:
    state = just_tightened(niger, 1)  # (seed 0's week 16 opens with a regional war)
    ease = move(niger, "ease_sanctions")
    kept = undoing(niger).allowed(state.v, legal_actions(state))
    assert ease not in kept
    while current_faction(state) == ECOWAS:
        step(state, legal_actions(state)[0])
    while current_faction(state) != ECOWAS:
        step(state, legal_actions(state)[0])
    legal = legal_actions(state)
    assert ease in legal and undoing(niger).allowed(state.v, legal) == legal


@pytest.mark.slow
def test_the_ai_normal_ecowas_of_seed_41_never_tightens_and_eases_in_one_week(
    niger: Ruleset,
) -> None:
    from game.headless import play_match

    match = play_match(niger, 41, ["ai:normal"] * 4)
    tighten, ease = (niger.action_by_id(a).index for a in ("sanctions", "ease_sanctions"))
    weeks: dict[int, set[int]] = {}
    for entry in match.log:
        if entry.kind == ACTION and entry.ref in (tighten, ease):
            weeks.setdefault(entry.round, set()).add(entry.ref)
    assert weeks  # ECOWAS does use sanctions in this game
    assert all(len(used) == 1 for used in weeks.values())
