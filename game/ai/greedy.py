"""The greedy agent: tries every legal move on a few sampled states and keeps the best.

Hidden values are drawn consistently with the faction's view (`sample_state`);
the same samples are used for every move, so moves are compared on equal terms.
With `rivals` (a search preset that knows the seats), this seat's own offers are valued
after the answer the recipient's seat would give (`game.ai.answers`), and the answers so
predicted are kept in `said` for the search that uses these values as its prior.
"""

from __future__ import annotations

import random
import time
from functools import partial

from game.ai.base import Decision, StopFlag
from game.ai.evaluate import PositionEvaluator
from game.ai.offers import Predictors, answer_offer, awaits_rival
from game.ai.reasons import decision_reason, gain_over_alternative, only_move
from game.ai.undo import undoing
from game.engine import (
    Action,
    PlayerView,
    Ruleset,
    State,
    mark_trial,
    responder,
    sample_state,
    step,
    undo_trial,
)


class GreedyAgent:
    """One-step lookahead over `samples` determinizations, scored by the level's objectives.

    `foresight` is the evaluator's weight on where each resulting position drifts
    (`game.ai.evaluate.PositionEvaluator`); the plain `greedy` agent uses none.
    """

    name = "greedy"

    def __init__(
        self,
        rules: Ruleset,
        faction: int,
        samples: int = 6,
        time_cap_ms: float | None = None,
        noise: float = 0.0,
        foresight: float = 0.0,
        rivals: Predictors | None = None,
    ) -> None:
        self.rules = rules
        self.faction = faction
        self.samples = max(1, samples)
        self.time_cap_ms = time_cap_ms
        self.noise = noise
        self.evaluator = PositionEvaluator(rules, foresight=foresight)
        # a rival's answer to an offer: one step, no foresight (as a greedy rival answers;
        # crediting it with this seat's foresight expects acceptances that do not come)
        self.answers = self.evaluator if foresight <= 0 else PositionEvaluator(rules)
        self.rivals = dict(rivals) if rivals and rules.deals else {}
        self.said: dict[Action, list[Action]] = {}  # own offer -> predicted answers, by sample

    def move_values(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> tuple[list[float], list[State]]:
        """Mean margin (victory points) after each legal move, and the samples used.

        Samples are taken one at a time over all moves, so a time cap or a stop request
        still leaves every move scored on the same (fewer) samples.
        """
        deadline = None
        if self.time_cap_ms is not None:
            deadline = time.thread_time() + self.time_cap_ms / 1000.0
        totals = [0.0] * len(legal)
        used: list[State] = []
        f = self.faction
        margins = self.evaluator.margins
        offers = bool(self.rules.deals)
        rivals = self.rivals
        self.said.clear()
        for i in range(self.samples):
            det = sample_state(view, rng.getrandbits(63))
            for j, move in enumerate(legal):  # each tried on the sample and undone
                at = mark_trial(det)
                try:
                    step(det, move)
                    if offers and awaits_rival(det, f):
                        model = rivals.get(responder(det)) if rivals else None
                        if model is not None:
                            answer = model.choose(det, responder(det))[0]
                            self.said.setdefault(move, []).append(answer)
                            step(det, answer)
                        if awaits_rival(det, f):
                            answer_offer(det, self.answers.margins, f)
                    totals[j] += margins(det)[f]
                finally:
                    undo_trial(det, at)
            used.append(det)
            if i + 1 < self.samples and (
                (deadline is not None and time.thread_time() > deadline) or (stop and stop())
            ):
                break
        n = len(used)
        return [t / n for t in totals], used

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """The legal move with the best expected margin (ending the turn wins ties); never
        one that undoes its own move of this turn (`game.ai.undo`)."""
        legal = undoing(self.rules).allowed(view.values, legal)
        if len(legal) == 1:
            return only_move(view, legal[0])
        values, used = self.move_values(view, legal, rng, stop)
        if self.noise > 0:
            values = [x + rng.gauss(0.0, self.noise) for x in values]
        best = max(range(len(legal)), key=lambda j: (values[j], -j))
        gain = gain_over_alternative(legal, values, best)
        why = partial(decision_reason, view, used[0], legal[best], gain, "greedy lookahead")
        return Decision(legal[best], explain=why)
