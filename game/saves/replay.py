"""Replay a save's history from its seed and compare it with what the save recorded."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import IllegalAction, Ruleset, State, StateError
from game.match import Match
from game.saves.format import SaveModel, decode_move


@dataclass
class Mismatch:
    """The first checkpoint where the replay differs from the save."""

    index: int
    round: int
    saved: str
    replayed: str | None


@dataclass
class Replay:
    """The result of replaying a save under some rules."""

    match: Match
    level_changed: bool
    stopped: str | None = None  # why the replay stopped before the last move
    stopped_round: int | None = None
    mismatch: Mismatch | None = None  # first checkpoint whose state hash differs
    snapshot_problem: str | None = None
    checked: int = 0  # checkpoints compared

    @property
    def ok(self) -> bool:
        """True when every move replayed and every checkpoint and the snapshot match."""
        return self.stopped is None and self.mismatch is None and self.snapshot_problem is None

    @property
    def divergence(self) -> int | None:
        """The first round where play differs from the save, or None."""
        rounds = [
            r
            for r in (self.mismatch.round if self.mismatch else None, self.stopped_round)
            if r is not None
        ]
        return min(rounds) if rounds else None


def move_label(model: SaveModel, i: int) -> str:
    """'move 7 (round 2, red: agitate → capital)'."""
    m = model.moves[i]
    what = m.action or "end turn"
    if m.target:
        what += f" → {m.target}"
    return f"move {i + 1} (round {m.round}, {m.faction}: {what})"


def replay(model: SaveModel, rules: Ruleset) -> Replay:
    """Play the save's moves from its seed under `rules`, stopping at the first bad move.

    State hashes ignore the level files' fingerprint, so under changed files the
    comparison finds the first round where the position really differs.
    """
    changed = rules.fingerprint != model.level.fingerprint
    match = Match.new(rules, model.seed)
    match.seats = [model.seats.get(f.id, "") for f in rules.factions] if model.seats else []
    result = Replay(match, changed)
    for i, record in enumerate(model.moves):
        label = move_label(model, i)
        if match.is_over:
            result.stopped = f"{label} comes after the end of the game"
        else:
            try:
                faction, action = decode_move(rules, record)
            except KeyError as exc:
                result.stopped = f"{label}: {exc.args[0]}"
            else:
                if faction != match.active:
                    who = rules.factions[match.active].id
                    result.stopped = f"{label} was made out of turn (it is {who}'s turn)"
                elif record.round != match.state.round:
                    result.stopped = (
                        f"{label} is recorded in round {record.round} but the "
                        f"game is in round {match.state.round}"
                    )
                else:
                    try:
                        match.play(action, record.reason)
                    except IllegalAction as exc:
                        result.stopped = f"{label} is illegal: {exc.reason}"
        if result.stopped is not None:
            result.stopped_round = match.state.round
            break
    _compare(model, result)
    if result.stopped is None and not changed:
        _check_snapshot(model, rules, match, result)
    return result


def _compare(model: SaveModel, result: Replay) -> None:
    match = result.match
    replayed = match.round_hashes
    for i, saved in enumerate(model.checkpoints):
        mine = replayed[i] if i < len(replayed) else None
        if mine is None and result.stopped is not None:
            return  # the replay stopped before this checkpoint; `stopped` explains it
        expected = saved.hash
        result.checked = i + 1
        if mine != expected:
            result.mismatch = Mismatch(i, saved.round, expected, mine)
            return
    if result.stopped is None and len(replayed) > len(model.checkpoints):
        i = len(model.checkpoints)
        result.mismatch = Mismatch(i, match.round_numbers[i], "(none)", replayed[i])


def _check_snapshot(model: SaveModel, rules: Ruleset, match: Match, result: Replay) -> None:
    try:
        snapshot = State.from_dict(rules, model.state)
    except StateError as exc:
        result.snapshot_problem = f"the saved state does not fit the level: {exc}"
        return
    if snapshot.hash() != match.state.hash():
        result.snapshot_problem = (
            "the saved state differs from the state its moves lead to "
            "(the file was edited or corrupted)"
        )
