"""What the screen may show of a state: everything (no human plays) or one faction's view."""

from __future__ import annotations

from functools import cached_property

from game.engine import LogEntry, PlayerView, State, observe
from game.engine.forecast import Forecast
from game.engine.log import ACTION, EVENT, OUTCOME
from game.engine.scoreboard import Scoreboard, full_view, scoreboard
from game.ui.forecast_text import view_forecast
from game.ui.honest_hints import honest_board


class Lens:
    """Read values as the viewer knows them: exact, or a (low, high) range when hidden."""

    def __init__(self, state: State, viewer: int) -> None:
        self.state = state
        self.viewer = viewer
        self.view: PlayerView | None = observe(state, viewer) if viewer >= 0 else None
        if self.view is None:
            self.values: tuple[int | None, ...] = tuple(state.v)
        else:
            self.values = self.view.values
        self.key = (self.values, tuple(sorted(self.view.ranges.items())) if self.view else ())

    def exact(self, slot: int) -> int | None:
        """The value, or None when it is hidden from the viewer."""
        return self.values[slot]

    def known(self, slot: int) -> tuple[int, int]:
        """(value, value) when visible, else the range the viewer knows."""
        value = self.values[slot]
        if value is not None:
            return (value, value)
        assert self.view is not None
        return self.view.ranges[slot]

    @cached_property
    def board(self) -> Scoreboard:
        """The score if the game ended now, as the viewer may know it (computed once), its
        hints naming only changes the rules still allow (`honest_board`)."""
        view = self.view if self.view is not None else full_view(self.state)
        return honest_board(scoreboard(view), view)

    @cached_property
    def forecast(self) -> Forecast | None:
        """The odds, as the viewer may know them, that the news and upkeep end the game
        before its next turn if nobody else acts (computed once; None with no viewer)."""
        return view_forecast(self.view) if self.view is not None else None


def own_result(before: State, entries: list[LogEntry], viewer: int) -> Scoreboard | None:
    """The viewer's scoreboard right after a move's own entries (`entries`: the log from
    the move on; its own are the action and the news it set off), or None when nothing
    followed them (the whole change is the move's). What follows a move that ends the
    week (upkeep, the next week's news) is not the move's doing."""
    own = 0
    for entry in entries:
        if entry.kind not in (ACTION, EVENT, OUTCOME):
            break
        own += 1
    if own == len(entries):
        return None
    state = before.clone()
    for entry in entries[:own]:
        for slot, delta in entry.changes:
            state.v[slot] += delta
    return Lens(state, viewer).board
