"""The per-seat scoreboard: the score if the game ended now, from what a seat may know."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from game.content import load_level
from game.engine import Action, Ruleset, State, legal_actions, new_game, preview, step
from game.engine.flow import finish
from game.engine.scoreboard import move_effect, scoreboard, scoreboard_for
from game.engine.view import observe
from tests.conftest import mini_text

SPIRIT = """  - {id: blue_spirit, faction: blue, name: High spirits, description: Morale 5 or more.,
     when: blue.morale >= 5, points: 2}
"""
BONUS = """  - id: calm_end
    name: Calm end
    check: end
    headline: The crisis fades.
    when: tension <= 1
    winner: most_points
    points: {blue: 4}
"""


def secret_level(write_level: Callable[[str], Path]) -> Ruleset:
    """The mini level plus a Blue objective on its private morale and a calm-end bonus."""
    text = mini_text().replace("\noutcomes:\n", "\n" + SPIRIT + "\noutcomes:\n")
    return load_level(write_level(text + BONUS))


def ended_now(state: State) -> list[int]:
    """The true final scores if the game ended at this point (the engine's own finish)."""
    from game.engine.flow import _end_outcome

    trial = state.clone()
    finish(trial, _end_outcome(trial), None)
    return trial.v[trial.rules.layout.vp : trial.rules.layout.vp + len(trial.rules.factions)]


def random_states(rules: Ruleset, games: int = 12) -> list[State]:
    rng = random.Random(7)
    out = []
    for seed in range(games):
        state = new_game(rules, seed)
        while state.outcome < 0:
            out.append(state.clone())
            moves = legal_actions(state)
            step(state, moves[rng.randrange(len(moves))])
    return out


def test_every_seats_numbers_hold_the_true_score_and_exact_ones_equal_it(
    write_level: Callable[[str], Path],
) -> None:
    rules = secret_level(write_level)
    exact = ranged = 0
    for state in random_states(rules):
        truth = ended_now(state)
        for seat in range(len(rules.factions)):
            board = scoreboard_for(state, seat)
            for score in board.factions:
                assert score.total.lo <= truth[score.faction] <= score.total.hi
                exact += score.total.exact
                ranged += not score.total.exact
    assert exact and ranged  # both kinds occur: the test says something about each


def test_a_rivals_objective_on_a_hidden_value_is_a_range_and_your_own_is_exact(
    write_level: Callable[[str], Path],
) -> None:
    rules = secret_level(write_level)
    state = new_game(rules, 1)
    red, blue = 0, 1
    seen_by_red = scoreboard_for(state, red)
    line = next(o for o in seen_by_red.lines(blue) if o.name == "High spirits")
    assert line.met is None and (line.counts.lo, line.counts.hi) == (0, 2)
    assert line.hidden == ("Morale (Blue)",)
    assert not seen_by_red.of(blue).total.exact
    own = next(o for o in scoreboard_for(state, blue).lines(blue) if o.name == "High spirits")
    assert own.met is True and own.counts.lo == own.counts.hi == 2
    assert scoreboard_for(state, blue).of(blue).total.exact


def test_states_a_seat_cannot_tell_apart_give_it_the_same_scoreboard(
    write_level: Callable[[str], Path],
) -> None:
    rules = secret_level(write_level)
    morale = rules.slot("blue.morale")
    flipped = 0
    for state in random_states(rules, games=4):
        for value in range(10):
            other = state.clone()
            other.v[morale] = value
            if (value >= 5) == (state.v[morale] >= 5) or observe(other, 0) != observe(state, 0):
                continue  # keep only twins Red cannot tell apart, with High spirits flipped
            flipped += 1
            assert scoreboard_for(state, 0) == scoreboard_for(other, 0)
            assert scoreboard_for(state, 1) != scoreboard_for(other, 1)
    assert flipped > 10


def test_each_objective_says_what_it_depends_on_and_the_nearest_change(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    board = scoreboard_for(state, 0)
    capital = next(o for o in board.lines(0) if o.name == "Hold the capital")
    assert capital.met is False
    assert set(capital.depends_on) == {"Capital influence (Red)", "Capital influence (Blue)"}
    assert capital.nearest is not None  # Red at 0 against Blue's 2: Red needs 3
    assert (capital.nearest.slot, capital.nearest.now, capital.nearest.then) == (
        mini.slot("capital.influence.red"),
        0,
        3,
    )


def test_the_outcome_bonus_that_would_apply_now_is_in_the_score(
    write_level: Callable[[str], Path],
) -> None:
    rules = secret_level(write_level)
    state = new_game(rules, 1)
    state.v[rules.slot("tension")] = 0
    calm = next(o.index for o in rules.outcomes if o.id == "calm_end")
    board = scoreboard_for(state, 1)
    assert board.endings == (calm,)
    assert board.of(1).bonus.lo == board.of(1).bonus.hi == 4
    state.v[rules.slot("tension")] = 3
    assert scoreboard_for(state, 1).of(1).bonus.hi == 0


def test_after_the_game_the_breakdown_adds_up_to_the_final_points(mini: Ruleset) -> None:
    state = new_game(mini, 5)
    rng = random.Random(3)
    while state.outcome < 0:
        moves = legal_actions(state)
        step(state, moves[rng.randrange(len(moves))])
    board = scoreboard(observe(state, 0))
    assert board.over and board.endings == (state.outcome,)
    for score in board.factions:
        assert score.total.exact and score.total.lo == state.v[mini.layout.vp + score.faction]
        assert score.earned + score.objectives + score.bonus == score.total


def test_a_move_that_meets_an_objective_says_how_many_points_it_brings(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state.v[mini.slot("capital.influence.red")] = 1
    agitate = Action(mini.action_by_id("agitate").index, 0)  # capital: Red 1 + 2 vs Blue's 2
    effect = move_effect(observe(state, 0), preview(state, agitate))
    assert effect.gained == ("Hold the capital",)
    assert effect.success.lo - effect.before.lo == 3
    assert effect.failure is not None and effect.failure == effect.before
    assert effect.chance == 0.5 and effect.expected == 1.5


def test_a_first_time_objective_met_this_week_counts_now_and_banking_it_changes_no_total() -> None:
    from game.engine.scoring import score_round as _score_round
    from game.ui.score_text import board_lines

    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    ecowas = next(f.index for f in niger.factions if f.id == "ecowas")
    state = new_game(niger, 3)
    before = scoreboard_for(state, ecowas).of(ecowas).total
    state.v[niger.slot("dday")] = 1  # the defence chiefs fix a date mid-week
    board = scoreboard_for(state, ecowas)
    line = next(o for o in board.lines(ecowas) if o.name == "D-Day fixed")
    assert line.met and not line.banked
    assert (line.counts.lo, line.counts.hi) == (6, 6), "reached this week: in the score now"
    assert board.of(ecowas).total == before + line.counts
    assert any("D-Day fixed" in t and "week's end" in t for t in board_lines(niger, board, ecowas))
    _score_round(state, None)  # the week's end banks it
    banked = scoreboard_for(state, ecowas)
    assert next(o for o in banked.lines(ecowas) if o.name == "D-Day fixed").banked
    assert banked.of(ecowas).total == board.of(ecowas).total, "banking moves no total"


def test_a_first_time_objective_reached_in_the_week_the_game_ends_at_once_still_counts() -> None:
    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    ecowas = next(f.index for f in niger.factions if f.id == "ecowas")
    collapse = next(o.index for o in niger.outcomes if o.id == "junta_collapse")
    vp = niger.layout.vp + ecowas
    plain, with_dday = new_game(niger, 3), new_game(niger, 3)
    with_dday.v[niger.slot("dday")] = 1  # the date is fixed, then the junta falls that week
    finish(plain, collapse, None)
    finish(with_dday, collapse, None)
    assert with_dday.v[vp] - plain.v[vp] == 6, "D-Day fixed (+6) is banked by the ending"
