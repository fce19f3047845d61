"""`python main.py simulate LEVEL --games N --seed S ...`: AI-vs-AI balance runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from game import cli_args
from game.ai import agent_names
from game.console import load_or_report
from game.content.loader import find_level
from game.content.problems import ContentError
from game.seats import SeatError, agent_list, parse_seats
from game.sim import expect_command
from game.sim.backends import BackendError, chunks
from game.sim.batch import BatchOptions, check_output_folder, run_batch, write_outputs
from game.sim.expect import judge, table
from game.sim.expect_command import print_problems, summarise
from game.sim.expect_file import EXPECT_FILE, read_expectations
from game.sim.expect_lines import line_seats

DEFAULT_AGENT = "greedy"


def register(sub: Any) -> None:
    """Add the `simulate` subcommand."""
    p = sub.add_parser("simulate", help="play many AI-vs-AI games and write a balance report")
    p.add_argument(
        "level",
        type=cli_args.level_folder,
        help="a level name under levels/ or a path to a level folder",
    )
    p.add_argument(
        "--games", type=cli_args.sim_games, default=100, help="number of games (default 100)"
    )
    p.add_argument(
        "--seed",
        type=cli_args.seed,
        default=1,
        help="base seed; game i uses a seed derived from it and i (default 1)",
    )
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="FACTION=AGENT",
        help=f"who plays a faction, e.g. us=mcts or all=random (default "
        f"{DEFAULT_AGENT}); agents: {agent_list(agent_names())}; AGENT+line=NAME keeps "
        "to a line of play the level's expectations.yaml declares",
    )
    p.add_argument(
        "--ai-budget-ms",
        type=cli_args.budget_ms,
        default=None,
        help="a time limit per AI decision instead of the presets' fixed budgets "
        "(results then depend on machine speed)",
    )
    p.add_argument(
        "--workers",
        type=cli_args.workers,
        default=max(1, min(4, os.cpu_count() or 1)),
        help="parallel worker processes (default: CPU count, at most 4)",
    )
    p.add_argument(
        "--backend",
        choices=("local", "ray"),
        default="local",
        help="local processes (default) or a Ray cluster (needs the [cluster] extra)",
    )
    p.add_argument(
        "--ray-address",
        type=cli_args.ray_address,
        default=None,
        metavar="ADDR",
        help="address of a running Ray cluster (default: start Ray locally)",
    )
    p.add_argument(
        "--out", default=None, metavar="DIR", help="output folder (default: sim-out/<level>)"
    )
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    p.set_defaults(handler=cmd_simulate)
    expect_command.register(sub)


def cmd_simulate(args: argparse.Namespace) -> int:
    """Run the batch, write report.json and the plots, print a summary table."""
    if args.ray_address and args.backend != "ray":
        return cli_args.usage_error("simulate", "argument --ray-address: needs --backend ray")
    rules = load_or_report(args.level)
    if rules is None:
        return 1
    try:
        folder = find_level(args.level)
        expectations = read_expectations(folder, rules, agent_names())
    except ContentError as exc:
        print_problems(exc)
        return 1
    lines = expectations.lines if expectations else {}
    try:
        known = agent_names() | line_seats(rules, list(args.seat), lines, agent_names())
        seats = parse_seats(rules, list(args.seat), DEFAULT_AGENT, known)
    except SeatError as exc:  # a bad --seat is a usage error, like a bad number
        return cli_args.usage_error("simulate", f"argument --seat: {exc}")
    if "human" in seats:
        return cli_args.usage_error(
            "simulate", "argument --seat: simulations have no human seats; choose an AI agent"
        )
    checks = expectations.for_seats(tuple(seats)) if expectations else []
    out = Path(args.out) if args.out else Path("sim-out") / rules.level_id
    try:
        check_output_folder(out)  # before the batch: a bad path must not cost the whole run
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    workers = args.workers
    if args.backend == "local":
        workers = cli_args.use_workers(args.workers, len(chunks(args.games, args.workers)))
    options = BatchOptions(
        games=args.games,
        seed=args.seed,
        seats=tuple(seats),
        budget_ms=args.ai_budget_ms,
        workers=workers,
        backend=args.backend,
        ray_address=args.ray_address,
        progress=False if args.no_progress else None,
        probes=expectations.probes() if checks and expectations else (),
        lines=tuple(lines.values()),
    )
    try:
        report, results = run_batch(rules, folder, options)
    except BackendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    verdicts = judge(rules, checks, {c.seat_set: results for c in checks if c.above is None})
    report["expectations"] = [v.as_dict() for v in verdicts]
    paths = write_outputs(rules, report, results, out)
    print_summary(report)
    if verdicts:
        print(f"  expectations for these seats ({EXPECT_FILE}):")
        print(table(verdicts), end="")
        summarise(verdicts)
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0


def print_summary(report: dict[str, Any]) -> None:
    """A short balance table: win rates with intervals, outcomes, dead content."""
    print(
        f"{report['level']}: {report['games']} games in {report['seconds']:.1f} s "
        f"({report['run']['games_per_second']} games/s, {report['run']['workers']} workers), "
        f"avg {report['avg_rounds']} rounds"
    )
    width = max([10, *(len(seat) for seat in report["seats"].values())])
    print(
        f"  {'faction':<10} {'seat':<{width}} {'wins':>6} {'rate':>7}  {'95% interval':<14}"
        "most-used action"
    )
    for faction, rate in report["win_rate"].items():
        seat = report["seats"].get(faction, "-")
        usage = report["action_usage"].get(faction)
        top = usage["most_used"] if usage else None
        most = f"{top['action']} ({top['share']:.0%})" if top else "-"
        interval = f"{rate['low']:.1%}..{rate['high']:.1%}"
        print(
            f"  {faction:<10} {seat:<{width}} {report['wins'][faction]:>6} {rate['rate']:>7.1%}  "
            f"{interval:<14}{most}"
        )
    outcomes = ", ".join(f"{k} {v}" for k, v in report["outcomes"].items())
    print(f"  outcomes: {outcomes}")
    if "deals" in report:
        print_deals(report["deals"])
    dead = report["never_fired"]
    if dead["actions"] or dead["events"]:
        print(f"  never used: actions {dead['actions'] or '-'}; events {dead['events'] or '-'}")


def print_deals(usage: dict[str, Any]) -> None:
    """Per deal: games where it was offered, accepted (share of those offered), refused,
    countered, kept and broken; and the games where any deal was accepted."""
    n = usage["games"]
    anyone = usage["games_with_accepted_deal"]
    share = anyone / n if n else 0.0
    print(f"  deals (games): at least one accepted in {anyone} of {n} ({share:.0%})")
    print(
        f"    {'deal':<26} {'offered':>7} {'accepted':>8} {'share':>6} {'refused':>7} "
        f"{'counter':>7} {'kept':>5} {'broken':>6}"
    )
    for ident, row in usage["deals"].items():
        g = row["games"]
        print(
            f"    {ident:<26} {g['offered']:>7} {g['accepted']:>8} "
            f"{row['accepted_when_offered']:>6.0%} {g['refused']:>7} {g['countered']:>7} "
            f"{g['kept']:>5} {g['broken']:>6}"
        )
