"""The one protocol every AI agent follows.

An agent sees exactly what a human in its seat sees: the faction's `PlayerView`
and the list of legal moves. It never receives the true state.

`decide` also takes `stop`, a callable that returns True once the caller wants an
answer now (`game.ai.runner.BackgroundDecider` uses it to cancel a decision): agents
that search check it between iterations and answer with their best move so far; agents
that answer at once may ignore it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Protocol

from game.engine import Action, PlayerView

StopFlag = Callable[[], bool]  # returns True once a search should stop and answer


Explain = Callable[[], str]  # writes a decision's reason when someone first reads it


class Decision:
    """A chosen move and a short reason a player can read.

    The reason is either given as text or written on first read by `explain`: a batch
    of AI games (`simulate`) never reads most reasons, and writing one costs about a
    fifth of a greedy decision. `explain` must only read what was fixed when the move
    was chosen (the view and the sampled state), so the text is the same whenever it
    is made.
    """

    def __init__(self, action: Action, reason: str = "", explain: Explain | None = None) -> None:
        self.action = action
        self._reason = reason
        self._explain = explain

    @property
    def reason(self) -> str:
        """The reason, written now if it has not been yet."""
        if self._explain is not None:
            self._reason = self._explain()
            self._explain = None
        return self._reason

    def why(self) -> str | Explain:
        """The reason as text, or (not written yet) the function that writes it: what
        `Match.play` keeps, so a history nobody reads never writes it."""
        return self._explain if self._explain is not None else self._reason

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        return self.action == other.action and self.reason == other.reason

    def __hash__(self) -> int:
        return hash((self.action, self.reason))

    def __repr__(self) -> str:
        return f"Decision(action={self.action!r}, reason={self.reason!r})"


class Agent(Protocol):
    """Chooses moves for one faction."""

    name: str

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """Pick one of `legal` (never empty) for `view.faction`; answer soon once `stop()`
        returns True."""
        ...
