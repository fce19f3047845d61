"""A tree-search AI predicts a rival's answer to its offer as a one-step rival gives it,
and, given an offer margin, offers a deal only when it clearly beats not offering
(issues 22 and 23, AI).

In the level here (East leads whatever happens) North may dig a nugget or offer South a
lease for its action point: South pays a coin now for a farm that yields at each upkeep,
North takes three nuggets, and a refusal costs North face. Judged one step ahead, as a
greedy South answers, the lease costs South a coin and helps its rival North, so it is
refused; a search that lets South's answer be chosen inside its own tree (with its own
foresight and depth) expects it accepted and loses face on the offer. `OPEN_HANDED`
pays South a coin instead, so every model of South accepts it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.content import load_level
from game.engine import PASS, Ruleset, legal_actions, new_game, observe
from game.engine.deal_defs import PROPOSE
from game.headless import play_match

LEASE_YAML = """\
level:
  id: lease
  name: Lease
  description: A deal that pays the recipient only later.
  rounds: 4
  order: [north, south, east]
  action_points: 1

factions:
  - {id: north, name: North, short: North, description: Digs or leases.}
  - {id: south, name: South, short: South, description: Farms.}
  - {id: east, name: East, short: East, description: Leads.}

resources:
  - {id: gold, faction: north, name: Gold, description: Nuggets., min: 0, max: 9, initial: 0}
  - {id: face, faction: north, name: Face, description: Standing., min: 0, max: 1, initial: 1}
  - {id: coin, faction: south, name: Coin, description: Coins., min: 0, max: 20, initial: 3}
  - {id: farms, faction: south, name: Farms, description: Farms., min: 0, max: 1, initial: 0}
  - {id: power, faction: east, name: Power, description: A lead., min: 0, max: 9, initial: 1}

actions:
  - {id: dig, faction: north, name: Dig, description: One nugget., effects: [gold += 1]}
  - {id: save, faction: south, name: Save, description: Nothing much., effects: [coin += 0]}
  - {id: rest, faction: east, name: Rest, description: Nothing., effects: [power += 0]}

upkeep:
  - id: harvest
    name: Harvest
    description: A farm yields.
    when: "south.farms >= 1"
    effects: [south.coin += 2]

objectives:
  - {id: n_gold, faction: north, name: Rich, description: Gold., when: north.gold >= 3, points: 4}
  - {id: n_face, faction: north, name: Proud, description: Face., when: north.face >= 1, points: 5}
  - {id: s_coin, faction: south, name: Saved, description: Coins., when: south.coin >= 4,
     points: 10}
  - {id: e_lead, faction: east, name: Ahead, description: Power., when: east.power >= 1, points: 12}

deals:
  - id: lease
    name: Lease
    description: South pays a coin for a farm; North takes three nuggets.
    proposer: north
    recipient: south
    ap: 1
    binding: true
    rounds: 2
    on_accept: [south.coin -= 1, south.farms += 1, north.gold += 3]
    on_refuse: [north.face -= 1]
"""
OPEN_HANDED = LEASE_YAML.replace("[south.coin -= 1, south.farms", "[south.coin += 1, south.farms")


def _level(tmp_path: Path, text: str) -> Ruleset:
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    return load_level(tmp_path)


def _first_move(rules: Ruleset, seed: int, offer_margin: float = 0.0) -> str:
    state = new_game(rules, 1)
    agent = MCTSAgent(
        rules, 0, iterations=200, rollout_turns=0, foresight=0.5, offer_margin=offer_margin
    )
    move = agent.decide(observe(state, 0), legal_actions(state), random.Random(seed)).action
    return rules.actions[move.action].id if move != PASS else "pass"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_search_does_not_offer_a_deal_a_one_step_rival_would_refuse(
    tmp_path: Path, seed: int
) -> None:
    assert _first_move(_level(tmp_path, LEASE_YAML), seed) == "dig"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_search_offers_a_deal_any_rival_would_take(tmp_path: Path, seed: int) -> None:
    assert _first_move(_level(tmp_path, OPEN_HANDED), seed) == "lease:offer"


def test_an_offer_must_beat_not_offering_by_the_offer_margin(tmp_path: Path) -> None:
    assert _first_move(_level(tmp_path, OPEN_HANDED), 1, offer_margin=50.0) == "dig"


def test_against_a_greedy_rival_the_search_wastes_no_offers(tmp_path: Path) -> None:
    rules = _level(tmp_path, LEASE_YAML)
    for seed in range(3):
        match = play_match(rules, seed, ["mcts", "greedy", "greedy"])
        offers = [
            m
            for m in match.history
            if m.action.action >= 0 and rules.actions[m.action.action].deal_role == PROPOSE
        ]
        assert not offers, f"seed {seed}"


@pytest.mark.parametrize("seed", [1, 2])
def test_a_greedy_seat_with_foresight_predicts_the_answer_one_step_ahead_too(
    tmp_path: Path, seed: int
) -> None:
    """The search's prior (a greedy seat with the faction's foresight) expects the same
    refusal, so it does not rank the lease first."""
    rules = _level(tmp_path, LEASE_YAML)
    state = new_game(rules, 1)
    agent = GreedyAgent(rules, 0, samples=2, foresight=0.5)
    move = agent.decide(observe(state, 0), legal_actions(state), random.Random(seed)).action
    assert rules.actions[move.action].id == "dig"
