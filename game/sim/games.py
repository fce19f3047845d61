"""One simulated game, as a worker runs it: level payload in, plain summary out.

Workers (processes or Ray tasks) receive the level as its YAML files' bytes, write
them once to a private temporary folder and compile them there, so the same job
runs on a machine that does not have the level. Each game's seed comes from the
base seed and the game's index only, so results do not depend on scheduling.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.ai import Line
from game.content import load_level
from game.content.expr import compile_expr
from game.content.loader import level_files
from game.content.problems import Problem
from game.content.scope import LevelScope, symbols_of
from game.content.value_file import VALUE_FILE
from game.engine import Ruleset, new_game, step
from game.engine.log import EVENT, ROUND, LogEntry
from game.engine.ruleset import TRACK
from game.headless import play_match
from game.match import Match
from game.sim.deal_report import deal_moments


@dataclass(frozen=True)
class LevelPayload:
    """A level's YAML files by name, small enough to ship to workers."""

    name: str
    files: tuple[tuple[str, bytes], ...]

    @classmethod
    def from_folder(cls, folder: Path) -> LevelPayload:
        """Read the files of a level folder `load_level` reads (YAML, and its value model)."""
        problems: list[Problem] = []
        paths = level_files(folder, problems)
        if (folder / VALUE_FILE).is_file():
            paths.append(folder / VALUE_FILE)
        return cls(folder.name, tuple((p.name, p.read_bytes()) for p in paths))

    @property
    def key(self) -> str:
        """A digest identifying these exact files."""
        digest = hashlib.sha256()
        for name, data in self.files:
            digest.update(name.encode() + b"\0" + data + b"\0")
        return digest.hexdigest()[:16]


@dataclass(frozen=True)
class GameSpec:
    """What every game of a batch shares."""

    level: LevelPayload
    seats: tuple[str, ...]
    base_seed: int
    budget_ms: int | None = None
    probes: tuple[str, ...] = ()  # expressions to evaluate at the start of every round
    lines: tuple[Line, ...] = ()  # the lines of play `+line=NAME` seats keep to


@dataclass
class GameResult:
    """The summary of one finished game (picklable, no engine objects)."""

    index: int
    seed: int
    winner: str | None
    outcome: str
    rounds: int
    scores: dict[str, int]
    actions: dict[str, int] = field(default_factory=dict)  # action id -> times used
    passes: dict[str, int] = field(default_factory=dict)  # faction id -> turns ended
    events: dict[str, int] = field(default_factory=dict)  # event id -> times fired
    tracks: dict[str, list[int]] = field(default_factory=dict)  # track -> value per round
    # 'actions.<id>' / 'events.<id>' -> the first round it was used / fired
    first: dict[str, int] = field(default_factory=dict)
    # probe expression -> its truth at the start of each round's play, then at the end
    probes: dict[str, list[bool]] = field(default_factory=dict)
    # deal id -> moment ('offered', 'accepted', 'kept'...) -> times (deals offered only)
    deals: dict[str, dict[str, int]] = field(default_factory=dict)


def game_seed(base_seed: int, index: int) -> int:
    """The seed of game `index` of a batch: a hash of both, so neighbours are unrelated."""
    digest = hashlib.blake2b(f"{base_seed}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") & ((1 << 63) - 1)


_LOADED: dict[str, Ruleset] = {}
_TEMP: list[str] = []


def _cleanup() -> None:
    for folder in _TEMP:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_cleanup)


def rules_for(level: LevelPayload) -> Ruleset:
    """Compile a shipped level once per process; raises ContentError if it is broken."""
    key = level.key
    if key not in _LOADED:
        root = tempfile.mkdtemp(prefix="sahel-sim-")
        _TEMP.append(root)
        folder = Path(root) / level.name
        folder.mkdir()
        for name, data in level.files:
            (folder / Path(name).name).write_bytes(data)
        _LOADED[key] = load_level(folder)
    return _LOADED[key]


def track_history(rules: Ruleset, log: list[LogEntry]) -> dict[str, list[int]]:
    """Each visible track's value at the start (index 0) and at the end of every round
    played, rebuilt from the log's recorded changes."""
    n = rules.layout.n_vars
    values = list(rules.initial[:n])
    tracks = [v for v in rules.vars if v.kind == TRACK and not v.hidden]
    history: dict[str, list[int]] = {t.key: [values[t.index]] for t in tracks}
    for entry in log:
        if entry.kind == ROUND and entry.round > 1:
            for t in tracks:
                history[t.key].append(values[t.index])
        for slot, delta in entry.changes:
            if slot < n:
                values[slot] += delta
    for t in tracks:
        history[t.key].append(values[t.index])
    return history


def play_game(spec: GameSpec, index: int) -> GameResult:
    """Play game `index` of a batch to the end and summarise it."""
    rules = rules_for(spec.level)
    seed = game_seed(spec.base_seed, index)
    lines = {line.name: line for line in spec.lines}
    match = play_match(rules, seed, list(spec.seats), budget_ms=spec.budget_ms, lines=lines)
    state = match.state
    faction_ids = [f.id for f in rules.factions]
    actions: Counter[str] = Counter()
    passes: Counter[str] = Counter()
    for move in match.history:
        if move.action.action < 0:
            passes[faction_ids[move.faction]] += 1
        else:
            actions[rules.actions[move.action.action].id] += 1
    lay = rules.layout
    # counters, not log lines: an event whose branch prints nothing leaves no line
    events = {
        e.id: state.v[lay.fired + e.index] for e in rules.events if state.v[lay.fired + e.index]
    }
    first: dict[str, int] = {}
    for move in match.history:
        if move.action.action >= 0:
            first.setdefault(f"actions.{rules.actions[move.action.action].id}", move.round)
    for entry in match.log:
        if entry.kind == EVENT:
            first.setdefault(f"events.{rules.events[entry.ref].id}", entry.round)
    for e in rules.events:  # silent once-only events: their last round is their first
        if events.get(e.id):
            first.setdefault(f"events.{e.id}", state.v[lay.fired_last + e.index])
    final = state.v[rules.layout.vp : rules.layout.vp + len(faction_ids)]
    return GameResult(
        index=index,
        seed=seed,
        winner=faction_ids[state.winner] if state.winner >= 0 else None,
        outcome=rules.outcomes[state.outcome].id if state.outcome >= 0 else "unfinished",
        rounds=state.round,
        scores=dict(zip(faction_ids, final, strict=True)),
        actions=dict(actions),
        passes=dict(passes),
        events=events,
        tracks=track_history(rules, match.log),
        first=first,
        probes=probe_history(rules, match, spec.probes) if spec.probes else {},
        deals=deal_moments(rules, dict(actions), match.log),
    )


_PROBES: dict[tuple[int, str], Any] = {}


def probe_history(rules: Ruleset, match: Match, probes: tuple[str, ...]) -> dict[str, list[bool]]:
    """Each probe's truth at the start of every round's play (after its news) and at the
    end, by replaying the game's moves from its seed (the engine is deterministic).

    Raises ExprError if a probe does not compile (expectation files are checked first).
    """
    fns = []
    for text in probes:
        key = (id(rules), text)
        if key not in _PROBES:
            _PROBES[key] = compile_expr(text, LevelScope(symbols_of(rules))).fn
        fns.append(_PROBES[key])
    state = new_game(rules, match.seed)
    out: dict[str, list[bool]] = {text: [] for text in probes}

    def snap() -> None:
        for text, fn in zip(probes, fns, strict=True):
            out[text].append(bool(fn(state, -1)))

    snap()
    current = state.round
    for move in match.history:
        if state.is_over:
            break
        step(state, move.action)
        if state.round != current and not state.is_over:
            current = state.round
            snap()
    snap()
    return out


def play_games(spec: GameSpec, indices: list[int]) -> list[GameResult]:
    """Play several games of a batch in this process (one task of a worker)."""
    return [play_game(spec, i) for i in indices]
