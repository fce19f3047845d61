"""How a seat answers an offer, predicted the way that seat really answers.

Seat presets are public (everyone sees who plays each faction), and so are the level's
`planning:` settings; a proposer may therefore model a recipient by the recipient's own
rules of answering rather than by one model for all. `AnswerModel.for_seat` reads a seat
name ('greedy', 'ai:normal', 'ai:hard+nodeals', 'human'...) and the recipient's planning:

* a rollout seat (its planner `rollout`) plays each answer on for its preset's horizon
  (every seat making its one-step greedy move, as its own play-outs do), judges where that
  leads by its own judge — the level's learned value model when its `judge` is
  `learned`, else the victory rules with its foresight — and keeps refusing unless
  another answer beats refusing by its switch margin;
* a tree seat (MCTS) answers by its search's evaluation (victory rules with its
  foresight, contested endings for `ai:hard`), one step ahead;
* a greedy seat, `ai:easy` and a person answer by the one-step victory rules (what
  `game.ai.offers.answer_offer` plays): nothing better is known of a person;
* a `+nodeals` seat always refuses; a random seat answers at random.

One play-out per answer on the caller's state, no more: the rollout seat's real answer
also samples its own guesses, ranks answers by a greedy prior and guards the brink, which
this leaves out to stay cheap enough for the move list and for a proposer's search (on
niger_2023, offers to the ai:normal junta in weeks 1-8 of ai:normal games with seeds 77
and 1, judged on the true state: its accept-or-not agreed with this model in 91 of 106,
with its judge right after the answer in 80, with the one-step model in 73, and with its
own answer on another random stream in 92). A tree seat's search is not replayed either.
Callers pass a state sampled from the proposer's view, never the true one.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.ai.evaluate import PositionEvaluator
from game.ai.line import split_line
from game.ai.nodeals import split_name
from game.ai.offers import MAX_ANSWERS
from game.ai.rollout import RolloutAgent, take_over
from game.ai.value import LearnedJudge, learned_value
from game.engine import Action, Ruleset, State, legal_actions, responder, step
from game.engine.deal_defs import REFUSE

Margins = Callable[[State], list[float]]

GREEDY = "greedy"  # one-step victory rules, refusing on ties
JUDGE = "judge"  # the seat's own judge, refusing unless an answer beats it by a margin
REFUSES = "refuses"  # a +nodeals seat
RANDOM = "random"  # every answer alike

_SEARCH = ("ai:normal", "ai:hard", "mcts", "rollout")
HORIZONS = {"ai:normal": 1, "ai:hard": 2, "rollout": 2}  # the presets' play-out rounds


@dataclass(frozen=True, slots=True)
class AnswerModel:
    """One seat's way of answering offers: `kind` (GREEDY, JUDGE, REFUSES, RANDOM), the
    evaluation it answers by and, for JUDGE, the margin (in victory points) an answer
    must gain over refusing."""

    kind: str
    margins: Margins | None = None
    switch_vp: float = 0.0
    playout: RolloutAgent | None = None  # JUDGE: plays each answer on for its horizon

    @staticmethod
    def for_seat(rules: Ruleset, faction: int, seat: str | None) -> AnswerModel:
        """The model of `faction`'s answers when `seat` plays it (None: not known, as a
        greedy seat). Unknown names are answered as greedy."""
        base, nodeals = split_name(split_line(seat or GREEDY)[0])
        if nodeals:
            return AnswerModel(REFUSES)
        if base == RANDOM:
            return AnswerModel(RANDOM)
        static = _evaluator(rules, 0.0, False)
        if base not in _SEARCH:
            return AnswerModel(GREEDY, static.margins)
        spec = rules.factions[faction]
        rollout = base == "rollout" or (base != "mcts" and spec.planner == "rollout")
        if not rollout:  # the tree search's own evaluation, one step ahead
            judge = _evaluator(rules, spec.foresight, base == "ai:hard")
            return AnswerModel(GREEDY, judge.margins)
        margins = _evaluator(rules, spec.foresight, False).margins
        if spec.judge == "learned" and learned_value(rules) is not None:
            margins = _learned(rules).margins
        playout = _playout(rules, faction, HORIZONS.get(base, 1))
        return AnswerModel(JUDGE, margins, spec.switch_margin * static.model.scale, playout)

    def answer(self, state: State, me: int, seed: int = 0) -> None:
        """While a faction other than `me` must answer an offer on `state`, play the answer
        this model predicts (in place; a counter-offer back to `me` stops it). `seed`
        draws a random seat's answer."""
        r = random.Random(seed) if self.kind == RANDOM else None
        for _ in range(MAX_ANSWERS):
            who = responder(state)
            if who < 0 or who == me or state.outcome >= 0:
                return
            step(state, self.choose(state, who, r)[0])

    def answer_and_play(self, state: State, me: int, rounds: int) -> bool:
        """`answer`, and when the answer was judged after this model's own play-out of no
        more than `rounds` rounds (a JUDGE model, not countered), leave `state` at the end
        of that play-out instead (the same greedy play a proposer's play-out would go on
        with, so it need not be played again); returns whether it did (else `state` is
        just answered)."""
        who = responder(state)
        if who < 0 or who == me or state.outcome >= 0:
            return False
        playout = self.playout
        if playout is None or playout.horizon > rounds:
            self.answer(state, me, state.rng)
            return False
        move, after = self.choose(state, who)
        if after is None or responder(after) >= 0:
            step(state, move)
            self.answer(state, me, state.rng)
            return False
        take_over(state, after)
        return True

    def choose(
        self, state: State, who: int, r: random.Random | None = None, rounds: int = -1
    ) -> tuple[Action, State | None]:
        """The answer `who` gives to the offer pending on `state`, and (when this model
        plays answers on for `rounds` rounds, -1: its own horizon) the state that answer's
        play-out reached, else None."""
        moves = legal_actions(state)
        actions = state.rules.actions
        refuse = next((m for m in moves if actions[m.action].deal_role == REFUSE), moves[0])
        if self.kind == REFUSES or len(moves) == 1:
            return refuse, None
        if self.kind == RANDOM:
            return moves[(r or random.Random(0)).randrange(len(moves))], None
        assert self.margins is not None
        playout = self.playout
        horizon = rounds if rounds >= 0 or playout is None else playout.horizon
        values = []
        trials = []
        for move in moves:
            trial = state.clone()
            step(trial, move)
            if playout is not None and horizon > 0:
                playout.play_out(trial, horizon)
            values.append(self.margins(trial)[who])
            trials.append(trial)
        best = max(range(len(moves)), key=lambda j: (values[j], moves[j] == refuse, -j))
        if self.kind == JUDGE and values[best] - values[moves.index(refuse)] <= self.switch_vp:
            best = moves.index(refuse)
        return moves[best], trials[best] if playout is not None and horizon > 0 else None


def seat_models(rules: Ruleset, seats: Sequence[str]) -> dict[int, AnswerModel]:
    """Each faction's `AnswerModel` by the seat that plays it (one name per faction)."""
    return {f: AnswerModel.for_seat(rules, f, seat) for f, seat in enumerate(seats)}


_EVALUATORS: dict[tuple[int, float, bool], tuple[Ruleset, PositionEvaluator]] = {}
_JUDGES: dict[int, tuple[Ruleset, LearnedJudge]] = {}
_PLAYOUTS: dict[tuple[int, int, int], tuple[Ruleset, RolloutAgent]] = {}


def _playout(rules: Ruleset, faction: int, horizon: int) -> RolloutAgent:
    """A rollout agent whose `play_out` is the seat's (built once per ruleset and horizon)."""
    key = (id(rules), faction, horizon)
    found = _PLAYOUTS.get(key)
    if found is None or found[0] is not rules:
        made = RolloutAgent(rules, faction, horizon=horizon, prior_samples=1)
        found = _PLAYOUTS[key] = (rules, made)
    return found[1]


def _evaluator(rules: Ruleset, foresight: float, contest: bool) -> PositionEvaluator:
    """A victory-rules evaluation of this level (built once per ruleset and setting)."""
    key = (id(rules), foresight, contest)
    found = _EVALUATORS.get(key)
    if found is None or found[0] is not rules:
        made = PositionEvaluator(rules, foresight=foresight, contest=contest)
        found = _EVALUATORS[key] = (rules, made)
    return found[1]


def _learned(rules: Ruleset) -> LearnedJudge:
    """The level's learned judge (built once per ruleset; the level has a value model)."""
    found = _JUDGES.get(id(rules))
    if found is None or found[0] is not rules:
        value = learned_value(rules)
        assert value is not None
        found = _JUDGES[id(rules)] = (rules, LearnedJudge(rules, value))
    return found[1]
