"""A tie on points is broken as the level says: most objectives met, then precedence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level
from game.engine import new_game
from game.engine.flow import finish
from tests.conftest import mini_text, set_value

WriteLevel = Callable[[str], Path]


def tied_game(write_level: WriteLevel, tie_break: str, tension: int, blue_vp: int) -> str:
    text = mini_text().replace(
        "  danger_gauge: tension\n", f"  danger_gauge: tension\n{tie_break}", 1
    )
    rules = load_level(write_level(text))
    state = new_game(rules, 1)
    set_value(state, "capital.influence.red", 4)  # red_capital holds: red 3 points
    set_value(state, "tension", tension)  # tension <= 2: blue_calm holds, blue 3 points
    state.v[rules.layout.vp + rules.faction_index("blue")] = blue_vp
    finish(state, len(rules.outcomes) - 1, None)  # time runs out: most points wins
    assert state.v[rules.layout.vp] == state.v[rules.layout.vp + 1] == 3
    return rules.factions[state.winner].id if state.winner >= 0 else "none"


def test_without_a_tie_break_a_tie_on_points_has_no_winner(write_level: WriteLevel) -> None:
    assert tied_game(write_level, "", tension=1, blue_vp=0) == "none"


def test_the_tied_faction_with_more_objectives_met_wins(write_level: WriteLevel) -> None:
    # blue's 3 points were earned along the way, red's come from an objective it holds
    winner = tied_game(write_level, "  tie_break: [most_objectives]\n", tension=4, blue_vp=3)
    assert winner == "red"


def test_equal_objectives_fall_through_to_the_listed_precedence(write_level: WriteLevel) -> None:
    rule = "  tie_break: [most_objectives, blue, red]\n"
    assert tied_game(write_level, rule, tension=1, blue_vp=0) == "blue"


def test_a_tie_break_still_undecided_leaves_no_winner(write_level: WriteLevel) -> None:
    assert tied_game(write_level, "  tie_break: [most_objectives]\n", 1, 0) == "none"


@pytest.mark.parametrize(
    ("rule", "message"),
    [("[most_points]", "unknown tie-break 'most_points'"), ("[red, red]", "listed twice")],
)
def test_a_bad_tie_break_is_a_located_error(
    write_level: WriteLevel, rule: str, message: str
) -> None:
    text = mini_text().replace(
        "  danger_gauge: tension\n", f"  danger_gauge: tension\n  tie_break: {rule}\n"
    )
    with pytest.raises(ContentError) as err:
        load_level(write_level(text))
    assert message in str(err.value) and "level.yaml:" in str(err.value)
