"""The rollout agent, and a level's `planning` choosing how its search AI plans.

The level defined here has one round of two action points for North, and each
action can be used once a round. Grabbing land pays at once (+1 sway); preparing
pays nothing by itself but lets a strike win 3 sway with the second action point.
North's objective needs 3 sway, so only "prepare, then strike" meets it: a one-step
judge grabs, sees nothing to gain in preparing afterwards, and ends with 1.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai import create_agent
from game.ai.base import Agent
from game.ai.evaluate import PositionEvaluator
from game.ai.greedy import GreedyAgent
from game.ai.mcts import MCTSAgent
from game.ai.rollout import RolloutAgent
from game.content import ContentError, load_level
from game.engine import Ruleset, current_faction, legal_actions, new_game, observe, step

SETUP_YAML = """\
level:
  id: setup
  name: Setup
  description: Prepare, then strike.
  rounds: 1
  order: [north, south]
  action_points: 2

factions:
  - id: north
    name: North
    short: North
    description: Wants land.
    planning: {method: rollout, foresight: 0}
  - {id: south, name: South, short: South, description: Waits.}

tracks:
  - {id: ready, name: Ready, description: Prepared to strike., min: 0, max: 1, initial: 0}

region_values:
  - {id: sway, name: Sway, description: Support., min: 0, max: 9, initial: 0, per_faction: true}

regions:
  - {id: land, name: Land, position: [0, 0]}

actions:
  - id: grab
    faction: north
    name: Grab
    description: A little land now.
    effects: [land.sway.north += 1]
  - {id: prepare, faction: north, name: Prepare, description: Get ready., effects: [ready = 1]}
  - id: strike
    faction: north
    name: Strike
    description: A lot of land, once prepared.
    requires:
      - {when: "ready == 1", why: "Prepare first."}
    effects: [land.sway.north += 3, ready = 0]
  - {id: wait, faction: south, name: Wait, description: Nothing., effects: [land.sway.south += 0]}

objectives:
  - id: n_land
    faction: north
    name: Land
    description: Hold three sway.
    when: land.sway.north >= 3
    points: 5
  - id: s_calm
    faction: south
    name: Calm
    description: Keep North below three.
    when: land.sway.north < 3
    points: 1
"""


@pytest.fixture(scope="module")
def setup_level(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    folder: Path = tmp_path_factory.mktemp("setup")
    (folder / "level.yaml").write_text(SETUP_YAML, encoding="utf-8")
    return load_level(folder)


def _first_move(rules: Ruleset, agent: Agent) -> str:
    state = new_game(rules, 1)
    decision = agent.decide(observe(state, 0), legal_actions(state), random.Random(4))
    return rules.actions[decision.action.action].id


def _north_sway(rules: Ruleset, agent: GreedyAgent | RolloutAgent) -> int:
    state = new_game(rules, 2)
    rng = random.Random(9)
    while not state.is_over:
        if current_faction(state) == 0:
            move = agent.decide(observe(state, 0), legal_actions(state), rng).action
        else:
            move = legal_actions(state)[0]
        step(state, move)
    return state.v[rules.slot("land.sway.north")]


def test_rollout_prepares_for_the_strike_that_one_step_greedy_never_sees(
    setup_level: Ruleset,
) -> None:
    assert _first_move(setup_level, GreedyAgent(setup_level, 0)) == "grab"
    assert _first_move(setup_level, RolloutAgent(setup_level, 0)) == "prepare"


def test_rollout_keeps_the_greedy_choice_unless_another_move_is_clearly_better(
    setup_level: Ruleset,
) -> None:
    cautious = RolloutAgent(setup_level, 0, switch_margin=10.0)  # 10x the level's stakes
    assert _first_move(setup_level, cautious) == "grab"
    assert _first_move(setup_level, RolloutAgent(setup_level, 0, switch_margin=0.0)) == "prepare"


def test_rollout_meets_the_objective_that_greedy_misses_over_a_whole_game(
    setup_level: Ruleset,
) -> None:
    assert _north_sway(setup_level, GreedyAgent(setup_level, 0)) == 1
    assert _north_sway(setup_level, RolloutAgent(setup_level, 0)) == 3


def test_the_rollout_reason_says_how_the_move_was_judged(setup_level: Ruleset) -> None:
    state = new_game(setup_level, 1)
    agent = RolloutAgent(setup_level, 0, samples=2, horizon=1)
    decision = agent.decide(observe(state, 0), legal_actions(state), random.Random(1))
    assert "Prepare" in decision.reason
    assert "1-round rollouts on 2 samples" in decision.reason
    assert agent.last_samples == 2


def test_a_stop_request_still_returns_a_legal_move_after_one_sample(setup_level: Ruleset) -> None:
    state = new_game(setup_level, 1)
    agent = RolloutAgent(setup_level, 0, samples=50)
    legal = legal_actions(state)
    decision = agent.decide(observe(state, 0), legal, random.Random(1), stop=lambda: True)
    assert decision.action in legal
    assert agent.last_samples == 1


def test_the_same_seed_gives_the_same_rollout_decision(setup_level: Ruleset) -> None:
    state = new_game(setup_level, 3)
    view, legal = observe(state, 0), legal_actions(state)
    first = RolloutAgent(setup_level, 0).decide(view, legal, random.Random(7))
    second = RolloutAgent(setup_level, 0).decide(view, legal, random.Random(7))
    assert first == second


def test_the_level_planning_picks_how_normal_and_hard_seats_search(setup_level: Ruleset) -> None:
    for preset in ("ai:normal", "ai:hard"):
        north, south = create_agent(preset, setup_level, 0), create_agent(preset, setup_level, 1)
        assert isinstance(north, RolloutAgent) and north.name == preset
        assert isinstance(south, MCTSAgent) and south.name == preset
        assert isinstance(north.evaluator, PositionEvaluator)
        assert north.evaluator.foresight == 0.0
        assert south.evaluator.foresight == 0.5
    assert _first_move(setup_level, create_agent("ai:hard", setup_level, 0)) == "prepare"


def test_a_time_budget_turns_the_rollout_samples_into_a_time_limit(setup_level: Ruleset) -> None:
    agent = create_agent("ai:hard", setup_level, 0, budget_ms=5)
    assert isinstance(agent, RolloutAgent)
    assert agent.time_cap_ms == 5


@pytest.mark.parametrize(
    ("planning", "expected"),
    [
        ("{method: plan, foresight: 0}", "method"),
        ("{method: rollout, foresight: 2}", "foresight"),
        ("{method: tree, depth: 3}", "depth"),
    ],
)
def test_a_bad_planning_entry_is_refused_with_its_line(
    tmp_path: Path, planning: str, expected: str
) -> None:
    text = SETUP_YAML.replace("planning: {method: rollout, foresight: 0}", f"planning: {planning}")
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_level(tmp_path)
    message = str(caught.value)
    assert "level.yaml:" in message and expected in message
    assert (
        ":"
        + str(SETUP_YAML.splitlines().index("    planning: {method: rollout, foresight: 0}") + 1)
        + ":"
        in message
    )
