"""Promises still to keep, counted at the leaf: a deal's "will take Z within R rounds".

A promise to take an action is judged only at its deadline (an upkeep rule breaks the
deal then), usually beyond a search's horizon, so a position with the promise still
open would look as good as one where it was kept. Here an open promise is counted as
broken with a weight that grows as the deadline nears, 1 / (1 + rounds left after
this one): the position's margins move toward those of a copy where the breach has
already happened (`break_at_deadline`). Taking the promised action removes the term,
so the planner is drawn to it before the deadline — unless breaking costs it less.
A promise to refrain needs no term: breaking it is a move, and its effects follow it.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import Ruleset, State, break_at_deadline, open_promises

Judge = Callable[[State], list[float]]


class PromiseTerm:
    """Adds the weighted cost of open promises to a judge's margins (all factions)."""

    def __init__(self, rules: Ruleset) -> None:
        self.active = any(d.proposer_takes or d.recipient_takes for d in rules.deals)

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
