"""The story of a finished game: the main tracks round by round, and its turning points.

Rebuilt by replaying the match's moves from its seed (the engine is deterministic),
so it works the same for a game played now and one loaded from a save.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import State, new_game, step
from game.engine.grammar import verb
from game.engine.log import ACTION, EVENT, ROUND, UPKEEP, LogEntry, headline_of
from game.engine.ruleset import (
    REGION_TARGET,
    TIE_OBJECTIVES,
    TRACK,
    WINNER_MOST_POINTS,
    band_label,
)
from game.engine.scoring import objectives_met
from game.match import Match
from game.ui.wording import described, inside, possessive


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
        """The designer's word for the band a value is in ('detained'), or the number."""
        return band_label(self.labels, value)


@dataclass(frozen=True)
class Moment:
    """A turning point: the round a track swung most, what caused it, and that round's news.

    `cause` names the action, event or upkeep rule that moved the track most in that
    stretch of play (with its share of the swing); '' if the log does not show it.
    """

    round: int
    slot: int
    name: str
    before: str
    after: str
    headlines: tuple[str, ...]
    cause: str = ""
    seen: int = 0  # the round its main cause happened in (next round's news), 0: `round`

    @property
    def week(self) -> int:
        """The round a player saw it happen: its main cause's (the news that opened the
        next round, say), else the round of play it belongs to."""
        return self.seen or self.round

    @property
    def text(self) -> str:
        """'Escalation: 2 → 5 — ECOWAS: Set D-Day (+2)' (the cause, else the round's news);
        a labelled value reads as its words ("Bazoum's phone line: open → cut")."""
        why = self.cause or (self.headlines[0] if self.headlines else "")
        return f"{self.name}: {self.before} → {self.after}" + (f" — {why}" if why else "")


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
    (relative to each track's range), earliest first, with that round's headlines. When an
    instant outcome ended the game, the last swing of a track it reads comes first: it is
    the swing that ended the game (a war's final rise, not an earlier flip of a switch)."""
    swings: list[tuple[float, Moment]] = []
    every = track_series(match)
    moving = [s for s in every if s.slot != match.rules.clock_slot]
    ending = _ending_slots(match)
    for series in moving or every:
        span = max(1, series.hi - series.lo)
        values = series.values
        changed = [i for i in range(1, len(values)) if values[i - 1] != values[i]]
        last = changed[-1] if changed and series.slot in ending else -1
        for i in range(1, len(series.values)):
            before, after = series.values[i - 1], series.values[i]
            if before == after:
                continue
            round_no = min(i + 1, match.state.round)
            news = _headlines(match.log, match, i) + _headlines(match.log, match, round_no)
            var = match.rules.vars[series.slot]
            cause = cause_of(match, series.slot, i, after - before)
            movers = _movers(match, series.slot, i, after - before)
            seen = movers[0][1].round if movers else 0
            was, now = var.label(before), var.label(after)
            if was == now:  # a swing inside one band: 'calm to calm' says nothing
                was, now = str(before), str(after)
            moment = Moment(i, series.slot, series.name, was, now, news, cause, seen)
            weight = abs(after - before) / span + (2.0 if i == last else 0.0)
            swings.append((weight, moment))
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


def _ending_slots(match: Match) -> frozenset[int]:
    """The slots the instant outcome that ended the game reads (empty otherwise)."""
    outcome = match.state.outcome
    if outcome < 0:
        return frozenset()
    ended = match.rules.outcomes[outcome]
    return frozenset(ended.reads or ()) if ended.instant else frozenset()


def segments(log: list[LogEntry]) -> list[tuple[int, LogEntry]]:
    """Each log entry with the stretch of play it belongs to: stretch i runs from the
    start of round i's turns to the end of round i+1's news (the span between two
    round snapshots); round 1's news is stretch 0."""
    out: list[tuple[int, LogEntry]] = []
    in_news = False
    for entry in log:
        if entry.kind == ROUND:
            in_news = True
            continue
        if entry.kind != EVENT:
            in_news = False
        out.append((entry.round - 1 if in_news else entry.round, entry))
    return out


def cause_text(match: Match, entry: LogEntry) -> str:
    """What an entry was, for a turning point: 'ECOWAS: Set D-Day', a headline, a rule."""
    rules = match.rules
    if entry.kind == ACTION:
        action = rules.actions[entry.ref]
        where = ""
        if entry.target >= 0 and action.target_kind == REGION_TARGET:
            where = f" in {rules.regions[entry.target].name}"
        return f"{rules.factions[entry.faction].short}: {action.name}{where}"
    if entry.kind == EVENT:
        return headline_of(rules, entry) or rules.events[entry.ref].name
    if entry.kind == UPKEEP:
        return rules.upkeep[entry.ref].name
    return described(rules, entry)


def _movers(match: Match, slot: int, stretch: int, swing: int) -> list[tuple[int, LogEntry]]:
    """The entries of that stretch that moved `slot` in the swing's direction, each with
    its delta's size, biggest first, then in order of play."""
    movers: list[tuple[int, int, LogEntry]] = []
    for n, (i, entry) in enumerate(segments(match.log)):
        if i != stretch:
            continue
        delta = sum(d for s, d in entry.changes if s == slot)
        if delta and (delta > 0) == (swing > 0):
            movers.append((-abs(delta), n, entry))
    movers.sort(key=lambda m: (m[0], m[1]))
    return [(-size, entry) for size, _, entry in movers]


def cause_of(match: Match, slot: int, stretch: int, swing: int) -> str:
    """The entries of that stretch that moved `slot` in the swing's direction, biggest
    first, each with its delta: the one that did it all ('ECOWAS: Set D-Day (+2)'), else
    the two biggest and how many more ('A (+1), B (+1) and 3 more'); '' if none did."""
    movers = _movers(match, slot, stretch, swing)
    if not movers:
        return ""
    named = [f"{cause_text(match, e)} ({size if swing > 0 else -size:+d})" for size, e in movers]
    if movers[0][0] >= abs(swing) or len(named) == 1:
        return named[0]
    rest = len(named) - 2
    return ", ".join(named[:2]) + (f" and {rest} more" if rest > 0 else "")


def outcome_sentence(match: Match) -> str:
    """Who won and why, in one sentence: the points, where they came from, any tie-break."""
    rules = match.rules
    state = match.state
    if state.outcome < 0:
        return "The game was stopped before its end."
    outcome = rules.outcomes[state.outcome]
    how = outcome.headline.rstrip(".")
    how = how[:1].lower() + how[1:] if how[:2] != how[:2].upper() else how
    lay = rules.layout
    final = state.v[lay.vp : lay.vp + len(rules.factions)]
    names = [f.name for f in rules.factions]
    if outcome.winner != WINNER_MOST_POINTS:
        who = verb(names[state.winner], "wins", "win") if state.winner >= 0 else "Nobody wins"
        return f"{who}: {outcome.headline}"
    best = max(final)
    tied = [i for i, p in enumerate(final) if p == best]
    if state.winner < 0:
        level = " and ".join(inside(names[i]) for i in tied)
        return f"Nobody wins: {level} tie on {best} points — {how}."
    w = state.winner
    others = sorted((p, i) for i, p in enumerate(final) if i != w)
    runner_points, runner = others[-1] if others else (0, w)
    gains = _gains(match, w)
    source = (
        ", mostly from " + " and ".join(f"{name} (+{pts})" for name, pts in gains[:2])
        if gains
        else ""
    )
    if len(tied) > 1:
        met = objectives_met(state)
        if TIE_OBJECTIVES in rules.tie_break and met[w] > met[runner]:
            why = f"meeting more objectives ({met[w]} to {met[runner]})"
        else:
            why = "the level's tie-break order"
        return (
            f"{verb(names[w], 'wins', 'win')} the tie with {inside(names[runner])} at {best}"
            f" points on {why}{source} — {how}."
        )
    return (
        f"{verb(names[w], 'wins', 'win')} with {best} points to"
        f" {possessive(inside(names[runner]))} {runner_points}{source} — {how}."
    )


def _gains(match: Match, faction: int) -> list[tuple[str, int]]:
    """A faction's biggest scores at the end: objectives met and the outcome's bonus."""
    rules = match.rules
    state = match.state
    lay = rules.layout
    gains: list[tuple[str, int]] = []
    for obj in rules.objectives:
        if obj.faction != faction or obj.points <= 0:
            continue
        held = obj.scoring == "end" and obj.when(state, -1)
        reached = obj.scoring == "first_time" and state.v[lay.reached + obj.index]
        if (held or reached) and obj.worth(state) > 0:
            gains.append((obj.name, obj.worth(state)))
    bonus = rules.outcomes[state.outcome].bonus(state, faction)
    if bonus > 0:
        gains.append((f"the {rules.outcomes[state.outcome].name.lower()} bonus", bonus))
    return sorted(gains, key=lambda g: -g[1])


def last_lines(match: Match, viewer: int = -1, count: int = 6) -> list[str]:
    """The last few log lines as `viewer` may read them."""
    return [described(match.rules, e, viewer) for e in match.log[-count:]]
