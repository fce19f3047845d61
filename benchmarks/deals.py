"""Negotiation costs (issue 22): how long an AI takes to answer an offer, and what deals
cost the engine.

* p50/p95 of an `ai:normal` answer (target p95 ≤ 50 ms), on positions where an offer
  awaits an answer, taken from random games of every level with deals;
* engine decisions/s (the fast path: legal moves + pick + step) on the level as it is
  and on a copy of it with its `deals:` section cut out (target: within 10%). Runs of
  the two alternate, and the median of each side's runs is compared, so a load spike
  on a shared machine hits both.

Run alone with `nice -n 10 python -m benchmarks.deals [--quick]`; `python -m benchmarks`
includes these rows. Not a timed test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, at_least, at_most, median, percentile
from benchmarks.engine import random_move, shipped_levels
from game.ai import create_agent
from game.ai.random_agent import RandomAgent
from game.content import load_level
from game.content.loader import find_level
from game.engine import (
    Action,
    PlayerView,
    Ruleset,
    current_faction,
    legal_actions,
    new_game,
    observe,
    responder,
    step,
)
from game.engine.deal_defs import PROPOSE

BARGAIN = Path(__file__).resolve().parents[1] / "tests" / "levels" / "bargain"
ANSWER_P95_S = 0.05
SPEED_RATIO = 0.9  # decisions/s with deals over without, at least
SEED = 22


def deal_levels() -> list[Path]:
    """The test level with deals, and every shipped level that declares deals."""
    found = [BARGAIN]
    for name in shipped_levels():
        folder = find_level(name)
        if load_level(folder).deals:
            found.append(folder)
    return found


# deals, and the tutorial's lessons (screen-only, but a lesson may name a deal)
_DEALS_SECTION = re.compile(r"^(deals|lessons):.*?(?=^[^\s#]|\Z)", re.MULTILINE | re.DOTALL)


def without_deals(folder: Path, into: Path) -> Path:
    """A copy of the level folder `folder` under `into` with every top-level `deals:`
    (and `lessons:`) section cut out of its YAML files (the rest byte for byte; a file
    left with nothing but comments is removed); returns the copy."""
    copy = into / folder.name
    shutil.copytree(folder, copy)
    for path in copy.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        cut = _DEALS_SECTION.sub("", text)
        if cut == text:
            continue
        if all(not line.strip() or line.lstrip().startswith("#") for line in cut.splitlines()):
            path.unlink()
        else:
            path.write_text(cut, encoding="utf-8")
    return copy


def answer_positions(rules: Ruleset, count: int) -> list[tuple[PlayerView, list[Action]]]:
    """`count` positions where an offer awaits an answer, from random games."""
    rng = random.Random(SEED)
    agent = RandomAgent()
    found: list[tuple[PlayerView, list[Action]]] = []
    for game in range(50 * count):
        if len(found) >= count:
            break
        state = new_game(rules, SEED + game)
        while not state.is_over and len(found) < count:
            faction = current_faction(state)
            legal = legal_actions(state)
            if responder(state) >= 0:
                found.append((observe(state, faction), legal))
            step(state, agent.decide(observe(state, faction), legal, rng).action)
    return found


def answer_times(rules: Ruleset, agent: str, count: int) -> list[float]:
    """Seconds `agent` takes for each of `count` answers (fewer if random play offers less)."""
    spots = answer_positions(rules, count)
    agents = {f: create_agent(agent, rules, f) for f in range(len(rules.factions))}
    times = []
    for i, (view, legal) in enumerate(spots):
        start = time.perf_counter()
        agents[view.faction].decide(view, legal, random.Random(i))
        times.append(time.perf_counter() - start)
    return times


def answer_rows(rules: Ruleset, count: int, agent: str = "ai:normal") -> list[Row]:
    """p50 and p95 of `agent`'s answer to an offer on `count` positions."""
    times = answer_times(rules, agent, count)
    if not times:
        return [Row(f"{agent} answer {rules.level_id}: no offer in random games", 0, "")]
    note = f"N={len(times)} answers"
    return [
        Row(f"{agent} answer p50 {rules.level_id}", median(times) * 1000, "ms", note=note),
        at_most(
            f"{agent} answer p95 {rules.level_id}",
            percentile(times, 95) * 1000,
            "ms",
            ANSWER_P95_S * 1000,
            note=note,
        ),
    ]


def decisions_per_second(rules: Ruleset, seconds: float, seed: int, offers: bool) -> float:
    """Fast-path decisions per CPU second of random play (the engine benchmark's rule)
    for `seconds` of CPU time;
    without `offers` every proposal is left out of the moves it picks from (the same
    filter runs on any level, so both sides of a comparison pay for it)."""
    rng = random.Random(seed)
    actions = rules.actions
    decisions = games = 0
    start = time.process_time()  # CPU time: on a loaded machine wall time is mostly waiting
    while time.process_time() - start < seconds:
        state = new_game(rules, seed + games)
        while not state.is_over:
            moves = legal_actions(state)
            if not offers:
                moves = [m for m in moves if m.action < 0 or actions[m.action].deal_role != PROPOSE]
            step(state, random_move(moves, rng))
            decisions += 1
        games += 1
    return decisions / (time.process_time() - start)


def speed_rows(folder: Path, runs: int, seconds: float) -> list[Row]:
    """Decisions/s with the level's deals and on a copy without them, alternating: once
    with deals played (random play proposes and answers them), once with deals present
    but never proposed (what merely having them costs the engine)."""
    rules = load_level(folder)
    with tempfile.TemporaryDirectory(prefix="sahel-nodeals-") as tmp:
        plain = load_level(without_deals(folder, Path(tmp)))
    if plain.deals:
        return [Row(f"decisions/s {rules.level_id}: the copy still has deals", 0, "", met=False)]
    lvl = rules.level_id
    note = f"median of {runs} alternating runs of {seconds:g} s"
    out: list[Row] = []
    for offers, how in ((True, "deals played"), (False, "deals present, never proposed")):
        on: list[float] = []
        off: list[float] = []
        for run in range(runs):
            on.append(decisions_per_second(rules, seconds, run, offers))
            off.append(decisions_per_second(plain, seconds, run, offers))
        out += [
            Row(f"decisions/s {lvl} with deals ({how})", median(on), "decisions/s", note=note),
            Row(f"decisions/s {lvl} copy without deals", median(off), "decisions/s", note=note),
            at_least(
                f"decisions/s with/without deals {lvl} ({how})",
                median(on) / median(off),
                "×",
                SPEED_RATIO,
            ),
        ]
    return out


def rows(quick: bool) -> list[Row]:
    """Answer-time and engine-speed rows for every level with deals."""
    out: list[Row] = []
    for folder in deal_levels():
        rules = load_level(folder)
        out += answer_rows(rules, 20 if quick else 100)
        out += speed_rows(folder, 3 if quick else 7, 0.5 if quick else 2.0)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the rows as a table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.deals", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer positions, shorter runs")
    args = parser.parse_args(argv)
    from benchmarks.__main__ import table

    print(table(rows(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
