"""The control arm of negotiation: the same AI, except that it makes no deals.

`NoDeals` wraps any agent: answering an offer it always refuses, and on its own turn
it decides among the moves that are not proposals (its planner never sees them at the
root). Seats name it with the `+nodeals` suffix, e.g. `ai:normal+nodeals`, so a
batch can measure what bargaining is worth against otherwise identical play.
"""

from __future__ import annotations

import random

from game.ai.base import Agent, Decision, StopFlag
from game.ai.words import faction_words
from game.engine import Action, PlayerView
from game.engine.deal_defs import NOT_A_DEAL, PROPOSE, REFUSE

NODEALS = "+nodeals"  # the seat-name suffix of the control arm


class NoDeals:
    """`inner`'s play with every offer refused and no proposal ever made."""

    def __init__(self, inner: Agent) -> None:
        self.inner = inner
        self.name = inner.name + NODEALS

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """Refuse a pending offer at once; otherwise `inner`'s choice among non-proposals."""
        actions = view.rules.actions
        roles = [actions[m.action].deal_role if m.action >= 0 else NOT_A_DEAL for m in legal]
        if REFUSE in roles:
            refuse = legal[roles.index(REFUSE)]
            who = faction_words(view.rules, view.faction)
            deal = view.rules.deals[actions[refuse.action].deal].name
            return Decision(refuse, f"{who} refuses the {deal}: it makes no deals.")
        plain = [m for m, role in zip(legal, roles, strict=True) if role != PROPOSE]
        return self.inner.decide(view, plain or legal, rng, stop)


def split_name(name: str) -> tuple[str, bool]:
    """('ai:normal', True) from 'ai:normal+nodeals'; (name, False) without the suffix."""
    if name.endswith(NODEALS):
        return name[: -len(NODEALS)], True
    return name, False
