"""Looking one answer ahead: how a rival would answer an offer, by its own lights.

An offer changes nothing until it is answered, so a move that proposes a deal (or a
counter-offer) is worth what the position is worth after the other side's answer.
Agents call `answer_offer` on their sampled states (never the true one): the other side
picks the answer its own evaluation prefers, given what the sample says. That model can
be wrong (a rival that makes no deals, or values things differently): `Refusals` keeps
what a proposer has seen refused, so it does not ask again at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from random import Random
from typing import Protocol

from game.engine import Action, PlayerView, Ruleset, State, legal_actions, responder, step
from game.engine.deal_defs import OFFERED, PROPOSE, REFUSED

Margins = Callable[[State], list[float]]
MAX_ANSWERS = 4  # an offer, a counter-offer and its answer: never more than this in a row


class Predictor(Protocol):
    """How one recipient answers offers (`game.ai.answers.AnswerModel`)."""

    def answer(self, state: State, me: int, seed: int = 0) -> None:
        """Play the answers the recipient's seat gives on `state` until `me` must move (in
        place), drawn from `seed` as that seat's own randomness would draw them."""
        ...

    def choose(
        self, state: State, who: int, r: Random | None = None, rounds: int = -1
    ) -> tuple[Action, State | None]:
        """The answer `who` gives to the offer pending on `state` (and, when judged after a
        play-out, the state that play-out reached)."""
        ...

    def answer_and_play(self, state: State, me: int, rounds: int) -> bool:
        """`answer`; True when `state` is left at the end of the answer's own play-out
        (no more than `rounds` rounds on) rather than just after the answer."""
        ...


Predictors = Mapping[int, Predictor]  # recipient faction -> how its seat answers


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


REMEMBER_ROUNDS = 4  # how long a proposer takes a refusal as the recipient's answer


class Refusals:
    """What a proposer has learnt from its offers being refused (public to it: the deal's
    status is its own): an option of a deal refused at round r is not offered again to
    the same recipient until `rounds` rounds have passed, since nothing says the answer
    would differ. One per agent, so it starts empty with every new game; a view from an
    earlier round than a memory (an undo) forgets it. Deterministic: it reads only the
    views it is shown and the moves it chose.
    """

    def __init__(self, rules: Ruleset, me: int, rounds: int = REMEMBER_ROUNDS) -> None:
        self.rules = rules
        self.rounds = rounds
        self.mine = tuple(d for d in rules.deals if d.proposer == me)
        self.asked: dict[int, tuple[int, int]] = {}  # deal -> (option, round) of the offer
        self.refused: dict[tuple[int, int], int] = {}  # (deal, option) -> round refused

    def observe(self, view: PlayerView) -> None:
        """Learn the outcome of offers made since the last view (call before deciding)."""
        if not self.mine:
            return
        now = view.round
        self.refused = {k: r for k, r in self.refused.items() if r <= now < r + self.rounds}
        values = view.values
        for deal, (option, asked) in list(self.asked.items()):
            d = self.rules.deals[deal]
            status = values[d.status_slot]
            if status == OFFERED and asked <= now:
                continue  # still being answered (a counter-offer awaits this seat)
            del self.asked[deal]
            stamp = values[d.round_slot]
            if status == REFUSED and stamp is not None and asked <= stamp <= now:
                self.refused[(deal, option)] = stamp

    def allowed(self, legal: list[Action]) -> list[Action]:
        """`legal` without the offers remembered as refused."""
        if not self.refused:
            return legal
        actions = self.rules.actions
        out = []
        for move in legal:
            a = actions[move.action] if move.action >= 0 else None
            if (
                a is None
                or a.deal_role != PROPOSE
                or (a.deal, max(0, a.option)) not in self.refused
            ):
                out.append(move)
        return out or legal

    def chose(self, view: PlayerView, move: Action) -> None:
        """Note `move` if it is an offer of this seat's (to learn how it was answered)."""
        if move.action < 0 or not self.mine:
            return
        a = self.rules.actions[move.action]
        if a.deal_role == PROPOSE:
            self.asked[a.deal] = (max(0, a.option), view.round)
