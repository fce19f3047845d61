"""A game in progress: the ruleset, the seed, the state, the moves and the log.

Shared by the command line, the Pygame game, simulations, rule tests and saves.
It only records and forwards; every rule lives in the engine. Undo and redo work
through snapshots of earlier states (states are never changed in place here).
"""

from __future__ import annotations

from collections.abc import Callable
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
from game.engine.log import EVENT, OUTCOME, ROUND

MAX_UNDO = 256


Explain = Callable[[], str]  # writes a reason when it is first read


class PlayedMove:
    """One move in the history, with who made it and the reason an AI gave.

    The reason may be given as a function that writes it (`game.ai.Decision.why`): it
    is called the first time `reason` is read, so a batch of games that never reads its
    history never spends the time.
    """

    __slots__ = ("_explain", "_reason", "action", "faction", "round")

    def __init__(
        self, faction: int, action: Action, reason: str | Explain = "", round: int = 0
    ) -> None:
        self.faction = faction
        self.action = action
        self.round = round
        self._reason = reason if isinstance(reason, str) else ""
        self._explain = None if isinstance(reason, str) else reason

    @property
    def reason(self) -> str:
        """The AI's reason ('' for a human's move), written now if it was not yet."""
        if self._explain is not None:
            self._reason = self._explain()
            self._explain = None
        return self._reason

    def why(self) -> str | Explain:
        """The reason as text, or the function that writes it if nobody has read it yet."""
        return self._explain if self._explain is not None else self._reason

    def _key(self) -> tuple[int, Action, str, int]:
        return (self.faction, self.action, self.reason, self.round)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PlayedMove):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"PlayedMove(faction={self.faction}, action={self.action!r}, "
            f"reason={self.reason!r}, round={self.round})"
        )


@dataclass
class _Step:
    """What one move changed, so it can be taken back: the state before it and counts."""

    before: State
    log_len: int
    checkpoints: int
    undoable: bool


@dataclass
class Match:
    """A game from its seed: state, full move history and log.

    `round_hashes[i]` and `round_numbers[i]` describe checkpoint i: the start of
    round 1, then every new round, then the end of the game.
    `on_round`, when set, is called after each checkpoint (e.g. to autosave).
    """

    rules: Ruleset
    seed: int
    state: State
    history: list[PlayedMove] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    round_hashes: list[str] = field(default_factory=list)
    round_numbers: list[int] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    on_round: Callable[[Match], object] | None = field(default=None, repr=False, compare=False)
    _steps: list[_Step] = field(default_factory=list, init=False, repr=False, compare=False)
    _redo: list[PlayedMove] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def new(cls, rules: Ruleset, seed: int) -> Match:
        """Start a game; the opening news is already in the log."""
        log: list[LogEntry] = []
        state = new_game(rules, seed, log)
        match = cls(rules, seed, state, log=log)
        match._checkpoint()
        return match

    @property
    def is_over(self) -> bool:
        """True once the game has ended."""
        return self.state.is_over

    @property
    def active(self) -> int:
        """The faction to act, or -1 when the game is over."""
        return current_faction(self.state)

    def _checkpoint(self) -> None:
        self.round_hashes.append(self.state.hash())
        self.round_numbers.append(self.state.round)

    def play(self, action: Action, reason: str | Explain = "") -> list[LogEntry]:
        """Apply a move for the acting faction; raises IllegalAction if it is not legal.

        `reason` is the AI's reason, or a function that writes it when first read.

        Playing a new move forgets the moves that could have been redone.
        """
        entries = self._play(action, reason)
        self._redo.clear()
        return entries

    def _play(self, action: Action, reason: str | Explain) -> list[LogEntry]:
        faction = self.active
        before = self.state
        self.state, entries = apply(before, action)
        after = self.state
        undoable = _undoable(before, after, entries)
        step = _Step(before, len(self.log), len(self.round_hashes), undoable)
        self.history.append(PlayedMove(faction, action, reason, before.round))
        self.log.extend(entries)
        self._steps.append(step)
        if len(self._steps) > MAX_UNDO:
            del self._steps[0]
        new_checkpoint = after.round != before.round or after.is_over
        if new_checkpoint:
            self._checkpoint()
        if new_checkpoint and self.on_round is not None:
            self.on_round(self)
        return entries

    def can_undo(self, faction: int) -> bool:
        """True if the last move was `faction`'s, in the current turn, and revealed nothing
        random (no chance roll, no event, no new round, not the end of the game)."""
        if not self._steps or not self.history:
            return False
        return self.history[-1].faction == faction and self._steps[-1].undoable

    def undo(self) -> bool:
        """Take back the last move if `can_undo` allows it for its faction; True if done."""
        if not self.history or not self.can_undo(self.history[-1].faction):
            return False
        step = self._steps.pop()
        move = self.history.pop()
        self.state = step.before
        del self.log[step.log_len :]
        del self.round_hashes[step.checkpoints :]
        del self.round_numbers[step.checkpoints :]
        self._redo.append(move)
        return True

    def can_redo(self) -> bool:
        """True if an undone move can be played again."""
        return bool(self._redo)

    def redo(self) -> bool:
        """Play the last undone move again (same result: the engine is deterministic)."""
        if not self._redo:
            return False
        move = self._redo.pop()
        self._play(move.action, move.why())
        return True


def _undoable(before: State, after: State, entries: list[LogEntry]) -> bool:
    """Whether a move can be taken back without having shown anything random."""
    if after.rng != before.rng or after.is_over:
        return False
    if after.round != before.round or after.turn != before.turn:
        return False
    return not any(e.kind in (EVENT, OUTCOME, ROUND) for e in entries)
