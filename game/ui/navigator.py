"""Every screen of the window is made here. Screens ask `app.screens` for the next one
(`self.app.push(self.app.screens.setup())`) instead of importing each other, so the
screen modules form no import circle; overlays get their parent passed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.match import Match
from game.seats import SeatError, parse_seats
from game.ui.launch import known_seats, load_rules, new_match
from game.ui.screens.base import Screen
from game.ui.screens.end import EndScreen
from game.ui.screens.handoff import HandoffScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.menu import TitleScreen
from game.ui.screens.pause import PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.setup import SetupScreen
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App


class Screens:
    """The screen factory of one window."""

    def __init__(self, app: App) -> None:
        self.app = app

    def title(self) -> Screen:
        """The title menu."""
        return TitleScreen(self.app)

    def setup(self, resume: Match | None = None) -> Screen:
        """Level and seats for a new game, or seats for the loaded game `resume`."""
        return SetupScreen(self.app, resume=resume)

    def load(self) -> Screen:
        """The list of saved games."""
        return LoadScreen(self.app)

    def settings(self) -> Screen:
        """UI scale and AI pace."""
        return SettingsScreen(self.app)

    def play(self, match: Match, seats: list[str], lessons: bool = False) -> Screen:
        """The play screen for a match and seats (the first note, e.g. an AI that was
        replaced, is shown); `lessons` shows the level's tutorial from the start."""
        app = self.app
        session = GameSession(match, seats, budget_ms=app.options.ai_budget_ms, lessons=lessons)
        session.estimates.background = app.options.background_estimates
        if app.settings.wait_end_turn:  # a resumed turn held at 0 AP waits again
            session.hold_resumed_turn()
        for note in session.notes[:1]:
            app.notify(note)
        return PlayScreen(app, session)

    def pause(self, parent: PlayScreen) -> Screen:
        """The in-game menu over `parent`."""
        return PauseMenu(self.app, parent)

    def handoff(self, session: GameSession, faction: int) -> Screen:
        """'Pass to FACTION' between two people at one screen."""
        return HandoffScreen(self.app, session, faction)

    def end(self, session: GameSession) -> Screen:
        """The story of the finished game."""
        return EndScreen(self.app, session)

    def first(self) -> Screen:
        """The title menu, or straight into a game when seats were given on the command
        line (or screenshots asked for)."""
        opts = self.app.options
        if not opts.seat_specs and opts.screenshots is None:
            return self.title()
        return self.from_options()

    def from_options(self) -> Screen:
        """The play screen for the command line's level and seats, or the title with a
        message saying what is wrong with them."""
        app = self.app
        opts = app.options
        rules, problem = load_rules(opts.level)
        if rules is None:
            app.notify(problem, 8)
            return self.title()
        try:
            seats = parse_seats(rules, list(opts.seat_specs), "ai:normal", known_seats())
        except SeatError as exc:
            app.notify(str(exc), 8)
            return self.title()
        return self.play(new_match(rules, opts.seed), seats)
