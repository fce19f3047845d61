"""The compiled scoring rules: objectives (victory points while a condition holds) and
outcomes (ways the game ends, with bonus points), and how a points formula's value
becomes whole points. Re-exported from `game.engine.ruleset`."""

from __future__ import annotations

import math as _math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Fn = Callable[[Any, int], Any]

# Points an objective's or outcome's formula can give, either way (as a fixed number).
POINTS_LIMIT = 100


def whole_points(x: Any) -> int:
    """A points formula's value as whole points: rounded (halves up), within POINTS_LIMIT."""
    n = x if type(x) is int else _math.floor(x + 0.5)
    return -POINTS_LIMIT if n < -POINTS_LIMIT else POINTS_LIMIT if n > POINTS_LIMIT else int(n)


@dataclass(frozen=True, slots=True)
class ObjectiveDef:
    """A compiled victory-point objective."""

    index: int
    id: str
    faction: int
    name: str
    description: str
    when: Fn
    points: int  # a formula's: the end of its reachable range furthest from 0 (its stake)
    scoring: str  # "end" | "each_round" | "first_time"
    reads: tuple[int, ...] | None = None  # slots `when` reads; None if it also reads the clock
    value: Fn | None = None  # the points formula; None when `points` is a fixed number
    span: tuple[int, int] = (0, 0)  # a formula's reachable (lowest, highest) points
    source: str = ""  # the points formula as written

    def worth(self, state: Any) -> int:
        """The points it gives in `state`: the fixed number, or the formula's value
        rounded to a whole number (halves up) and kept within POINTS_LIMIT."""
        fn = self.value
        if fn is None:
            return self.points
        return whole_points(fn(state, -1))


@dataclass(frozen=True, slots=True)
class OutcomeDef:
    """A compiled way for the game to end."""

    index: int
    id: str
    name: str
    headline: str
    description: str
    when: Fn | None
    instant: bool
    winner: int  # faction index, WINNER_NONE or WINNER_MOST_POINTS
    points: tuple[int, ...]  # bonus per faction; a formula's: its stake (as an objective's)
    reads: tuple[int, ...] | None = None  # slots `when` reads; None if it also reads the clock
    values: tuple[Fn | None, ...] = ()  # per faction: the bonus formula, None if fixed
    spans: tuple[tuple[int, int], ...] = ()  # per faction: a formula's reachable bonus
    sources: tuple[str, ...] = ()  # per faction: the bonus formula as written, or ''

    def bonus(self, state: Any, faction: int) -> int:
        """The bonus points `faction` gets when the game ends this way in `state`: the
        fixed number, or the formula's value as whole points (as `ObjectiveDef.worth`)."""
        if faction >= len(self.points):
            return 0
        fn = self.values[faction] if self.values else None
        if fn is None:
            return self.points[faction]
        return whole_points(fn(state, -1))
