"""Simulation scaling: games per second with 1 and 2 worker processes, in the same run.

Both measurements use the same path (a spawned process pool) and the same games
(same seeds), alternating 1 and 2 workers and keeping the best of each, which
damps the noise of a shared machine. Target: 2 workers ≥ 1.7× the games/s of 1.

Run alone: `python -m benchmarks.sim_scaling [--quick] [--level L] [--games N] [--seat S]`.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import time
from dataclasses import dataclass

from benchmarks.common import Row, at_least
from game.content import load_level
from game.content.loader import find_level
from game.sim.backends import run_local
from game.sim.games import GameSpec, LevelPayload


@dataclass
class Measure:
    """Best wall-clock games/s and the CPU seconds per game its workers used."""

    games_per_s: float = 0.0
    cpu_per_game: float = math.inf


def one_batch(spec: GameSpec, games: int, workers: int) -> tuple[float, float]:
    """(games/s, worker CPU s per game) of one batch on a fresh pool (start-up included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    results = run_local(spec, games, workers, lambda n: None)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert len(results) == games
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return games / seconds, cpu / games


def measure(level: str, games: int, seats: str, repeat: int) -> dict[int, Measure]:
    """Best games/s (and least CPU per game) for 1 and 2 workers, alternating runs."""
    folder = find_level(level)
    rules = load_level(folder)
    spec = GameSpec(LevelPayload.from_folder(folder), (seats,) * len(rules.factions), 2024)
    best = {1: Measure(), 2: Measure()}
    for _ in range(repeat):
        for workers in (1, 2):
            speed, cpu = one_batch(spec, games, workers)
            best[workers].games_per_s = max(best[workers].games_per_s, speed)
            best[workers].cpu_per_game = min(best[workers].cpu_per_game, cpu)
    return best


def summary(best: dict[int, Measure]) -> tuple[float, float]:
    """(measured wall-clock speed-up, speed-up two free cores would give at the measured
    CPU cost per game — i.e. 2 × the parallel efficiency)."""
    wall = best[2].games_per_s / best[1].games_per_s if best[1].games_per_s else 0.0
    bound = 2 * best[1].cpu_per_game / best[2].cpu_per_game if best[2].cpu_per_game else 0.0
    return wall, bound


def rows(quick: bool) -> list[Row]:
    """Benchmark rows for `python -m benchmarks`."""
    games, repeat = (400, 1) if quick else (1500, 2)
    best = measure("niger_2023", games, "random", repeat)
    wall, bound = summary(best)
    load = os.getloadavg()[0]
    note = f"niger_2023, random seats, {games} games, best of {repeat}; load {load:.1f}"
    return [
        Row("simulate games/s, 1 worker", best[1].games_per_s, "games/s", note=note),
        Row("simulate games/s, 2 workers", best[2].games_per_s, "games/s", note=note),
        at_least(
            "simulate speed-up 2 vs 1 workers",
            wall,
            "×",
            1.7,
            note=f"wall clock; {os.cpu_count()} CPUs shared with other work",
        ),
        Row(
            "simulate speed-up bound from CPU cost",
            bound,
            "×",
            note="2 × CPU s/game (1 worker) ÷ CPU s/game (2 workers): the speed-up on two "
            "otherwise idle cores",
        ),
    ]


def main() -> None:
    """Print the measurement for one level and seat agent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="niger_2023")
    parser.add_argument("--games", type=int, default=1500)
    parser.add_argument("--seat", default="random", help="agent for every seat")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="400 games, one round")
    args = parser.parse_args()
    games, repeat = (400, 1) if args.quick else (args.games, args.repeat)
    best = measure(args.level, games, args.seat, repeat)
    wall, bound = summary(best)
    print(f"{args.level}, seats={args.seat}, {games} games, best of {repeat}:")
    for workers in (1, 2):
        m = best[workers]
        print(
            f"  {workers} worker{'s' if workers > 1 else ' '}: {m.games_per_s:8.2f} games/s, "
            f"{m.cpu_per_game * 1000:7.1f} ms CPU per game"
        )
    print(
        f"  speed-up : {wall:8.2f}×  wall clock (target ≥ 1.7×; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"  bound    : {bound:8.2f}×  on two idle cores, from the CPU cost per game")


if __name__ == "__main__":
    main()
