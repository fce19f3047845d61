"""Objective points given as a formula (`points: "morale // 2"`): the range of points
each formula can give, found by the same interval analysis as the meaning checks.

The range is the objective's stake for the AI and the scoreboard (what it can be
worth at most); a formula that can leave -100..100 is warned about, since the engine
keeps its value within those bounds.
"""

from __future__ import annotations

import math
from dataclasses import replace

from game.content.compiler import Compiler
from game.content.ranges import RangeEvaluator, Ranges
from game.content.scope import LevelScope
from game.engine import ruleset as R

LIMIT = R.POINTS_LIMIT


def _whole(x: float) -> int:
    """A bound of the range as whole points within the limit (infinities included)."""
    if math.isnan(x):
        return LIMIT
    if x == math.inf or x >= LIMIT:
        return LIMIT
    if x == -math.inf or x <= -LIMIT:
        return -LIMIT
    return R.whole_points(x)


def _reach(x: float) -> str:
    return "has no upper bound" if x == math.inf else f"can reach {x:g}"


def with_point_spans(c: Compiler, rules: R.Ruleset) -> R.Ruleset:
    """The ruleset with each formula objective's reachable points (`span`) and stake
    (`points`: the end of the span furthest from 0); warns where a formula can leave
    -100..100."""
    if all(o.value is None for o in rules.objectives):
        return rules
    ranges = Ranges(rules)
    all_rounds = (1.0, float(rules.rounds))
    objectives = []
    for obj, (item, loc) in zip(rules.objectives, c.items["objectives"], strict=True):
        if obj.value is None:
            objectives.append(obj)
            continue
        scope = LevelScope(c.sym, item.faction if item.faction in c.sym.factions else None)
        lo, hi = RangeEvaluator(ranges, scope, all_rounds).of(obj.source)
        if lo < -LIMIT or hi > LIMIT:
            worst = hi if hi > LIMIT else lo
            reach = _reach(hi) if hi > LIMIT else f"can reach {worst:g}"
            if worst == -math.inf:
                reach = "has no lower bound"
            c.error(
                loc,
                f"{c.label(loc, 'points')}: the points formula '{obj.source}' {reach} "
                f"(its range is {lo:g}..{hi:g}); points are kept within {-LIMIT}..{LIMIT}, "
                f"so wrap it as 'clamp(..., {-LIMIT}, {LIMIT})' or 'min(..., {LIMIT})' "
                "if that is meant",
                "points",
                severity="warning",
            )
        span = (_whole(lo), _whole(hi))
        stake = span[1] if abs(span[1]) >= abs(span[0]) else span[0]
        objectives.append(replace(obj, span=span, points=stake))
    return replace(rules, objectives=tuple(objectives))
