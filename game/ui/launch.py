"""Starting and resuming games from the window: load a level, seat the players, show play."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from game.content import ContentError, load_level
from game.engine import Ruleset
from game.match import Match
from game.seats import HUMAN, SeatError, parse_seats
from game.ui.session import AI_LEVELS, GameSession

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.base import Screen

SEAT_CHOICES = (HUMAN, *AI_LEVELS)


def load_rules(level: str) -> tuple[Ruleset | None, str]:
    """(rules, '') or (None, a readable reason with the first problems)."""
    try:
        return load_level(level), ""
    except ContentError as exc:
        problems = "; ".join(str(p) for p in exc.problems[:3])
        return None, f"Level '{level}' has problems: {problems}"


def play_screen(app: App, match: Match, seats: list[str]) -> Screen:
    """The play screen for a match and seats (a hand-off first when several people play)."""
    from game.ui.screens.play import PlayScreen

    session = GameSession(match, seats, budget_ms=app.options.ai_budget_ms)
    for note in session.notes[:1]:
        app.notify(note)
    return PlayScreen(app, session)


def new_match(rules: Ruleset, seed: int | None) -> Match:
    """A new match with the given or a random seed."""
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    return Match.new(rules, seed)


def _known_seats() -> set[str]:
    from game.ai import agent_names

    return set(SEAT_CHOICES) | {"random", "greedy", "mcts"} | agent_names()


def check_options(level: str, specs: list[str]) -> str:
    """'' when the level loads and the seat specs fit it, else a readable problem."""
    rules, problem = load_rules(level)
    if rules is None:
        return problem
    try:
        parse_seats(rules, specs, "ai:normal", _known_seats())
    except SeatError as exc:
        return str(exc)
    return ""


def start_from_options(app: App) -> Screen:
    """The play screen for the command line's level and seats, or the title with a message."""
    from game.ui.screens.menu import TitleScreen

    opts = app.options
    rules, problem = load_rules(opts.level)
    if rules is None:
        app.notify(problem, 8)
        return TitleScreen(app)
    try:
        seats = parse_seats(rules, list(opts.seat_specs), "ai:normal", _known_seats())
    except SeatError as exc:
        app.notify(str(exc), 8)
        return TitleScreen(app)
    return play_screen(app, new_match(rules, opts.seed), seats)
