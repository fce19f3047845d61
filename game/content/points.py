"""Points given as a formula — an objective's (`points: "morale // 2"`) or an outcome's
bonus (`points: {city: "funds // 2"}`): compiling a bonus, and the range of points each
formula can give, found by the same interval analysis as the meaning checks.

The range is the stake for the AI and the scoreboard (what it can be worth at most); a
formula that can leave -100..100 is warned about, since the engine keeps its value
within those bounds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from game.content.compiler import Compiler, Loc
from game.content.nodes import constant_of
from game.content.ranges import RangeEvaluator, Ranges
from game.content.scope import BarredScope, LevelScope
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


_NO_SCORE = (
    "an outcome's bonus cannot read 'score': it is added to the scores when the game "
    "ends, so it would read the points it changes; use the values the scores come from"
)


def bonus_points(
    c: Compiler, written: Mapping[str, int | str], n_f: int, loc: Loc
) -> tuple[tuple[int, ...], tuple[R.Fn | None, ...], tuple[str, ...]]:
    """(fixed bonus per faction, formula per faction, formula text per faction) of an
    outcome's `points`; a formula is compiled in its faction's scope and may not read
    `score` (no formula: empty tuples; a formula of constants is a fixed number)."""
    points = [0] * n_f
    values: list[R.Fn | None] = [None] * n_f
    sources = [""] * n_f
    for fid, p in written.items():
        f = c.faction_ref(fid, loc, "points", fid)
        if not isinstance(p, str):
            points[f] = p
            continue
        faction = fid if fid in c.sym.factions else None
        fn = c.expr(p, BarredScope(c.sym, faction, {"score": _NO_SCORE}), loc, "points", fid)
        is_const, constant = constant_of(fn, (False, 0))
        if is_const:
            points[f] = R.whole_points(constant)
        else:
            values[f], sources[f] = fn, p
    if all(v is None for v in values):
        return tuple(points), (), ()
    return tuple(points), tuple(values), tuple(sources)


def with_point_spans(c: Compiler, rules: R.Ruleset) -> R.Ruleset:
    """The ruleset with each points formula's reachable points (`span`) and stake
    (`points`: the end of the span furthest from 0), for objectives and outcome
    bonuses; warns where a formula can leave -100..100."""
    if all(o.value is None for o in rules.objectives) and not any(o.values for o in rules.outcomes):
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
        _warn_outside(c, loc, ("points",), obj.source, lo, hi)
        span = (_whole(lo), _whole(hi))
        stake = span[1] if abs(span[1]) >= abs(span[0]) else span[0]
        objectives.append(replace(obj, span=span, points=stake))
    outcomes = [
        _outcome_spans(c, ranges, out, loc) if out.values else out
        for out, (_, loc) in zip(rules.outcomes, c.items["outcomes"], strict=False)
    ]
    outcomes += rules.outcomes[len(outcomes) :]  # the built-in 'time runs out' ending
    return replace(
        rules,
        objectives=tuple(objectives),
        outcomes=tuple(outcomes),
        instant=tuple(o for o in outcomes if o.instant),
        end=tuple(o for o in outcomes if not o.instant),
    )


def _outcome_spans(c: Compiler, ranges: Ranges, out: R.OutcomeDef, loc: Loc) -> R.OutcomeDef:
    """An outcome with each bonus formula's reachable points and stake."""
    all_rounds = (1.0, float(ranges.rules.rounds))
    spans: list[tuple[int, int]] = []
    stakes = list(out.points)
    for f, (fn, source) in enumerate(zip(out.values, out.sources, strict=True)):
        if fn is None:
            spans.append((out.points[f], out.points[f]))
            continue
        fid = ranges.rules.factions[f].id
        scope = BarredScope(c.sym, fid, {"score": _NO_SCORE})
        lo, hi = RangeEvaluator(ranges, scope, all_rounds).of(source)
        _warn_outside(c, loc, ("points", fid), source, lo, hi)
        span = (_whole(lo), _whole(hi))
        spans.append(span)
        stakes[f] = span[1] if abs(span[1]) >= abs(span[0]) else span[0]
    return replace(out, spans=tuple(spans), points=tuple(stakes))


def _warn_outside(
    c: Compiler, loc: Loc, fields: tuple[Any, ...], source: str, lo: float, hi: float
) -> None:
    """A warning where a points formula's range leaves -LIMIT..LIMIT."""
    if not (lo < -LIMIT or hi > LIMIT):
        return
    worst = hi if hi > LIMIT else lo
    reach = _reach(hi) if hi > LIMIT else f"can reach {worst:g}"
    if worst == -math.inf:
        reach = "has no lower bound"
    c.error(
        loc,
        f"{c.label(loc, *fields)}: the points formula '{source}' {reach} "
        f"(its range is {lo:g}..{hi:g}); points are kept within {-LIMIT}..{LIMIT}, "
        f"so wrap it as 'clamp(..., {-LIMIT}, {LIMIT})' or 'min(..., {LIMIT})' "
        "if that is meant",
        *fields,
        severity="warning",
    )
