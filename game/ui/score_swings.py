"""Each faction's biggest swing in points over a finished game: the move or news that
changed its score-if-the-game-ended-now the most, what did it and which objectives it
turned. The game is over, so the score is worked out from the whole state.

Rebuilt by replaying the match's moves from its seed, like `game.ui.story`.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import State, new_game, step
from game.engine.log import LogEntry
from game.engine.scoreboard import Scoreboard, scoreboard_for
from game.match import Match
from game.ui.story import cause_text


@dataclass(frozen=True)
class Swing:
    """One faction's biggest swing: in `round`, its score moved by `delta`, most of it
    from `cause`; `turned` names the objectives it met or lost ('Keep Air Base 201 -18');
    `also` the other moves or news of the same step that turned some, with theirs."""

    faction: int
    round: int
    delta: int
    cause: str
    turned: tuple[str, ...]
    also: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def text(self, round_name: str) -> str:
        """'Week 13, -24 VP — Junta: Restrict, then close, the U.S. bases (Keep Air Base
        201 -18, Sahel lost -6)'; with others: '… (Keep calm -3); and The window narrows
        (Talks open -2)'."""
        parts = [(self.cause, self.turned), *self.also]
        said = [f"{cause} ({', '.join(turned)})" if turned else cause for cause, turned in parts]
        return f"{round_name} {self.round}, {self.delta:+d} VP — " + "; and ".join(said)


def _totals(board: Scoreboard) -> list[int]:
    return [score.total.lo for score in board.factions]


def _turned(before: Scoreboard, after: Scoreboard, faction: int) -> tuple[str, ...]:
    """The objectives whose count changed between two boards, with the change."""
    out = []
    for was, now in zip(before.lines(faction), after.lines(faction), strict=True):
        change = now.counts.lo - was.counts.lo
        if now.banked and not was.banked:
            change += now.worth.lo  # banked: it moved from 'counts' into 'earned'
        if change:
            out.append(f"{now.name} {change:+d}")
    bonus = after.of(faction).bonus.lo - before.of(faction).bonus.lo
    if bonus:
        out.append(f"the ending's bonus {bonus:+d}")
    return tuple(out)


def _causes(
    before: State, entries: list[LogEntry], faction: int
) -> list[tuple[LogEntry, tuple[str, ...]]]:
    """The entries of one step that moved `faction`'s score, largest first (the earlier
    on ties), each with the objectives it turned, found by replaying the step's logged
    changes one entry at a time on a copy of the state before it."""
    trial = before.clone()
    last = scoreboard_for(trial, -1)
    found: list[tuple[int, int, LogEntry, tuple[str, ...]]] = []
    for n, entry in enumerate(entries):
        if not entry.changes:
            continue
        for slot, delta in entry.changes:
            trial.v[slot] += delta
        now = scoreboard_for(trial, -1)
        size = abs(_totals(now)[faction] - _totals(last)[faction])
        if size:
            found.append((-size, n, entry, _turned(last, now, faction)))
        last = now
    return [(entry, turned) for _, _, entry, turned in sorted(found, key=lambda f: f[:2])]


_Pick = tuple[int, int, State, Scoreboard, Scoreboard, list[LogEntry]]


def biggest_swings(match: Match) -> list[Swing | None]:
    """For each faction, the step of the game that changed its score (if the game ended
    then) the most, earliest on ties; None for a faction whose score never moved."""
    rules = match.rules
    state = new_game(rules, match.seed)
    board = scoreboard_for(state, -1)
    picks: dict[int, _Pick] = {}
    for move in match.history:
        if state.is_over:
            break
        before = state.clone()
        entries: list[LogEntry] = []
        step(state, move.action, entries)
        after = scoreboard_for(state, -1)
        for f, (old, new) in enumerate(zip(_totals(board), _totals(after), strict=True)):
            if abs(new - old) > (picks[f][0] if f in picks else 0):
                picks[f] = (abs(new - old), new - old, before, board, after, entries)
        board = after
    swings: list[Swing | None] = []
    for f in range(len(rules.factions)):
        if f not in picks:
            swings.append(None)
            continue
        _, delta, before, was, now, entries = picks[f]
        causes = _causes(before, entries, f)
        if not causes:  # no one entry did it: the step as a whole, named by its first
            causes = [(entries[0], _turned(was, now, f))]
        (first, turned), rest = causes[0], causes[1:]
        also = tuple((cause_text(match, e), t) for e, t in rest if t)
        swings.append(Swing(f, first.round, delta, cause_text(match, first), turned, also))
    return swings
