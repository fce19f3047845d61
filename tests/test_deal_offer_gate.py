"""The offers listed in `legal_actions` (one shared gate per deal, then each option's own
checks) are exactly the offers whose every requirement holds, in the same order."""

from __future__ import annotations

import random

import pytest

from game.content import load_level
from game.engine import PASS, Action, legal_actions, new_game, responder, step, why_illegal
from game.engine.ruleset import Ruleset
from game.engine.state import State
from tests.conftest import BARGAIN, ROOT


def _every_legal_move_checked_one_by_one(state: State) -> list[Action]:
    rules = state.rules
    acting = rules.order[state.turn]
    moves = [PASS]
    for move in rules.action_space:
        a = rules.actions[move.action] if move.action >= 0 else None
        if a is None or a.faction != acting or a.deal_role not in (0, 1):
            continue
        if why_illegal(state, move) is None:
            moves.append(move)
    return moves


@pytest.mark.parametrize("folder", [BARGAIN, ROOT / "levels" / "niger_2023"], ids=lambda p: p.name)
def test_the_moves_on_ones_own_turn_are_the_actions_and_offers_whose_checks_all_pass(
    folder: object,
) -> None:
    rules: Ruleset = load_level(folder)  # type: ignore[arg-type]
    rng = random.Random(7)
    offers_seen = 0
    for seed in range(4):
        state = new_game(rules, seed)
        while not state.is_over:
            moves = legal_actions(state)
            if responder(state) < 0:
                assert moves == _every_legal_move_checked_one_by_one(state)
                offers_seen += sum(1 for m in moves if rules.actions[m.action].deal_role == 1)
            step(state, rng.choice(moves))
    assert offers_seen > 0  # random play met offers it could make


def test_an_offer_refused_is_not_listed_again_until_its_cooldown_is_over() -> None:
    rules = load_level(BARGAIN)
    deal = rules.deals[0]
    rng = random.Random(3)
    for seed in range(20):
        state = new_game(rules, seed)
        while not state.is_over:
            moves = legal_actions(state)
            offer = next((m for m in moves if m.action in deal.propose), None)
            if offer is not None and responder(state) < 0:
                step(state, offer)
                step(state, Action(deal.refuse, -1))
                refused_in = state.round
                while not state.is_over and state.round - refused_in <= 0:
                    if rules.order[state.turn] == deal.proposer and responder(state) < 0:
                        assert not any(m.action in deal.propose for m in legal_actions(state))
                    step(state, rng.choice(legal_actions(state)))
                return
            step(state, rng.choice(moves))
    pytest.fail("random play never reached an offer")
