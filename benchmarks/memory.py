"""Memory: a full game with four ai:hard seats in one process, and the MCTS tree bound.

Each measurement runs in a fresh process so that nothing else loaded by the
benchmark run (pygame, matplotlib) counts against it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Row, at_most

ROOT = Path(__file__).resolve().parents[1]

_FULL_GAME = """
import json, resource, sys, time
from game.content import load_level
from game.headless import play_match
rules = load_level(sys.argv[1])
budget = None if sys.argv[2] == 'none' else int(sys.argv[2])
start = time.perf_counter()
match = play_match(rules, 7, ['ai:hard'] * len(rules.factions), budget_ms=budget)
print(json.dumps({'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  'decisions': len(match.history), 'seconds': time.perf_counter() - start}))
"""

_LONG_THINK = """
import json, random, sys, time, tracemalloc
from game.content import load_level
from game.ai.mcts import MCTSAgent
from game.engine import legal_actions, new_game, observe
rules = load_level(sys.argv[1])
seconds = float(sys.argv[2])
state = new_game(rules, 3)
faction = rules.order[state.turn]
agent = MCTSAgent(rules, faction, iterations=10**9, time_cap_ms=seconds * 1000,
                  max_nodes=int(sys.argv[3]))
tracemalloc.start()
agent.decide(observe(state, faction), legal_actions(state), random.Random(1))
peak = tracemalloc.get_traced_memory()[1] / 2**20
print(json.dumps({'peak_mb': peak, 'iterations': agent.last_iterations,
                  'max_nodes': agent.max_nodes}))
"""


def _run(code: str, *args: str, timeout: float = 1800) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def rows(quick: bool, level: str = "niger_2023") -> list[Row]:
    """Peak memory of a full ai:hard game, and of MCTS thinking short and long."""
    budget = "40" if quick else "none"
    game = _run(_FULL_GAME, level, budget)
    note = f"{int(game['decisions'])} decisions in {game['seconds']:.0f} s"
    if quick:
        note += ", --ai-budget-ms 40"
    short_s, long_s = (1.0, 4.0) if quick else (2.0, 16.0)
    cap = "150"  # small, so that even the short think reaches it on a busy machine
    short = _run(_LONG_THINK, level, str(short_s), cap)
    long = _run(_LONG_THINK, level, str(long_s), cap)
    growth = long["peak_mb"] / short["peak_mb"] if short["peak_mb"] else 0.0
    return [
        at_most("peak RSS, full game, 4× ai:hard", game["peak_mb"], "MB", 400, note),
        Row(
            f"MCTS traced peak, {short_s:g} s think",
            short["peak_mb"],
            "MB",
            note=f"{int(short['iterations'])} iterations",
        ),
        Row(
            f"MCTS traced peak, {long_s:g} s think",
            long["peak_mb"],
            "MB",
            note=f"{int(long['iterations'])} iterations, node cap {int(long['max_nodes'])}",
        ),
        at_most(
            f"MCTS memory growth {short_s:g} s → {long_s:g} s think",
            growth,
            "×",
            1.5,
            f"node cap {cap}: past the cap a longer think must not grow the tree",
        ),
    ]
