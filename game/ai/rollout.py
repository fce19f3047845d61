"""The rollout agent: on-line policy improvement over the greedy agent.

The greedy agent's best few moves (and ending the turn) are each played on a few
states sampled from the faction's view; after the move, every seat — this one
included — keeps playing its own one-step greedy choice until `horizon` rounds have
ended, and the position reached is scored by the level's victory rules (with the
faction's foresight, or by the level's learned value model when the faction's
`planning.judge` is `learned`). The move with the best mean score wins. Rivals are thus
modelled as pursuing their declared objectives, move by move, for a couple of
rounds: a move that invites a punishing reply, or one that only pays off through a
follow-up, is judged by what happens next rather than by the position it leaves.

An offer is made only if its play-outs beat the best move that is not an offer by more
than the switch margin, also when both are played on for the deal's own rounds (its
costs mostly fall after a short horizon); a refused offer rests a while (`Refusals`).
With `rivals` (a preset that knows the seats) the recipient's answer is predicted the
way its seat answers (`game.ai.answers.AnswerModel`), not by the one-step model.
"""

from __future__ import annotations

import random
import time
from functools import partial
from itertools import pairwise

from game.ai.base import Decision, StopFlag
from game.ai.evaluate import PositionEvaluator
from game.ai.greedy import GreedyAgent
from game.ai.offers import Predictors, Refusals, answer_offer, awaits_rival
from game.ai.reasons import decision_reason, gain_over_alternative, only_move
from game.ai.undo import undoing
from game.ai.value import LearnedJudge, learned_value
from game.ai.victory import Term, distance
from game.engine import (
    PASS,
    Action,
    PlayerView,
    Ruleset,
    State,
    current_faction,
    legal_actions,
    mark_trial,
    responder,
    sample_state,
    step,
    undo_trial,
)
from game.engine.deal_defs import PROPOSE
from game.engine.ruleset import WINNER_NONE, LearnedValue


def _value_model(rules: Ruleset) -> LearnedValue:
    """The level's value model; raises ValueError (saying how to make one) if it has none."""
    value = learned_value(rules)
    if value is None:
        raise ValueError(
            f"level '{rules.level_id}' has no trained value model for the learned judge; "
            f"make one with `python main.py train-ai {rules.level_id}`"
        )
    return value


class RolloutAgent:
    """Greedy candidates judged by greedy play of every seat for `horizon` rounds.

    `samples` is the budget (states per candidate, the same states for every
    candidate); `time_cap_ms` stops sampling early, never mid-sample. The greedy's
    own choice (refusing, when answering an offer) is kept unless another candidate
    beats it by more than `switch_margin` times the level's typical stakes per faction:
    a few samples are noisy, and a switch on noise alone would only add variance.
    `judge` is "static" (the level's victory rules, with `foresight`) or "learned"
    (its value model; raises ValueError if the level has none). `brink` > 0 guards
    against outcomes every faction loses:
    once one is that many steps away or closer, only moves that take the game further
    from it are candidates (or, if there are none, moves that bring it no nearer) — the
    play-outs assume rivals who step back from the edge too, and not every rival does.
    The best move the guard leaves out is played out too: when it beats every guarded
    move by more than `DISASTER` × the stakes, the step back is a surrender and the guard
    widens (first to the moves that bring the brink no nearer, then to all).
    `rivals` maps a recipient to how its seat answers: this seat's candidate offers are
    played on after that answer (None: after the one-step answer, as in the play-outs).
    """

    name = "rollout"
    DISASTER = 0.5  # of the level's stakes per faction: the brink guard's loss limit

    def __init__(
        self,
        rules: Ruleset,
        faction: int,
        samples: int = 3,
        horizon: int = 2,
        width: int = 6,
        prior_samples: int = 6,
        foresight: float = 0.0,
        time_cap_ms: float | None = None,
        switch_margin: float = 0.03,
        judge: str = "static",
        brink: int = 0,
        rivals: Predictors | None = None,
    ) -> None:
        self.rules = rules
        self.faction = faction
        self.samples = max(1, samples)
        self.horizon = max(1, horizon)
        self.width = max(1, width)
        self.time_cap_ms = time_cap_ms
        self.static = PositionEvaluator(rules)
        self.evaluator: PositionEvaluator | LearnedJudge = (
            PositionEvaluator(rules, foresight=foresight) if foresight > 0 else self.static
        )
        if judge == "learned":
            self.evaluator = LearnedJudge(rules, _value_model(rules))
        self.prior = GreedyAgent(rules, faction, samples=prior_samples, foresight=foresight)
        self.switch_vp = switch_margin * self.static.model.scale
        self.brink = brink
        self.defeats: tuple[tuple[str, Term], ...] = tuple(
            (rules.outcomes[o.index].name, o.term)
            for o in self.static.model.outcomes
            if o.instant and o.winner == WINNER_NONE
        )
        self.refusals = Refusals(rules, faction)
        self.undoing = undoing(rules)  # no seat plays a move undoing its own of this turn
        self.rivals = dict(rivals) if rivals and rules.deals else {}
        self.last_samples = 0

    def greedy_move(self, state: State) -> Action:
        """The acting seat's one-step greedy move on a full state (ending the turn wins ties)."""
        return self._greedy(state)[0]

    def _greedy(self, state: State) -> tuple[Action, State | None]:
        """The greedy move and the state it leads to, when the trial that judged it is
        exactly that state (None when an offer's answer was played on it, or when
        there was nothing to judge)."""
        moves = self.undoing.allowed(state.v, legal_actions(state))
        if len(moves) == 1:
            return moves[0], None
        f = current_faction(state)
        margins = self.static.margins  # no foresight: the final score once over, else as it stands
        best = moves[0]
        best_value = -1e18
        best_trial: State | None = None
        offers = bool(self.rules.deals)
        for move in moves:  # each tried on `state` itself and undone (no copy a move)
            at = mark_trial(state)
            try:
                step(state, move)
                answered = offers and awaits_rival(state, f)
                if answered:
                    answer_offer(state, margins, f)
                value = margins(state)[f]
                if value > best_value:
                    best_value = value
                    best = move
                    best_trial = None if answered else state.clone()
            finally:
                undo_trial(state, at)
        return best, best_trial

    def play_out(self, state: State, rounds: int = 0) -> None:
        """Every seat plays its greedy move until `horizon` rounds (or `rounds`, if
        given) have ended (in place).

        The move's trial state is taken over rather than stepping the move again (the
        engine is deterministic, so it is the same state): a seat that ends the round
        would otherwise run the round's upkeep and news twice.
        """
        end = state.round + (rounds or self.horizon)
        while state.outcome < 0 and state.round < end:
            move, after = self._greedy(state)
            if after is None:
                step(state, move)
            else:
                take_over(state, after)

    def _play_on(self, state: State, rounds: int) -> None:
        """`play_out` for `rounds` rounds after one of this seat's candidate moves (in
        place): an offer awaiting a rival with a known seat is answered as that seat
        answers, and when that answer was judged after its own play-out, play goes on
        from where that play-out ended (the same greedy play, not played twice)."""
        rivals = self.rivals
        if rivals and awaits_rival(state, self.faction):
            model = rivals.get(responder(state))
            if model is not None:
                end = state.round + rounds
                model.answer_and_play(state, self.faction, rounds)
                if state.round < end:
                    self.play_out(state, end - state.round)
                return
        self.play_out(state, rounds)

    def _gap(self, state: State) -> int:
        """Steps to the nearest shared defeat (0 once one has happened)."""
        if state.outcome >= 0:
            return 0 if self.rules.outcomes[state.outcome].winner == WINNER_NONE else 99
        return min((distance(t, state, False) for _, t in self.defeats), default=99)

    def _away_from_the_brink(
        self, legal: list[Action], samples: list[State], prior: list[float]
    ) -> list[list[int]]:
        """The brink guard's tiers of allowed moves, narrowest first, each holding the one
        before (a single tier of every move when the guard is off or the brink far).

        Near the brink the moves that take the game further from it come first, then those
        that bring it no nearer, then every move. Stepping back may cost something, but
        never a disaster: a move worth less than `-DISASTER` × the level's stakes, and that
        much below the best move, in the greedy's one-step values, is left out of the first
        two tiers (e.g. conceding the rival's winning terms); `decide` widens the tiers
        when the play-outs show a disaster the one-step values cannot see.
        """
        everything = list(range(len(legal)))
        if not self.brink or not self.defeats or not samples:
            return [everything]
        now = sum(self._gap(s) for s in samples)
        if now > self.brink * len(samples):
            return [everything]
        gaps = []
        for move in legal:
            total = 0
            for sample in samples:
                trial = sample.clone()
                step(trial, move)
                if self.rules.deals and awaits_rival(trial, self.faction):
                    answer_offer(trial, self.static.margins, self.faction)  # judge the answer
                total += self._gap(trial)
            gaps.append(total)
        slack = self.DISASTER * self.static.model.scale
        floor = min(-slack, max(prior) - slack)
        sane = [j for j in everything if prior[j] >= floor]
        away = [j for j in sane if gaps[j] > now and legal[j] != PASS]
        level = [j for j in sane if gaps[j] >= now]
        tiers: list[list[int]] = []
        for tier in (away, level, everything):
            if tier and (not tiers or len(tier) > len(tiers[-1])):
                tiers.append(tier)
        return tiers

    def _checks(self, tiers: list[list[int]], prior: list[float]) -> list[int]:
        """For each tier past the first, its best move by the greedy's values that the
        tier before leaves out: played out beside the candidates, as the measure of what
        keeping to the narrower tier costs."""
        checks = []
        for narrow, wide in pairwise(tiers):
            left_out = set(wide) - set(narrow)
            checks.append(max(left_out, key=lambda j: (prior[j], -j)))
        return checks

    def _widen(self, values: list[float], tier_of: list[int], tiers: int) -> int:
        """The widest tier the guard keeps after the play-outs, as an index into the tiers
        (`tier_of[j]`: the narrowest tier holding candidate j): a tier is left for the next
        one while the next one's best play-out beats it by more than `DISASTER` × the
        level's stakes; a step back that costs that much is no step back but a surrender."""
        slack = self.DISASTER * self.static.model.scale
        keep = 0
        while keep + 1 < tiers:
            inside = max(v for v, t in zip(values, tier_of, strict=True) if t <= keep)
            nxt = max(v for v, t in zip(values, tier_of, strict=True) if t <= keep + 1)
            if nxt - inside <= slack:
                break
            keep += 1
        return keep

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """The candidate with the best mean margin after the play-outs; raises nothing on stop."""
        self.refusals.observe(view)
        legal = self.undoing.allowed(view.values, self.refusals.allowed(legal))
        if len(legal) == 1:
            self.last_samples = 0
            return only_move(view, legal[0])
        deadline = None
        if self.time_cap_ms is not None:
            deadline = time.thread_time() + self.time_cap_ms / 1000.0
        r = random.Random(rng.getrandbits(63))
        prior, used = self.prior.move_values(view, legal, r, stop)
        tiers = self._away_from_the_brink(legal, used, prior)
        allowed = tiers[0]
        ranked = sorted(allowed, key=lambda j: -prior[j])
        chosen = ranked[: self.width]
        first = legal[0]  # ending the turn, or refusing when the moves answer an offer
        if 0 not in chosen and 0 in allowed:
            chosen.append(0)
        chosen += [j for j in self._checks(tiers, prior) if j not in chosen]
        candidates = [legal[j] for j in chosen]
        totals = [0.0] * len(candidates)
        f = self.faction
        done = 0
        drawn: list[State] = []
        for done in range(1, self.samples + 1):
            sample = sample_state(view, r.getrandbits(63))
            drawn.append(sample)
            for j, move in enumerate(candidates):
                trial = sample.clone()
                step(trial, move)
                self._play_on(trial, self.horizon)
                totals[j] += self.evaluator.margins(trial)[f]
            if done < self.samples and (
                (deadline is not None and time.thread_time() > deadline) or (stop and stop())
            ):
                break
        self.last_samples = done
        values = [t / done for t in totals]
        keep = 0
        if len(tiers) > 1:  # the guard is on: keep only the tiers it holds to
            tier_of = [next(k for k, t in enumerate(tiers) if j in t) for j in chosen]
            keep = self._widen(values, tier_of, len(tiers))
            inside = [i for i, t in enumerate(tier_of) if t <= keep]
            candidates = [candidates[i] for i in inside]
            values = [values[i] for i in inside]
        guarded = len(tiers) > 1 and keep + 1 < len(tiers)
        best = max(range(len(candidates)), key=lambda j: (values[j], -j))
        offers = [self._offers(m) for m in candidates]
        best = self._offer_or_not(candidates, offers, values, best, drawn, deadline, stop)
        # Not clearly better than the default: keep that. The default is the greedy's
        # choice (its best that is not an offer: an offer must clear the bar above),
        # except when answering an offer: then it is refusing, since a deal binds for
        # rounds beyond the play-outs and its costs (the moves given up, the chip sold)
        # come after them, so a deal is taken only when clearly better than none.
        default = candidates.index(first) if PASS not in legal and first in candidates else 0
        if offers[default]:
            default = next((j for j, o in enumerate(offers) if not o), default)
        if values[best] - values[default] <= self.switch_vp:
            best = default
        move = candidates[best]
        self.refusals.chose(view, move)
        gain = gain_over_alternative(candidates, values, best)
        why = partial(self._reason, view, used[0], move, gain, done, guarded)
        return Decision(move, explain=why)

    def _offers(self, move: Action) -> bool:
        """Whether `move` proposes a deal."""
        return move.action >= 0 and self.rules.actions[move.action].deal_role == PROPOSE

    def _offer_or_not(
        self,
        candidates: list[Action],
        offers: list[bool],
        values: list[float],
        best: int,
        drawn: list[State],
        deadline: float | None,
        stop: StopFlag | None,
    ) -> int:
        """`best`, or the best candidate that is not an offer when `best` is an offer that
        does not clearly beat it: by more than the switch margin both in the play-outs
        and when both are played on over the deal's rounds, on the same samples (the
        plain move wins if the time cap or a stop request cuts that check short)."""
        plain = [j for j, o in enumerate(offers) if not o]
        if not offers[best] or not plain:
            return best
        move = candidates[best]
        actions = self.rules.actions
        rival = max(plain, key=lambda j: (values[j], -j))
        if values[best] - values[rival] <= self.switch_vp:
            return rival
        rounds = self.rules.deals[actions[move.action].deal].rounds
        if rounds <= self.horizon:
            return best
        f = self.faction
        gap = 0.0
        for i, sample in enumerate(drawn):
            for sign, m in ((1.0, move), (-1.0, candidates[rival])):
                trial = sample.clone()
                step(trial, m)
                self._play_on(trial, rounds)
                gap += sign * self.evaluator.margins(trial)[f]
            if i + 1 < len(drawn) and (
                (deadline is not None and time.thread_time() > deadline) or (stop and stop())
            ):
                return rival
        return best if gap / len(drawn) > self.switch_vp else rival

    def _reason(
        self, view: PlayerView, sample: State, move: Action, gain: float, done: int, guarded: bool
    ) -> str:
        """The player-readable reason for `move` (`decide` has it written only when read)."""
        how = f"{self.horizon}-round rollouts on {done} sample{'s' if done != 1 else ''}"
        if isinstance(self.evaluator, LearnedJudge):
            how += ", judged by the level's learned value"
        if guarded:
            near = min(self.defeats, key=lambda d: distance(d[1], sample, False))[0]
            how += f"; {near.lower()} near, weighing only moves away from it"
        return decision_reason(view, sample, move, gain, how)


def take_over(state: State, other: State) -> None:
    """Make `state` the position `other` holds (in place; `other` is not used again)."""
    state.v = other.v
    state.round = other.round
    state.turn = other.turn
    state.ap = other.ap
    state.rng = other.rng
    state.outcome = other.outcome
    state.winner = other.winner
