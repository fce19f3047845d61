"""The story of a finished game: the main tracks round by round, and its turning points.

Rebuilt by replaying the match's moves from its seed (the engine is deterministic),
so it works the same for a game played now and one loaded from a save.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import State, new_game, step
from game.engine.log import EVENT, LogEntry, headline_of
from game.engine.ruleset import TRACK
from game.match import Match


@dataclass(frozen=True)
class Series:
    """One track's value at the start of each round (and at the end of the game)."""

    slot: int
    name: str
    lo: int
    hi: int
    values: tuple[int, ...]
    danger: bool
    labels: tuple[tuple[int, str], ...] = ()

    def label(self, value: int) -> str:
        """The designer's word for a value ('detained'), or the number."""
        return dict(self.labels).get(value, str(value))


@dataclass(frozen=True)
class Moment:
    """A turning point: the round a track swung most, and the news of that round."""

    round: int
    slot: int
    name: str
    before: str
    after: str
    headlines: tuple[str, ...]

    @property
    def text(self) -> str:
        """'Escalation 2 to 5 — Nigeria cuts power…'."""
        news = f" — {self.headlines[0]}" if self.headlines else ""
        return f"{self.name} {self.before} to {self.after}{news}"


def main_tracks(match: Match) -> list[int]:
    """Slots of the shared tracks worth charting (public tracks, clock and escalation first)."""
    rules = match.rules
    slots = [s for s in (rules.escalation_slot, rules.clock_slot) if s >= 0]
    for var in rules.vars:
        if var.kind == TRACK and not var.hidden and not var.private and var.index not in slots:
            slots.append(var.index)
    return slots[:6]


def round_snapshots(match: Match) -> list[list[int]]:
    """Values at the start of each round's play (after its news), plus the final values."""
    rules = match.rules
    state: State = new_game(rules, match.seed)
    snaps = [state.v[:]]
    current = state.round
    for move in match.history:
        if state.is_over:
            break
        step(state, move.action)
        if state.round != current:
            current = state.round
            snaps.append(state.v[:])
    if state.is_over or snaps[-1] != match.state.v:
        snaps.append(match.state.v[:])
    return snaps


def track_series(match: Match) -> list[Series]:
    """The main tracks over the game."""
    rules = match.rules
    snaps = round_snapshots(match)
    return [
        Series(
            s,
            rules.vars[s].name,
            rules.lo[s],
            rules.hi[s],
            tuple(v[s] for v in snaps),
            rules.vars[s].danger,
            rules.vars[s].labels,
        )
        for s in main_tracks(match)
    ]


def _headlines(log: list[LogEntry], match: Match, round_no: int) -> tuple[str, ...]:
    rules = match.rules
    return tuple(
        headline_of(rules, e)
        for e in log
        if e.kind == EVENT and e.round == round_no and e.visible_to < 0
    )


def key_moments(match: Match, count: int = 3) -> list[Moment]:
    """The `count` largest swings of the main tracks between consecutive rounds
    (relative to each track's range), earliest first, with that round's headlines."""
    swings: list[tuple[float, Moment]] = []
    every = track_series(match)
    moving = [s for s in every if s.slot != match.rules.clock_slot]
    for series in moving or every:
        span = max(1, series.hi - series.lo)
        for i in range(1, len(series.values)):
            before, after = series.values[i - 1], series.values[i]
            if before == after:
                continue
            round_no = min(i + 1, match.state.round)
            news = _headlines(match.log, match, i) + _headlines(match.log, match, round_no)
            var = match.rules.vars[series.slot]
            moment = Moment(i, series.slot, series.name, var.label(before), var.label(after), news)
            swings.append((abs(after - before) / span, moment))
    swings.sort(key=lambda item: -item[0])
    chosen: list[Moment] = []
    used_rounds: set[int] = set()
    for _, moment in swings:
        if moment.round in used_rounds:
            continue
        chosen.append(moment)
        used_rounds.add(moment.round)
        if len(chosen) == count:
            break
    return sorted(chosen, key=lambda m: m.round)


def outcome_sentence(match: Match) -> str:
    """Who won and why, in one sentence."""
    rules = match.rules
    state = match.state
    if state.outcome < 0:
        return "The game was stopped before its end."
    outcome = rules.outcomes[state.outcome]
    who = f"{rules.factions[state.winner].name} wins" if state.winner >= 0 else "Nobody wins"
    return f"{who}: {outcome.headline}"
