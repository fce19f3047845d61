"""Every move answered: the AI move cards queue in the side column, never over the map,
the action card or the action list, and stay until read; the result of the player's own
move stays until dismissed; the objectives panel toggles."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from typing import Any

import pygame
import pytest

from game.ui.app import App
from tests.ui_driver import click_at, frames, key, new_app, start_mini, until

pytestmark = pytest.mark.ui


@pytest.fixture
def app() -> Any:
    application = new_app()
    yield application
    application.close()


def _recruit_row(play: Any) -> int:
    rows = play.actions.rows
    return next(i for i, r in enumerate(rows) if play.rules.actions[r.index].id == "recruit")


def _next_week_shows_its_summary_not_the_old_result(app: App, play: Any, seat: int) -> Any:
    """Run to `seat`'s turn in week 2: the old result card's points are out of date, so it
    is gone and the week's summary (which counts the move and what came after) is up."""
    match = play.session.match
    until(app, lambda: (match.active == seat and match.state.round == 2) or match.is_over)
    frames(app, 2)
    assert match.state.round == 2
    assert play.ai_move.result is None
    summary = play.ai_move.summary
    assert summary is not None and summary.lines[0].startswith("Since your last turn")
    return summary


def test_the_ai_move_cards_stay_until_the_human_plays_and_m_brings_them_back(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_e)
    until(app, lambda: match.active == 0 or match.is_over)
    cards = list(play.ai_move.cards)
    assert cards  # Blue's moves are on screen when Red's turn comes back
    frames(app, 600)  # ten seconds later they are still there to read
    assert play.ai_move.cards == cards and not play.ai_move.moving()
    key(app, pygame.K_1 + _recruit_row(play))
    key(app, pygame.K_RETURN)  # Red plays: the cards it has read are put away
    assert play.ai_move.cards == [] and play.ai_move.result is not None
    key(app, pygame.K_m)
    assert play.ai_move.cards == cards


def test_a_click_closes_one_ai_card_and_m_reopens_it(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_e)
    until(app, lambda: match.active == 0 or match.is_over)
    frames(app, 2)
    play.ai_move.summary = None  # the week's summary is a card of its own
    frames(app, 2)
    rect, card = play.ai_move.rects[0]
    click_at(app, rect.center)
    assert card not in play.ai_move.cards
    key(app, pygame.K_m)
    assert card in play.ai_move.cards


def test_ai_cards_never_cover_the_action_card(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_e)
    until(app, lambda: match.active == 0 or match.is_over)
    key(app, pygame.K_1 + _recruit_row(play))
    assert play.card.lines and play.ai_move.rects
    card = play.card.rect()
    assert all(not rect.colliderect(card) for rect, _ in play.ai_move.rects)


def test_the_result_of_a_move_stays_until_dismissed(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    key(app, pygame.K_1 + _recruit_row(play))
    key(app, pygame.K_RETURN)
    result = play.ai_move.result
    assert (
        result is not None
        and result.lines[0] == "Your move: Recruit spies. (Red Cash -2, Red Spies +1)"
    )
    assert result.lines[1].startswith("Your points: unchanged by this move (")
    frames(app, 600)  # ten seconds later it is still there
    assert play.ai_move.result is result
    key(app, pygame.K_ESCAPE)
    assert play.ai_move.result is None and app.top is play  # Esc closed it, not the menu


def test_last_week_s_result_card_closes_when_the_next_week_s_summary_opens(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_1 + _recruit_row(play))
    key(app, pygame.K_RETURN)
    assert play.ai_move.result is not None and match.state.round == 1
    key(app, pygame.K_e)  # the rest of the week: the rival moves, the week ends
    _next_week_shows_its_summary_not_the_old_result(app, play, seat=0)


def test_o_toggles_the_objectives_panel(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    assert play.objectives.shown
    key(app, pygame.K_o)
    assert not play.objectives.shown
    key(app, pygame.K_o)
    assert play.objectives.shown


def test_the_end_screen_breaks_each_factions_points_down(app: App) -> None:
    from game.ui.screens.end import EndScreen

    start_mini(app, ("ai:easy", "ai:easy"))
    key(app, pygame.K_SPACE)
    until(app, lambda: isinstance(app.top, EndScreen), limit=2000)
    end = app.top
    assert isinstance(end, EndScreen)
    for faction, points in enumerate(end.points):
        score = end.board.of(faction)
        assert score.total.exact and score.total.lo == points
        assert score.earned + score.objectives + score.bonus == score.total
    frames(app, 2)  # draws the breakdown


def test_every_human_move_is_autosaved_and_closing_saves_the_rest(app: App) -> None:
    from game.saves import load_match
    from game.saves.userdata import latest_autosave

    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_1 + _recruit_row(play))
    key(app, pygame.K_RETURN)
    saved = latest_autosave()
    assert saved is not None
    assert len(load_match(saved, match.rules).history) == len(match.history) == 1
    key(app, pygame.K_e)
    until(app, lambda: match.active == 0 or match.is_over)  # Blue moved after Red's save
    moves = len(match.history)
    app.close()
    restored = load_match(saved, match.rules)
    assert len(restored.history) == moves and restored.state.hash() == match.state.hash()


SIZES = [(960, 540), (1280, 720), (1920, 1080), (2560, 1440)]


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("size", SIZES)
def test_cards_stay_in_the_side_column_and_clear_of_each_other_at_any_size(
    app: App, size: tuple[int, int], scale: float
) -> None:
    app.settings.ui_scale = scale
    app.apply_settings()
    play = start_mini(app, ("human", "ai:easy"))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
    frames(app, 2)
    key(app, pygame.K_e)
    until(app, lambda: play.session.match.active == 0)
    key(app, pygame.K_1 + _recruit_row(play))
    key(app, pygame.K_RETURN)  # the result card, over the week's summary
    frames(app, 2)
    side = play.rects["side"]
    rects = [rect for rect, _ in play.ai_move.rects]
    assert play.ai_move.result is not None and rects  # the result always shows
    assert all(side.contains(rect) for rect in rects)
    assert all(not a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    assert all(not rect.colliderect(play.rects["map"]) for rect in rects)
    if play.objectives.shown:
        assert all(not rect.colliderect(play.objectives.rect) for rect in rects)


def test_a_new_week_opens_its_summary_even_after_skipping_and_w_reopens_it(app: App) -> None:
    play = start_mini(app, ("human", "ai:easy"))
    match = play.session.match
    key(app, pygame.K_e)
    key(app, pygame.K_SPACE)  # skip the AI turns
    until(app, lambda: match.active == 0 and match.state.round == 2)
    frames(app, 2)
    summary = play.ai_move.summary
    assert summary is not None and summary.lines[0] == "Since your last turn — Round 2"
    assert any(line.startswith("News: Leaders meet") for line in summary.lines)
    key(app, pygame.K_ESCAPE)
    assert play.ai_move.summary is None and app.top is play
    key(app, pygame.K_w)
    assert play.ai_move.summary is summary


def test_the_tutorial_starts_from_the_title_screen(app: App) -> None:
    from game.ui.screens.menu import TitleScreen
    from game.ui.screens.play import PlayScreen
    from tests.ui_driver import click

    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.tutorial)
    play = app.top
    assert isinstance(play, PlayScreen)
    assert play.rules.level_id == "tutorial" and play.session.seats[0] == "human"
    assert all(seat == "ai:normal" for seat in play.session.seats[1:])  # a sensible rival


def test_a_rivals_badge_tip_gives_its_score_as_far_as_you_know() -> None:
    from game.content import load_level
    from game.engine import new_game
    from game.ui.lens import Lens
    from game.ui.widgets.hover_tip import faction_tip
    from tests.ui_driver import MINI

    state = new_game(load_level(MINI), 1)
    tip = faction_tip(Lens(state, 0), 1, "AI easy")
    assert "3 VP if the game ended now (earned 0 + objectives 3)" in tip
    assert "meets Keep calm, Stay solvent" in tip


def _human_turn_after_ai_moves(size: tuple[int, int]) -> tuple[App, Any]:
    """niger_2023 at `size`, Russia human (it acts last): its first turn, after the
    other three AIs' moves of the week, with an action chosen (its card is up)."""
    from game.match import Match
    from game.ui.launch import load_rules
    from game.ui.prefs import Settings
    from game.ui.screens.play import PlayScreen

    application = App(size=size, settings=Settings(ai_pace=0.0))
    application.reset(application.screens.title())
    rules, _ = load_rules("niger_2023")
    assert rules is not None
    seats = ["ai:easy"] * len(rules.factions)
    russia = next(f.index for f in rules.factions if f.id == "russia")
    seats[russia] = "human"
    application.push(application.screens.play(Match.new(rules, 2), seats))
    play = application.top
    assert isinstance(play, PlayScreen)
    until(application, lambda: play.session.match.active == russia, 3000)
    key(application, pygame.K_1)
    frames(application, 3)
    return application, play


@pytest.mark.parametrize("size", [(960, 540), (1280, 720), (1920, 1080)])
def test_ai_move_cards_cover_neither_the_map_nor_the_action_card_nor_the_list(
    size: tuple[int, int],
) -> None:
    application, play = _human_turn_after_ai_moves(size)
    try:
        feed = play.ai_move
        assert len(feed.cards) >= 4, "the three AIs made at least four moves"
        drawn = [rect for rect, _ in feed.rects]
        assert drawn and len(drawn) + feed.more == len(feed.shown())  # the rest: '+N more'
        boxes = [play.map.bounds(i) for i in range(len(play.rules.regions))]
        regions = boxes[0].unionall(boxes[1:])
        card = play.card.rect()
        assert play.card.lines
        rows = [btn.get_abs_rect() for btn in play.actions.row_buttons]
        for rect in drawn:
            assert not rect.colliderect(regions), "a move card covers the map's regions"
            assert not rect.colliderect(card), "a move card covers the action card"
            assert not rect.colliderect(play.actions.rect), "a move card covers the actions"
            assert rect.collidelist(rows) < 0
    finally:
        application.close()


def test_older_ai_cards_show_their_title_and_a_click_opens_one_in_full() -> None:
    application, play = _human_turn_after_ai_moves((1280, 720))
    try:
        feed = play.ai_move
        frames(application, 2)
        (_, newest), (rect, older) = feed.rects[0], feed.rects[1]
        assert feed.is_open(newest) and not feed.is_open(older)
        assert rect.h < feed.rects[0][0].h, "an older card shows its title only"
        click_at(application, rect.center)
        assert feed.is_open(older) and not feed.is_open(newest)
        assert older in feed.cards, "the click opened it, not closed it"
        opened = next(r for r, c in feed.rects if c is older)
        assert opened.h > rect.h
        click_at(application, opened.center)
        assert older not in feed.cards and older in feed.closed
    finally:
        application.close()


def test_a_move_that_ends_the_week_is_not_credited_with_what_the_week_s_end_does(
    app: App,
) -> None:
    from game.engine import Action, legal_actions

    play = start_mini(app, ("random", "human"))
    until(app, lambda: play.session.match.active == 1)
    match, rules = play.session.match, play.rules
    pressure = Action(rules.action_by_id("pressure").index, 0)  # Blue drains Red's cash
    while match.state.ap > 1:  # spend all but the last action point on something else
        play.play(
            next(m for m in legal_actions(match.state) if m.action not in (-1, pressure.action))
        )
    play.play(pressure)  # the last action point: the round ends with it
    assert match.state.round == 2
    result = play.ai_move.result
    assert result is not None and result.lines[0].startswith("Your move: Pressure a rival")
    # the move itself changes no objective of Blue's; the round's end pays 'Stay solvent'
    assert result.lines[1].startswith("Your points: unchanged by this move ("), result.lines
    assert result.lines[2].startswith("Then the round ended. Your points "), result.lines
    assert "points earned this round +1" in result.lines[2], result.lines


def test_the_number_keys_still_name_the_same_rows_after_a_move_in_the_window(app: App) -> None:
    """Blue calms the streets from its row (then on cooldown): the row stays where it was,
    greyed, and the next row's key still selects 'Pressure a rival'."""
    play = start_mini(app, ("ai:easy", "human"))
    match = play.session.match
    until(app, lambda: match.active == 1)
    before = [r.index for r in play.actions.rows]
    ids = [play.rules.actions[i].id for i in before]
    calm, pressure = ids.index("calm"), ids.index("pressure")
    assert calm < pressure and play.actions.rows[calm].legal
    key(app, pygame.K_1 + calm)
    key(app, pygame.K_RETURN)
    until(app, lambda: len(match.history) > 0 and match.history[-1].action.action == before[calm])
    frames(app, 3)
    assert [r.index for r in play.actions.rows] == before
    assert not play.actions.rows[calm].legal
    key(app, pygame.K_1 + pressure)
    assert play.actions.row is not None and play.actions.row.index == before[pressure]


def test_watching_ais_shows_the_acting_seats_objectives_in_the_third_person(app: App) -> None:
    """With no human seat the side column is not left empty: it shows the objectives of
    the faction whose turn it is, and its hints name that faction instead of 'you'."""
    from game.ui.lens import Lens
    from game.ui.widgets.objectives import detail_text

    play = start_mini(app, ("ai:easy", "ai:easy"))
    frames(app, 3)
    panel, _ = play.side_column()
    assert play.session.viewer < 0 and panel.h > 0
    board = Lens(play.session.match.state, -1).board
    hinted = [
        line
        for f in range(len(play.rules.factions))
        for line in board.lines(f)
        if line.nearest is not None
    ]
    assert hinted, "the mini level has an objective one change away"
    for line in hinted:
        assert "you:" not in detail_text(play.rules, line, own=False)
    assert any("you:" in detail_text(play.rules, line) for line in hinted)


def test_a_move_that_ends_the_week_gives_way_to_the_next_week_s_summary(app: App) -> None:
    from game.engine import legal_actions

    play = start_mini(app, ("ai:easy", "human"))  # the human moves last in the week
    match = play.session.match
    until(app, lambda: match.active == 1 or match.is_over)
    frames(app, 2)  # the human's first turn begins (its week is noted)
    while match.active == 1 and match.state.round == 1:  # spend every action point
        play.play(next(a for a in legal_actions(match.state) if a.action >= 0))
    assert play.ai_move.result is not None  # the last move's result, shown at once
    summary = _next_week_shows_its_summary_not_the_old_result(app, play, seat=1)
    assert play.ai_move.rects[0][1] is summary  # and it is the card on top
