"""Command line: `python main.py [command] ...`. Wires the layers; holds no rules.

Commands: (none) start the game window · play · validate · info · schema · test ·
simulate · replay. Every user-facing failure is a message and an exit code, never a
traceback (unless `--debug`): 0 done, 1 a problem the user can fix (a mistyped command
line, a bad file, a failed check), 2 an internal error (a bug: a crash report is kept),
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from game import cli_args
from game.commands import core, play, train
from game.commands.play import start_window
from game.console import UserError
from game.crash import write_crash_report
from game.saves import command as saves_command
from game.sim import command as sim_command
from game.testing import command as testing_command

# What adds the subcommands: each `register(subparsers)` sets a `handler(args) -> int`
# default on its parsers. Keep this list explicit.
REGISTER: tuple[Callable[[Any], None], ...] = (
    core.register,
    play.register,
    train.register,
    testing_command.register,
    sim_command.register,
    saves_command.register,
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every available subcommand."""
    parser = cli_args.UsageParser(
        prog=cli_args.PROG,
        description="Sahel Crisis — a data-driven crisis strategy game. "
        "With no command, the game window opens.",
        epilog="Exit codes: 0 done; 1 a problem you can fix (a mistyped command line, a bad "
        "file, a failed check); 2 an internal error (a bug: a crash report is kept); "
        "130 interrupted.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in REGISTER:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            return start_window(args)
        return handler(args)
    except cli_args.UsageError as exc:
        print(exc, file=sys.stderr)
        return cli_args.USAGE_EXIT
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: never show a traceback
        if debug:
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in Sahel Crisis. Run again with --debug to see the details.",
            file=sys.stderr,
        )
        if not getattr(exc, "crash_reported", False):
            _report_crash(exc)
        return cli_args.INTERNAL_EXIT


def _report_crash(exc: BaseException) -> None:
    """Keep a crash report (traceback) in the user's data folder; never raises."""
    try:
        folder = write_crash_report(exc)
    except Exception:
        return
    print(f"A crash report was written to {folder}", file=sys.stderr)
