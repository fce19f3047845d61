"""Hidden information never leaks through the window as drawn (issue 20, case 1).

`tests/test_no_leaks.py` checks each surface through its text builders; this module
draws the play screen itself (SDL dummy driver) and collects every string the window
shows — the texts the screen blits (recorded by `tests.ui_text_record`, as the layout
tests do) and the pygame_gui buttons and labels — plus the log window's text. For each
level, seat and position, the game is played on for a few moves from the position:
the rivals' moves as AI moves (their move cards in the side column, with a reason made
from the actor's private values and the search numbers setting on), the seat's own as a
person's (its result card), an offer awaiting the seat's answer (the offer card), the
week's summary card when a new round reaches the seat, the news ticker, the recent log
lines and the level's lessons (the tutorial's), then the log window opened. In a
hot-seat game the other person's moves end on the hand-off screen and the cards shown
to the next seat. Every private value of the other seats is moved to the ends of the
seat's range for it (and all at once): every string must stay the same wherever the
views the moves lead to (and the public changes along the way) are the same (see
`log_differs`).

The end screen is the one exception by design: it opens only once the game is over, and
then nothing is hidden (`scoreboard_for(state, -1)`, every track's history), so moving a
hidden value rightly changes it. What this module runs in CPU time: about 15 s.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.ai import Decision
from game.ai.reasons import decision_reason
from game.engine import Action, State, apply, legal_actions, observe, sample_state, visible
from game.engine.rules import current_faction
from game.match import Match
from game.ui.app import App, StartOptions
from game.ui.prefs import Settings
from game.ui.screens.play import PlayScreen
from tests import ui_text_record
from tests.conftest import BARGAIN, MINI, ROOT
from tests.test_no_leaks import _public_changes, _turn_of, positions, rules_of, seen_view
from tests.test_ui_layout import drawn_texts, texts
from tests.ui_text_record import recording

pytestmark = pytest.mark.ui

LEVELS = [MINI, BARGAIN, ROOT / "levels" / "tutorial", ROOT / "levels" / "niger_2023"]
POSITIONS = {"niger_2023": 2}  # per level (else 3): spread, the last awaiting an answer
MOVES = 3  # moves played on from each position

Seen = dict[Any, tuple[Any, list[str]]]  # step → (what the seat knows then, its strings)


@pytest.fixture
def window() -> Iterator[App]:
    """A window for one test (its caches go with it; its user data in the test's own
    folder, by conftest), every surface recorded, renders never deferred."""
    with recording():
        app = App(
            size=(1280, 720),
            settings=Settings(ai_pace=0.0, ai_details=1.0),
            options=StartOptions(level=str(MINI), seed=5),
        )
        app.may_render = lambda: True  # type: ignore[method-assign]
        try:
            yield app
        finally:
            app.close()


def shown(app: App) -> list[str]:
    """Every string the top screen shows now: blitted texts, buttons and labels, and the
    log window's text when it is open."""
    top = app.top
    if isinstance(top, PlayScreen):
        top.tutorial.update()  # the lesson step on screen now (the frame's update does it)
        top.settle_points(all_now=True)  # the action rows' points notes, as frames make them
    drawn, _ = drawn_texts(app)
    out = [t.text for t in drawn] + [text for _, text, _, _ in texts(app)]
    if isinstance(top, PlayScreen) and top.log.open:
        out.append(top.log.html())
    return out


def _reason(state: State, move: Action) -> str:
    """The acting AI's reason, made as a real search's is: from its own view (private
    values included), with an estimate worked out from them."""
    view = observe(state, current_faction(state))
    margin = sum(v for v in view.values if v is not None) / 10
    return decision_reason(view, sample_state(view, 0), move, margin, "search of 60 playouts")


def play_on(
    app: App, state: State, observer: int, roll: bool, moves: list[Action], hotseat: bool
) -> Seen:
    """Play `moves` on from `state` with `observer` a person at the screen (and, in a hot
    seat, the next faction another person), every roll forced to `roll`; what the
    observer's window shows after each step. Stops at the first move not legal here."""
    ui_text_record._TEXTS.clear()  # the texts of the last game's surfaces: free them
    rules = state.rules
    seats = ["random"] * len(rules.factions)
    seats[observer] = "human"
    if hotseat:
        seats[(observer + 1) % len(seats)] = "human"
    match = Match(rules, 0, state.clone())
    screen = app.screens.play(match, seats, lessons=True)  # a level's lessons on screen
    assert isinstance(screen, PlayScreen)
    app.reset(screen)
    pygame.event.get()  # no frames run here: the last game's windows wait in close events
    session = screen.session
    session.take_seat(observer)
    screen.refresh(force=True)
    screen.ai_move.week(match, observer, screen.lens.board)  # as on the seat's turn
    out: Seen = {"start": (seen_view(state, observer), shown(app))}
    public: list[Any] = []
    knows: Any = out["start"][0]
    for k, move in enumerate(moves):
        actor = match.active
        if actor < 0 or move not in legal_actions(match.state):
            break
        start = len(match.log)
        if actor == observer:
            screen.play(move)
        elif session.is_human(actor):
            session.take_seat(actor)
            session.play(move)
        else:
            reason = _reason(match.state, move)
            session.play(move, reason)
            screen.ai_move.show_ai(match, actor, Decision(move, reason), start, observer, 0, True)
        seen = [e for e in match.log[start:] if visible(e, observer)]
        public += [_public_changes(rules, e.changes, observer) for e in seen]
        knows = (tuple(moves[: k + 1]), seen_view(match.state, observer), tuple(public))
        if session.viewer != observer:  # the hand-off screen, then the observer's cards
            screen.ai_move.hand_off(match, observer)
            app.push(app.screens.handoff(session, observer))
            out[("hand-off", k)] = (knows, shown(app))
            session.take_seat(observer)
            app.pop()
        screen.refresh(force=True)
        if match.active == observer:  # the week's summary, in a new round
            screen.ai_move.week(match, observer, screen.lens.board)
        out[k] = (knows, shown(app))
    screen.log.toggle(screen.rects["right"])
    out["log"] = (knows, shown(app))
    return out


def _moves(state: State, seed: int, roll: bool) -> list[Action]:
    """The moves played on from `state`: seeded random picks along one line of play."""
    rng = random.Random(seed)
    match = Match(state.rules, 0, state.clone())
    picked: list[Action] = []
    while len(picked) < MOVES and not match.is_over:
        move = rng.choice(legal_actions(match.state))
        picked.append(move)
        match.state, _ = apply(match.state, move, roll=roll)
    return picked


def extremes(state: State, observer: int) -> Iterator[tuple[str, State]]:
    """States the observer cannot tell from `state`: one rival private value moved to an
    end of the observer's range for it, then every one to its far end at once."""
    rules = state.rules
    view = observe(state, observer)
    together = state.clone()
    for slot in rules.private_slots:
        if rules.vars[slot].owner == observer:
            continue
        low, high = view.ranges[slot]
        for value in sorted({low, high} - {state.v[slot]}):
            other = state.clone()
            other.v[slot] = value
            yield f"{rules.vars[slot].key}={value}", other
        together.v[slot] = low if state.v[slot] != low else high
    yield "all at once", together


def differs(base: Seen, other: Seen) -> list[str]:
    """The steps whose strings differ while what the seat knows then is the same."""
    return [
        f"{step}: {sorted(set(base[step][1]) ^ set(other[step][1]))[:4]}"
        for step in base.keys() & other.keys()
        if base[step][0] == other[step][0] and base[step][1] != other[step][1]
    ]


def screen_leaks(app: App, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every (position, seat, perturbation) whose window shows the seat a difference."""
    rules = rules_of(folder)
    every = positions(folder)
    count = POSITIONS.get(folder.name, 3)
    offers = [p for p in every if current_faction(p.state) != _turn_of(p.state)][-1:]
    picked = every[:: max(1, len(every) // count)][: count - len(offers)] + offers
    found: list[str] = []
    for n, pos in enumerate(picked):
        roll = n % 2 == 0
        monkeypatch.setattr("game.match.apply", lambda s, a, r=roll: apply(s, a, roll=r))
        moves = _moves(pos.state, pos.seed + n, roll)
        for observer in range(len(rules.factions)):
            hotseat = n == 1 and len(rules.factions) > 1
            base = play_on(app, pos.state, observer, roll, moves, hotseat)
            for what, other in extremes(pos.state, observer):
                for where in differs(base, play_on(app, other, observer, roll, moves, hotseat)):
                    found.append(
                        f"{folder.name} seed {pos.seed} round {pos.state.round}: "
                        f"{rules.factions[observer].id} sees {what} at {where}"
                    )
        monkeypatch.setattr("game.match.apply", apply)
    return found


@pytest.mark.parametrize("folder", LEVELS, ids=lambda p: p.name)
def test_no_seat_s_window_shows_anything_that_depends_on_a_rival_s_hidden_value(
    window: App, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = screen_leaks(window, folder, monkeypatch)
    assert not found, f"{len(found)} leaks through the window, e.g.:\n" + "\n".join(found[:5])


def _secret(state: State, viewer: int) -> str:
    """What a leaking display would show: the private values of the viewer's rivals."""
    rules = state.rules
    rival = [state.v[s] for s in rules.private_slots if rules.vars[s].owner != viewer]
    return f" (secret {rival})"


def _plant_in_move_card(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.widgets import move_feed

    real = move_feed.move_lines

    def peeking(match: Match, start: int, faction: int, viewer: int) -> list[str]:
        lines = real(match, start, faction, viewer)
        return [lines[0] + _secret(match.state, viewer), *lines[1:]] if lines else lines

    monkeypatch.setattr(move_feed, "move_lines", peeking)


def _plant_in_offer_card(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.deal_text import incoming_lines as real

    def peeking(state: State, viewer: int) -> list[str]:
        lines = real(state, viewer)
        return [*lines, _secret(state, viewer)] if lines else lines

    monkeypatch.setattr("game.ui.widgets.offer_card.incoming_lines", peeking)


def _plant_in_log_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.widgets.log_panel import LogPanel

    real = LogPanel.html

    def peeking(self: LogPanel, limit: int = 400) -> str:
        return real(self, limit) + _secret(self.session.match.state, self.session.viewer)

    monkeypatch.setattr(LogPanel, "html", peeking)


def _plant_in_hand_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.screens.handoff import HandoffScreen

    real = HandoffScreen.draw

    def peeking(self: HandoffScreen, surface: Any) -> None:
        real(self, surface)
        text = self.app.fonts.text(_secret(self.session.match.state, self.faction), 12, (0, 0, 0))
        surface.blit(text, (0, 0))

    monkeypatch.setattr(HandoffScreen, "draw", peeking)


PLANTS = {
    "AI move card": (_plant_in_move_card, MINI),
    "offer card": (_plant_in_offer_card, BARGAIN),
    "log window": (_plant_in_log_window, MINI),
    "hand-off screen": (_plant_in_hand_off, MINI),
}


@pytest.mark.parametrize("where", list(PLANTS), ids=str)
def test_the_window_harness_finds_a_leak_planted_in_each_part_of_the_screen(
    window: App, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The harness is not blind: a card, window or screen naming a rival's hidden value
    (planted here) is caught."""
    plant, folder = PLANTS[where]
    plant(monkeypatch)
    found = screen_leaks(window, folder, monkeypatch)
    assert found, f"the leak planted in the {where} was missed"
    assert any("(secret [" in line for line in found), found[:3]
