"""A search AI offers a deal only when it is clearly worth it, judged over the deal's own
rounds, and does not ask again at once after a refusal (issues 22 and 23, AI).

The level here has four rounds of one action point for North. Mining adds a nugget a
round, and North's objective is five nuggets at the end (East leads whatever happens, so
South gains from a deal without North losing by it). North may offer South, in the
first round only, a "truce": South pays three nuggets now, and North gives up mining for
the four rounds the truce holds. After one round the truce looks far better (three
nuggets against one); at the end it leaves North further from its objective (three
against four). Without the no-mining term (`GENEROUS`) the truce is what meets the
objective (seven), and the AI should offer it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from game.ai.offers import REMEMBER_ROUNDS, Refusals
from game.ai.rollout import RolloutAgent
from game.content import load_level
from game.engine import (
    PASS,
    Action,
    Ruleset,
    legal_actions,
    new_game,
    observe,
    step,
)
from game.engine.deal_defs import PROPOSE, REFUSE
from game.headless import play_match
from tests.conftest import BARGAIN

LURE_YAML = """\
level:
  id: lure
  name: Lure
  description: A deal that pays now and costs later.
  rounds: 4
  order: [north, south, east]
  action_points: 1

factions:
  - {id: north, name: North, short: North, description: Mines.}
  - {id: south, name: South, short: South, description: Pays.}
  - {id: east, name: East, short: East, description: Leads.}

resources:
  - {id: gold, faction: north, name: Gold, description: Nuggets., min: 0, max: 9, initial: 0}
  - {id: favour, faction: south, name: Favour, description: Goodwill., min: 0, max: 9, initial: 0}
  - {id: power, faction: east, name: Power, description: A lead., min: 0, max: 9, initial: 1}

actions:
  - {id: mine, faction: north, name: Mine, description: One nugget., effects: [gold += 1]}
  - {id: idle, faction: south, name: Idle, description: Nothing., effects: [favour += 0]}
  - {id: rest, faction: east, name: Rest, description: Nothing., effects: [power += 0]}

objectives:
  - id: n_gold
    faction: north
    name: Rich
    description: Five nuggets.
    when: north.gold >= 5
    points: 10
  - {id: s_favour, faction: south, name: Liked, description: Favour., when: favour >= 1, points: 1}
  - {id: e_lead, faction: east, name: Ahead, description: Power., when: east.power >= 1, points: 20}

deals:
  - id: truce
    name: Truce
    description: South pays three nuggets; North stops mining while it holds.
    proposer: north
    recipient: south
    ap: 0
    binding: true
    rounds: 4
    requires: [{when: "round == 1", why: "South pays only now."}]
    proposer_terms:
      refrains: [mine]
    on_accept: [north.gold += 3, south.favour += 1]
"""
GENEROUS = LURE_YAML.replace("    proposer_terms:\n      refrains: [mine]\n", "")


def _level(tmp_path: Path, text: str) -> Ruleset:
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    return load_level(tmp_path)


def _first_move(rules: Ruleset, seed: int, switch_margin: float = 0.03) -> str:
    state = new_game(rules, 1)
    agent = RolloutAgent(
        rules, 0, samples=2, horizon=1, width=4, prior_samples=2, switch_margin=switch_margin
    )
    move = agent.decide(observe(state, 0), legal_actions(state), random.Random(seed)).action
    return rules.actions[move.action].id if move != PASS else "pass"


@pytest.mark.parametrize("seed", [1, 2])
def test_an_offer_that_pays_now_but_costs_the_objective_later_is_not_made(
    tmp_path: Path, seed: int
) -> None:
    lure = _level(tmp_path, LURE_YAML)
    assert _first_move(lure, seed) == "mine"


@pytest.mark.parametrize("seed", [1, 2])
def test_an_offer_that_only_gives_is_still_made(tmp_path: Path, seed: int) -> None:
    generous = _level(tmp_path, GENEROUS)
    assert _first_move(generous, seed) == "truce:offer"


def test_with_a_margin_no_offer_can_clear_even_the_greedy_favourite_is_not_offered(
    tmp_path: Path,
) -> None:
    """The margin holds for offers as for answers: the one-step greedy ranks the truce
    first, but an offer is made only if it beats the best other move by the margin."""
    generous = _level(tmp_path, GENEROUS)
    assert _first_move(generous, 1, switch_margin=50.0) == "mine"


def _offers(rules: Ruleset, seats: list[str], seed: int) -> list[tuple[int, int]]:
    """(round, option action) of every offer made in a whole game."""
    match = play_match(rules, seed, seats)
    return [
        (m.round, m.action.action)
        for m in match.history
        if m.action.action >= 0 and rules.actions[m.action.action].deal_role == PROPOSE
    ]


@pytest.mark.parametrize("agent", ["ai:hard", "mcts"])
def test_an_offer_refused_is_not_made_again_for_a_while(agent: str) -> None:
    """Red offers the spy pact to a Blue that makes no deals: once it has seen the pact
    refused it does not offer it again within four rounds (the bargain level has four),
    though the deal itself allows a new offer every round."""
    rules = load_level(BARGAIN)
    for seed in range(4):
        offers = _offers(rules, [agent, "ai:normal+nodeals"], seed)
        assert len(offers) == 1, f"seed {seed}: {offers}"


def test_a_refusal_is_remembered_for_a_few_rounds_and_by_that_game_only() -> None:
    rules = load_level(BARGAIN)
    state = new_game(rules, 3)
    step(state, PASS)  # Blue to move, the ceasefire among its moves
    offer = next(
        m for m in legal_actions(state) if rules.actions[m.action].id == "ceasefire:offer:2"
    )
    memory = Refusals(rules, 1)
    memory.observe(observe(state, 1))
    memory.chose(observe(state, 1), offer)
    step(state, offer)
    step(
        state, next(m for m in legal_actions(state) if rules.actions[m.action].deal_role == REFUSE)
    )
    view = observe(state, 1)
    memory.observe(view)
    other = Action(next(a.index for a in rules.actions if a.id == "ceasefire:offer:1"), -1)
    assert memory.allowed([PASS, offer, other]) == [PASS, other]  # that option only
    later = replace(view, round=view.round + REMEMBER_ROUNDS)
    memory.observe(later)
    assert memory.allowed([PASS, offer]) == [PASS, offer]
    fresh = Refusals(rules, 1)  # a new game's agent
    fresh.observe(view)
    assert fresh.allowed([PASS, offer]) == [PASS, offer]
