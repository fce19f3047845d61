"""The random agent: a uniformly random legal move (ending the turn less often)."""

from __future__ import annotations

import random

from game.ai.base import Decision, StopFlag
from game.engine import PASS, Action, PlayerView


class RandomAgent:
    """Picks uniformly among legal moves; ends its turn only when nothing else is legal
    or with a small probability, so it spends its action points like a player would."""

    name = "random"

    def __init__(self, pass_chance: float = 0.1) -> None:
        self.pass_chance = pass_chance

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """A random legal move (at once, so `stop` is never needed)."""
        moves = [m for m in legal if m != PASS]
        # answering an offer, ending the turn is not a legal move (the roll is still drawn,
        # so the agent's choices elsewhere do not depend on offers it was made)
        if not moves or (rng.random() < self.pass_chance and PASS in legal):
            return Decision(PASS, "random: ends the turn")
        move = moves[rng.randrange(len(moves))]
        return Decision(move, f"random: picked {view.rules.action_label(move)}")
