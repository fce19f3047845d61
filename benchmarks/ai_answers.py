"""AI answer latency alone (issue 22): how long a seat takes to answer an offer.

Only positions where an offer awaits an answer are timed (accept, refuse or counter
are the only legal moves), taken from random games of every level with deals, so a
turn's search never mixes in. Rows: p50, p95 (target for `ai:normal`: ≤ 50 ms) and max
per level and preset. Run alone with `nice -n 10 python -m benchmarks.ai_answers
[--quick] [--count N]`. Not a timed test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.common import Row, at_most, median, percentile
from benchmarks.deals import ANSWER_P95_S, answer_times, deal_levels
from game.content import load_level

PRESETS = ("ai:normal", "ai:hard")


def rows(quick: bool, count: int = 0) -> list[Row]:
    """p50, p95 and max answer time per level with deals and preset."""
    count = count or (20 if quick else 200)
    out: list[Row] = []
    for folder in deal_levels():
        rules = load_level(folder)
        for agent in PRESETS:
            times = [t * 1000 for t in answer_times(rules, agent, count)]
            level = rules.level_id
            if not times:
                out.append(Row(f"{agent} answer {level}: no offer in random games", 0, ""))
                continue
            note = f"N={len(times)} answers"
            out.append(Row(f"{agent} answer alone p50 {level}", median(times), "ms", note=note))
            p95 = percentile(times, 95)
            if agent == "ai:normal":
                limit = ANSWER_P95_S * 1000
                out.append(at_most(f"{agent} answer alone p95 {level}", p95, "ms", limit, note))
            else:
                out.append(Row(f"{agent} answer alone p95 {level}", p95, "ms", note=note))
            out.append(Row(f"{agent} answer alone max {level}", max(times), "ms", note=note))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the rows as a table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ai_answers", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 answers per cell")
    parser.add_argument("--count", type=int, default=0, help="answers per cell (default 200)")
    args = parser.parse_args(argv)
    from benchmarks.__main__ import table

    print(table(rows(args.quick, args.count)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
