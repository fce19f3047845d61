"""Offer odds worked out off the UI thread: the window says they are being estimated, then
shows the same odds the card would have computed at once, without a click."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content import load_level
from game.engine import PASS, Action, Ruleset, observe
from game.engine.deal_defs import PROPOSE
from game.match import Match
from game.ui import deal_text, offer_estimates
from game.ui.app import App, StartOptions
from game.ui.deal_text import acceptance, known_estimate
from game.ui.offer_estimates import OfferEstimates
from game.ui.screens.menu import TitleScreen
from game.ui.screens.play import PlayScreen
from game.ui.widgets.action_text import ESTIMATING, odds_words
from tests.ui_driver import frames, key, until

pytestmark = pytest.mark.ui

BARGAIN = str(Path(__file__).parent / "levels" / "bargain")
BLUE = 1
SEATS = ["greedy", "human"]


@pytest.fixture(scope="module")
def rules() -> Ruleset:
    return load_level(BARGAIN)


@pytest.fixture(autouse=True)
def no_estimates_yet() -> None:
    """Each test starts with nothing worked out (the estimates are cached per process)."""
    deal_text._ESTIMATES.clear()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold every background estimate until the test sets the event."""
    release = threading.Event()
    real = offer_estimates.estimate

    def held(*args: Any) -> Any:
        release.wait(30)
        return real(*args)

    monkeypatch.setattr(offer_estimates, "estimate", held)
    yield release
    release.set()


def blue_to_move(rules: Ruleset, seed: int = 3) -> Match:
    match = Match.new(rules, seed)
    match.play(PASS)  # Red ends its first turn
    return match


def offers(rules: Ruleset) -> list[Action]:
    return [Action(a.index, -1) for a in rules.actions if a.deal_role == PROPOSE]


def test_a_background_estimate_is_the_one_the_card_would_compute_at_once(
    rules: Ruleset, gate: threading.Event
) -> None:
    match = blue_to_move(rules)
    worker = OfferEstimates(background=True)
    offer = offers(rules)[0]
    assert worker.get(match.state, offer, BLUE, SEATS) is None  # not ready: held
    assert worker.busy
    gate.set()
    assert worker.wait()
    got = worker.get(match.state, offer, BLUE, SEATS)
    assert got == acceptance(match.state, offer, BLUE, SEATS)
    assert got is not None and got.samples == 8


def test_an_estimate_for_a_position_left_behind_is_dropped_not_worked_out(
    rules: Ruleset, gate: threading.Event
) -> None:
    worker = OfferEstimates(background=True)
    first, second = offers(rules)[:2]
    old, new = blue_to_move(rules, 3), blue_to_move(rules, 3)
    new.play(first)  # Blue offers: the position moves on
    assert worker.get(old.state, first, BLUE, SEATS) is None  # may start, then waits
    assert worker.get(old.state, second, BLUE, SEATS) is None  # queued behind it
    assert worker.get(new.state, second, BLUE, SEATS) is None  # the player moved on
    gate.set()
    assert worker.wait()
    assert known_estimate(observe(old.state, BLUE), second, SEATS) is None  # dropped
    assert known_estimate(observe(new.state, BLUE), second, SEATS) is not None


def test_the_offer_rows_say_estimating_then_show_the_odds_without_a_click(
    rules: Ruleset, gate: threading.Event
) -> None:
    app = App(options=StartOptions(level=BARGAIN, seed=3, background_estimates=True))
    try:
        app.settings.ai_pace = 0.0
        app.reset(TitleScreen(app))
        match = blue_to_move(rules, 5)
        app.reset(app.screens.play(match, SEATS))
        frames(app, 3)
        play = app.top
        assert isinstance(play, PlayScreen)
        details = play.actions.reasons[2:]  # the line under each offer's name
        assert details and all(d[0].endswith(ESTIMATING.removeprefix(" · ")) for d in details)
        key(app, pygame.K_4)  # the card of an offer whose odds are not in yet
        frames(app, 2)
        assert "Estimate: working it out…." in play.card.lines
        gate.set()
        until(app, lambda: all("% accept" in d[0] for d in play.actions.reasons[2:]))
        rows = play.actions.rows[2:]
        want = [acceptance(match.state, Action(r.index, -1), BLUE, SEATS) for r in rows]
        shown = [d[0].rsplit(" · ", 1)[1] for d in play.actions.reasons[2:]]
        assert shown == [odds_words(w).removeprefix(" · ") for w in want]
        until(
            app,
            lambda: any(
                line.startswith("Estimate: likely") or "toss-up" in line for line in play.card.lines
            ),
        )
    finally:
        app.close()
