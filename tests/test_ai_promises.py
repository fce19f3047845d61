"""A promise to take an action is seen before its deadline: the engine lists the promises
still open and can show on a copy what missing one would do, and the AI's evaluation
counts an open promise as partly broken, so keeping it is worth something now; breaking
a promise not to act is a move whose breach effects every evaluation sees, and a doubting
search (`doubt`, off in the presets) counts a rival's promise not to act as partly broken
where breaking it would pay the rival, since the drift it judges by keeps every such
promise."""

from __future__ import annotations

import random

import pytest

from game.ai.evaluate import PositionEvaluator
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.presets import PRESETS
from game.ai.promises import break_refrain
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


def _ceasefire_agreed(tension: int) -> tuple[Ruleset, State, DealDef]:
    """The bargain level, Blue to act, Red's promise not to agitate just agreed."""
    rules = load_level(BARGAIN)
    deal = next(d for d in rules.deals if d.id == "ceasefire")
    state = new_game(rules, 3)
    step(state, PASS)  # Red ends its turn: Blue to act
    state.v[deal.status_slot] = IN_FORCE
    state.v[deal.round_slot] = state.round
    state.v[rules.slot("tension")] = tension
    return rules, state, deal


def test_breaking_a_promise_not_to_act_on_a_copy_plays_the_move_and_its_breach() -> None:
    rules, state, deal = _ceasefire_agreed(tension=1)
    red, blue = rules.faction_index("red"), rules.faction_index("blue")
    broken = break_refrain(state, deal, red)
    assert broken is not None
    assert broken.v[deal.status_slot] == BROKEN
    assert broken.v[rules.slot("tension")] == 1 + 1 + 2  # agitate, then the breach
    assert (broken.turn, broken.ap, broken.round) == (state.turn, state.ap, state.round)
    assert state.v[deal.status_slot] == IN_FORCE  # the position itself is untouched
    assert break_refrain(state, deal, blue) is None  # Blue promised nothing
    out_of_cash = state.clone()
    out_of_cash.v[rules.slot("red.cash")] = 0  # agitate costs 1 cash: Red cannot break it
    assert break_refrain(out_of_cash, deal, red) is None


def test_a_doubting_seat_doubts_a_fresh_promise_not_to_act_more_than_one_near_its_end() -> None:
    rules, state, deal = _ceasefire_agreed(tension=1)
    red, blue = rules.faction_index("red"), rules.faction_index("blue")
    trusting, doubting = PositionEvaluator(rules), PositionEvaluator(rules, doubt=0.5)
    broken = break_refrain(state, deal, red)
    assert broken is not None
    kept, after = trusting.margins(state), trusting.margins(broken)
    assert after[red] > kept[red]  # agitating pays Red even with the breach...
    assert after[blue] < kept[blue]  # ...and costs Blue, who was promised calm
    doubted = doubting.margins(state)
    chance = 1 - 0.5 ** (deal.rounds + 1)  # agreed this round: it may break in 3 rounds
    assert doubted[blue] == pytest.approx(kept[blue] + chance * (after[blue] - kept[blue]))
    assert doubted[red] == kept[red]  # Red can break it as a move: no doubt of its own
    state.v[deal.round_slot] -= deal.rounds  # the last round before it is kept
    late = break_refrain(state, deal, red)
    assert late is not None
    last, after = trusting.margins(state), trusting.margins(late)
    assert doubting.margins(state)[blue] == pytest.approx(
        last[blue] + 0.5 * (after[blue] - last[blue])
    )


def test_a_rival_that_would_lose_by_breaking_its_promise_not_to_act_is_trusted() -> None:
    rules, state, deal = _ceasefire_agreed(tension=2)  # the breach would start the war
    red = rules.faction_index("red")
    broken = break_refrain(state, deal, red)
    assert broken is not None and broken.is_over
    trusting, doubting = PositionEvaluator(rules), PositionEvaluator(rules, doubt=0.5)
    assert trusting.margins(broken)[red] < trusting.margins(state)[red]
    assert doubting.margins(state) == trusting.margins(state)


def test_a_doubting_search_doubts_the_junta_that_promised_a_timetable_would_hold(
    niger: Ruleset,
) -> None:
    """ECOWAS's 12-month timetable is worth its 'Constitutional order' only while the junta
    keeps from cracking down; the drift alone would count it as held to the end."""
    ecowas, junta = niger.faction_index("ecowas"), niger.faction_index("junta")
    deal = next(d for d in niger.deals if d.id == "transition_timetable")
    state = new_game(niger, 5)
    while niger.order[state.turn] != ecowas:
        step(state, PASS)
    state.v[niger.slot("ecowas.sanctions")] = 3  # the pressure a timetable is traded for
    k = deal.options.index(12)
    step(state, Action(deal.propose[k], -1))
    step(state, Action(deal.accept[k], -1))  # the junta takes it
    assert state.v[deal.status_slot] == IN_FORCE and state.v[niger.slot("transition")] == 12
    broken = break_refrain(state, deal, junta)
    assert broken is not None and broken.v[niger.slot("transition")] == 24
    for preset in ("ai:normal", "ai:hard"):  # the presets trust (doubt measured worse)
        seat = PRESETS[preset](niger, ecowas, None)
        assert isinstance(seat, MCTSAgent)
        assert seat.evaluator.margins(state) == seat.evaluator.trusting(state)
    hard = MCTSAgent(niger, ecowas, foresight=0.5, contest=True, doubt=0.15)
    kept = hard.evaluator.trusting(state)
    doubted = hard.evaluator.margins(state)
    assert doubted[ecowas] < kept[ecowas] - 0.2 * hard.evaluator.model.scale
    assert doubted[junta] == kept[junta]


def test_doubt_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="doubt must be within"):
        PositionEvaluator(load_level(BARGAIN), doubt=1.5)
