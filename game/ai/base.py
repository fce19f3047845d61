"""The one protocol every AI agent follows.

An agent sees exactly what a human in its seat sees: the faction's `PlayerView`
and the list of legal moves. It never receives the true state.

Agents that search may also accept a keyword `stop: Callable[[], bool]` in
`decide` and return their best move so far once it returns True;
`game.ai.runner.BackgroundDecider` uses it to cancel a decision.
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

    def decide(self, view: PlayerView, legal: list[Action], rng: random.Random) -> Decision:
        """Pick one of `legal` (never empty) for `view.faction`."""
        ...
