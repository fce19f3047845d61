"""The learned judge: who is likely to win from here, by the level's trained value model.

A position is described by level-derived features only — how surely each objective
holds, how near each outcome is, each faction's points, each danger track, and
each of these scaled by how far the game has run — and the level's small network
(`ai_value.json`, trained by `game.sim.train` on greedy self-play) turns them into
the chance that each faction wins or that nobody does. Rollout planning uses it to
score the positions its play-outs reach: where the static judgement only sees the
position as it stands, the learned one has seen thousands of games end.
"""

from __future__ import annotations

import math

from game.ai.evaluate import PositionEvaluator
from game.ai.victory import proximity, satisfaction
from game.engine import Ruleset, State
from game.engine.ruleset import LearnedValue

SHARED_DEFEAT = (
    1.2  # a shared defeat costs a little more than losing (as `PositionEvaluator.final`)
)


def learned_value(rules: Ruleset) -> LearnedValue | None:
    """The level's value model, if its folder has a valid one (the content loader read it)."""
    return rules.learned_value


class Features:
    """The inputs of a value model for one level (format 1; see `game.content.value_file`)."""

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self.evaluator = PositionEvaluator(rules, weights=[{} for _ in rules.factions])
        model = self.evaluator.model
        reached = rules.layout.reached
        self.objectives = [
            (reached + o.index if o.scoring == "first_time" else -1, o.term)
            for o in model.objectives
        ]
        self.conditions = [(o.instant, o.term) for o in model.conditions]
        self.danger = model.danger
        self.n = len(rules.factions)
        self.size = 2 + 2 * (len(self.objectives) + len(self.conditions) + self.n)
        self.size += 3 * len(self.danger)

    def of(self, state: State) -> list[float]:
        """The feature vector of a full state (any seat's sampled state will do)."""
        rules = self.rules
        v = state.v
        p = min(1.0, state.round / rules.rounds)
        x = [1.0, p]
        for reached, term in self.objectives:
            s = 1.0 if reached >= 0 and v[reached] else satisfaction(term, state)
            x += (s, s * p)
        for instant, term in self.conditions:
            near = proximity(term, state) if instant else satisfaction(term, state)
            x += (near, near * p)
        vp = rules.layout.vp
        for f in range(self.n):
            q = v[vp + f] / 10.0
            x += (q, q * p)
        for slot, lo, hi in self.danger:
            share = (v[slot] - lo) / (hi - lo)
            x += (share, share * share, share * p)
        return x


class LearnedJudge:
    """Scores positions in the same units as `PositionEvaluator.margins`, from win chances.

    An unfinished position is worth `win_value * (P(win) - P(someone else wins)
    - 1.2 P(nobody wins))` to each faction; a finished one is scored exactly
    (`PositionEvaluator.final`). Raises ValueError if the model does not fit the level.
    """

    def __init__(self, rules: Ruleset, value: LearnedValue) -> None:
        self.features = Features(rules)
        if value.inputs != self.features.size or len(value.out_bias) != len(rules.factions) + 1:
            raise ValueError(
                f"the value model of level '{rules.level_id}' does not fit the level; "
                f"train it again with `python main.py train-ai {rules.level_id}`"
            )
        self.value = value
        self.static = PositionEvaluator(rules)
        self.win_value = self.static.win_value
        self.n = len(rules.factions)

    def chances(self, state: State) -> list[float]:
        """P(faction wins) for each faction, then P(nobody wins); they sum to 1."""
        x = self.features.of(state)
        value = self.value
        hidden = [
            math.tanh(b + dot(w, x))
            for w, b in zip(value.hidden_weights, value.hidden_bias, strict=True)
        ]
        logits = [
            b + dot(w, hidden) for w, b in zip(value.out_weights, value.out_bias, strict=True)
        ]
        top = max(logits)
        odds = [math.exp(z - top) for z in logits]
        total = sum(odds)
        return [o / total for o in odds]

    def margins(self, state: State) -> list[float]:
        """Per faction, in victory-point units like `PositionEvaluator.margins` (higher: better)."""
        if state.outcome >= 0:
            return self.static.final(state)
        now = self._judged(state)
        if self.static.promises.active:  # a promise still to keep counts as partly broken
            now = self.static.promises.adjust(state, now, self._judged)
        return now

    def _judged(self, state: State) -> list[float]:
        """The model's margins of a state (the final ones once it is over)."""
        if state.outcome >= 0:
            return self.static.final(state)
        p = self.chances(state)
        nobody = p[self.n]
        w = self.win_value
        return [w * (2.0 * p[f] - 1.0 + nobody - SHARED_DEFEAT * nobody) for f in range(self.n)]


def dot(w: tuple[float, ...], x: list[float]) -> float:
    """`sum(map(mul, w, x))`: the same products added in the same order, from 0 (so the
    same float), as a typed loop that the compiled build runs without boxing each term."""
    total = 0.0
    for i in range(min(len(w), len(x))):
        total += w[i] * x[i]
    return total
