"""Strength and fairness of the AI agents on a small duel level defined here.

The duel: two factions compete for three provinces; both can win, raids risk a
shared defeat, and South keeps a private war chest North cannot see without scouts.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from game.ai import Agent, create_agent
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.random_agent import RandomAgent
from game.content import load_level
from game.engine import Ruleset, State, current_faction, legal_actions, new_game, observe, step

DUEL_YAML = """\
level:
  id: duel
  name: Duel
  description: Two factions compete for three provinces.
  rounds: 5
  order: [north, south]
  action_points: 2
  escalation: strife

factions:
  - {id: north, name: North, short: North, description: Wants provinces., intel: scouts}
  - {id: south, name: South, short: South, description: Wants provinces.}

tracks:
  - id: strife
    name: Strife
    description: Open conflict.
    min: 0
    max: 6
    initial: 0
    danger: true

resources:
  - {id: cash, faction: all, name: Cash, description: Money., min: 0, max: 9, initial: 3}
  - id: scouts
    faction: north
    name: Scouts
    description: How well North sees.
    min: 0
    max: 2
    initial: 0
  - id: reserve
    faction: south
    name: Reserve
    description: Hidden war chest.
    min: 0
    max: 9
    initial: 4
    visibility: private

region_values:
  - id: sway
    name: Sway
    description: Support in the province.
    min: 0
    max: 6
    initial: 0
    per_faction: true

regions:
  - {id: east, name: East, position: [0, 0]}
  - {id: west, name: West, position: [1, 0]}
  - {id: hills, name: Hills, position: [2, 0]}

actions:
  - id: north_campaign
    faction: north
    name: Campaign
    description: Win sway in a province.
    target: region
    cost: {cash: 1}
    chance: 0.7
    success: [target.sway.north += 2]
  - id: north_tax
    faction: north
    name: Raise taxes
    description: Refill the coffers.
    effects: [cash += 2]
  - id: north_raid
    faction: north
    name: Raid
    description: Burn the rival's support, at the risk of open conflict.
    target: region
    effects: [target.sway.south -= 1, strife += 2]
  - id: south_campaign
    faction: south
    name: Campaign
    description: Win sway in a province.
    target: region
    cost: {cash: 1}
    chance: 0.7
    success: [target.sway.south += 2]
  - id: south_tax
    faction: south
    name: Raise taxes
    description: Refill the coffers.
    effects: [cash += 2]
  - id: south_raid
    faction: south
    name: Raid
    description: Burn the rival's support, at the risk of open conflict.
    target: region
    effects: [target.sway.north -= 1, strife += 2]

upkeep:
  - id: cool
    name: Tempers cool
    effects: [strife -= 1]

objectives:
  - id: n_east
    faction: north
    name: East
    description: Lead in the East.
    when: east.sway.north > east.sway.south
    points: 2
  - id: n_west
    faction: north
    name: West
    description: Lead in the West.
    when: west.sway.north > west.sway.south
    points: 2
  - id: n_hills
    faction: north
    name: Hills
    description: Lead in the Hills.
    when: hills.sway.north > hills.sway.south
    points: 2
  - id: s_east
    faction: south
    name: East
    description: Lead in the East.
    when: east.sway.south > east.sway.north
    points: 2
  - id: s_west
    faction: south
    name: West
    description: Lead in the West.
    when: west.sway.south > west.sway.north
    points: 2
  - id: s_hills
    faction: south
    name: Hills
    description: Lead in the Hills.
    when: hills.sway.south > hills.sway.north
    points: 2
  - id: s_reserve
    faction: south
    name: War chest
    description: Keep a reserve.
    when: south.reserve >= 3
    points: 1

outcomes:
  - {id: war, name: War, headline: Open war; both lose., when: strife >= 6, winner: none}
"""


@pytest.fixture(scope="module")
def duel(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    folder: Path = tmp_path_factory.mktemp("duel")
    (folder / "level.yaml").write_text(DUEL_YAML, encoding="utf-8")
    return load_level(folder)


def play(rules: Ruleset, seed: int, agents: list[Agent]) -> State:
    """Play one game to the end; each seat has its own seeded generator."""
    state = new_game(rules, seed)
    rngs = [random.Random(seed * 101 + i) for i in range(len(agents))]
    while not state.is_over:
        faction = current_faction(state)
        legal = legal_actions(state)
        decision = agents[faction].decide(observe(state, faction), legal, rngs[faction])
        assert decision.action in legal
        assert decision.reason
        step(state, decision.action)
    return state


def wins(rules: Ruleset, seat: int, make: Callable[[], Agent], seeds: range) -> int:
    """Games won by `make()` in `seat` against random agents in the other seats."""
    total = 0
    for seed in seeds:
        agents: list[Agent] = [RandomAgent() for _ in rules.factions]
        agents[seat] = make()
        total += play(rules, seed, agents).winner == seat
    return total


@pytest.mark.parametrize("seat", [0, 1], ids=["north", "south"])
def test_mcts_wins_clearly_more_often_than_random_in_the_same_seat(
    duel: Ruleset, seat: int
) -> None:
    seeds = range(20)
    baseline = wins(duel, seat, RandomAgent, seeds)
    searched = wins(duel, seat, lambda: MCTSAgent(duel, seat, iterations=60), seeds)
    assert searched >= baseline + 5, (searched, baseline)


def test_greedy_wins_clearly_more_often_than_random_as_south(duel: Ruleset) -> None:
    seeds = range(20)
    baseline = wins(duel, 1, RandomAgent, seeds)
    greedy = wins(duel, 1, lambda: GreedyAgent(duel, 1, samples=3), seeds)
    assert greedy >= baseline + 5, (greedy, baseline)


def _north_to_move(rules: Ruleset, seed: int) -> State:
    state = new_game(rules, seed)
    rng = random.Random(seed)
    for _ in range(4):
        moves = legal_actions(state)
        step(state, moves[1 + rng.randrange(len(moves) - 1)] if len(moves) > 1 else moves[0])
    while current_faction(state) != 0:
        step(state, legal_actions(state)[0])
    return state


@pytest.mark.parametrize("name", ["greedy", "mcts", "rollout", "ai:easy", "ai:normal", "ai:hard"])
@pytest.mark.parametrize("scouts", [0, 1])
def test_states_differing_only_in_a_rivals_private_value_give_the_same_decision(
    duel: Ruleset, name: str, scouts: int
) -> None:
    state = _north_to_move(duel, 3)
    reserve = duel.slot("south.reserve")
    state.v[duel.slot("north.scouts")] = scouts
    state.v[reserve] = 5
    other = state.clone()
    other.v[reserve] = 9  # same intel bucket with 0 or 1 scouts
    seen, seen_other = observe(state, 0), observe(other, 0)
    assert seen == seen_other
    agent = create_agent(name, duel, 0)
    legal = legal_actions(state)
    assert legal == legal_actions(other)
    first = agent.decide(seen, legal, random.Random(11))
    second = create_agent(name, duel, 0).decide(seen_other, legal, random.Random(11))
    assert first == second


def test_a_rivals_private_value_never_shows_in_a_reason(duel: Ruleset) -> None:
    state = _north_to_move(duel, 5)
    view = observe(state, 0)
    assert view.value("south.reserve") is None
    agent = MCTSAgent(duel, 0, iterations=30)
    for seed in range(5):
        decision = agent.decide(view, legal_actions(state), random.Random(seed))
        assert "Reserve" not in decision.reason


def test_mcts_gives_the_same_decision_for_the_same_seed_and_iteration_budget(duel: Ruleset) -> None:
    state = _north_to_move(duel, 8)
    view = observe(state, 0)
    legal = legal_actions(state)
    runs = [
        MCTSAgent(duel, 0, iterations=80).decide(view, legal, random.Random(2)) for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_a_whole_game_between_search_agents_repeats_exactly_for_a_seed(duel: Ruleset) -> None:
    def game() -> list[int]:
        agents: list[Agent] = [MCTSAgent(duel, 0, iterations=20), GreedyAgent(duel, 1, samples=2)]
        return play(duel, 4, agents).v

    assert game() == game()
