"""AI speed: decision time per difficulty (p50/p95) and MCTS iterations per second.

Positions come from random games on each shipped level (only positions with a real
choice: at least two legal moves). Run alone with `nice -n 10 python -m benchmarks.ai_speed`
(`--quick` for fewer positions); `python -m benchmarks` includes these rows.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from benchmarks.common import Row, at_most, median, percentile
from benchmarks.engine import shipped_levels
from game.ai import create_agent
from game.ai.mcts import MCTSAgent
from game.ai.random_agent import RandomAgent
from game.content import load_level
from game.engine import (
    Action,
    PlayerView,
    Ruleset,
    current_faction,
    legal_actions,
    new_game,
    observe,
    step,
)

TARGETS_S = {"ai:easy": 0.02, "ai:normal": 0.2, "ai:hard": 1.0}
SEED = 2023
MINI = Path(__file__).resolve().parents[1] / "tests" / "levels" / "mini"


def positions(
    rules: Ruleset, count: int, seed: int = SEED
) -> list[tuple[PlayerView, list[Action]]]:
    """`count` decision points with a real choice, spread over random games."""
    rng = random.Random(seed)
    agent = RandomAgent()
    found: list[tuple[PlayerView, list[Action]]] = []
    game = 0
    while len(found) < count and game < 10 * count:
        state = new_game(rules, seed + game)
        game += 1
        while not state.is_over and len(found) < count:
            faction = current_faction(state)
            legal = legal_actions(state)
            if len(legal) > 1 and rng.random() < 0.15:
                found.append((observe(state, faction), legal))
            step(state, agent.decide(observe(state, faction), legal, rng).action)
    return found


def decision_times(
    rules: Ruleset, name: str, spots: list[tuple[PlayerView, list[Action]]]
) -> tuple[list[float], list[float], list[str]]:
    """Seconds per decision of agent `name` on each position, MCTS iterations/s, and
    the kind of agent that decided each position (a level's `planning` can differ by seat)."""
    times: list[float] = []
    rates: list[float] = []
    kinds: list[str] = []
    agents = {f: create_agent(name, rules, f) for f in range(len(rules.factions))}
    for i, (view, legal) in enumerate(spots):
        agent = agents[view.faction]
        start = time.perf_counter()
        agent.decide(view, legal, random.Random(i))
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        kinds.append(type(agent).__name__)
        if isinstance(agent, MCTSAgent) and elapsed > 0:
            rates.append(agent.last_iterations / elapsed)
    return times, rates, kinds


def rows(quick: bool) -> list[Row]:
    """Decision-time rows per level and difficulty, plus MCTS iterations/s."""
    out: list[Row] = []
    count = 12 if quick else 60
    for level in [*shipped_levels(), str(MINI)]:
        try:
            rules = load_level(level)
        except Exception as exc:  # an unfinished level is a row, not a crash
            out.append(Row(f"ai {level}: skipped", 0, "", note=f"{type(exc).__name__}"))
            continue
        spots = positions(rules, count)
        level = Path(level).name
        note = f"{len(spots)} positions, seed {SEED}"
        for name, limit in TARGETS_S.items():
            times, rates, kinds = decision_times(rules, name, spots)
            out.append(Row(f"{level} {name} decision p50", median(times), "s", note=note))
            p95 = percentile(times, 95)
            out.append(at_most(f"{level} {name} decision p95", p95, "s", limit, note))
            if len(set(kinds)) > 1:  # seats plan differently: each planner meets the target
                for kind in sorted(set(kinds)):
                    own = [t for t, k in zip(times, kinds, strict=True) if k == kind]
                    label = f"{level} {name} decision p95, {kind} seats"
                    p95_own = percentile(own, 95)
                    out.append(at_most(label, p95_own, "s", limit, f"{len(own)} positions"))
            if rates:
                rate = median(rates)
                out.append(Row(f"{level} {name} MCTS iterations/s", rate, "it/s", note=note))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the speed table (Markdown)."""
    from benchmarks.__main__ import table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.ai_speed", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    print(table(rows(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
