"""AI strength per faction: win rates of a strong agent against the same seat played weaker.

For every faction F of a level, with fixed seeds 0..N-1 (the same seeds for every row):
  * `random` in F vs `random` elsewhere, and `AGENT` in F vs `random` elsewhere
    (target: AGENT wins at least 30 percentage points more often);
  * `greedy` in F vs `greedy` elsewhere, and `AGENT` in F vs `greedy` elsewhere
    (target: AGENT wins more often).

Run: `nice -n 10 python -m benchmarks.ai_strength LEVEL --games 20 [--agent ai:hard]
[--workers 2] [--faction ID ...] [--json FILE]`. Games run in worker processes; each game is fully
determined by its seed and seats (iteration budgets), unless a time cap bites.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from game.content import load_level
from game.engine import Ruleset
from game.headless import play_match


@dataclass
class Line:
    """One faction's results (win shares in [0, 1])."""

    faction: str
    random_vs_random: float
    agent_vs_random: float
    greedy_vs_greedy: float
    agent_vs_greedy: float
    games: int

    @property
    def gain_over_random(self) -> float:
        """Percentage points the agent gains over random in the seat."""
        return 100 * (self.agent_vs_random - self.random_vs_random)

    @property
    def met_random(self) -> bool:
        """The ≥ 30 points target."""
        return self.gain_over_random >= 30

    @property
    def met_greedy(self) -> bool:
        """The 'beats greedy in the same seat' target."""
        return self.agent_vs_greedy > self.greedy_vs_greedy


def _one(level: str, seed: int, seats: tuple[str, ...], budget_ms: int | None) -> int:
    """The winner index of one game (-1 for none)."""
    rules = _rules(level)
    match = play_match(rules, seed, list(seats), budget_ms=budget_ms)
    return match.state.winner


_CACHE: dict[str, Ruleset] = {}


def _rules(level: str) -> Ruleset:
    """The level's ruleset, loaded once per worker process."""
    if level not in _CACHE:
        _CACHE[level] = load_level(level)
    return _CACHE[level]


def measure(
    level: str,
    games: int,
    agent: str,
    workers: int,
    budget_ms: int | None,
    seed0: int = 0,
    only: list[str] | None = None,
) -> list[Line]:
    """Play every configuration for every faction (or those in `only`); one Line each."""
    rules = load_level(level)
    ids = [f.id for f in rules.factions]
    n = len(ids)
    chosen = [f for f in range(n) if not only or ids[f] in only]
    jobs: dict[tuple[int, str], list[Future[int]]] = {}
    shared: dict[str, list[Future[int]]] = {}  # the all-random and all-greedy games, played once
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:

        def submit(seats: tuple[str, ...]) -> list[Future[int]]:
            return [pool.submit(_one, level, seed0 + s, seats, budget_ms) for s in range(games)]

        for f in chosen:
            for kind, mine, others in (
                ("rr", "random", "random"),
                ("ar", agent, "random"),
                ("gg", "greedy", "greedy"),
                ("ag", agent, "greedy"),
            ):
                seats = tuple(mine if i == f else others for i in range(n))
                if kind in ("rr", "gg"):
                    if kind not in shared:
                        shared[kind] = submit(seats)
                    jobs[(f, kind)] = shared[kind]
                else:
                    jobs[(f, kind)] = submit(seats)
        lines = []
        for f in chosen:
            share = {}
            for kind in ("rr", "ar", "gg", "ag"):
                winners = [job.result() for job in jobs[(f, kind)]]
                share[kind] = sum(1 for w in winners if w == f) / games
            lines.append(Line(ids[f], share["rr"], share["ar"], share["gg"], share["ag"], games))
    return lines


def table(lines: list[Line], agent: str) -> str:
    """A Markdown table of the results."""
    out = [
        f"| faction | random vs random | {agent} vs random | gain (≥ +30 pts) "
        f"| greedy vs greedy | {agent} vs greedy | beats greedy |",
        "|---|---|---|---|---|---|---|",
    ]
    for x in lines:
        out.append(
            f"| {x.faction} | {x.random_vs_random:.0%} | {x.agent_vs_random:.0%} "
            f"| {x.gain_over_random:+.0f} {'yes' if x.met_random else '**no**'} "
            f"| {x.greedy_vs_greedy:.0%} | {x.agent_vs_greedy:.0%} "
            f"| {'yes' if x.met_greedy else '**no**'} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit 0 even when a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ai_strength", description=__doc__)
    parser.add_argument("level", nargs="?", default="niger_2023")
    parser.add_argument("--games", type=int, default=20, help="games per faction and row")
    parser.add_argument("--seed", type=int, default=0, help="first seed (seeds seed..seed+N-1)")
    parser.add_argument("--agent", default="ai:hard")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--ai-budget-ms", type=int, default=None, dest="budget_ms")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--faction", action="append", help="measure only this faction (repeatable)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    lines = measure(
        args.level, args.games, args.agent, args.workers, args.budget_ms, args.seed, args.faction
    )
    took = time.perf_counter() - start
    print(
        f"level {args.level}, {args.games} games per row, "
        f"seeds {args.seed}..{args.seed + args.games - 1}, "
        f"agent {args.agent}, {took:.0f} s"
    )
    print(table(lines, args.agent))
    if args.json:
        data = {
            "level": args.level,
            "games": args.games,
            "seed": args.seed,
            "agent": args.agent,
            "seconds": took,
            "lines": [asdict(x) for x in lines],
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
