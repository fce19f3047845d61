"""Looking one answer ahead: how a rival would answer an offer, by its own lights.

An offer changes nothing until it is answered, so a move that proposes a deal (or a
counter-offer) is worth what the position is worth after the other side's answer.
Agents call `answer_offer` on their sampled states (never the true one): the other side
picks the answer its own evaluation prefers, given what the sample says.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import State, legal_actions, responder, step

Margins = Callable[[State], list[float]]
MAX_ANSWERS = 4  # an offer, a counter-offer and its answer: never more than this in a row


def answer_offer(state: State, margins: Margins, me: int) -> None:
    """While another faction must answer an offer on `state`, play the answer that
    faction's `margins` prefer (refusing wins ties), in place."""
    for _ in range(MAX_ANSWERS):
        who = responder(state)
        if who < 0 or who == me or state.outcome >= 0:
            return
        best = None
        best_value = -1e18
        for move in legal_actions(state):
            trial = state.clone()
            step(trial, move)
            value = margins(trial)[who]
            if value > best_value:
                best, best_value = move, value
        if best is None:
            return
        step(state, best)


def awaits_rival(state: State, me: int) -> bool:
    """Whether a faction other than `me` must answer an offer now."""
    who = responder(state) if state.rules.deals else -1
    return who >= 0 and who != me
