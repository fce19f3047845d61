"""The score if the game ended now, as one seat may know it.

For every faction: the points earned so far, the end-of-game objectives that would
count now and the bonus of the outcome that would apply now, each exact where the
seat's view decides it and a range (lo–hi) where values hidden from the seat do.
Each objective carries its breakdown: met or not (or "depends on hidden values"),
what it depends on and the nearest single change that would flip it. Built from a
`PlayerView` only (see `game.engine.knowing`), so it cannot leak hidden values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.engine.knowing import (
    Judgement,
    Nearest,
    judge,
    nearest_flip,
    probe_state,
    slot_name,
    value_span,
)
from game.engine.preview import Preview
from game.engine.ruleset import ObjectiveDef, OutcomeDef, Ruleset
from game.engine.state import State
from game.engine.view import PlayerView, observe


@dataclass(frozen=True, slots=True)
class Span:
    """A whole number known exactly (lo == hi) or only to lie in [lo, hi]."""

    lo: int
    hi: int

    @property
    def exact(self) -> bool:
        """True when the number is known."""
        return self.lo == self.hi

    def __add__(self, other: Span) -> Span:
        return Span(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Span) -> Span:
        return Span(self.lo - other.hi, self.hi - other.lo)

    def text(self, signed: bool = False) -> str:
        """'12', '+3' (signed) or '9–15'."""
        fmt = "{:+d}" if signed else "{:d}"
        if self.exact:
            return fmt.format(self.lo)
        return f"{fmt.format(self.lo)}–{fmt.format(self.hi)}"


ZERO = Span(0, 0)


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    """One objective as the seat sees it now.

    `met` is None when values hidden from the seat decide it. `counts` is what it adds
    to the score if the game ended now (points of `each_round` objectives and of banked
    `first_time` ones are already in `FactionScore.earned`; a `first_time` objective met
    now but not yet banked counts here: the week's end banks it if it still holds).
    `nearest` is the smallest change of one visible value that would flip it (None if no
    such change is near); `also` the nearest change of another value that flips it too
    (an objective comparing two values: 'more influence than Russia'). `worth` is what it
    gives now (a range where a points formula
    reads values hidden from the seat); `points` is its low end.
    """

    index: int
    faction: int
    name: str
    description: str
    points: int
    scoring: str
    met: bool | None
    banked: bool
    counts: Span
    depends_on: tuple[str, ...]
    hidden: tuple[str, ...]
    nearest: Nearest | None
    worth: Span = ZERO
    also: Nearest | None = None


@dataclass(frozen=True, slots=True)
class FactionScore:
    """A faction's score if the game ended now: earned + objectives + outcome bonus."""

    faction: int
    earned: Span
    objectives: Span
    bonus: Span
    total: Span


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """Every faction's score and every objective, as seen by `seat`.

    `endings` are the outcomes that could apply if the game ended now (one when the
    seat's view decides it); after the game, the outcome that did.
    """

    seat: int
    over: bool
    factions: tuple[FactionScore, ...]
    objectives: tuple[ObjectiveLine, ...]
    endings: tuple[int, ...]

    def of(self, faction: int) -> FactionScore:
        """The score of one faction."""
        return self.factions[faction]

    def lines(self, faction: int) -> list[ObjectiveLine]:
        """The objectives of one faction, in level order."""
        return [o for o in self.objectives if o.faction == faction]


def scoreboard_for(state: State, seat: int) -> Scoreboard:
    """The scoreboard of `seat` for `state` (computed from `observe(state, seat)` only).

    Seat -1 is an onlooker who sees everything (no human plays): every number is exact.
    """
    return scoreboard(observe(state, seat) if seat >= 0 else full_view(state))


def full_view(state: State) -> PlayerView:
    """A view with nothing hidden, for an onlooker (seat -1)."""
    view = observe(state, 0)
    return replace(view, faction=-1, values=tuple(state.v), ranges={})


def scoreboard(view: PlayerView, settled: bool = True) -> Scoreboard:
    """The score if the game ended now, for every faction, as `view`'s seat may know it.

    `settled` says the view is of a real decision point, where no instant outcome holds
    (the engine would have ended the game); a hypothetical view (after a previewed move)
    passes False, and an instant outcome that may hold is then among the endings.
    """
    rules = view.rules
    base = probe_state(view)
    over = view.outcome >= 0
    lines = tuple(_objective(rules, view, base, i) for i in range(len(rules.objectives)))
    endings = (view.outcome,) if over else _endings(rules, view, base, settled)
    lay = rules.layout
    factions = []
    for f in range(len(rules.factions)):
        objectives = ZERO
        for line in lines:
            if line.faction == f:
                objectives = objectives + line.counts
        bonuses = [_bonus(rules.outcomes[i], f, view, base) for i in endings]
        bonus = Span(min(b.lo for b in bonuses), max(b.hi for b in bonuses))
        vp = view.values[lay.vp + f]
        banked = Span(vp, vp) if vp is not None else Span(*view.ranges[lay.vp + f])
        if over:
            earned = banked - objectives - bonus
            total = banked
        else:
            earned = banked
            total = banked + objectives + bonus
        factions.append(FactionScore(f, earned, objectives, bonus, total))
    return Scoreboard(view.faction, over, tuple(factions), lines, endings)


def _bonus(outcome: OutcomeDef, faction: int, view: PlayerView, base: State) -> Span:
    """The bonus `faction` gets if the game ends with `outcome`, as the seat may know it:
    a formula that reads values hidden from the seat gives the range it spans over them."""
    fn = outcome.values[faction] if faction < len(outcome.values) else None
    if fn is None:
        fixed = outcome.points[faction] if faction < len(outcome.points) else 0
        return Span(fixed, fixed)
    (lo, hi), _ = value_span(
        lambda s: outcome.bonus(s, faction), view, base, outcome.spans[faction]
    )
    return Span(lo, hi)


def _objective(rules: Ruleset, view: PlayerView, base: State, index: int) -> ObjectiveLine:
    obj = rules.objectives[index]
    seen: Judgement = judge(obj.when, view, base)
    met = seen.known
    lay = rules.layout
    reached = view.values[lay.reached + index]
    banked = obj.scoring == "first_time" and bool(reached)
    worth, worth_reads = _worth(obj, view, base)
    pending = obj.scoring == "first_time" and not banked and view.outcome < 0  # week's end banks it
    if obj.scoring != "end" and not pending:
        counts = ZERO
    elif met is None:
        counts = Span(min(0, worth.lo), max(0, worth.hi))
    else:
        counts = worth if met else ZERO
    reads = obj.reads if obj.reads is not None else seen.reads
    reads = tuple(dict.fromkeys((*reads, *worth_reads)))
    hidden = [s for s in reads if s in view.ranges]
    nearest = also = None
    if met is not None and not banked:
        seen_slots = [s for s in reads if s not in view.ranges]
        nearest = nearest_flip(obj.when, base.clone(), seen_slots)
        if nearest is not None:
            others = [s for s in seen_slots if s != nearest.slot]
            also = nearest_flip(obj.when, base.clone(), others) if others else None
    return ObjectiveLine(
        index=index,
        faction=obj.faction,
        name=obj.name,
        description=obj.description,
        points=worth.lo,
        worth=worth,
        scoring=obj.scoring,
        met=met,
        banked=banked,
        counts=counts,
        depends_on=tuple(slot_name(rules, s) for s in reads),
        hidden=tuple(slot_name(rules, s) for s in hidden),
        nearest=nearest,
        also=also,
    )


def _worth(obj: ObjectiveDef, view: PlayerView, base: State) -> tuple[Span, tuple[int, ...]]:
    """What the objective gives now as the seat may know it (a formula that reads values
    hidden from the seat gives the range it spans over them), and the slots it reads."""
    if obj.value is None:
        return Span(obj.points, obj.points), ()
    (lo, hi), reads = value_span(obj.worth, view, base, obj.span)
    return Span(lo, hi), reads


def _endings(rules: Ruleset, view: PlayerView, base: State, settled: bool) -> tuple[int, ...]:
    """Outcomes that could apply if the game ended now: an instant one that holds (the
    game then ends with it), else the first end-of-game outcome whose condition holds."""
    possible: list[int] = []
    instant = () if settled else rules.instant
    for outcome in (*instant, *rules.end):
        if outcome.when is None:
            possible.append(outcome.index)
            return tuple(possible)
        known = judge(outcome.when, view, base).known
        if known is None or (known and outcome.index not in possible):
            possible.append(outcome.index)
        if known:
            return tuple(possible)
    possible.append(len(rules.outcomes) - 1)
    return tuple(dict.fromkeys(possible))


@dataclass(frozen=True, slots=True)
class MoveEffect:
    """How a previewed move would change the seat's own score if the game ended now."""

    before: Span
    success: Span
    failure: Span | None
    chance: float | None
    gained: tuple[str, ...]  # objectives it would meet (on success)
    lost: tuple[str, ...]  # objectives it would stop meeting (on success)
    fail_gained: tuple[str, ...] = ()  # the same on failure
    fail_lost: tuple[str, ...] = ()

    @property
    def expected(self) -> float | None:
        """The expected change in points, when both branches are known exactly."""
        if not self.success.exact or not self.before.exact:
            return None
        gain = self.success.lo - self.before.lo
        if self.chance is None or self.failure is None:
            return float(gain)
        if not self.failure.exact:
            return None
        return self.chance * gain + (1 - self.chance) * (self.failure.lo - self.before.lo)


def after(view: PlayerView, changes: tuple[tuple[int, int], ...]) -> PlayerView:
    """The view with a preview's (slot, delta) changes applied (hidden ranges shift)."""
    rules = view.rules
    values = list(view.values)
    ranges = dict(view.ranges)
    for slot, delta in changes:
        lo, hi = rules.lo[slot], rules.hi[slot]
        value = values[slot]
        if value is not None:
            values[slot] = min(hi, max(lo, value + delta))
        elif slot in ranges:
            low, high = ranges[slot]
            ranges[slot] = (min(hi, max(lo, low + delta)), min(hi, max(lo, high + delta)))
    return replace(view, values=tuple(values), ranges=ranges)


def move_effect(view: PlayerView, move: Preview) -> MoveEffect:
    """The previewed move's effect on the seat's score if the game ended now."""
    seat = view.faction
    now = scoreboard(view)
    won = scoreboard(after(view, move.on_success), settled=False)
    lost = None
    if move.chance is not None:
        lost = scoreboard(after(view, move.on_failure), settled=False)
    mine_now = {o.index: o.met for o in now.lines(seat) if not o.banked}  # banked: kept
    mine_won = {o.index: o.met for o in won.lines(seat) if o.index in mine_now}
    mine_lost = {o.index: o.met for o in lost.lines(seat) if o.index in mine_now} if lost else {}
    names = {o.index: o.name for o in now.lines(seat)}

    def gains(after: dict[int, bool | None]) -> tuple[str, ...]:
        return tuple(names[i] for i, m in after.items() if m and not mine_now[i])

    def losses(after: dict[int, bool | None]) -> tuple[str, ...]:
        return tuple(names[i] for i, m in after.items() if m is False and mine_now[i])

    return MoveEffect(
        before=now.of(seat).total,
        success=won.of(seat).total,
        failure=lost.of(seat).total if lost is not None else None,
        chance=move.chance,
        gained=gains(mine_won),
        lost=losses(mine_won),
        fail_gained=gains(mine_lost),
        fail_lost=losses(mine_lost),
    )
