"""Deals in the window: offers as their own group with a deal card, the incoming-offer card
with its answer buttons, the hot seat hand-off around an answer, and the deals section."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content import load_level
from game.engine import PASS, Action, Ruleset, responder
from game.engine.deal_defs import IN_FORCE, OFFERED, PROPOSE, REFUSED
from game.match import Match
from game.ui.app import App, StartOptions
from game.ui.screens.handoff import HandoffScreen, handoff_line
from game.ui.screens.menu import TitleScreen
from game.ui.screens.play import PlayScreen
from game.ui.widgets.deals_panel import deals_shown
from tests.ui_driver import click, frames, key, until

pytestmark = pytest.mark.ui

BARGAIN = str(Path(__file__).parent / "levels" / "bargain")
RED, BLUE = 0, 1


@pytest.fixture(scope="module")
def rules() -> Ruleset:
    return load_level(BARGAIN)


@pytest.fixture
def app() -> Any:
    application = App(options=StartOptions(level=BARGAIN, seed=3))
    application.settings.ai_pace = 0.0
    application.reset(TitleScreen(application))
    yield application
    application.close()


def move(rules: Ruleset, action_id: str) -> Action:
    return Action(rules.action_by_id(action_id).index, -1)


def open_game(app: App, match: Match, seats: list[str]) -> PlayScreen:
    app.reset(app.screens.play(match, seats))
    frames(app, 2)
    if isinstance(app.top, HandoffScreen):  # hot seat: the first player takes the seat
        click(app, app.top.ready)
    frames(app, 3)
    play = app.top
    assert isinstance(play, PlayScreen)
    return play


def blue_to_move(rules: Ruleset) -> Match:
    match = Match.new(rules, 3)
    match.play(PASS)  # Red ends its first turn
    return match


def status(match: Match, deal: int = 0) -> int:
    return match.state.v[match.rules.deals[deal].status_slot]


def test_offers_are_their_own_group_after_the_ordinary_actions(app: App, rules: Ruleset) -> None:
    play = open_game(app, blue_to_move(rules), ["greedy", "human"])
    kinds = [rules.actions[r.index].deal_role == PROPOSE for r in play.actions.rows]
    assert kinds == [False, False, True, True, True]
    first = play.actions.row_buttons[2].get_abs_rect()
    above = play.actions.row_buttons[1].get_abs_rect()
    assert first.y - above.bottom > play.px(12)  # room for the 'Offers' title between
    texts = [btn.text for btn in play.actions.row_buttons[2:]]
    assert all("Offer Red: Ceasefire" in t for t in texts)
    details = play.actions.reasons[2:]  # cost and odds on the line under the name
    assert all(len(d) == 1 and "% accept" in d[0] for d in details), details


def test_choosing_an_offer_shows_its_terms_what_accepting_does_and_the_odds(
    app: App, rules: Ruleset
) -> None:
    play = open_game(app, blue_to_move(rules), ["greedy", "human"])
    key(app, pygame.K_4)  # Offer Red: Ceasefire (2 cash)
    text = "\n".join(play.card.lines)
    assert play.card.lines[0] == "Offer Red: Ceasefire (2 cash)"
    assert "Terms: Red Bloc will not: Agitate (a promise, for 2 rounds)." in text
    assert "Offered: 2 cash (choices: 1 cash, 2 cash, 3 cash)." in text
    assert "If Red accepts: Blue Cash -2, Red Cash +2, Tension -1" in text
    assert "Estimate:" in text and "of 8 guesses" in text


def test_an_ai_recipient_answers_a_humans_offer_and_the_proposer_plays_on(
    app: App, rules: Ruleset
) -> None:
    match = blue_to_move(rules)
    play = open_game(app, match, ["greedy", "human"])
    key(app, pygame.K_5)  # 3 cash
    key(app, pygame.K_RETURN)
    until(app, lambda: responder(match.state) < 0 and match.active == BLUE)
    assert status(match) in (IN_FORCE, REFUSED, OFFERED)  # accepted, refused or countered
    assert any("Red Bloc" in " ".join(c.lines) for c in play.ai_move.cards)


def test_a_human_recipient_accepts_on_the_incoming_offer_card(app: App, rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(move(rules, "ceasefire:offer:2"))
    play = open_game(app, match, ["human", "greedy"])
    card = play.offer
    assert card.active and card.lines[0] == "Blue League offers you Ceasefire (2 cash)"
    labels = [btn.text for btn, _ in card.buttons]
    assert labels == ["1  Refuse", "2  Accept (2 cash)", "3  Counter: 1 cash", "4  Counter: 3 cash"]
    assert play.actions.rows == []  # nothing but the answers may be played now
    assert not play.actions.end_btn.is_enabled
    click(app, card.buttons[1][0])
    assert status(match) == IN_FORCE
    assert not play.offer.active


def test_a_counter_offer_is_chosen_with_its_number_key(app: App, rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(move(rules, "ceasefire:offer:2"))
    open_game(app, match, ["human", "greedy"])
    key(app, pygame.K_3)  # Counter: 1 cash
    assert match.history[2].action == move(rules, "ceasefire:counter:1")  # after the offer


def test_ending_the_turn_is_no_answer_while_an_offer_waits(app: App, rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(move(rules, "ceasefire:offer:1"))
    play = open_game(app, match, ["human", "greedy"])
    key(app, pygame.K_e)
    assert status(match) == OFFERED and responder(match.state) == RED
    assert "Answer the offer first" in app.toast
    assert play.offer.active


def test_in_hot_seat_an_offer_is_answered_behind_the_hand_off_screen_both_ways(
    app: App, rules: Ruleset
) -> None:
    match = blue_to_move(rules)
    play = open_game(app, match, ["human", "human"])
    assert play.session.viewer == BLUE
    key(app, pygame.K_3)
    key(app, pygame.K_RETURN)  # Blue offers 1 cash: Red must answer
    until(app, lambda: isinstance(app.top, HandoffScreen))
    handoff = app.top
    assert isinstance(handoff, HandoffScreen) and handoff.faction == RED
    assert play.session.viewer == BLUE and not play.offer.active  # no card before the click
    assert "an offer awaits your answer" in handoff_line(match.state, RED), "why Red is called"
    click(app, handoff.ready)
    assert app.top is play and play.session.viewer == RED and play.offer.active
    shown = [line for c in play.ai_move.cards for line in c.lines]
    assert shown == ["Blue offers Red 1 cash for a ceasefire."]  # what Red may read
    assert play.ai_move.result is None  # Blue's own result card went with Blue
    key(app, pygame.K_2)  # Red accepts
    until(app, lambda: isinstance(app.top, HandoffScreen))
    back = app.top
    assert isinstance(back, HandoffScreen) and back.faction == BLUE
    assert "offer" not in handoff_line(match.state, BLUE), "Blue is back on its own turn"
    click(app, back.ready)
    assert play.session.viewer == BLUE and play.ai_move.result is None
    assert play.ai_move.last_summary is None  # W cannot reopen Red's summary
    assert play.ai_move.cards[0].lines[0].startswith("Red Bloc accepts Ceasefire")


def test_the_deals_section_lists_deals_in_force_before_ended_ones(rules: Ruleset) -> None:
    match = Match.new(rules, 3)
    match.play(move(rules, "spy_pact:offer"))
    match.play(move(rules, "spy_pact:refuse"))
    match.play(PASS)
    match.play(move(rules, "ceasefire:offer:2"))
    match.play(move(rules, "ceasefire:accept:2"))
    rows = deals_shown(match.state, BLUE)
    assert rows == [
        (IN_FORCE, "Ceasefire (2 cash), Blue–Red: in force until the end of Round 3"),
        (REFUSED, "Spy pact, Red–Blue: refused (Round 1)"),
    ]


def test_the_objectives_panel_makes_room_for_the_deals_section(app: App, rules: Ruleset) -> None:
    match = blue_to_move(rules)
    match.play(move(rules, "ceasefire:offer:2"))
    match.play(move(rules, "ceasefire:accept:2"))
    play = open_game(app, match, ["greedy", "human"])
    app.draw()
    panel = play.objectives
    with_deals = panel.content_height
    panel._render(play.lens.board, BLUE, [])
    assert with_deals > panel.content_height + play.px(20)  # a title and one deal line


def test_answer_buttons_fit_their_labels_in_the_smallest_window(app: App, rules: Ruleset) -> None:
    app.resize((960, 540))
    match = blue_to_move(rules)
    match.play(move(rules, "ceasefire:offer:2"))
    play = open_game(app, match, ["human", "greedy"])
    for btn, _ in play.offer.buttons:
        assert btn.font.size(btn.text)[0] < btn.get_abs_rect().w, btn.text
        assert play.offer.rect().contains(btn.get_abs_rect())


@pytest.mark.parametrize("size", [(960, 540), (1280, 720), (1920, 1080)])
def test_a_long_offer_card_fits_the_map_with_every_answer_button_on_screen(
    size: tuple[int, int],
) -> None:
    niger = load_level(Path(__file__).resolve().parents[1] / "levels" / "niger_2023")
    match = Match.new(niger, 4)
    match.play(Action(niger.action_by_id("resign_for_freedom:offer").index, -1))
    ecowas = responder(match.state)
    seats = ["ai:easy"] * len(niger.factions)
    seats[ecowas] = "human"
    application = App(size=size)
    application.settings.ai_pace = 0.0
    try:
        application.reset(application.screens.play(match, seats))
        frames(application, 3)
        play = application.top
        assert isinstance(play, PlayScreen)
        card = play.offer.rect_if_shown()
        assert card is not None, "the offer to ECOWAS shows as a card"
        assert play.rects["map"].contains(card), (card, play.rects["map"])
        assert play.offer.buttons, "the card has its answer buttons"
        for btn, _ in play.offer.buttons:
            assert card.contains(btn.rect) and application.window.get_rect().contains(btn.rect)
        assert any(line.startswith("If you accept") for line in play.offer.lines)
    finally:
        application.close()
