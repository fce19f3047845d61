"""The log window (L) opens over the right column only: the map, and an incoming offer's
card on it, stay in view (SDL dummy video driver)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pygame
import pytest

from game.content import load_level
from game.engine import Action, responder
from game.match import Match
from game.ui.app import App
from game.ui.prefs import Settings
from game.ui.screens.play import PlayScreen
from tests.ui_driver import frames, key

pytestmark = pytest.mark.ui
NIGER = Path(__file__).resolve().parents[1] / "levels" / "niger_2023"


@pytest.mark.parametrize(
    ("size", "scale"), [((960, 540), 1.0), ((1280, 720), 1.0), ((1280, 720), 1.5)]
)
def test_the_open_log_covers_neither_the_map_nor_an_incoming_offer_card(
    size: tuple[int, int], scale: float
) -> None:
    niger = load_level(NIGER)
    match = Match.new(niger, 4)
    match.play(Action(niger.action_by_id("resign_for_freedom:offer").index, -1))
    seats = ["ai:easy"] * len(niger.factions)
    seats[responder(match.state)] = "human"
    app = App(size=size, settings=Settings(ui_scale=scale, ai_pace=0.0))
    try:
        app.reset(app.screens.play(match, seats))
        frames(app, 3)
        play = app.top
        assert isinstance(play, PlayScreen)
        key(app, pygame.K_l)
        assert play.log.open and play.log.window is not None
        log = pygame.Rect(play.log.window.get_abs_rect())
        card = play.offer.rect_if_shown()
        assert card is not None, "the offer to the human seat shows as a card"
        assert not log.colliderect(card), f"the log {log} covers the offer card {card}"
        assert not log.colliderect(play.rects["map"]), f"the log {log} covers the map"
        assert play.rects["right"].contains(log), "the log stays in the right column"
    finally:
        app.close()


def test_while_others_play_the_recent_moves_show_with_no_action_rows_over_them() -> None:
    niger = load_level(NIGER)
    match = Match.new(niger, 4)  # the junta moves first
    seats = ["ai:easy"] * len(niger.factions)
    ecowas = next(f.index for f in niger.factions if f.id == "ecowas")
    seats[ecowas] = "human"
    app = App(size=(1280, 720), settings=Settings(ai_pace=0.0))
    try:
        app.reset(app.screens.play(match, seats))  # built before the junta's AI has moved
        play = app.top
        assert isinstance(play, PlayScreen) and not play.my_turn()
        assert play.log.recent, "the recent moves and news have lines to show"
        assert play.actions.row_buttons == [], "greyed rows would cover the recent moves"
        assert play.actions.end_btn is not None, "the turn buttons stay"
    finally:
        app.close()
