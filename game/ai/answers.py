"""How a seat answers an offer, predicted the way that seat really answers.

Seat presets are public (everyone sees who plays each faction), and so are the level's
`planning:` settings; a proposer may therefore model a recipient by the recipient's own
rules of answering rather than by one model for all. `AnswerModel.for_seat` reads a seat
name ('greedy', 'ai:normal', 'ai:hard+nodeals', 'human'...) and the recipient's planning.

Two ways to ask it:

* `answer` (the offer estimate a player sees) plays the seat's own agent on what the
  recipient sees of a guessed state, with a random stream drawn from a seed: its own
  guesses of what it cannot see, its prior's samples and play-outs, its noise. Over
  several guesses the answers spread as the seat's real answers do (a deterministic
  play-out per guess read "8 of 8" where the real ai:normal junta accepted in about 4 of
  6 such positions). A person is answered as a greedy seat; a `+nodeals` seat refuses.
* `choose` / `answer_and_play` (a proposer's search, many times a move) are cheap and
  deterministic: a rollout seat (its planner `rollout`) plays each answer on once for its
  preset's horizon (every seat making its one-step greedy move), judges where that leads
  by its own judge — the level's learned value model when its `judge` is `learned`, else
  the victory rules with its foresight — and keeps refusing unless another answer beats
  refusing by its switch margin; a tree seat (MCTS) answers by its search's evaluation
  one step ahead, with the same margin (its presets' `answer_margin`); a greedy seat,
  `ai:easy` and a person by the one-step victory rules (what
  `game.ai.offers.answer_offer` plays); a random seat at random. On niger_2023,
  offers to the ai:normal junta in weeks 1-8 of ai:normal games with seeds 77 and 1,
  judged on the true state, its accept-or-not agreed with this model in 91 of 106.

Callers pass a state sampled from the proposer's view, never the true one.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from game.ai.base import Agent
from game.ai.evaluate import PositionEvaluator
from game.ai.greedy import GreedyAgent
from game.ai.line import split_line
from game.ai.mcts import MCTSAgent
from game.ai.nodeals import split_name
from game.ai.offers import MAX_ANSWERS
from game.ai.rollout import RolloutAgent, take_over
from game.ai.value import LearnedJudge, learned_value
from game.engine import Action, Ruleset, State, legal_actions, observe, responder, step
from game.engine.deal_defs import REFUSE

Margins = Callable[[State], list[float]]

GREEDY = "greedy"  # one-step victory rules, refusing on ties
JUDGE = "judge"  # the seat's own judge, refusing unless an answer beats it by a margin
REFUSES = "refuses"  # a +nodeals seat
RANDOM = "random"  # every answer alike
HUMAN = "human"  # a person's seat (as `game.seats` names it)

_SEARCH = ("ai:normal", "ai:hard", "mcts", "rollout")
_AGENTS = ("random", "greedy", "ai:easy", *_SEARCH)  # seats whose own agent can answer
SALT = 0x5EA7_A25E  # keeps a guess's answer stream apart from its sampled state's
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
    seat: str = GREEDY  # the preset whose agent gives `answer`s (a person: greedy)
    seats: tuple[str, ...] = ()  # every seat as that agent takes them (its rivals' answers)

    @staticmethod
    def for_seat(
        rules: Ruleset, faction: int, seat: str | None, seats: Sequence[str] | None = None
    ) -> AnswerModel:
        """The model of `faction`'s answers when `seat` plays it (None: not known, as a
        greedy seat). Unknown names are answered as greedy. `seats` (one name per faction)
        tells its agent who plays the others, so it foresees how a counter-offer of its
        would be answered; without them every other seat is taken for a person (the
        window's and text mode's proposer)."""
        model = AnswerModel._for_seat(rules, faction, seat)
        known = tuple(seats) if seats is not None and len(seats) == len(rules.factions) else ()
        if not known:
            known = tuple(model.seat if f == faction else HUMAN for f in range(len(rules.factions)))
        return dataclasses.replace(model, seats=known)

    @staticmethod
    def _for_seat(rules: Ruleset, faction: int, seat: str | None) -> AnswerModel:
        """`for_seat` before the other seats are known."""
        base, nodeals = split_name(split_line(seat or GREEDY)[0])
        if nodeals:
            return AnswerModel(REFUSES)
        if base == RANDOM:
            return AnswerModel(RANDOM, seat=RANDOM)
        static = _evaluator(rules, 0.0, False)
        agent = base if base in _AGENTS else GREEDY
        if base not in _SEARCH:
            return AnswerModel(GREEDY, static.margins, seat=agent)
        spec = rules.factions[faction]
        rollout = base == "rollout" or (base != "mcts" and spec.planner == "rollout")
        vp = spec.switch_margin * static.model.scale
        if not rollout:  # the tree search's own evaluation, one step ahead, and its margin
            judge = _evaluator(rules, spec.foresight, base == "ai:hard")
            return AnswerModel(JUDGE, judge.margins, vp, seat=agent)
        margins = _evaluator(rules, spec.foresight, False).margins
        if spec.judge == "learned" and learned_value(rules) is not None:
            margins = _learned(rules).margins
        playout = _playout(rules, faction, HORIZONS.get(base, 1))
        return AnswerModel(JUDGE, margins, vp, playout, agent)

    def answer(self, state: State, me: int, seed: int = 0) -> None:
        """While a faction other than `me` must answer an offer on `state`, play the answer
        its seat gives (in place; a counter-offer back to `me` stops it): the seat's own
        agent deciding on what that faction sees of `state`, with a random stream drawn
        from `seed` (its guesses, samples and noise), so answers vary with `seed` as the
        seat's real answers vary. A +nodeals seat refuses."""
        r = random.Random(seed ^ SALT)
        for _ in range(MAX_ANSWERS):
            who = responder(state)
            if who < 0 or who == me or state.outcome >= 0:
                return
            if self.kind == REFUSES:
                step(state, self.choose(state, who)[0])
                continue
            agent = _seat_agent(state.rules, who, self.seat, self.seats)
            legal = legal_actions(state)
            rng = random.Random(r.getrandbits(63))
            step(state, agent.decide(observe(state, who), legal, rng).action)

    def predict(self, state: State, me: int, seed: int = 0) -> None:
        """`answer` by this model's cheap deterministic choice (`choose`) on `state` as it
        is, for a proposer's search. `seed` draws a random seat's answer."""
        r = random.Random(seed) if self.kind == RANDOM else None
        for _ in range(MAX_ANSWERS):
            who = responder(state)
            if who < 0 or who == me or state.outcome >= 0:
                return
            step(state, self.choose(state, who, r)[0])

    def answer_and_play(self, state: State, me: int, rounds: int) -> bool:
        """`predict`, and when the answer was judged after this model's own play-out of no
        more than `rounds` rounds (a JUDGE model, not countered), leave `state` at the end
        of that play-out instead (the same greedy play a proposer's play-out would go on
        with, so it need not be played again); returns whether it did (else `state` is
        just answered)."""
        who = responder(state)
        if who < 0 or who == me or state.outcome >= 0:
            return False
        playout = self.playout
        if playout is None or playout.horizon > rounds:
            self.predict(state, me, state.rng)
            return False
        move, after = self.choose(state, who)
        if after is None or responder(after) >= 0:
            step(state, move)
            self.predict(state, me, state.rng)
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
        no = moves.index(refuse)
        if self.kind == JUDGE and values[best] - values[no] <= self.switch_vp:
            best = no
        return moves[best], trials[best] if playout is not None and horizon > 0 else None


def seat_models(rules: Ruleset, seats: Sequence[str]) -> dict[int, AnswerModel]:
    """Each faction's `AnswerModel` by the seat that plays it (one name per faction)."""
    return {f: AnswerModel.for_seat(rules, f, seat, seats) for f, seat in enumerate(seats)}


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


SeatFactory = Callable[[Ruleset, int, int | None, Sequence[str] | None], Agent]
_FACTORIES: dict[str, SeatFactory] = {}  # the presets by name (`game.ai.presets` fills it)


def register_presets(factories: Mapping[str, SeatFactory]) -> None:
    """Make the named presets' agents available to `AnswerModel.answer` (the presets
    module calls this on import: it models its rivals by this module, so this module
    cannot import it)."""
    _FACTORIES.update(factories)


def _seat_agent(rules: Ruleset, faction: int, seat: str, seats: Sequence[str]) -> Agent:
    """A fresh agent of preset `seat` for `faction`, knowing `seats` (no time cap: the same
    answer on every machine); raises KeyError for a preset not registered."""
    agent = _FACTORIES[seat](rules, faction, None, seats or None)
    if isinstance(agent, GreedyAgent | RolloutAgent | MCTSAgent):
        agent.time_cap_ms = None
    return agent
