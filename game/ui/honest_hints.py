"""Hints that only name changes the rules still allow: an objective's "needs …" or
"lost if …" names the nearest change of one value that flips it, and here that change is
one the level can still make (`game.ui.reach`); when none can, the hint is dropped and
the line says the objective is out of reach of any single change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from game.engine import PlayerView, Ruleset, State
from game.engine.knowing import MAX_REACH, Nearest, holds, judge, probe_state
from game.engine.scoreboard import ObjectiveLine, Scoreboard
from game.ui.reach import reachable

Cond = Callable[[Any, int], Any]


def reachable_flip(cond: Cond, state: State, slots: Iterable[int]) -> Nearest | None:
    """The nearest single-value change among `slots` that flips `cond` on `state` and that
    the level's rules can still make from the value now (None when there is none); its
    band (`until`) runs on while the values still flip it."""
    rules = state.rules
    now = holds(cond, state)
    best: Nearest | None = None
    for slot in slots:
        old = state.v[slot]
        reach = reachable(rules, slot, old)
        lo, hi = rules.lo[slot], rules.hi[slot]
        for direction in (1, -1):
            for k in range(1, MAX_REACH + 1):
                value = old + direction * k
                if not lo <= value <= hi or (best is not None and k >= best.steps):
                    break
                if value not in reach or not _flips(cond, state, slot, value, now):
                    continue
                end = value
                while lo <= end + direction <= hi and _flips(
                    cond, state, slot, end + direction, now
                ):
                    end += direction
                best = Nearest(slot, old, value, end if end != value else -1)
                break
    return best


def _flips(cond: Cond, state: State, slot: int, value: int, now: bool) -> bool:
    old = state.v[slot]
    state.v[slot] = value
    try:
        return holds(cond, state) != now
    finally:
        state.v[slot] = old


def still_possible(rules: Ruleset, near: Nearest) -> bool:
    """Whether the rules can still make the hint's change (a value of its band)."""
    reach = reachable(rules, near.slot, near.now)
    end = near.until if near.until >= 0 else near.then
    low, high = sorted((near.then, end))
    return any(v in reach for v in range(low, high + 1))


def honest_board(board: Scoreboard, view: PlayerView) -> Scoreboard:
    """`board` (the scoreboard of `view`, the seat's or an onlooker's `full_view`) with
    each objective's nearest change replaced, where the rules can no longer make it, by
    the nearest one they can (or none); hidden values stay at their range's low end, as
    the scoreboard's own hints read them."""
    lines = list(board.objectives)
    base: State | None = None
    for i, line in enumerate(lines):
        if line.also is not None and not still_possible(view.rules, line.also):
            line = lines[i] = replace(line, also=None)
        near = line.nearest
        if near is None or still_possible(view.rules, near):
            continue
        if base is None:
            base = probe_state(view)
        lines[i] = replace(line, nearest=_recomputed(line, view, base))
    if base is None and lines == list(board.objectives):
        return board
    return replace(board, objectives=tuple(lines))


def _recomputed(line: ObjectiveLine, view: PlayerView, base: State) -> Nearest | None:
    obj = view.rules.objectives[line.index]
    reads = obj.reads if obj.reads is not None else judge(obj.when, view, base).reads
    slots = [s for s in reads if s not in view.ranges]
    return reachable_flip(obj.when, base.clone(), slots)
