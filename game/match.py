"""A game in progress: the ruleset, the seed, the state, the moves and the log.

Shared by the command line, the Pygame game, simulations, rule tests and saves.
It only records and forwards; every rule lives in the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import (
    Action,
    LogEntry,
    Ruleset,
    State,
    apply,
    current_faction,
    new_game,
)


@dataclass
class Move:
    """One move in the history, with who made it and the reason an AI gave."""

    faction: int
    action: Action
    reason: str = ""
    round: int = 0


@dataclass
class Match:
    """A game from its seed: state, full move history and log."""

    rules: Ruleset
    seed: int
    state: State
    history: list[Move] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    round_hashes: list[str] = field(default_factory=list)

    @classmethod
    def new(cls, rules: Ruleset, seed: int) -> Match:
        """Start a game; the opening news is already in the log."""
        log: list[LogEntry] = []
        state = new_game(rules, seed, log)
        match = cls(rules, seed, state, log=log)
        match.round_hashes.append(state.hash())
        return match

    @property
    def is_over(self) -> bool:
        """True once the game has ended."""
        return self.state.is_over

    @property
    def active(self) -> int:
        """The faction to act, or -1 when the game is over."""
        return current_faction(self.state)

    def play(self, action: Action, reason: str = "") -> list[LogEntry]:
        """Apply a move for the acting faction; raises IllegalAction if it is not legal."""
        faction = self.active
        before = self.state.round
        self.state, entries = apply(self.state, action)
        self.history.append(Move(faction, action, reason, before))
        self.log.extend(entries)
        if self.state.round != before or self.state.is_over:
            self.round_hashes.append(self.state.hash())
        return entries
