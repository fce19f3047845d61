"""Simulation scaling: games per second with 1 and 2 worker processes, in the same run.

Both measurements use the same path (a spawned process pool) and the same games
(same seeds), alternating 1 and 2 workers and keeping the best of each, which
damps the noise of a shared machine. Target: 2 workers ≥ 1.7× the games/s of 1.

Run alone: `python -m benchmarks.sim_scaling [--quick] [--level L] [--games N] [--seat S]`.
"""

from __future__ import annotations

import argparse
import os
import time

from benchmarks.common import Row, at_least
from game.content import load_level
from game.content.loader import find_level
from game.sim.backends import run_local
from game.sim.games import GameSpec, LevelPayload


def games_per_second(spec: GameSpec, games: int, workers: int) -> float:
    """Games/s of one batch on a fresh pool of `workers` processes (start-up included)."""
    start = time.perf_counter()
    results = run_local(spec, games, workers, lambda n: None)
    seconds = time.perf_counter() - start
    assert len(results) == games
    return games / seconds


def measure(level: str, games: int, seats: str, repeat: int) -> dict[int, float]:
    """Best games/s for 1 and 2 workers over `repeat` alternating rounds."""
    folder = find_level(level)
    rules = load_level(folder)
    spec = GameSpec(LevelPayload.from_folder(folder), (seats,) * len(rules.factions), 2024)
    best = {1: 0.0, 2: 0.0}
    for _ in range(repeat):
        for workers in (1, 2):
            best[workers] = max(best[workers], games_per_second(spec, games, workers))
    return best


def rows(quick: bool) -> list[Row]:
    """Benchmark rows for `python -m benchmarks`."""
    games, repeat = (120, 1) if quick else (400, 2)
    best = measure("niger_2023", games, "random", repeat)
    ratio = best[2] / best[1] if best[1] else 0.0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    note = f"niger_2023, random seats, {games} games, best of {repeat}; load {load:.1f}"
    return [
        Row("simulate games/s, 1 worker", best[1], "games/s", note=note),
        Row("simulate games/s, 2 workers", best[2], "games/s", note=note),
        at_least("simulate speed-up 2 vs 1 workers", ratio, "×", 1.7,
                 note=f"{os.cpu_count()} CPUs shared with other work"),
    ]


def main() -> None:
    """Print the measurement for one level and seat agent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="niger_2023")
    parser.add_argument("--games", type=int, default=400)
    parser.add_argument("--seat", default="random", help="agent for every seat")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="120 games, one round")
    args = parser.parse_args()
    games, repeat = (120, 1) if args.quick else (args.games, args.repeat)
    best = measure(args.level, games, args.seat, repeat)
    ratio = best[2] / best[1] if best[1] else 0.0
    print(f"{args.level}, seats={args.seat}, {games} games, best of {repeat}:")
    print(f"  1 worker : {best[1]:8.2f} games/s")
    print(f"  2 workers: {best[2]:8.2f} games/s")
    print(f"  speed-up : {ratio:8.2f}×  (target ≥ 1.7×; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
