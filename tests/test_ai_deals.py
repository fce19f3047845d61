"""Every AI seat bargains: it answers offers legally and by its own view, proposes deals as
ordinary moves, explains itself in words a player can read, and has a control arm
(`+nodeals`) that refuses everything and never proposes (issue 22, AI)."""

from __future__ import annotations

import random

import pytest

import game
from game.ai import agent_names, create_agent
from game.ai.presets import PRESETS
from game.ai.reasons import DETAIL, player_words
from game.content import load_level
from game.engine import (
    PASS,
    Action,
    Ruleset,
    State,
    legal_actions,
    new_game,
    observe,
    responder,
    step,
)
from game.engine.deal_defs import COUNTER, PROPOSE, REFUSE
from game.headless import play_match
from game.seats import SeatError, parse_seats
from tests.conftest import BARGAIN


@pytest.fixture(scope="module")
def bargain() -> Ruleset:
    return load_level(BARGAIN)


def move(rules: Ruleset, action_id: str) -> Action:
    return Action(next(a.index for a in rules.actions if a.id == action_id), -1)


def offered(rules: Ruleset, offer: str, seed: int = 3) -> State:
    """A new game where Red has ended its turn (when the offer is Blue's) and `offer`
    awaits an answer."""
    state = new_game(rules, seed)
    proposer = rules.actions[move(rules, offer).action].faction
    if proposer != rules.order[state.turn]:
        step(state, PASS)
    step(state, move(rules, offer))
    assert responder(state) >= 0
    return state


SEARCHES = ["greedy", "ai:easy", "ai:normal", "rollout", "mcts", "ai:hard"]


@pytest.mark.parametrize("agent", sorted(agent_names()))
def test_every_agent_answers_an_offer_with_one_of_the_answers(bargain: Ruleset, agent: str) -> None:
    state = offered(bargain, "ceasefire:offer:2")
    red = responder(state)
    legal = legal_actions(state)
    decision = create_agent(agent, bargain, red).decide(
        observe(state, red), legal, random.Random(1)
    )
    assert decision.action in legal
    assert decision.reason


@pytest.mark.parametrize("agent", ["random", "ai:easy", "greedy", "ai:normal"])
def test_whole_games_with_offers_stay_legal_for_every_agent(bargain: Ruleset, agent: str) -> None:
    roles = []
    for seed in range(4):
        match = play_match(bargain, seed, [agent, agent])  # raises on an illegal move
        assert match.is_over
        roles += [
            bargain.actions[m.action.action].deal_role
            for m in match.history
            if m.action.action >= 0
        ]
    if agent != "greedy":  # greedy sees no gain in these deals on its one-step horizon
        assert PROPOSE in roles, f"{agent} never proposed a deal in 4 games"


def test_the_random_agent_answers_at_random_among_the_answers(bargain: Ruleset) -> None:
    state = offered(bargain, "ceasefire:offer:2")
    red = responder(state)
    legal = legal_actions(state)
    agent = create_agent("random", bargain, red)
    rng = random.Random(5)
    picks = {agent.decide(observe(state, red), legal, rng).action for _ in range(200)}
    assert picks == set(legal)  # refuse, accept and both counters all come up


@pytest.mark.parametrize("agent", ["greedy", "ai:normal", "rollout"])
def test_an_answer_depends_only_on_what_the_answering_seat_sees(
    bargain: Ruleset, agent: str
) -> None:
    """Red cannot see Blue's morale: moving it inside Red's view range leaves Red's answer
    (and its reason) exactly as it was."""
    state = offered(bargain, "ceasefire:offer:3")
    red = responder(state)
    morale = next(v.index for v in bargain.vars if v.key == "blue.morale")
    low, high = observe(state, red).ranges[morale]
    decisions = set()
    for value in range(low, high + 1):
        other = state.clone()
        other.v[morale] = value
        view = observe(other, red)
        d = create_agent(agent, bargain, red).decide(view, legal_actions(other), random.Random(9))
        decisions.add(d)
    assert len(decisions) == 1


def test_the_search_presets_propose_deals_and_get_answers(bargain: Ruleset) -> None:
    answered = 0
    proposed = 0
    for seed in range(3):
        match = play_match(bargain, seed, ["ai:normal", "ai:normal"])
        for m in match.history:
            if m.action.action >= 0:
                role = bargain.actions[m.action.action].deal_role
                proposed += role == PROPOSE
                answered += role not in (0, PROPOSE)
    assert proposed > 0
    assert answered >= proposed  # every offer was answered (counters add answers)


@pytest.mark.parametrize("base", sorted(PRESETS))
def test_the_nodeals_seat_refuses_every_offer_and_never_proposes(
    bargain: Ruleset, base: str
) -> None:
    for offer in ("ceasefire:offer:1", "spy_pact:offer"):
        state = offered(bargain, offer)
        who = responder(state)
        legal = legal_actions(state)
        agent = create_agent(base + "+nodeals", bargain, who)
        decision = agent.decide(observe(state, who), legal, random.Random(2))
        assert bargain.actions[decision.action.action].deal_role == REFUSE
        assert "refuses" in decision.reason
    if base in ("ai:hard", "mcts", "rollout"):
        return  # the cheap presets cover whole games
    match = play_match(bargain, 1, [base + "+nodeals", base + "+nodeals"])
    roles = {
        bargain.actions[m.action.action].deal_role for m in match.history if m.action.action >= 0
    }
    assert PROPOSE not in roles


def test_a_seat_may_name_the_nodeals_control_arm_and_errors_say_it_exists(
    bargain: Ruleset,
) -> None:
    seats = parse_seats(bargain, ["red=ai:normal+nodeals"], "ai:normal", agent_names())
    assert seats == ["ai:normal+nodeals", "ai:normal"]
    with pytest.raises(SeatError) as err:
        parse_seats(bargain, ["red=ai:norml"], "ai:normal", agent_names())
    assert "+nodeals" in str(err.value)
    assert "ai:easy+nodeals" not in str(err.value)  # said once, not listed per agent


def test_answer_reasons_say_who_answers_what_and_why_in_plain_words(bargain: Ruleset) -> None:
    state = offered(bargain, "ceasefire:offer:1")
    red = responder(state)
    legal = legal_actions(state)
    decision = create_agent("greedy", bargain, red).decide(
        observe(state, red), legal, random.Random(4)
    )
    words = player_words(decision.reason)
    assert words.startswith("Red Bloc ")
    assert "Ceasefire" in words and "1 cash" in words
    assert DETAIL not in words and "VP" not in words
    role = bargain.actions[decision.action.action].deal_role
    if role == REFUSE:
        assert "worth less to it than its freedom to Agitate" in words
    elif role == COUNTER:  # Red asks a higher price, and weighs it against its freedom
        assert words.startswith("Red Bloc answers 1 cash with ")
        assert "worth more to it than its freedom to Agitate" in words


def test_an_offer_reason_names_what_the_proposer_wants_and_what_it_gives(
    bargain: Ruleset,
) -> None:
    from game.ai.deal_reasons import deal_words

    state = new_game(bargain, 3)
    step(state, PASS)  # Blue's turn
    view = observe(state, 1)
    words = deal_words(view, state, move(bargain, "ceasefire:offer:2"))
    assert words.startswith("Blue League offers Red Bloc the Ceasefire (2 cash): it values ")
    assert "its Cash falling from 4 to 2" in words


@pytest.mark.skipif(
    game.compiled(),
    reason="spies on the evaluator; compiled classes cannot be patched "
    "(the plain-Python CI run checks it)",
)
@pytest.mark.parametrize("rollout_turns", [0, 2])
def test_the_tree_search_never_scores_a_position_with_an_offer_unanswered(
    bargain: Ruleset, rollout_turns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ai.mcts import MCTSAgent

    state = new_game(bargain, 3)
    step(state, PASS)  # Blue to move, with offers among its moves
    agent = MCTSAgent(bargain, 1, iterations=200, prior_samples=0, rollout_turns=rollout_turns)
    scored = agent.evaluator.values
    hanging = []

    def values(position: State) -> list[float]:
        hanging.append(responder(position) >= 0)
        return scored(position)

    monkeypatch.setattr(agent.evaluator, "values", values)
    agent.decide(observe(state, 1), legal_actions(state), random.Random(0))
    assert len(hanging) >= 200 and not any(hanging)


@pytest.mark.parametrize(("article", "inside"), [("The ", "the "), ("A ", "a ")], ids=["the", "a"])
def test_a_deal_named_with_an_article_reads_it_once_and_in_lower_case_in_its_reason(
    article: str, inside: str
) -> None:
    from game.ai.deal_reasons import deal_words

    rules = load_level("niger_2023")
    deal = next(d for d in rules.deals if d.name.startswith(article))
    state = new_game(rules, 3)
    words = deal_words(observe(state, deal.proposer), state, Action(deal.propose[0], -1))
    assert f"the {article}" not in words and f" {inside}{deal.name[len(article) :]}" in words


def test_a_rollout_ai_takes_a_deal_only_when_its_play_outs_find_it_clearly_better_than_none(
    bargain: Ruleset,
) -> None:
    from game.ai.rollout import RolloutAgent

    state = offered(bargain, "ceasefire:offer:2")
    red = responder(state)
    legal = legal_actions(state)

    def answer(switch_margin: float) -> str:
        agent = RolloutAgent(
            bargain,
            red,
            samples=2,
            horizon=1,
            width=4,
            prior_samples=2,
            switch_margin=switch_margin,
        )
        chosen = agent.decide(observe(state, red), legal, random.Random(1)).action
        return bargain.actions[chosen.action].id

    assert answer(0.0) == "ceasefire:accept:2"  # the deal is worth taking to Red
    # with a margin no deal can clear, refusing (the status quo) stands, not the greedy's pick
    assert answer(100.0) == "ceasefire:refuse"


def test_an_offer_s_reason_names_its_recipient_and_a_possessive_deal_name_without_the() -> None:
    from game.ai.deal_reasons import deal_words

    rules = load_level("niger_2023")
    deal = next(d for d in rules.deals if d.name.split(" ", 1)[0].endswith("'s"))
    state = new_game(rules, 3)
    words = deal_words(observe(state, deal.proposer), state, Action(deal.propose[0], -1))
    assert f"the {deal.name}" not in words, words  # read "offers Junta the Bazoum's release"
    recipient = rules.factions[deal.recipient]
    assert f"offers {recipient.short} " not in words or recipient.short == recipient.name, words


def test_what_an_offer_wins_names_the_other_side_as_a_sentence_does() -> None:
    from game.ai.deal_reasons import deal_words

    rules = load_level("niger_2023")
    deal = next(d for d in rules.deals if d.id == "base_for_aid")  # the junta refrains
    state = new_game(rules, 3)
    words = deal_words(observe(state, deal.proposer), state, Action(deal.propose[0], -1))
    assert "the junta's word not to " in words, words  # read "it values Junta's word not to"
