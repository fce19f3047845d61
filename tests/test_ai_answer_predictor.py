"""The offer estimate predicts the recipient's answer the way its seat really answers
(`game.ai.answers`): an ai:normal junta by its learned judge and switch margin after its
own play-out, a greedy seat by the one-step model, a +nodeals seat by refusing, and never
from anything the proposer cannot see."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from game.ai import create_agent
from game.ai.answers import JUDGE, AnswerModel
from game.content import load_level
from game.engine import PASS, Action, PlayerView, Ruleset, legal_actions, observe, responder, step
from game.engine.deal_defs import ACCEPT, COUNTER, REFUSE
from game.headless import seat_rng
from game.match import Match
from game.ui import deal_text
from game.ui.deal_text import acceptance, estimate

ROOT = Path(__file__).resolve().parent.parent
BARGAIN = Path(__file__).parent / "levels" / "bargain"
NORMAL = ["ai:normal"] * 4
# the position (re-found for change 58's model: seed 77 week 7 ended before week 7)
SEED, WEEK = 78, 5


@pytest.fixture(scope="module")
def niger() -> Ruleset:
    return load_level(ROOT / "levels" / "niger_2023")


@pytest.fixture(scope="module")
def ecowas_turn(niger: Ruleset) -> Match:
    """Seed 78 with ai:normal in every seat, at ECOWAS's first decision of week 5 (where the
    offer is legal, and the junta's real answer and the one-step model's still differ)."""
    match = Match.new(niger, SEED)
    agents = {f: create_agent("ai:normal", niger, f) for f in range(4)}
    rngs = {f: seat_rng(SEED, f) for f in range(4)}
    ecowas = [f.id for f in niger.factions].index("ecowas")
    while not (match.state.round == WEEK and match.active == ecowas):
        f = match.active
        decision = agents[f].decide(observe(match.state, f), legal_actions(match.state), rngs[f])
        match.play(decision.action)
    return match


def timetable(rules: Ruleset, months: int) -> Action:
    return Action(rules.action_by_id(f"transition_timetable:offer:{months}").index, -1)


def seeing_everything(match: Match, faction: int) -> PlayerView:
    """`faction`'s view with every hidden value shown (a viewer who sees everything)."""
    state = match.state
    return dataclasses.replace(observe(state, faction), values=tuple(state.v), ranges={})


def real_answer(
    match: Match, offer: Action, seat: str = "ai:normal", seats: list[str] | None = None
) -> int:
    """The deal role of the junta's real answer, by its own agent and random stream
    (knowing `seats`, as a batch's seats do, when given)."""
    trial = match.state.clone()
    step(trial, offer)
    junta = create_agent(seat, match.rules, 0, seats=seats)
    rng = copy.deepcopy(seat_rng(SEED, 0))
    decision = junta.decide(observe(trial, 0), legal_actions(trial), rng)
    return match.rules.actions[decision.action.action].deal_role


def test_the_estimate_of_the_24_month_timetable_agrees_with_the_ai_normal_juntas_real_answer(
    ecowas_turn: Match,
) -> None:
    offer = timetable(ecowas_turn.rules, 24)
    view = seeing_everything(ecowas_turn, 1)
    old = estimate(view, offer)  # no seats: the one-step greedy answer
    new = estimate(view, offer, NORMAL)
    assert real_answer(ecowas_turn, offer) == ACCEPT
    assert new.text().startswith("likely accepted")
    assert old.text().startswith("likely refused")  # the greedy model was wrong here


def test_the_estimate_of_a_short_timetable_expects_the_junta_to_answer_as_it_does(
    ecowas_turn: Match,
) -> None:
    """Knowing the seats, the junta foresees ECOWAS (a tree seat, answering with a
    margin) refusing a 24-month counter that is not clearly better for it: on some of
    its streams it counters, on others it refuses, and never accepts; the estimate
    (which knows the seats too) spreads its guesses the same way."""
    offer = timetable(ecowas_turn.rules, 6)
    new = estimate(seeing_everything(ecowas_turn, 1), offer, NORMAL)
    assert real_answer(ecowas_turn, offer, seats=NORMAL) in (COUNTER, REFUSE)
    assert new.accepted == 0 and 0 < new.countered < new.samples


def test_a_rollout_junta_is_modelled_by_its_judge_and_a_greedy_junta_by_one_step(
    niger: Ruleset,
) -> None:
    normal = AnswerModel.for_seat(niger, 0, "ai:normal")
    greedy = AnswerModel.for_seat(niger, 0, "greedy")
    assert normal.kind == JUDGE and normal.switch_vp > 0 and normal.playout is not None
    assert greedy.kind != JUDGE and greedy.playout is None
    assert AnswerModel.for_seat(niger, 0, "human").kind == greedy.kind


def test_a_seat_that_makes_no_deals_is_expected_to_refuse_every_offer(ecowas_turn: Match) -> None:
    seats = ["ai:normal+nodeals", *NORMAL[1:]]
    guess = acceptance(ecowas_turn.state, timetable(ecowas_turn.rules, 24), 1, seats)
    assert guess.accepted == 0 and guess.countered == 0 and guess.samples == 8


def test_the_seat_aware_estimate_uses_only_what_the_proposer_sees(ecowas_turn: Match) -> None:
    rules = ecowas_turn.rules
    offer = timetable(rules, 24)
    before = acceptance(ecowas_turn.state, offer, 1, NORMAL)
    other = ecowas_turn.state.clone()
    slot = rules.slot("junta.loyalty")  # the junta's private figure, unseen by ECOWAS
    other.v[slot] = rules.hi[slot] if other.v[slot] != rules.hi[slot] else rules.lo[slot]
    assert other.v != ecowas_turn.state.v and observe(other, 1) == observe(ecowas_turn.state, 1)
    deal_text._ESTIMATES.clear()  # computed afresh, not remembered
    assert acceptance(other, offer, 1, NORMAL) == before


def test_the_estimate_for_a_greedy_seat_is_the_one_step_answer_as_before() -> None:
    rules = load_level(BARGAIN)
    match = Match.new(rules, 3)
    pact = Action(rules.action_by_id("spy_pact:offer").index, -1)
    assert acceptance(match.state, pact, 0, ["greedy", "greedy"]) == acceptance(
        match.state, pact, 0
    )
    assert responder(match.state) < 0 and PASS in legal_actions(match.state)
