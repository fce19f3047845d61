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
from typing import NamedTuple, Protocol

from game.engine import Action, PlayerView

StopFlag = Callable[[], bool]  # returns True once a search should stop and answer


class Decision(NamedTuple):
    """A chosen move and a short reason a player can read."""

    action: Action
    reason: str


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
