"""Foresight: the evaluation sees where a position drifts under the level's own clock.

The level defined here has a talks window that shrinks every round; once it is
shut, strife rises each round until a war ends the game in shared defeat, unless
North has signed a truce. No objective mentions the window or the truce, so an
agent that judges positions as they stand sees no reason to sign until too late.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai.base import Agent
from game.ai.evaluate import PositionEvaluator, drift_to_end
from game.ai.greedy import GreedyAgent
from game.ai.random_agent import RandomAgent
from game.content import load_level
from game.engine import Ruleset, State, current_faction, legal_actions, new_game, observe, step

CLOCK_YAML = """\
level:
  id: clock
  name: Clock
  description: Keep talking or the war comes.
  rounds: 10
  order: [north, south]
  action_points: 1
  escalation: strife

factions:
  - {id: north, name: North, short: North, description: Wants land.}
  - {id: south, name: South, short: South, description: Wants land.}

tracks:
  - {id: strife, name: Strife, description: Conflict., min: 0, max: 6, initial: 0, danger: true}
  - {id: window, name: Window, description: Time left for talks., min: 0, max: 9, initial: 3}
  - {id: truce, name: Truce, description: Signed or not., min: 0, max: 1, initial: 0}

region_values:
  - {id: sway, name: Sway, description: Support., min: 0, max: 9, initial: 0, per_faction: true}

regions:
  - {id: land, name: Land, position: [0, 0]}

actions:
  - id: north_truce
    faction: north
    name: Truce
    description: Stop the clock.
    once: true
    effects: [truce = 1]
  - {id: north_grab, faction: north, name: Grab, description: Win., effects: [land.sway.north += 1]}
  - {id: south_grab, faction: south, name: Grab, description: Win., effects: [land.sway.south += 1]}

upkeep:
  - id: clock
    name: The clock runs
    effects:
      - {if: "truce == 0 and window == 0", then: [strife += 2]}
      - {if: "window >= 1", then: [window -= 1]}

objectives:
  - id: n_land
    faction: north
    name: Land
    description: Lead.
    when: land.sway.north > land.sway.south
    points: 3
  - id: s_land
    faction: south
    name: Land
    description: Lead.
    when: land.sway.south > land.sway.north
    points: 3

outcomes:
  - {id: war, name: War, headline: War; both lose., when: strife >= 6, winner: none}
"""


@pytest.fixture(scope="module")
def clock(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    folder: Path = tmp_path_factory.mktemp("clock")
    (folder / "level.yaml").write_text(CLOCK_YAML, encoding="utf-8")
    return load_level(folder)


def _wars(rules: Ruleset, foresight: float, seeds: range) -> int:
    """Games ending in war with greedy North (this foresight) against random South."""
    war = rules.outcomes.index(next(o for o in rules.outcomes if o.id == "war"))
    total = 0
    for seed in seeds:
        state = new_game(rules, seed)
        agents: list[Agent] = [GreedyAgent(rules, 0, samples=2, foresight=foresight), RandomAgent()]
        rngs = [random.Random(seed * 31 + i) for i in range(2)]
        while not state.is_over:
            f = current_faction(state)
            step(state, agents[f].decide(observe(state, f), legal_actions(state), rngs[f]).action)
        total += state.outcome == war
    return total


def _with_window(rules: Ruleset, window: int) -> State:
    state = new_game(rules, 1)
    state.v[rules.slot("window")] = window
    return state


def test_drifting_to_the_end_ends_the_game_and_leaves_the_original_alone(clock: Ruleset) -> None:
    state = new_game(clock, 3)
    ahead = state.clone()
    drift_to_end(ahead)
    assert ahead.is_over
    assert not state.is_over and state.round == 1


def test_foresight_sees_a_closing_window_that_the_plain_evaluation_ignores(
    clock: Ruleset,
) -> None:
    plain = PositionEvaluator(clock)
    seeing = PositionEvaluator(clock, foresight=0.5)
    closing, open_ = _with_window(clock, 0), _with_window(clock, 9)
    assert plain.margins(closing) == plain.margins(open_)
    assert seeing.margins(closing)[0] < seeing.margins(open_)[0] - 1.0


def test_greedy_with_foresight_signs_the_truce_and_avoids_the_war_greedy_walks_into(
    clock: Ruleset,
) -> None:
    seeds = range(12)
    assert _wars(clock, 0.0, seeds) >= 10
    assert _wars(clock, 0.5, seeds) <= 2


def test_foresight_outside_zero_to_one_is_refused(clock: Ruleset) -> None:
    with pytest.raises(ValueError, match="foresight"):
        PositionEvaluator(clock, foresight=1.5)
