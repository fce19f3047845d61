"""A search AI offers a deal only when it is clearly worth it, judged over the deal's own
rounds (issues 22 and 23, AI).

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
from pathlib import Path

import pytest

from game.ai.rollout import RolloutAgent
from game.content import load_level
from game.engine import (
    PASS,
    Ruleset,
    legal_actions,
    new_game,
    observe,
)

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
