"""The tutorial level: short, two factions, a hint every round, and playable to the end
with no engine change (it uses only the generic level format)."""

from __future__ import annotations

import pytest

from game.cli import main
from game.content import load_level
from game.engine import Action, apply, new_game
from game.headless import play_match


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
