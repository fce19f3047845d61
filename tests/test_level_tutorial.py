"""The tutorial level: short, two factions, a hint every round, and playable to the end
with no engine change (it uses only the generic level format)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.ai.random_agent import RandomAgent
from game.cli import main
from game.content import load_level
from game.engine import Action, Ruleset, apply, legal_actions, new_game, observe
from game.headless import play_match
from game.match import Match
from game.saves import load_match, save_match
from game.ui.text_view import menu


def test_the_tutorial_validates_strictly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "tutorial", "--strict"]) == 0
    assert "OK tutorial" in capsys.readouterr().out


def test_the_tutorial_is_short_with_two_factions_and_a_lesson_every_round() -> None:
    rules = load_level("tutorial")
    assert rules.rounds <= 6 and len(rules.factions) == 2
    lessons = [e for e in rules.events if e.kind == "scheduled"]
    assert sorted(r for e in lessons for r in e.rounds) == list(range(1, rules.rounds + 1))
    assert all(e.headline.startswith("TUTORIAL") and e.description for e in lessons)


def test_the_first_news_of_the_tutorial_is_the_first_lesson() -> None:
    rules = load_level("tutorial")
    state = new_game(rules, 1)
    first = next(e for e in rules.events if e.id == "lesson_1")
    assert state.v[rules.layout.fired + first.index] == 1


def test_reopening_the_hall_needs_trust_and_ends_in_the_mediators_favour() -> None:
    rules = load_level("tutorial")
    demand = next(a for a in rules.actions if a.id == "demand_reopening")
    state = new_game(rules, 1)
    state.v[rules.slot("old_town.trust.mediator")] = 2
    state, _ = apply(state, Action(demand.index, -1), roll=True)
    assert state.v[rules.slot("hall")] == 1


SEATINGS = [["random", "random"], ["greedy", "random"], ["random", "greedy"]]


@pytest.mark.parametrize("seats", SEATINGS)
def test_a_tutorial_game_plays_to_the_end(seats: list[str]) -> None:
    rules = load_level("tutorial")
    match = play_match(rules, 5, seats)
    assert match.is_over and match.state.round <= rules.rounds


def _move(rules: Ruleset, action_id: str) -> Action:
    return Action(next(a.index for a in rules.actions if a.id == action_id), -1)


def test_a_tutorial_game_with_an_accepted_truce_saves_and_loads_with_its_deal(
    tmp_path: Path,
) -> None:
    rules = load_level("tutorial")
    match = Match.new(rules, 3)
    match.play(_move(rules, "truce:offer:1"))
    match.play(_move(rules, "truce:accept:1"))
    save_match(match, tmp_path / "truce.json")
    loaded = load_match(tmp_path / "truce.json")
    assert loaded.state.v[rules.slot("deals.truce")] == 2
    assert loaded.state.hash() == match.state.hash()


def test_the_text_mode_offers_only_the_answers_while_a_counter_offer_awaits_the_learner() -> None:
    rules = load_level("tutorial")
    match = Match.new(rules, 3)
    match.play(_move(rules, "truce:offer:1"))
    match.play(_move(rules, "truce:counter:2"))
    mediator = 0
    moves = menu(match, mediator).moves
    assert "0" not in moves
    names = sorted(rules.actions[a.action].id for a in moves.values())
    assert names == ["truce:accept_counter:2", "truce:refuse_counter"]


def test_the_random_agent_answers_an_offer_instead_of_ending_its_turn() -> None:
    rules = load_level("tutorial")
    match = Match.new(rules, 3)
    match.play(_move(rules, "truce:offer:1"))
    legal = legal_actions(match.state)
    agent = RandomAgent(pass_chance=1.0)
    for seed in range(20):
        move = agent.decide(observe(match.state, 1), legal, random.Random(seed)).action
        assert move in legal
