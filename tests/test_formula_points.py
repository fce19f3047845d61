"""Objective points given as a formula: scored as computed, hidden where they read hidden
values, and checked like every other formula."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level, open_level
from game.engine import Ruleset, new_game
from game.engine.flow import finish
from game.engine.scoreboard import scoreboard_for
from game.engine.scoring import projected_scores
from game.engine.scoring import score_round as _score_round
from tests.conftest import mini_text

WriteLevel = Callable[[str], Path]
RED, BLUE = 0, 1


def with_objective(line: str) -> str:
    """The mini level with one more objective (a one-line YAML flow mapping)."""
    return mini_text().replace("\noutcomes:\n", f"\n  - {line}\n\noutcomes:\n")


def resolve(write_level: WriteLevel, points: str, scoring: str = "end") -> Ruleset:
    line = (
        "{id: blue_resolve, faction: blue, name: Resolve, description: Morale counts., "
        f'when: "morale >= 1", points: "{points}", scoring: {scoring}}}'
    )
    return load_level(write_level(with_objective(line)))


def test_a_points_formula_gives_its_value_at_the_end_of_the_game(
    write_level: WriteLevel,
) -> None:
    rules = resolve(write_level, "morale // 2")
    state = new_game(rules, 3)
    morale = rules.slot("blue.morale")
    state.v[morale] = 1  # 1 // 2 = 0 points
    base = projected_scores(state)[BLUE]
    for value, expected in ((1, 0), (5, 2), (7, 3), (9, 4)):
        state.v[morale] = value
        assert projected_scores(state)[BLUE] == base + expected
    state.v[morale] = 8
    finish(state, len(rules.outcomes) - 1, None)
    assert state.v[rules.layout.vp + BLUE] == base + 4


def test_a_points_formula_rounds_halves_up_instead_of_dropping_the_fraction(
    write_level: WriteLevel,
) -> None:
    rules = resolve(write_level, "morale / 2")
    state = new_game(rules, 3)
    morale = rules.slot("blue.morale")
    state.v[morale] = 1  # 0.5: rounds up to 1
    one = projected_scores(state)[BLUE]
    state.v[morale] = 5  # 2.5: rounds up to 3
    assert projected_scores(state)[BLUE] - one == 2


def test_an_each_round_points_formula_banks_the_value_of_the_round(
    write_level: WriteLevel,
) -> None:
    rules = resolve(write_level, "morale", scoring="each_round")
    state = new_game(rules, 3)
    vp = rules.layout.vp + BLUE
    state.v[rules.slot("blue.cash")] = 0  # Stay solvent (each round, +1) does not hold
    state.v[rules.slot("blue.morale")] = 6
    before = state.v[vp]
    _score_round(state, None)
    state.v[rules.slot("blue.morale")] = 2
    _score_round(state, None)
    assert state.v[vp] - before == 6 + 2


def test_a_rival_sees_points_read_from_a_hidden_value_as_a_range_and_the_owner_exactly(
    write_level: WriteLevel,
) -> None:
    rules = resolve(write_level, "morale // 2")
    state = new_game(rules, 1)
    red_view = next(o for o in scoreboard_for(state, RED).lines(BLUE) if o.name == "Resolve")
    own = next(o for o in scoreboard_for(state, BLUE).lines(BLUE) if o.name == "Resolve")
    assert own.worth.exact and own.worth.lo == 2 and own.counts.lo == own.counts.hi == 2
    assert not red_view.worth.exact
    assert red_view.worth.lo <= 2 <= red_view.worth.hi
    assert red_view.counts.lo <= 2 <= red_view.counts.hi
    assert "Morale (Blue)" in red_view.hidden


def test_states_red_cannot_tell_apart_give_red_the_same_points_range(
    write_level: WriteLevel,
) -> None:
    rules = resolve(write_level, "morale // 2")
    state = new_game(rules, 1)
    twin = state.clone()
    twin.v[rules.slot("blue.morale")] = 4  # same bucket for Red with no spies (0..9)
    a = next(o for o in scoreboard_for(state, RED).lines(BLUE) if o.name == "Resolve")
    b = next(o for o in scoreboard_for(twin, RED).lines(BLUE) if o.name == "Resolve")
    assert a.worth == b.worth and a.counts == b.counts


def test_a_points_formula_that_can_pass_one_hundred_is_a_warning_with_its_range(
    write_level: WriteLevel,
) -> None:
    line = (
        "{id: blue_resolve, faction: blue, name: Resolve, description: Morale counts., "
        'when: "morale >= 1", points: "morale * 20"}'
    )
    warnings = [str(w) for w in open_level(write_level(with_objective(line))).warnings]
    found = [w for w in warnings if "points formula" in w]
    assert len(found) == 1
    assert (
        "objective 'blue_resolve': points: the points formula 'morale * 20' can reach 180"
        in (found[0])
    )
    assert "its range is 0..180" in found[0] and "clamp(" in found[0]


def test_an_unknown_name_in_a_points_formula_is_an_error_naming_the_objective(
    write_level: WriteLevel,
) -> None:
    line = (
        "{id: blue_resolve, faction: blue, name: Resolve, description: Morale counts., "
        'when: "morale >= 1", points: "moral // 2"}'
    )
    with pytest.raises(ContentError) as info:
        load_level(write_level(with_objective(line)))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 1
    assert messages == [
        "objective 'blue_resolve': points: unknown name 'moral' — did you mean 'morale'?"
    ]


def test_a_points_formula_stakes_what_it_can_give_at_most(write_level: WriteLevel) -> None:
    rules = resolve(write_level, "morale // 2 - 1")
    obj = next(o for o in rules.objectives if o.id == "blue_resolve")
    assert obj.span == (-1, 3) and obj.points == 3
