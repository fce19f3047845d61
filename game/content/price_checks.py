"""Warnings about price formulas (`ap`, `cost`) whose reachable range leaves what the
engine pays (below 0 a price is paid as 0, above MAX_PRICE as MAX_PRICE), or whose
lowest value is more than the faction can ever pay (the action can never be legal).

The range is found by the same interval analysis as the chance checks, with the
action's simple requirements (`spies >= 2`) taken to hold, since a price is paid only
when the action is taken.
"""

from __future__ import annotations

import math
from typing import Any

from game.content.compiler import Compiler, Loc
from game.content.narrowing import narrowed
from game.content.prices import price_scope
from game.content.ranges import RangeEvaluator, Ranges
from game.engine import ruleset as R
from game.engine.prices import MAX_PRICE


def price_checks(c: Compiler, rules: R.Ruleset) -> None:
    """Warn where an action's price formula can fall below 0 or pass MAX_PRICE."""
    if not any(a.priced for a in rules.actions):
        return
    ranges = Ranges(rules)
    rounds = (1.0, float(rules.rounds))
    for i, (a, loc) in enumerate(c.items["actions"]):
        if not rules.actions[i].priced:
            continue
        faction = a.faction if a.faction in c.sym.factions else None
        ev = RangeEvaluator(ranges, price_scope(c.sym, faction, "ap"), rounds)
        ev.ranges = narrowed(ev, [r if isinstance(r, str) else r.when for r in a.requires])
        if isinstance(a.ap, str):
            _check(c, ev, a.ap, loc, ("ap",))
        for (slot, _), (key, value) in zip(rules.actions[i].costs, a.cost.items(), strict=False):
            if isinstance(value, str):
                _check(c, ev, value, loc, ("cost", key))
                _never_affordable(c, ranges, ev, rules.vars[slot], value, loc, ("cost", key))


def _never_affordable(
    c: Compiler,
    ranges: Ranges,
    ev: RangeEvaluator,
    var: R.VarDef,
    source: str,
    loc: Loc,
    fields: tuple[Any, ...],
) -> None:
    """A cost formula whose lowest value is above what the resource can ever hold."""
    lo = ev.of(source)[0]
    top = ranges.box[var.index][1]
    if math.isfinite(lo) and lo >= top + 0.5:
        c.error(
            loc,
            f"{c.label(loc, *fields)}: the action can never be legal: its cost '{source}' is "
            f"at least {lo:g} {var.name} but {var.key} never exceeds {top:g}",
            *fields,
            "$value",
            severity="warning",
        )


def _check(c: Compiler, ev: RangeEvaluator, source: str, loc: Loc, fields: tuple[Any, ...]) -> None:
    lo, hi = ev.of(source)
    what = "action points" if fields[0] == "ap" else "cost"
    if math.isfinite(lo) and lo < -0.5:  # -0.5 and above round to 0
        c.error(
            loc,
            f"{c.label(loc, *fields)}: the {what} formula '{source}' can fall to {lo:g} (its "
            f"range is {lo:g}..{hi:g}); a price below 0 is paid as 0, not gained, so wrap "
            f"it as 'max({source}, 0)' if that is meant",
            *fields,
            "$value",
            severity="warning",
        )
    elif math.isfinite(hi) and hi >= MAX_PRICE + 0.5:
        c.error(
            loc,
            f"{c.label(loc, *fields)}: the {what} formula '{source}' can reach {hi:g} (its "
            f"range is {lo:g}..{hi:g}); a price is kept at most {MAX_PRICE}, so wrap it as "
            f"'min({source}, {MAX_PRICE})' if that is meant",
            *fields,
            "$value",
            severity="warning",
        )
