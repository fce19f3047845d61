"""A promise to take an action is seen before its deadline: the engine lists the promises
still open and can show on a copy what missing one would do, and the AI's evaluation
counts an open promise as partly broken, so keeping it is worth something now; breaking
a promise not to act is a move whose breach effects every evaluation sees."""

from __future__ import annotations

import random

import pytest

from game.ai.evaluate import PositionEvaluator
from game.ai.greedy import GreedyAgent
from game.content import load_level
from game.engine import (
    PASS,
    Action,
    Ruleset,
    State,
    break_at_deadline,
    legal_actions,
    new_game,
    observe,
    open_promises,
    step,
)
from game.engine.deal_defs import BROKEN, IN_FORCE, DealDef
from tests.conftest import BARGAIN, ROOT

NIGER = ROOT / "levels" / "niger_2023"


@pytest.fixture(scope="module")
def niger() -> Ruleset:
    return load_level(NIGER)


def _instructors_agreed(rules: Ruleset) -> tuple[State, DealDef]:
    """Round 1 of a game, the junta to act, Moscow's instructors deal just agreed."""
    state = new_game(rules, 5)
    junta = rules.faction_index("junta")
    while rules.order[state.turn] != junta:
        step(state, PASS)
    deal = next(d for d in rules.deals if d.id == "instructors_for_uranium")
    state.v[deal.status_slot] = IN_FORCE
    state.v[deal.round_slot] = state.round
    return state, deal


def test_an_agreed_promise_to_take_an_action_stays_open_until_the_action_is_taken(
    niger: Ruleset,
) -> None:
    state, deal = _instructors_agreed(niger)
    junta = niger.faction_index("junta")
    assert open_promises(state) == [(deal, junta, deal.recipient_within)]
    step(state, Action(niger.action_by_id("request_russia").index, -1))
    assert open_promises(state) == []


def test_breaking_at_the_deadline_on_a_copy_does_what_the_deadline_does(niger: Ruleset) -> None:
    state, deal = _instructors_agreed(niger)
    junta = niger.faction_index("junta")
    copy = state.clone()
    break_at_deadline(copy, deal, junta)
    while state.v[deal.status_slot] == IN_FORCE and not state.is_over:
        step(state, PASS)  # nobody acts: the deadline passes and breaks the deal
    assert copy.v[deal.status_slot] == state.v[deal.status_slot] == BROKEN
    loyalty = niger.slot("junta.loyalty")  # the breach: junta.loyalty -= 2 (and more)
    before = new_game(niger, 5).v[loyalty]
    assert copy.v[loyalty] == max(niger.lo[loyalty], before - 2)
    with pytest.raises(ValueError, match="promised no action"):
        break_at_deadline(copy, deal, niger.faction_index("russia"))


def test_an_open_promise_lowers_the_promisers_evaluation_more_as_the_deadline_nears(
    niger: Ruleset,
) -> None:
    judge = PositionEvaluator(niger)
    state, deal = _instructors_agreed(niger)
    junta = niger.faction_index("junta")
    broken = state.clone()
    break_at_deadline(broken, deal, junta)
    stands, after = judge.as_it_stands(state)[junta], judge.as_it_stands(broken)[junta]
    assert after < stands  # the breach hurts the junta
    early = judge.margins(state)[junta]
    assert early == pytest.approx(stands + (after - stands) / (1 + deal.recipient_within))
    state.v[deal.round_slot] = state.round - deal.recipient_within  # the last round
    assert judge.margins(state)[junta] == pytest.approx(judge.as_it_stands(broken)[junta])
    kept = state.clone()
    step(kept, Action(niger.action_by_id("request_russia").index, -1))
    assert judge.margins(kept)[junta] == judge.as_it_stands(kept)[junta]


def test_a_seat_weighing_a_move_it_promised_not_to_make_sees_the_breach_in_its_value() -> None:
    rules = load_level(BARGAIN)
    red = rules.faction_index("red")
    deal = next(d for d in rules.deals if d.id == "ceasefire")  # Red will not agitate
    state = new_game(rules, 3)
    assert rules.order[state.turn] == red
    agreed = state.clone()
    agreed.v[deal.status_slot] = IN_FORCE
    agreed.v[deal.round_slot] = agreed.round
    agent = GreedyAgent(rules, red, samples=4)
    legal = legal_actions(state)
    free, _ = agent.move_values(observe(state, red), legal, random.Random(1))
    promised, _ = agent.move_values(observe(agreed, red), legal, random.Random(1))
    tension = rules.slot("tension")
    for j, move in enumerate(legal):
        if move.action < 0 or rules.actions[move.action].id != "agitate":
            continue
        after = agreed.clone()
        step(after, move, None, True)
        assert after.v[deal.status_slot] == BROKEN  # on_breach: tension += 2
        assert after.v[tension] == min(5, state.v[tension] + 1 + 2)
        assert promised[j] != pytest.approx(free[j])  # ...and the value reflects it
