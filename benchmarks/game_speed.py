"""Whole-game time, before vs after, side by side: `python -m benchmarks.game_speed`.

Plays the same niger_2023 games (every seat `greedy`, `ai:normal` or `ai:hard`) with
several builds of the code, one process at a time (one core), interleaved game by game
so a change in the machine's load hits every build alike; game and decision times are
CPU seconds of the playing process (robust on a shared machine), wall time is shown too:

- `before`: another checkout (`--base DIR`, e.g. `git worktree add /tmp/base 2dc7194`),
- `pure`: this tree with `SAHEL_PURE=1` (the plain-Python modules),
- `compiled`: this tree as installed (the mypyc modules, when built).

Each game runs in a fresh process; the process start-up (imports, level load, the
evaluation model's probe) is timed apart from the game. It also checks that every
build ends each game in the same state (the same decisions, when the builds should
agree) and reports the per-decision p95.

    python -m benchmarks.game_speed --base /tmp/base --games 2 [--seats greedy ai:normal]

`--base` may be repeated (e.g. the issue's reference commit and a compiled build of
this branch's start), so every ratio of a table comes from one run.

By default each build plays its own tree's `niger_2023` (what a designer runs today;
when the level changed since the base commit the games differ). `--level PATH` makes
every build play the same level folder (e.g. the base's own `levels/niger_2023`), which
isolates the code's speed and lets "same games" compare decisions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import machine, median, percentile

HERE = Path(__file__).resolve().parents[1]
LEVEL = "niger_2023"
SEATS = ["greedy", "ai:normal", "ai:hard"]

# Runs inside the measured tree; uses only the public API that every build has.
GAME = r"""
import json, sys, time
t0 = time.perf_counter()
from game.ai import create_agent
try:
    from game.ai.victory import level_model
except ImportError:  # trees from before the evaluate/victory split
    from game.ai.evaluate import level_model
from game.content import load_level
from game.engine import current_faction, legal_actions, new_game, observe, step
from game.headless import seat_rng
level, seat, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rules = load_level(level)
level_model(rules)  # the level model's probe: a start-up cost, paid once per process
n = len(rules.factions)
agents = [create_agent(seat, rules, i) for i in range(n)]
rngs = [seat_rng(seed, i) for i in range(n)]
startup = time.perf_counter() - t0
t1 = time.perf_counter()
c1 = time.process_time()
state = new_game(rules, seed)
times = []
while not state.is_over:
    f = current_faction(state)
    start = time.process_time()
    decision = agents[f].decide(observe(state, f), legal_actions(state), rngs[f])
    times.append(time.process_time() - start)
    step(state, decision.action)
game = time.perf_counter() - t1
cpu = time.process_time() - c1
try:
    import game as pkg
    compiled = bool(getattr(pkg, "compiled", lambda: False)())
except Exception:
    compiled = False
print(json.dumps({"startup": startup, "game": game, "cpu": cpu, "decisions": times,
                  "hash": state.hash(), "compiled": compiled}))
"""


def run_game(tree: Path, pure: bool, seat: str, seed: int, level: str = LEVEL) -> dict[str, Any]:
    """Play one game of `level` in a fresh process inside `tree`; its timings and final hash."""
    env = {k: v for k, v in os.environ.items() if k not in ("SAHEL_PURE", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree)
    if pure:
        env["SAHEL_PURE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", GAME, level, seat, str(seed)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tree} ({seat}, seed {seed}) failed:\n{done.stderr[-1500:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(
    base: Path | list[Path] | None,
    seats: list[str],
    games: int,
    first_seed: int,
    level: str = LEVEL,
) -> dict[str, Any]:
    """Every build's games of `level`, interleaved; a summary per seat setting and build.

    `base`: one or more other checkouts, played as found (compiled where they hold a
    build); the first is "before", any further ones are named by their folder."""
    bases = [] if base is None else [base] if isinstance(base, Path) else base
    builds: list[tuple[str, Path, bool]] = [
        ("before" if k == 0 else tree.name, tree, False) for k, tree in enumerate(bases)
    ]
    builds += [("pure", HERE, True), ("compiled", HERE, False)]
    out: dict[str, Any] = {"machine": machine(), "level": level, "games": games, "rows": []}
    for seat in seats:
        results: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in builds}
        for seed in range(first_seed, first_seed + games):
            for name, tree, pure in builds:
                results[name].append(run_game(tree, pure, seat, seed, level))
                print(
                    f"  {seat} seed {seed} {name}: {results[name][-1]['game']:.2f} s",
                    file=sys.stderr,
                )
        reference = [r["hash"] for r in results[builds[0][0]]]
        for name, _, _ in builds:
            runs = results[name]
            decisions = [t for r in runs for t in r["decisions"]]
            out["rows"].append(
                {
                    "seats": seat,
                    "build": name,
                    "compiled": all(r["compiled"] for r in runs),
                    "game_s": median([r["game"] for r in runs]),
                    "game_cpu_s": sum(r["cpu"] for r in runs) / len(runs),
                    "startup_s": median([r["startup"] for r in runs]),
                    "decision_p50_ms": 1000 * percentile(decisions, 50),
                    "decision_p95_ms": 1000 * percentile(decisions, 95),
                    "decisions": len(decisions),
                    "same_games": [r["hash"] for r in runs] == reference,
                }
            )
    out["machine"]["load_average_end"] = round(os.getloadavg()[0], 2)
    return out


def table(report: dict[str, Any]) -> str:
    """The report as a Markdown table (CPU time ratios against the first build)."""
    lines = [
        "| seats | build | game CPU (mean) | × vs first | wall (median) | start-up "
        "| decision p50 | p95 | same games |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    first: dict[str, float] = {}
    for row in report["rows"]:
        first.setdefault(row["seats"], row["game_cpu_s"])
        ratio = first[row["seats"]] / row["game_cpu_s"] if row["game_cpu_s"] else 0.0
        lines.append(
            f"| {row['seats']} | {row['build']}{' (mypyc)' if row['compiled'] else ''} "
            f"| {row['game_cpu_s']:.2f} s | {ratio:.2f}× | {row['game_s']:.2f} s "
            f"| {row['startup_s']:.2f} s "
            f"| {row['decision_p50_ms']:.1f} ms | {row['decision_p95_ms']:.1f} ms "
            f"| {'yes' if row['same_games'] else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: measure, print the table, optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base",
        type=Path,
        action="append",
        help="a checkout of the commit to compare with (repeat for more: all in one run)",
    )
    parser.add_argument("--games", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seats", nargs="+", default=SEATS, choices=SEATS)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--level",
        default=LEVEL,
        help="a level name or folder every build plays (default: each tree's own niger_2023)",
    )
    args = parser.parse_args(argv)
    level = str(Path(args.level).resolve()) if os.sep in args.level else args.level
    report = measure(args.base, args.seats, args.games, args.seed, level)
    print(
        f"load average {report['machine']['load_average_1m']} at the start, "
        f"{report['machine']['load_average_end']} at the end; {args.games} games a row"
    )
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
