"""Balance report for a level: play many AI-vs-AI games and summarise the results.

Usage: python tools/balance.py LEVEL --games N [--seat all=random] [--seed S]
       [--budget-ms MS] [--json OUT]
       python tools/balance.py --table sim-out/niger_2023/report.json

Prints win rates per faction with 95% Wilson intervals, the share of each outcome,
the average game length in rounds and each faction's most-used action with its
share of that faction's choices (ending the turn is not counted as a choice).
`--table` instead turns a `main.py simulate` report.json into the level README's
Markdown balance table.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.ai import agent_names
from game.content import load_level
from game.headless import play_match
from game.seats import parse_seats


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval for k successes in n trials."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def run(
    level: str, games: int, seats: list[str], seed: int, budget_ms: int | None
) -> dict[str, Any]:
    """Play `games` games and return the summary as a dict."""
    rules = load_level(level)
    fids = [f.id for f in rules.factions]
    wins: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    used: dict[str, Counter[str]] = {f: Counter() for f in fids}
    rounds = 0
    points = Counter[str]()
    final_esc: Counter[int] = Counter()
    reached: Counter[str] = Counter()
    started = time.time()
    for g in range(games):
        match = play_match(rules, seed + g, seats, budget_ms=budget_ms)
        state = match.state
        outcomes[rules.outcomes[state.outcome].id] += 1
        wins[fids[state.winner] if state.winner >= 0 else "none"] += 1
        rounds += state.round
        if rules.escalation_slot >= 0:
            final_esc[state.v[rules.escalation_slot]] += 1
        lay = rules.layout
        for i, f in enumerate(fids):
            points[f] += state.v[lay.vp + i]
        for obj in rules.objectives:
            if obj.scoring == "first_time":
                hit = bool(state.v[lay.reached + obj.index])
            else:
                hit = bool(obj.when(state, -1))
            reached[obj.id] += hit
        for move in match.history:
            if move.action.action >= 0:
                used[fids[move.faction]][rules.actions[move.action.action].id] += 1
    report: dict[str, Any] = {
        "level": rules.level_id,
        "games": games,
        "seats": seats,
        "seed": seed,
        "seconds": round(time.time() - started, 1),
        "avg_rounds": round(rounds / games, 2),
        "outcomes": {k: round(v / games, 3) for k, v in outcomes.most_common()},
        "wins": {},
        "top_action": {},
        "avg_points": {f: round(points[f] / games, 2) for f in fids},
        "final_escalation": dict(sorted(final_esc.items())),
        "objectives_met": {o.id: round(reached[o.id] / games, 3) for o in rules.objectives},
    }
    for f in [*fids, "none"]:
        lo, hi = wilson(wins[f], games)
        report["wins"][f] = {
            "rate": round(wins[f] / games, 3),
            "ci95": [round(lo, 3), round(hi, 3)],
        }
    for f in fids:
        total = sum(used[f].values())
        if total:
            top, count = used[f].most_common(1)[0]
            top5 = [(a, round(c / total, 3)) for a, c in used[f].most_common(5)]
            report["top_action"][f] = {
                "action": top,
                "share": round(count / total, 3),
                "top5": top5,
            }
    return report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def table_from_report(report: dict[str, Any], names: dict[str, str]) -> str:
    """The README balance table (Markdown) for a `main.py simulate` report.json dict."""
    n = report["games"]
    lines = [
        "| faction | wins | win rate | 95% interval (Wilson) | most-used action "
        "| share of that faction's choices |",
        "|---|---:|---:|---|---|---:|",
    ]
    for f, w in report["win_rate"].items():
        if f == "none":
            continue
        top = report["action_usage"][f]["most_used"]
        lines.append(
            f"| {names.get(f, f)} | {report['wins'][f]} | {_pct(w['rate'])} | "
            f"{_pct(w['low'])}–{_pct(w['high'])} | `{top['action']}` | "
            f"{_pct(top['share'])} |"
        )
    war = report["outcomes"].get("regional_war", 0)
    none = report["wins"]["none"]
    w = report["win_rate"]["none"]
    lines.append(
        f"| no winner | {none} | {_pct(w['rate'])} | {_pct(w['low'])}–{_pct(w['high'])} | "
        f"regional war {war}, tie on points {none - war} | |"
    )
    lo, hi = wilson(war, n)
    ends = ", ".join(
        f"`{k}` {_pct(v / n)}" for k, v in sorted(report["outcomes"].items(), key=lambda kv: -kv[1])
    )
    scores = ", ".join(f"{names.get(f, f)} {v:.1f}" for f, v in report["avg_scores"].items())
    lines += [
        "",
        f"- **Regional war:** {_pct(war / n)} of games ({war} of {n}; 95% interval "
        f"{_pct(lo)}–{_pct(hi)}).",
        f"- **Average length:** {report['avg_rounds']:.1f} rounds.",
        f"- **How games end:** {ends}.",
        f"- **Average final victory points:** {scores}.",
        f"- **Run:** {n} games, seed {report['seed']}, {report['seconds']:.0f} seconds.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("level", nargs="?", default=None)
    p.add_argument(
        "--table",
        default=None,
        metavar="REPORT_JSON",
        help="print the README balance table for a simulate report.json",
    )
    p.add_argument("--games", type=int, default=200)
    p.add_argument("--seat", action="append", default=[])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--budget-ms", type=int, default=None)
    p.add_argument("--compact", action="store_true", help="print one line of JSON")
    p.add_argument("--json", default=None, help="write the report to this file too")
    args = p.parse_args(argv)
    if args.table:
        report_in = json.loads(Path(args.table).read_text(encoding="utf-8"))
        rules = load_level(args.level or report_in["level"])
        names = {f.id: f.name for f in rules.factions}
        print(table_from_report(report_in, names), end="")
        return 0
    if args.level is None:
        p.error("a LEVEL is needed (or --table REPORT_JSON)")
    rules = load_level(args.level)
    seats = parse_seats(rules, args.seat, "random", agent_names())
    report = run(args.level, args.games, seats, args.seed, args.budget_ms)
    text = json.dumps(report, indent=None if args.compact else 1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
