"""Soak test: play many random games and check every invariant along the way.

    nice -n 10 python tools/soak.py --games 10000

For every game (uniformly random legal moves, levels in turn, seeds base..base+N):
- no exception anywhere;
- after every move, every value is within its declared bounds and the counters
  (round, turn, action points, outcome, winner) are in range;
- at every round (and at the end) the match survives a save round-trip: the save
  bytes parse, replay from the seed and give the same state, round hashes and log;
- the state hash is deterministic (recomputed, and rebuilt from its snapshot).
Exit 0 when there are no exceptions and no violations, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.content import ContentError, load_level  # noqa: E402
from game.engine import Ruleset, State, StateError, legal_actions  # noqa: E402
from game.match import Match  # noqa: E402
from game.saves import dumps, match_from_model, parse  # noqa: E402

MAX_MOVES = 20_000


@dataclass
class Report:
    """What a soak run found."""

    games: int = 0
    moves: int = 0
    checkpoints: int = 0
    roundtrips: int = 0
    exceptions: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    per_level: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when nothing went wrong."""
        return not self.exceptions and not self.violations

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (at most 20 problems of each kind are listed)."""
        return {
            "games": self.games,
            "moves": self.moves,
            "checkpoints": self.checkpoints,
            "save_roundtrips": self.roundtrips,
            "exceptions": len(self.exceptions),
            "violations": len(self.violations),
            "per_level": self.per_level,
            "outcomes": self.outcomes,
            "seconds": round(self.seconds, 1),
            "first_exceptions": self.exceptions[:20],
            "first_violations": self.violations[:20],
        }


def default_levels() -> list[Path]:
    """Every shipped level that loads, plus the engine's mini test level."""
    folders = [ROOT / "tests" / "levels" / "mini"]
    levels_dir = ROOT / "levels"
    if levels_dir.is_dir():
        folders += sorted(p for p in levels_dir.iterdir() if p.is_dir())
    return folders


def check_state(state: State, where: str, out: list[str]) -> None:
    """Record a violation for every value or counter out of its bounds."""
    rules = state.rules
    v = state.v
    for i in range(rules.layout.n_vars):
        if not rules.lo[i] <= v[i] <= rules.hi[i]:
            out.append(
                f"{where}: {rules.vars[i].key} = {v[i]} outside [{rules.lo[i]}, {rules.hi[i]}]"
            )
    if not 1 <= state.round <= rules.rounds:
        out.append(f"{where}: round {state.round} outside 1..{rules.rounds}")
    if not 0 <= state.turn <= len(rules.order):
        out.append(f"{where}: turn {state.turn} out of range")
    if not 0 <= state.ap <= 1000:
        out.append(f"{where}: action points {state.ap} out of range")
    if state.outcome >= len(rules.outcomes) or state.winner >= len(rules.factions):
        out.append(f"{where}: outcome {state.outcome} / winner {state.winner} out of range")
    if state.hash() != state.hash():
        out.append(f"{where}: state hash is not deterministic")
    try:
        if State.from_dict(rules, state.to_dict()).hash() != state.hash():
            out.append(f"{where}: snapshot round-trip changes the state hash")
    except StateError as exc:
        out.append(f"{where}: the state's own snapshot is refused: {exc}")


def roundtrip(match: Match, where: str, out: list[str]) -> None:
    """Save to bytes, parse, replay from the seed; record any difference."""
    loaded = match_from_model(parse(dumps(match)), match.rules, where)
    if loaded.state.hash() != match.state.hash():
        out.append(f"{where}: loaded state differs from the saved one")
    if loaded.round_hashes != match.round_hashes:
        out.append(f"{where}: replayed round hashes differ")
    if loaded.log != match.log:
        out.append(f"{where}: replayed log differs")


def play_one(rules: Ruleset, seed: int, report: Report) -> None:
    """Play one random game with every check on."""
    rng = random.Random(seed)
    match = Match.new(rules, seed)
    tag = f"{rules.level_id} seed {seed}"
    check_state(match.state, f"{tag} start", report.violations)
    checkpoints = len(match.round_hashes)
    for _ in range(MAX_MOVES):
        if match.is_over:
            break
        legal = legal_actions(match.state)
        if not legal:
            report.violations.append(f"{tag} round {match.state.round}: no legal move")
            return
        match.play(rng.choice(legal))
        report.moves += 1
        where = f"{tag} move {len(match.history)}"
        check_state(match.state, where, report.violations)
        if len(match.round_hashes) != checkpoints:
            checkpoints = len(match.round_hashes)
            report.checkpoints += 1
            roundtrip(match, where, report.violations)
            report.roundtrips += 1
    if not match.is_over:
        report.violations.append(f"{tag}: not over after {MAX_MOVES} moves")
        return
    outcome = rules.outcomes[match.state.outcome].id
    key = f"{rules.level_id}:{outcome}"
    report.outcomes[key] = report.outcomes.get(key, 0) + 1


def soak(levels: list[Ruleset], games: int, base_seed: int, progress: bool = False) -> Report:
    """Play `games` random games over `levels` in turn; returns what was found."""
    report = Report()
    start = time.perf_counter()
    for i in range(games):
        rules = levels[i % len(levels)]
        seed = base_seed + i
        try:
            play_one(rules, seed, report)
        except Exception:
            report.exceptions.append(
                f"{rules.level_id} seed {seed}: " + traceback.format_exc(limit=6)
            )
        report.games += 1
        report.per_level[rules.level_id] = report.per_level.get(rules.level_id, 0) + 1
        if progress and (i + 1) % 500 == 0:
            print(
                f"  {i + 1}/{games} games, {len(report.exceptions)} exceptions, "
                f"{len(report.violations)} violations",
                file=sys.stderr,
                flush=True,
            )
    report.seconds = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1, help="seed of the first game")
    parser.add_argument(
        "--level",
        action="append",
        default=[],
        help="level name or folder (repeatable; default: all shipped + mini)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the summary as JSON")
    parser.add_argument("--progress", action="store_true", help="print progress every 500 games")
    args = parser.parse_args(argv)
    levels: list[Ruleset] = []
    for name in args.level or [str(p) for p in default_levels()]:
        try:
            levels.append(load_level(name))
        except ContentError as exc:
            if args.level:
                print(f"cannot load level {name}:\n{exc}", file=sys.stderr)
                return 1
            print(f"skipping level {name}: it does not load", file=sys.stderr)
    report = soak(levels, args.games, args.seed, progress=args.progress)
    summary = report.as_dict()
    per_level = ", ".join(f"{k} {v}" for k, v in report.per_level.items())
    print(
        f"soak: {report.games} games ({per_level}), {report.moves} moves, "
        f"{report.roundtrips} save round-trips, "
        f"{len(report.exceptions)} exceptions, {len(report.violations)} invariant violations, "
        f"{report.seconds:.1f} s"
    )
    for problem in (report.exceptions + report.violations)[:10]:
        print("  " + problem.strip().replace("\n", "\n    "))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
