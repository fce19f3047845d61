"""The rollout planner's brink guard, and the `planning` knobs that tune rollout planning.

In the level defined here Hawk gains a point by provoking (tension +1) and can calm
things (tension -1); Dove can shove (tension +1). At tension 4 a war ends the game and
both lose. Dove's one-step greedy choice never starts that war, so play-outs that model
Dove as greedy find provoking safe; the brink guard steps back anyway once the war is
close, because a real Dove might shove.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai import create_agent
from game.ai.rollout import RolloutAgent
from game.content import load_level, open_level
from game.engine import Ruleset, legal_actions, new_game, observe

BRINK_YAML = """\
level:
  id: brink
  name: Brink
  description: Provoke, but not too far.
  rounds: 2
  order: [hawk, dove]
  action_points: 1

factions:
  - id: hawk
    name: Hawk
    short: Hawk
    description: Gains by provoking.
    planning: {method: rollout, foresight: 0}
  - {id: dove, name: Dove, short: Dove, description: Can shove.}

tracks:
  - {id: tension, name: Tension, description: At 4 a war., min: 0, max: 4, initial: 2, danger: true}

resources:
  - {id: gains, faction: hawk, name: Gains, description: Won., min: 0, max: 9, initial: 0}

actions:
  - id: provoke
    faction: hawk
    name: Provoke
    description: Win a point, raise tension.
    effects: [gains += 1, tension += 1]
  - {id: calm, faction: hawk, name: Calm, description: Lower tension., effects: [tension -= 1]}
  - {id: shove, faction: dove, name: Shove, description: Raise tension., effects: [tension += 1]}

objectives:
  - {id: h_gains, faction: hawk, name: Gains, description: Won., when: "hawk.gains >= 1", points: 6}
  - {id: d_calm, faction: dove, name: Calm, description: None., when: "hawk.gains == 0", points: 3}

outcomes:
  - {id: war, name: War, headline: War., description: All lose., when: "tension >= 4", winner: none}
"""


@pytest.fixture(scope="module")
def brink_level(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    folder: Path = tmp_path_factory.mktemp("brink")
    (folder / "level.yaml").write_text(BRINK_YAML, encoding="utf-8")
    return load_level(folder)


def _hawk_move(rules: Ruleset, agent: RolloutAgent, tension: int) -> str:
    state = new_game(rules, 1)
    state.v[rules.slot("tension")] = tension
    decision = agent.decide(observe(state, 0), legal_actions(state), random.Random(2))
    return "end turn" if decision.action.action < 0 else rules.actions[decision.action.action].id


def test_without_the_guard_the_rollout_provokes_trusting_the_rival_to_step_back(
    brink_level: Ruleset,
) -> None:
    assert _hawk_move(brink_level, RolloutAgent(brink_level, 0), tension=2) == "provoke"


def test_near_a_shared_defeat_the_brink_guard_steps_back(brink_level: Ruleset) -> None:
    assert _hawk_move(brink_level, RolloutAgent(brink_level, 0, brink=2), tension=2) == "calm"


def test_the_reason_says_the_ai_stepped_back_from_the_brink(brink_level: Ruleset) -> None:
    state = new_game(brink_level, 1)
    agent = RolloutAgent(brink_level, 0, brink=2)
    calm = agent.decide(observe(state, 0), legal_actions(state), random.Random(2))
    assert "war near, weighing only moves away from it" in calm.reason
    state.v[brink_level.slot("tension")] = 0
    provoke = agent.decide(observe(state, 0), legal_actions(state), random.Random(2))
    assert "moves away" not in provoke.reason


def test_far_from_a_shared_defeat_the_brink_guard_lets_the_ai_play_on(
    brink_level: Ruleset,
) -> None:
    assert _hawk_move(brink_level, RolloutAgent(brink_level, 0, brink=2), tension=0) == "provoke"


def test_the_level_planning_sets_the_brink_and_switch_margin_of_search_seats(
    tmp_path: Path,
) -> None:
    text = BRINK_YAML.replace(
        "planning: {method: rollout, foresight: 0}",
        "planning: {method: rollout, foresight: 0, brink: 2, switch_margin: 0.1}",
    )
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    loaded = open_level(tmp_path)
    rules = loaded.ruleset
    assert not loaded.warnings
    agent = create_agent("ai:hard", rules, 0)
    assert isinstance(agent, RolloutAgent)
    assert agent.brink == 2
    assert agent.switch_vp == pytest.approx(0.1 * agent.static.model.scale)
    assert _hawk_move(rules, agent, tension=2) == "calm"


@pytest.mark.parametrize(
    ("planning", "outcome", "expected"),
    [
        ("{method: tree, brink: 2}", "winner: none", "brink is used by rollout planning only"),
        (
            "{method: tree, switch_margin: 0.2}",
            "winner: none",
            "switch_margin is used by rollout planning only",
        ),
        ("{method: rollout, brink: 2}", "winner: dove", "brink has no effect"),
    ],
)
def test_a_planning_knob_that_cannot_act_is_a_warning_at_its_line(
    tmp_path: Path, planning: str, outcome: str, expected: str
) -> None:
    text = BRINK_YAML.replace("planning: {method: rollout, foresight: 0}", f"planning: {planning}")
    text = text.replace("winner: none", outcome)
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    (warning,) = open_level(tmp_path).warnings
    line = BRINK_YAML.splitlines().index("    planning: {method: rollout, foresight: 0}") + 1
    assert expected in warning.message
    assert warning.file.endswith("level.yaml") and warning.line == line


def test_the_brink_guard_never_steps_back_by_handing_the_rival_the_game(
    tmp_path: Path,
) -> None:
    text = BRINK_YAML.replace(
        "  - {id: calm, faction: hawk, name: Calm, description: Lower tension.,"
        " effects: [tension -= 1]}",
        "  - {id: concede, faction: hawk, name: Concede, description: Give Dove its terms.,"
        " effects: [hawk.conceded += 1, tension -= 1]}",
    )
    text = text.replace(
        "  - {id: gains, faction: hawk,",
        "  - {id: conceded, faction: hawk, name: Conceded, description: Terms given., min: 0,"
        " max: 1, initial: 0}\n  - {id: gains, faction: hawk,",
    )
    text = text.replace(
        "\noutcomes:",
        "  - {id: d_terms, faction: dove, name: Terms, description: Hawk gave in.,"
        ' when: "hawk.conceded >= 1", points: 30}\n\noutcomes:',
    )
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    rules = load_level(tmp_path)
    guarded = RolloutAgent(rules, 0, brink=2)
    assert _hawk_move(rules, guarded, tension=2) == "end turn"  # neither concede nor provoke
    assert _hawk_move(rules, guarded, tension=0) == "provoke"


def _conceding_level(tmp_path: Path) -> Ruleset:
    """The brink level where Hawk's only step back concedes terms that Dove cashes in one
    move later: nothing in the position the concession leaves shows the loss."""
    text = BRINK_YAML.replace(
        "  - {id: calm, faction: hawk, name: Calm, description: Lower tension.,"
        " effects: [tension -= 1]}",
        "  - {id: concede, faction: hawk, name: Concede, description: Open the door to Dove.,"
        " effects: [hawk.conceded += 1, tension -= 1]}\n"
        "  - {id: cash_in, faction: dove, name: Cash in, description: Take the terms.,"
        ' requires: [{when: "hawk.conceded >= 1", why: "Nothing conceded."}],'
        " effects: [dove.terms += 1]}",
    )
    text = text.replace(
        "  - {id: gains, faction: hawk,",
        "  - {id: conceded, faction: hawk, name: Conceded, description: Door open., min: 0,"
        " max: 1, initial: 0}\n"
        "  - {id: terms, faction: dove, name: Terms, description: Taken., min: 0,"
        " max: 1, initial: 0}\n  - {id: gains, faction: hawk,",
    )
    text = text.replace(
        "\noutcomes:",
        "  - {id: d_terms, faction: dove, name: Terms, description: Hawk gave in.,"
        ' when: "dove.terms >= 1", points: 30}\n\noutcomes:',
    )
    (tmp_path / "level.yaml").write_text(text, encoding="utf-8")
    return load_level(tmp_path)


def test_the_brink_guard_never_steps_back_into_a_loss_only_the_play_outs_show(
    tmp_path: Path,
) -> None:
    rules = _conceding_level(tmp_path)
    guarded = RolloutAgent(rules, 0, brink=2)
    assert _hawk_move(rules, guarded, tension=2) == "end turn"  # neither concede nor provoke
