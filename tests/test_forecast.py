"""The ending forecast: how likely the news and upkeep are to end the game before a
player's next turn, from what that player can see, and how a move changes it."""

from __future__ import annotations

from game.engine import PASS, Action, Ruleset, State, current_faction, new_game, observe, step
from game.engine.forecast import forecast
from game.match import Match
from game.ui.cards import preview_lines
from game.ui.forecast_text import view_forecast
from game.ui.text_view import turn_view
from tests.conftest import set_value


def _brink(mini: Ruleset, morale: int) -> State:
    """Blue to move with Tension at 4: next week's 'Crisis' news means war unless Blue's
    private morale is 3 or more."""
    state = new_game(mini, 4)
    while current_faction(state) != mini.faction_index("blue"):
        step(state, PASS)
    set_value(state, "tension", 4)
    set_value(state, "blue.morale", morale)
    return state


def test_a_player_who_knows_the_war_is_coming_sees_it_as_almost_certain(mini: Ruleset) -> None:
    blue = mini.faction_index("blue")
    war = next(o.index for o in mini.outcomes if o.id == "war")
    assert forecast(observe(_brink(mini, 1), blue)).chance(war) == 1.0
    assert forecast(observe(_brink(mini, 5), blue)).chance(war) == 0.0


def test_a_rival_who_cannot_see_the_morale_gets_odds_between_never_and_always(
    mini: Ruleset,
) -> None:
    """Red does not see Blue's morale: its forecast draws it from the range it knows, so
    it is the same whatever the true morale is (no peeking), and neither 0 nor 1."""
    red, war = mini.faction_index("red"), next(o.index for o in mini.outcomes if o.id == "war")
    low, high = _brink(mini, 1), _brink(mini, 5)
    assert observe(low, red).values[mini.slot("blue.morale")] is None
    odds = forecast(observe(low, red)).chance(war)
    assert 0.0 < odds < 1.0
    assert forecast(observe(high, red)).chance(war) == odds


def test_calming_the_streets_takes_the_war_off_the_card(mini: Ruleset) -> None:
    state = _brink(mini, 1)
    blue = mini.faction_index("blue")
    calm = Action(next(a.index for a in mini.actions if a.id == "calm"), -1)
    war = next(o.index for o in mini.outcomes if o.id == "war")
    view = observe(state, blue)
    assert forecast(view, calm).chance(war) == 0.0
    line = next(s for s in preview_lines(state, calm, blue) if s.startswith("Before your next"))
    assert "almost certain → 0%" in line


def test_the_forecast_is_the_same_each_time_and_leaves_the_game_alone(mini: Ruleset) -> None:
    state = _brink(mini, 2)
    red = mini.faction_index("red")
    before = list(state.v), state.rng, state.round, state.turn
    first = forecast(observe(state, red), seed=3)
    assert forecast(observe(state, red), seed=3) == first
    assert (list(state.v), state.rng, state.round, state.turn) == before


def test_the_text_mode_status_warns_of_an_ending_only_when_the_news_can_bring_one(
    mini: Ruleset,
) -> None:
    blue = mini.faction_index("blue")
    match = Match.new(mini, 4)
    while match.active != blue:
        match.play(PASS)
    assert not any("Before your next turn" in s for s in turn_view(match, blue))
    set_value(match.state, "tension", 4)
    set_value(match.state, "blue.morale", 1)
    warning = [s for s in turn_view(match, blue) if "Before your next turn" in s]
    assert warning and "War almost certain (nobody wins)" in warning[0]


def test_the_clock_running_out_in_the_last_week_is_not_a_warning(mini: Ruleset) -> None:
    state = new_game(mini, 4)
    while state.round < mini.rounds:
        step(state, PASS)
    blue = mini.faction_index("blue")
    while current_faction(state) != blue:
        step(state, PASS)
    assert forecast(observe(state, blue)).endings == ()


def test_a_card_opened_in_the_panel_s_position_reuses_its_forecast_and_a_new_position_does_not(
    mini: Ruleset,
) -> None:
    blue = mini.faction_index("blue")
    war = next(o.index for o in mini.outcomes if o.id == "war")
    first = view_forecast(observe(_brink(mini, 1), blue))
    assert view_forecast(observe(_brink(mini, 1), blue)) is first  # same view: worked out once
    assert first.chance(war) == 1.0
    calmer = view_forecast(observe(_brink(mini, 5), blue))
    assert calmer is not first and calmer.chance(war) == 0.0


def test_an_ending_says_whether_the_seat_would_win_it_in_the_sampled_futures() -> None:
    from game.engine.forecast import Forecast
    from game.ui.forecast_text import whose

    collapse, war = 0, 1
    odds = Forecast(200, ((collapse, 40), (war, 20)), won=((collapse, 40),), nobody=((war, 20),))
    assert whose(odds, collapse) == " (you would win)"
    assert whose(odds, war) == " (nobody wins)"
    lost = Forecast(200, ((collapse, 40),))
    assert whose(lost, collapse) == " (you would not win)"
    split = Forecast(200, ((collapse, 40),), won=((collapse, 16),))
    assert whose(split, collapse) == " (you would win about 40% of those)"
