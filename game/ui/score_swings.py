"""Each faction's biggest swing in points over a finished game: the move or news that
changed its score-if-the-game-ended-now the most, what did it and which objectives it
turned. The game is over, so the score is worked out from the whole state.

Rebuilt by replaying the match's moves from its seed, like `game.ui.story`.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import State, new_game, step
from game.engine.log import OUTCOME, LogEntry
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


_Turn = tuple[str, int]  # an objective (or "the ending's bonus") and its change in points


def _turns(before: Scoreboard, after: Scoreboard, faction: int) -> list[_Turn]:
    """The objectives whose count changed between two boards, with the change."""
    out = []
    for was, now in zip(before.lines(faction), after.lines(faction), strict=True):
        change = now.counts.lo - was.counts.lo
        if now.banked and not was.banked:
            change += now.worth.lo  # banked: it moved from 'counts' into 'earned'
        if change:
            out.append((now.name, change))
    bonus = after.of(faction).bonus.lo - before.of(faction).bonus.lo
    if bonus:
        out.append(("the ending's bonus", bonus))
    return out


def _said(turns: list[_Turn]) -> tuple[str, ...]:
    return tuple(f"{name} {change:+d}" for name, change in turns)


def _causes(
    before: State, entries: list[LogEntry], faction: int, after: Scoreboard
) -> list[tuple[LogEntry, list[_Turn]]]:
    """The entries of one step that turned `faction`'s objectives the way the whole step
    did, largest first (the earlier on ties), each with those objectives. Found by
    replaying the step's logged changes one entry at a time on a copy of the state before
    it; a turn undone later in the step is no one's doing, and the ending the step
    reached (its bonus, its final count) is the doing of the entry that brought it on."""
    trial = before.clone()
    start = last = scoreboard_for(trial, -1)
    net = dict(_turns(start, after, faction))
    found: dict[int, list[_Turn]] = {}
    trigger = -1
    for n, entry in enumerate(entries):
        if entry.kind == OUTCOME and trigger >= 0:
            found.setdefault(trigger, []).extend(_turns(last, after, faction))
            continue
        if not entry.changes:
            continue
        for slot, delta in entry.changes:
            trial.v[slot] += delta
        now = scoreboard_for(trial, -1)
        found.setdefault(n, []).extend(_turns(last, now, faction))
        last, trigger = now, n
    kept = []
    for n, turns in found.items():
        same = [(name, c) for name, c in turns if net.get(name, 0) * c > 0]
        if same:
            kept.append((-abs(sum(c for _, c in same)), n, same))
    return [(entries[n], same) for _, n, same in sorted(kept)]


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
        causes = _causes(before, entries, f, now)
        if not causes:  # no one entry did it: the step as a whole, named by its first
            causes = [(entries[0], _turns(was, now, f))]
        (first, turns), rest = causes[0], causes[1:]
        also = tuple((cause_text(match, e), _said(t)) for e, t in rest)
        text = cause_text(match, first)
        swings.append(Swing(f, first.round, delta, text, _said(turns), also))
    return swings
