"""A search preset that knows who plays each seat values its own offers by the answer the
recipient's seat would give (`game.ai.answers`), not by the one-step model: it offers what
that seat would take, keeps from offers it would refuse, and stays deterministic."""

from __future__ import annotations

import random

import pytest

from game.ai import create_agent
from game.ai.answers import JUDGE, REFUSES
from game.ai.mcts import MCTSAgent
from game.ai.rollout import RolloutAgent
from game.content import load_level
from game.engine import (
    Action,
    Ruleset,
    State,
    current_faction,
    legal_actions,
    new_game,
    observe,
    responder,
    step,
)
from game.engine.deal_defs import ACCEPT, OFFERED, REFUSE
from game.headless import play_match
from tests.conftest import BARGAIN, ROOT

RED, BLUE = 0, 1


@pytest.fixture(scope="module")
def bargain() -> Ruleset:
    return load_level(BARGAIN)


class Always:
    """A recipient predicted to give one answer to everything; it notes each offer it is
    asked about (the deal and its proposer)."""

    def __init__(self, rules: Ruleset, role: int) -> None:
        self.rules = rules
        self.role = role
        self.asked: list[tuple[int, int]] = []

    def choose(
        self, state: State, who: int, r: random.Random | None = None, rounds: int = -1
    ) -> tuple[Action, State | None]:
        deal = next(d for d in self.rules.deals if state.v[d.status_slot] == OFFERED)
        self.asked.append((deal.index, deal.proposer))
        roles = self.rules.actions
        return next(m for m in legal_actions(state) if roles[m.action].deal_role == self.role), None

    def answer(self, state: State, me: int, seed: int = 0) -> None:
        step(state, self.choose(state, responder(state))[0])

    def answer_and_play(self, state: State, me: int, rounds: int) -> bool:
        self.answer(state, me)
        return False


def blues_turn(rules: Ruleset, seed: int = 0) -> State:
    """A game of random moves from `seed` up to Blue's first free move."""
    state = new_game(rules, seed)
    r = random.Random(seed)
    for _ in range(r.randrange(0, 6)):
        moves = legal_actions(state)
        step(state, moves[r.randrange(len(moves))])
    while current_faction(state) != BLUE or responder(state) >= 0:
        moves = legal_actions(state)
        step(state, moves[r.randrange(len(moves))])
    return state


def rollout_choice(rules: Ruleset, state: State, role: int) -> tuple[str, Always]:
    red = Always(rules, role)
    agent = RolloutAgent(rules, BLUE, samples=3, horizon=1, rivals={RED: red})
    decision = agent.decide(observe(state, BLUE), legal_actions(state), random.Random(1))
    return rules.actions[decision.action.action].id, red


def test_a_rollout_proposer_offers_the_ceasefire_only_to_a_red_that_would_take_it(
    bargain: Ruleset,
) -> None:
    state = blues_turn(bargain)
    taken, _ = rollout_choice(bargain, state, ACCEPT)
    refused, _ = rollout_choice(bargain, state, REFUSE)
    assert taken.startswith("ceasefire:offer")
    assert not refused.startswith("ceasefire")


@pytest.mark.parametrize("kind", ["rollout", "mcts"])
def test_the_recipients_model_is_asked_only_about_the_proposers_own_offers(
    bargain: Ruleset, kind: str
) -> None:
    state = blues_turn(bargain)
    red = Always(bargain, REFUSE)
    agent: RolloutAgent | MCTSAgent
    if kind == "rollout":
        agent = RolloutAgent(bargain, BLUE, samples=3, horizon=1, rivals={RED: red})
    else:
        agent = MCTSAgent(bargain, BLUE, iterations=80, rollout_turns=0, rivals={RED: red})
    agent.decide(observe(state, BLUE), legal_actions(state), random.Random(1))
    assert red.asked  # the ceasefire is among the candidates
    assert {proposer for _, proposer in red.asked} == {BLUE}


def test_a_preset_told_the_seats_models_each_recipient_by_the_seat_that_plays_it() -> None:
    niger = load_level(ROOT / "levels" / "niger_2023")
    ids = [f.id for f in niger.factions]
    junta, ecowas, us = ids.index("junta"), ids.index("ecowas"), ids.index("us")
    seats = ["ai:normal"] * 4
    agent = create_agent("ai:normal", niger, us, seats=seats)
    assert set(agent.rivals) == {junta}  # type: ignore[attr-defined]
    assert agent.rivals[junta].kind == JUDGE  # type: ignore[attr-defined]
    refusing = seats.copy()
    refusing[junta] = "ai:normal+nodeals"
    agent = create_agent("ai:normal", niger, us, seats=refusing)
    assert agent.rivals[junta].kind == REFUSES  # type: ignore[attr-defined]
    agent = create_agent("ai:normal", niger, junta, seats=seats)
    # a tree seat answers by its search's judge one step ahead, with its margin
    assert agent.rivals[ecowas].kind == JUDGE  # type: ignore[attr-defined]
    assert agent.rivals[ecowas].switch_vp > 0  # type: ignore[attr-defined]
    assert agent.rivals[ecowas].playout is None  # type: ignore[attr-defined]
    assert create_agent("ai:normal", niger, us).rivals == {}  # type: ignore[attr-defined]


def test_a_game_whose_seats_predict_each_others_answers_replays_the_same_from_its_seed(
    bargain: Ruleset,
) -> None:
    seats = ["ai:normal", "ai:normal"]
    first = play_match(bargain, 5, seats)
    again = play_match(bargain, 5, seats)
    assert [m.action for m in first.history] == [m.action for m in again.history]
    assert first.round_hashes == again.round_hashes
