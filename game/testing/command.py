"""`python main.py test [LEVEL ...]`: run the YAML rule tests of levels."""

from __future__ import annotations

import argparse
from typing import Any

from game import cli_args
from game.content import ContentError
from game.testing.suite import run_levels


def register(sub: Any) -> None:
    """Add the `test` subcommand."""
    p = sub.add_parser("test", help="run the YAML rule tests of levels (levels/<level>/tests)")
    p.add_argument(
        "levels",
        nargs="*",
        type=cli_args.level_folder,
        metavar="LEVEL",
        help="level names or folders (default: every level under levels/ with tests)",
    )
    p.add_argument(
        "-k",
        dest="keyword",
        default=None,
        metavar="TEXT",
        help="run only tests whose name contains TEXT (case-insensitive)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only failures and the total")
    p.set_defaults(handler=cmd_test)


def cmd_test(args: argparse.Namespace) -> int:
    """Print one line per test and every failure in full; exit 1 if anything failed."""
    try:
        runs = run_levels(list(args.levels), args.keyword)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    passed = failed = 0
    if not runs:
        print("no rule tests found (levels/<level>/tests/*.yaml)")
    for run in runs:
        if run.problems:
            failed += 1
            print(f"ERROR {run.name}")
            for problem in run.problems:
                print(f"  {problem}")
            continue
        for result in run.results:
            if result.passed:
                passed += 1
                if not args.quiet:
                    print(f"PASS {result.title}")
                continue
            failed += 1
            print(f"FAIL {result.title}")
            for line in result.report().splitlines():
                print(f"  {line}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
