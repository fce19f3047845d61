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

from game.content import load_level
from game.content.loader import level_files
from game.content.problems import Problem
from game.content.value_file import VALUE_FILE
from game.engine import Ruleset
from game.engine.log import EVENT, ROUND, LogEntry
from game.engine.ruleset import TRACK
from game.headless import play_match


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
    match = play_match(rules, seed, list(spec.seats), budget_ms=spec.budget_ms)
    state = match.state
    faction_ids = [f.id for f in rules.factions]
    actions: Counter[str] = Counter()
    passes: Counter[str] = Counter()
    for move in match.history:
        if move.action.action < 0:
            passes[faction_ids[move.faction]] += 1
        else:
            actions[rules.actions[move.action.action].id] += 1
    events = Counter(rules.events[e.ref].id for e in match.log if e.kind == EVENT)
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
        events=dict(events),
        tracks=track_history(rules, match.log),
    )


def play_games(spec: GameSpec, indices: list[int]) -> list[GameResult]:
    """Play several games of a batch in this process (one task of a worker)."""
    return [play_game(spec, i) for i in indices]
