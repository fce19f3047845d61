"""What an action costs now: its action points and resources, fixed or from a formula.

An action's `ap` and `cost` may be formulas of the state (`ap: "1 + (tension >= 5)"`).
Every reader of a price — legal moves, applying a move, previews, why a move is
illegal, cards, text mode, masks — goes through `ap_of` and `costs_of`, so a price
reads the same everywhere. A fixed price is returned as stored; a formula is evaluated
before a target is chosen (it cannot read `target`), rounded to a whole number (halves
up) and kept within 0..MAX_PRICE.
"""

from __future__ import annotations

import math

from game.engine.ruleset import ActionDef
from game.engine.state import State

MAX_PRICE = 1000  # a price formula's value is kept at or below this (as a fixed cost is)


def whole_price(x: float) -> int:
    """A price formula's value as a whole number of points: rounded (halves up), within
    0..MAX_PRICE (NaN counts as 0)."""
    if type(x) is int:
        n = x
    elif x != x:  # NaN
        return 0
    elif x >= MAX_PRICE:
        return MAX_PRICE
    else:
        n = math.floor(x + 0.5)
    return 0 if n < 0 else MAX_PRICE if n > MAX_PRICE else int(n)


def ap_of(state: State, a: ActionDef) -> int:
    """The action points `a` costs in `state`."""
    fn = a.ap_fn
    return a.ap if fn is None else whole_price(fn(state, -1))


def costs_of(state: State, a: ActionDef) -> tuple[tuple[int, int], ...]:
    """(slot, amount) of each resource `a` costs in `state`, in the order written."""
    if not a.cost_fns:
        return a.costs
    return tuple((slot, whole_price(fn(state, -1))) for slot, fn in a.cost_fns)


def can_pay(state: State, a: ActionDef) -> bool:
    """Whether the acting faction has the action points and resources `a` costs now."""
    if ap_of(state, a) > state.ap:
        return False
    v = state.v
    for slot, amount in costs_of(state, a):  # noqa: SIM110 - a loop is faster here
        if v[slot] < amount:
            return False
    return True
