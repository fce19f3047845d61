"""Promises still to keep, counted at the leaf.

A promise to take an action ("will take Z within R rounds") is judged only at its
deadline (an upkeep rule breaks the deal then), usually beyond a search's horizon, so a
position with the promise still open would look as good as one where it was kept. Here
an open promise is counted as broken with a weight that grows as the deadline nears,
1 / (1 + rounds left after this one): the position's margins move toward those of a copy
where the breach has already happened (`break_at_deadline`). Taking the promised action
removes the term, so the planner is drawn to it before the deadline — unless breaking
costs it less.

A promise to refrain needs no term for the one who gave it: breaking it is a move, and
its effects follow it. But the one it was given to cannot search the rival's every
later turn, and a drift where every seat only ends its turn keeps every such promise:
a deal whose worth lies in the rival's restraint (a timetable that holds only while
the junta does not crack down) looks as good as kept. With `doubt` > 0 (the chance a
rival breaks such a promise in any one round where breaking pays it) a rival's open
promise to refrain is counted as broken, for the one it was given to, with the chance
it breaks in the rounds the deal has left, 1 - (1 - doubt) ** rounds, whenever breaking
it pays the rival by the position as it stands (a rival that gains nothing by breaking
is trusted): that side's margin moves toward its margin, foresight included, in a copy
where the rival has just taken the first of the refrained moves open to it
(`break_refrain`). A promise about to be kept is thus nearly trusted, a fresh one much
less (0.15 a round: 1 - 0.85 ** 7 = 68% over a six-round deal's seven rounds of turns,
near the 63% of timetables the greedy junta broke against the hard ECOWAS, session 13).
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import Ruleset, State, break_at_deadline, legal_actions, open_promises, step
from game.engine.deal_defs import IN_FORCE, DealDef

Judge = Callable[[State], list[float]]

AMPLE_AP = 99  # a what-if breaker's action points: enough for any of its moves


class PromiseTerm:
    """Adds the weighted cost of open promises to a judge's margins (all factions for a
    promise to act; with `doubt`, the promisee for a rival's promise to refrain)."""

    def __init__(self, rules: Ruleset, doubt: float = 0.0) -> None:
        if not 0.0 <= doubt <= 1.0:
            raise ValueError(f"doubt must be within [0, 1], not {doubt}")
        self.active = any(d.proposer_takes or d.recipient_takes for d in rules.deals)
        self.doubt = doubt
        # a binding deal's refrained moves are blocked by the engine: nothing to doubt
        self.refrains: tuple[DealDef, ...] = tuple(
            d
            for d in rules.deals
            if doubt > 0.0 and not d.binding and (d.proposer_refrains or d.recipient_refrains)
        )

    def adjust(self, state: State, margins: list[float], judge: Judge) -> list[float]:
        """`margins` of the unfinished `state` (from `judge`), moved toward the margins
        after each open promise's breach; unchanged when none is open."""
        if not self.active or state.outcome >= 0:
            return margins
        opened = open_promises(state)
        if not opened:
            return margins
        out = list(margins)
        for deal, who, left in opened:
            broken = state.clone()
            break_at_deadline(broken, deal, who)
            after = judge(broken)
            weight = 1.0 / (1 + max(0, left))
            for f, (now, then) in enumerate(zip(margins, after, strict=True)):
                out[f] += weight * (then - now)
        return out

    def doubted(
        self, state: State, margins: list[float], tempted: Judge, judge: Judge
    ) -> list[float]:
        """`margins` (from `judge`) with each rival's open promise to refrain counted as
        broken for its promisee, with the chance it breaks in the rounds left: moved
        toward `judge` of the copy where it broke, when breaking pays the rival by
        `tempted` (the position as it stands); unchanged when none is open or doubt is
        off."""
        if not self.refrains or state.outcome >= 0:
            return margins
        out = margins
        stands: list[float] | None = None
        v = state.v
        for deal in self.refrains:
            if v[deal.status_slot] != IN_FORCE:
                continue
            rounds = max(1, v[deal.round_slot] + deal.rounds - state.round + 1)
            weight = 1.0 - (1.0 - self.doubt) ** rounds
            for who, trusted in (
                (deal.proposer, deal.recipient),
                (deal.recipient, deal.proposer),
            ):
                broken = break_refrain(state, deal, who)
                if broken is None:
                    continue
                if stands is None:
                    stands = tempted(state)
                if tempted(broken)[who] <= stands[who]:
                    continue  # breaking costs the rival: it is trusted to keep its word
                if out is margins:
                    out = list(margins)
                out[trusted] += weight * (judge(broken)[trusted] - margins[trusted])
        return out


def break_refrain(state: State, deal: DealDef, who: int) -> State | None:
    """A copy of `state` where `who` has just broken its promise in `deal` not to act, by
    the first of the refrained moves the rules would let it make on its own turn now
    (with ample action points), or None when it promised nothing or can make none. The
    copy keeps the acting seat and its action points; the move's dice come from the
    copy's stream, as any move's would."""
    refrains = deal.proposer_refrains if who == deal.proposer else deal.recipient_refrains
    if not refrains:
        return None
    rules = state.rules
    copy = state.clone()
    turn, ap = copy.turn, copy.ap
    copy.turn = rules.order.index(who)
    copy.ap = AMPLE_AP
    for move in legal_actions(copy):
        if move.action >= 0 and move.action in refrains:
            step(copy, move)
            copy.turn, copy.ap = turn, ap
            return copy
    return None
