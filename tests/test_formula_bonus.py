"""An outcome's bonus points given as a formula: added as computed when the game ends that
way, shown in the running score breakdown (as a range to a seat that cannot see what it
reads), and checked like every other points formula."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.content import ContentError, load_level, open_level
from game.engine import Ruleset, new_game
from game.engine.flow import finish
from game.engine.scoreboard import scoreboard_for
from game.engine.scoring import projected_scores
from game.ui.score_text import score_text
from tests.conftest import ROOT, mini_text

WriteLevel = Callable[[str], Path]
RED, BLUE = 0, 1
STRIKE = ROOT / "tests" / "levels" / "strike"


def with_truce(write_level: WriteLevel, blue_points: str) -> Ruleset:
    """The mini level with an end-of-game 'truce' outcome whose bonus for Blue is given."""
    truce = (
        "  - {id: truce, name: Truce, headline: A truce holds., when: tension < 5, "
        f"check: end, winner: most_points, points: {{red: 1, blue: {blue_points}}}}}\n"
    )
    return load_level(write_level(mini_text().rstrip("\n") + "\n" + truce))


def test_a_bonus_formula_is_added_as_computed_when_the_game_ends_that_way(
    write_level: WriteLevel,
) -> None:
    rules = with_truce(write_level, '"morale // 2"')
    state = new_game(rules, 4)
    state.v[rules.slot("blue.morale")] = 7
    before = projected_scores(state)
    truce = next(o for o in rules.outcomes if o.id == "truce")
    finish(state, truce.index, None)
    lay = rules.layout
    assert state.v[lay.vp + BLUE] == before[BLUE] + 3  # 7 // 2
    assert state.v[lay.vp + RED] == before[RED] + 1


def test_the_running_breakdown_shows_the_bonus_exactly_to_its_owner_and_as_a_range_to_a_rival(
    write_level: WriteLevel,
) -> None:
    rules = with_truce(write_level, '"morale // 2"')
    state = new_game(rules, 4)
    state.v[rules.slot("blue.morale")] = 7  # private to Blue; Red has no spies yet
    own = scoreboard_for(state, BLUE)
    assert own.of(BLUE).bonus.text(signed=True) == "+3"
    assert "outcome +3" in score_text(rules, own.of(BLUE), own)
    rival = scoreboard_for(state, RED)
    assert rival.of(BLUE).bonus.text(signed=True) == "+0–+4"  # morale 0..9 as Red knows it
    assert "outcome +0–+4" in score_text(rules, rival.of(BLUE), rival)


def test_the_strike_settlement_gives_the_union_a_share_of_its_morale() -> None:
    rules = load_level(STRIKE)
    settlement = next(o for o in rules.outcomes if o.id == "settlement")
    union = rules.faction_index("union")
    assert settlement.spans[union] == (0, 3) and settlement.points[union] == 3  # its stake
    state = new_game(rules, 2)
    state.v[rules.slot("union.morale")] = 8
    before = projected_scores(state)[union]
    finish(state, settlement.index, None)
    assert state.v[rules.layout.vp + union] == before + 2


def test_a_bonus_formula_that_reads_the_scores_is_refused_with_the_reason(
    write_level: WriteLevel,
) -> None:
    with pytest.raises(ContentError) as err:
        with_truce(write_level, '"score.red"')
    message = str(err.value)
    assert "outcome 'truce': points.blue: an outcome's bonus cannot read 'score'" in message


def test_a_bonus_formula_of_constants_is_a_fixed_bonus(write_level: WriteLevel) -> None:
    rules = with_truce(write_level, '"2 * 3"')
    truce = next(o for o in rules.outcomes if o.id == "truce")
    assert truce.points == (1, 6) and truce.values == ()


def test_validate_warns_when_a_bonus_formula_can_pass_100(write_level: WriteLevel) -> None:
    text = mini_text().rstrip("\n") + (
        "\n  - {id: truce, name: Truce, headline: A truce holds., when: tension < 5, "
        'check: end, points: {blue: "morale * 20"}}\n'
    )
    warnings = [str(w) for w in open_level(write_level(text)).warnings]
    hits = [w for w in warnings if "points.blue" in w]
    assert len(hits) == 1
    assert "the points formula 'morale * 20' can reach 180 (its range is 0..180)" in hits[0]
