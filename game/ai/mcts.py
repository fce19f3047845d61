"""Determinized Monte Carlo tree search (single-observer, open-loop information-set MCTS).

Each iteration draws a full state consistent with the faction's view
(`sample_state`: hidden values and future dice are sampled, never read), walks one
tree shared by all samples (a node is a sequence of moves; only moves legal in
the current sample are considered), adds one node, optionally plays a short
random rollout (`rollout_turns`) and scores the result for every faction with the
level's own victory rules. With `foresight` the score blends the position as it
stands with where it drifts if every seat ends its turn until the game is over
(a rollout whose policy is "do nothing", so the level's clocks, upkeep and events
speak; `game.ai.evaluate`). Each faction picks its moves in the tree by its own
score (max^n), so the search models opponents as pursuing their declared objectives.

Root moves start with the greedy one-step value as a prior (`prior_visits`
virtual visits), so even a tiny budget plays at least as sensibly as the greedy agent.

Deals: a rival's answer to an offer is not searched but predicted, on each sample, by
the cheap one-step model (`game.ai.offers.answer_offer` with the level's victory rules
and no foresight, as a greedy seat answers): the search's own foresight and depth would
credit the rival with the far-sighted acceptance few rivals give, and offers made on
that hope are wasted. This seat's own answers are searched like any move. A leaf left
with an offer unanswered is scored after the responder's one-step answer, never as if
the offer had changed nothing. With a root width, an answer (two to a few moves) gets
the iterations a turn's search spends per root move. With `offer_margin` > 0 an offer
is made only if it beats the best move that is not an offer by more than that share of
the level's stakes (off in the presets: on the test levels the search's offers gain
under 1% of the stakes, and no margin has been measured on niger_2023 yet). With
`answer_margin` > 0 an answer other than refusing is given only if the search finds it
better than refusing by more than that share (the presets set it to the seat's
`switch_margin`, as a rollout seat keeps refusing unless its play-outs find a deal
clearly better: a deal binds for rounds beyond the search's horizon). An offer the
recipient refused is not made again for a while (`offers.Refusals`). With `rivals` (a
preset that knows who plays each seat), this seat's own offers at the root are answered
on each sample as the recipient's seat answers (`game.ai.answers.AnswerModel`), so a
proposal is valued by the acceptance that seat would really give, in the greedy prior
too (its 20 virtual visits would otherwise outweigh a tiny budget's verdict): predicted
on the prior's samples (or the first `PREDICTED` samples that reach an offer), then
those answers in turn, since a seat's prediction plays its own play-outs, too dear for
every iteration.
"""

from __future__ import annotations

import math
import random
import time
from functools import partial

from game.ai.base import Decision, StopFlag
from game.ai.evaluate import PositionEvaluator, sigmoid
from game.ai.greedy import GreedyAgent
from game.ai.offers import Predictor, Predictors, Refusals, answer_offer, awaits_rival
from game.ai.reasons import decision_reason, only_move
from game.ai.surplus import answer_surplus, surplus
from game.ai.undo import undoing
from game.engine import (
    PASS,
    Action,
    PlayerView,
    Ruleset,
    State,
    current_faction,
    legal_actions,
    responder,
    sample_state,
    step,
)
from game.engine.deal_defs import ACCEPT, PROPOSE, REFUSE

PREDICTED = 2  # samples on which the answer to a root offer is predicted; later ones reuse them


class Node:
    """A tree node: visits, summed value per faction, children by move."""

    __slots__ = ("children", "n", "w")

    def __init__(self, factions: int) -> None:
        self.children: dict[Action, Node] = {}
        self.n = 0.0
        self.w = [0.0] * factions


class MCTSAgent:
    """Search with an iteration budget (deterministic per seed) and an optional time cap."""

    name = "mcts"

    def __init__(
        self,
        rules: Ruleset,
        faction: int,
        iterations: int = 400,
        time_cap_ms: float | None = None,
        exploration: float = 0.5,
        rollout_turns: int | None = None,
        max_nodes: int = 20_000,
        prior_samples: int = 2,
        prior_visits: float = 4.0,
        pass_chance: float = 0.15,
        root_width: int = 0,
        widening: float = 0.0,
        foresight: float = 0.0,
        offer_margin: float = 0.0,
        answer_margin: float = 0.0,
        contest: bool = False,
        doubt: float = 0.0,
        rivals: Predictors | None = None,
    ) -> None:
        self.rules = rules
        self.faction = faction
        self.iterations = max(1, iterations)
        self.time_cap_ms = time_cap_ms
        self.exploration = exploration
        self.rollout_turns = len(rules.order) if rollout_turns is None else rollout_turns
        self.max_nodes = max_nodes
        self.prior_visits = prior_visits
        self.pass_chance = pass_chance
        self.root_width = root_width
        self.widening = widening
        self.evaluator = PositionEvaluator(rules, foresight=foresight, contest=contest, doubt=doubt)
        self.prior = None
        self.rivals = dict(rivals) if rivals and rules.deals else {}
        self.undoing = undoing(rules)  # no seat plays a move undoing its own of this turn
        if prior_samples:
            self.prior = GreedyAgent(
                rules, faction, samples=prior_samples, foresight=foresight, rivals=self.rivals
            )
        self.offers = bool(rules.deals)
        self.answers = PositionEvaluator(rules)  # rivals' answers: one step, no foresight
        self.offer_vp = offer_margin * self.evaluator.model.scale
        self.answer_vp = answer_margin * self.evaluator.model.scale
        self.refusals = Refusals(rules, faction)
        self._said: dict[Action, list[Action]] = {}  # root offer -> its predicted answers
        self._asked: dict[Action, int] = {}  # root offer -> how often it was answered
        self.last_iterations = 0

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """The most visited root move after the search; raises nothing on a stop request."""
        start = time.thread_time()
        deadline = None if self.time_cap_ms is None else start + self.time_cap_ms / 1000.0
        r = random.Random(rng.getrandbits(63))
        self.refusals.observe(view)
        legal = self.undoing.allowed(view.values, self.refusals.allowed(legal))
        self._said.clear()
        self._asked.clear()
        if len(legal) == 1:
            self.last_iterations = 0
            return only_move(view, legal[0])
        n_f = len(self.rules.factions)
        root = Node(n_f)
        nodes = 1
        if self.prior is not None:
            margins, _ = self.prior.move_values(view, legal, r, stop)
            self._said.update((m, list(a)) for m, a in self.prior.said.items())
            t = self.evaluator.temperature
            for move, margin in zip(legal, margins, strict=True):
                child = Node(n_f)
                q = sigmoid(margin / t)
                child.n = self.prior_visits
                child.w[self.faction] = q * self.prior_visits
                root.children[move] = child
                root.n += self.prior_visits
                nodes += 1
            if 0 < self.root_width < len(legal):
                ranked = sorted(range(len(legal)), key=lambda j: -margins[j])
                keep = {legal[j] for j in ranked[: self.root_width]}
                keep.add(legal[0])  # ending the turn, or refusing an offer
                legal = [m for m in legal if m in keep]
        done = 0
        budget = self.iterations
        if self.root_width and PASS not in legal:  # answering an offer (a few moves):
            # as many visits per answer as a turn's search gives each of its root moves
            budget = max(8, -(-budget * len(legal) // (self.root_width + 1)))
        for done in range(1, budget + 1):
            state = sample_state(view, r.getrandbits(63))
            nodes += self._iterate(root, state, legal, r, nodes)
            if (done & 7) == 0 and (
                (deadline is not None and time.thread_time() > deadline) or (stop and stop())
            ):
                break
        self.last_iterations = done
        decision = self._choose(view, legal, root, r, done)
        self.refusals.chose(view, decision.action)
        return decision

    def _iterate(
        self, root: Node, state: State, legal: list[Action], r: random.Random, nodes: int
    ) -> int:
        """One selection-expansion-rollout-backup pass; returns the number of nodes added."""
        node = root
        path = [root]
        added = 0
        moves = legal
        c = self.exploration
        while state.outcome < 0:
            if node is not root:
                moves = self.undoing.allowed(state.v, legal_actions(state))
            acting = current_faction(state)
            children = node.children
            fresh = [m for m in moves if m not in children]
            widen = self.widening > 0 and node is not root
            if fresh and widen and len(children) >= 1 + int(self.widening * math.sqrt(node.n)):
                fresh = []  # progressive widening: enough children for this many visits
            if fresh and nodes + added < self.max_nodes:
                move = fresh[r.randrange(len(fresh))]
                child = Node(len(node.w))
                children[move] = child
                self._step(state, move, node is root)
                path.append(child)
                added += 1
                break
            best: Node | None = None
            best_move = PASS
            best_score = -1.0
            log_n = math.log(node.n + 1.0)
            for move in moves:
                ch = children.get(move)
                if ch is None:
                    continue
                score = ch.w[acting] / ch.n + c * math.sqrt(log_n / ch.n) if ch.n > 0 else 2.0
                if score > best_score:
                    best_score = score
                    best = ch
                    best_move = move
            if best is None:
                break
            self._step(state, best_move, node is root)
            node = best
            path.append(node)
        if self.offers and responder(state) >= 0:  # never score an unanswered offer
            answer_offer(state, self.evaluator.margins, -1)
        if state.outcome < 0:
            self._rollout(state, r)
        values = self.evaluator.values(state)
        for n in path:
            n.n += 1.0
            w = n.w
            for f, x in enumerate(values):
                w[f] += x
        return added

    def _step(self, state: State, move: Action, top: bool = False) -> None:
        """Play `move`, then any answer a rival owes to an offer, as the one-step model
        predicts it — or, for a root move (`top`) offered to a rival whose seat is known,
        as that seat answers (in place)."""
        step(state, move)
        if self.offers and awaits_rival(state, self.faction):
            model = self.rivals.get(responder(state)) if top and self.rivals else None
            if model is None:
                answer_offer(state, self.answers.margins, self.faction)
            else:
                self._answer_root(state, move, model)

    def _answer_root(self, state: State, move: Action, model: Predictor) -> None:
        """The answer to this seat's root offer `move` on `state`, as the recipient's seat
        answers (in place): predicted on the first `PREDICTED` samples, then those answers
        in turn while legal; any answer owed after it, by the one-step model."""
        said = self._said.setdefault(move, [])
        k = self._asked.get(move, 0)
        self._asked[move] = k + 1
        answer = said[k % len(said)] if len(said) >= PREDICTED else None
        if answer is None or answer not in legal_actions(state):
            answer = model.choose(state, responder(state))[0]
            if len(said) < PREDICTED:
                said.append(answer)
        step(state, answer)
        if awaits_rival(state, self.faction):
            answer_offer(state, self.answers.margins, self.faction)

    def _rollout(self, state: State, r: random.Random) -> None:
        """Random play (ending turns now and then) until `rollout_turns` turns have ended."""
        turns = 0
        last = (state.round, state.turn)
        limit = self.rollout_turns
        p = self.pass_chance
        while state.outcome < 0 and turns < limit:
            moves = legal_actions(state)
            if moves[0] != PASS:  # answering an offer: any answer alike
                step(state, moves[r.randrange(len(moves))])
            elif len(moves) == 1 or r.random() < p:
                step(state, PASS)
            else:
                step(state, moves[1 + r.randrange(len(moves) - 1)])
            now = (state.round, state.turn)
            if now != last:
                turns += 1
                last = now

    def _choose(
        self, view: PlayerView, legal: list[Action], root: Node, r: random.Random, done: int
    ) -> Decision:
        f = self.faction

        def mean(move: Action) -> float:
            ch = root.children.get(move)
            return ch.w[f] / ch.n if ch is not None and ch.n > 0 else 0.0

        def visits(move: Action) -> float:
            ch = root.children.get(move)
            return ch.n if ch is not None else 0.0

        best = max(legal, key=lambda m: (visits(m), mean(m)))
        t = self.evaluator.temperature
        plain = [m for m in legal if not self._offers(m) and visits(m) > 0]
        if self.offer_vp > 0 and plain and self._offers(best):
            rival = max(plain, key=lambda m: (visits(m), mean(m)))
            if t * (_logit(mean(best)) - _logit(mean(rival))) <= self.offer_vp:
                best = rival  # an offer must be clearly better than not offering
        if plain and self._offers(best) and self.rivals:
            excess = self._surplus(view, best, r)
            rival = max(plain, key=lambda m: (visits(m), mean(m)))
            if excess > 0 and t * (_logit(mean(best)) - _logit(mean(rival))) <= excess:
                best = rival  # it hands the recipient more than it gains this seat
        first = legal[0]  # ending the turn, or refusing when the moves answer an offer
        if (
            self.answer_vp > 0
            and best != first
            and self._refuses(first)
            and t * (_logit(mean(best)) - _logit(mean(first)))
            <= self.answer_vp + self._answer_surplus(view, best, r)
        ):
            best = first  # a deal must be clearly better than refusing it
        if best == first:
            others = [mean(m) for m in legal if m != first and visits(m) > 0]
            base = max(others) if others else mean(best)
        else:
            base = mean(first)
        gain = t * (_logit(mean(best)) - _logit(base))
        seed = r.getrandbits(63)  # drawn now: the search's random stream must not depend
        # on whether the reason is ever read
        return Decision(best, explain=partial(_reason, view, seed, best, gain, done))

    def _surplus(self, view: PlayerView, offer: Action, r: random.Random) -> float:
        """`surplus.surplus` of this seat's root `offer` on `PREDICTED` fresh samples: the
        recipient's answer and judge as its seat's model has them (a model without a
        judge of its own counts nothing)."""
        deal = self.rules.deals[self.rules.actions[offer.action].deal]
        model = self.rivals.get(deal.recipient)
        theirs = getattr(model, "margins", None)  # an `answers.AnswerModel`'s judge
        if model is None or theirs is None:
            return 0.0
        seeds = [r.getrandbits(63) for _ in range(PREDICTED)]

        def answer(state: State, who: int) -> Action:
            return model.choose(state, who)[0]

        return surplus(view, offer, answer, theirs, self.evaluator.margins, seeds)

    def _answer_surplus(self, view: PlayerView, agree: Action, r: random.Random) -> float:
        """`surplus.answer_surplus` of answering with `agree` (accepting or countering the
        other side's offer), by the other side's model's judge, on `PREDICTED` fresh
        samples; 0 for a counter-offer or a side without a modelled judge."""
        a = self.rules.actions[agree.action]
        deal = self.rules.deals[a.deal]
        other = deal.proposer if deal.recipient == self.faction else deal.recipient
        theirs = getattr(self.rivals.get(other), "margins", None)
        if theirs is None or a.deal_role != ACCEPT:
            return 0.0
        seeds = [r.getrandbits(63) for _ in range(PREDICTED)]
        return answer_surplus(view, agree, other, theirs, self.evaluator.margins, seeds)

    def _refuses(self, move: Action) -> bool:
        """Whether `move` refuses an offer (or a counter-offer)."""
        return move.action >= 0 and self.rules.actions[move.action].deal_role == REFUSE

    def _offers(self, move: Action) -> bool:
        """Whether `move` proposes a deal."""
        return move.action >= 0 and self.rules.actions[move.action].deal_role == PROPOSE


def _reason(view: PlayerView, seed: int, move: Action, gain: float, done: int) -> str:
    """The player-readable reason for the search's `move` (written only when read)."""
    return decision_reason(view, sample_state(view, seed), move, gain, f"search of {done} playouts")


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
