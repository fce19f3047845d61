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
    from `cause`; `turned` names the objectives it met or lost ('Keep Air Base 201 -18')."""

    faction: int
    round: int
    delta: int
    cause: str
    turned: tuple[str, ...]

    def text(self, round_name: str) -> str:
        """'Week 13, -24 VP — Junta: Restrict, then close, the U.S. bases (Keep Air Base
        201 -18, Sahel lost -6)'."""
        turned = f" ({', '.join(self.turned)})" if self.turned else ""
        return f"{round_name} {self.round}, {self.delta:+d} VP — {self.cause}{turned}"


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


def _cause(match: Match, before: State, entries: list[LogEntry], faction: int) -> LogEntry:
    """The entry of one step that moved `faction`'s score most, by replaying the step's
    logged changes one entry at a time on a copy of the state before it (the step's
    first entry when no single one did)."""
    trial = before.clone()
    last = _totals(scoreboard_for(trial, -1))[faction]
    best, best_size = entries[0], 0
    for entry in entries:
        if not entry.changes:
            continue
        for slot, delta in entry.changes:
            trial.v[slot] += delta
        now = _totals(scoreboard_for(trial, -1))[faction]
        if abs(now - last) > best_size:
            best, best_size = entry, abs(now - last)
        last = now
    return best


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
        cause = _cause(match, before, entries, f)
        text = cause_text(match, cause)
        swings.append(Swing(f, cause.round, delta, text, _turned(was, now, f)))
    return swings
