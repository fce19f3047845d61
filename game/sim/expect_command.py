"""`python main.py expect LEVEL --games N`: run a level's statistical expectations.

Plays `--games` games for every seat set the level's `expectations.yaml` uses, prints
each check with its 95% interval and verdict, and exits 1 on a clear miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game import cli_args
from game.ai import agent_names
from game.console import load_or_report
from game.content.loader import find_level
from game.content.problems import ContentError
from game.sim.backends import BackendError
from game.sim.batch import BatchOptions, run_batch
from game.sim.expect import MISSED, UNDECIDED, Verdict, judge, table
from game.sim.expect_file import EXPECT_FILE, read_expectations
from game.sim.games import GameResult


def register(sub: Any) -> None:
    """Add the `expect` subcommand (argument types shared with `simulate`)."""
    p = sub.add_parser(
        "expect", help="check a level's statistical expectations over simulated games"
    )
    p.add_argument(
        "level",
        type=cli_args.level_folder,
        help="a level name under levels/ or a path to a level folder",
    )
    p.add_argument(
        "--games", type=cli_args.sim_games, default=40, help="games per seat set (default 40)"
    )
    p.add_argument("--seed", type=cli_args.seed, default=1, help="base seed (default 1)")
    p.add_argument(
        "--seats",
        action="append",
        default=[],
        metavar="NAME",
        help="only the checks of this seat set (repeatable; default: every set)",
    )
    p.add_argument(
        "--workers", type=cli_args.workers, default=2, help="worker processes (default 2)"
    )
    p.add_argument(
        "--out", default=None, metavar="DIR", help="also write expectations.json and .md here"
    )
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    p.set_defaults(handler=cmd_expect)


def print_problems(exc: ContentError) -> None:
    """Print an expectations file's problems, one `file:line:col: message` per line."""
    for problem in exc.problems:
        print(problem)


def cmd_expect(args: argparse.Namespace) -> int:
    """Run the expectations; exit 1 on a clear miss or a broken file."""
    rules = load_or_report(args.level)
    if rules is None:
        return 1
    try:
        expectations = read_expectations(find_level(args.level), rules, agent_names())
    except ContentError as exc:
        print_problems(exc)
        return 1
    if expectations is None:
        print(f"error: {args.level} has no {EXPECT_FILE}", file=sys.stderr)
        return 1
    unknown = [s for s in args.seats if s not in expectations.seat_sets]
    if unknown:
        names = ", ".join(expectations.seat_sets)
        return cli_args.usage_error(
            "expect", f"argument --seats: unknown seat set '{unknown[0]}'; the level has: {names}"
        )
    checks = [c for c in expectations.checks if not args.seats or c.seat_set in args.seats]
    needed = sorted({c.seat_set for c in checks} | {c.above for c in checks if c.above})
    folder = find_level(args.level)
    results: dict[str, list[GameResult]] = {}
    for name in needed:
        options = BatchOptions(
            games=args.games,
            seed=args.seed,
            seats=expectations.seat_sets[name],
            workers=args.workers,
            progress=False if args.no_progress else None,
            probes=expectations.probes(),
            lines=tuple(expectations.lines.values()),
        )
        try:
            _, results[name] = run_batch(rules, folder, options)
        except BackendError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    verdicts = judge(rules, checks, results)
    print(f"{rules.level_id}: {len(verdicts)} expectations, {args.games} games per seat set")
    print(table(verdicts), end="")
    if args.out:
        write_verdicts(Path(args.out), verdicts)
    return summarise(verdicts)


def summarise(verdicts: list[Verdict]) -> int:
    """Print the tally; 1 if any check was clearly missed."""
    missed = [v for v in verdicts if v.verdict == MISSED]
    undecided = [v for v in verdicts if v.verdict == UNDECIDED]
    print(
        f"{len(verdicts) - len(missed) - len(undecided)} met, {len(missed)} missed, "
        f"{len(undecided)} undecided" + (" (more games would decide those)" if undecided else "")
    )
    return 1 if missed else 0


def write_verdicts(out: Path, verdicts: list[Verdict]) -> None:
    """expectations.json and expectations.md in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    data = [v.as_dict() for v in verdicts]
    (out / "expectations.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (out / "expectations.md").write_text(table(verdicts), encoding="utf-8")
