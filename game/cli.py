"""Command line: `python main.py [command] ...`. Wires the layers; holds no rules.

Commands: (none) start the game window · play · validate · info · schema · test ·
simulate · replay. Every user-facing failure is a message and an exit code, never a
traceback (unless `--debug`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_LEVEL = "niger_2023"

# Modules that add subcommands: each has `register(subparsers) -> None` and sets a
# `handler(args) -> int` default on its parser. Keep this list explicit.
COMMAND_MODULES: list[str] = [
    "game.commands.core",
    "game.commands.play",
    "game.commands.train",
]
_OPTIONAL_COMMAND_MODULES: list[str] = [
    "game.testing.command",
    "game.sim.command",
    "game.saves.command",
]


class UserError(Exception):
    """A problem the user can fix; printed as a message with exit code `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Sahel Crisis — a data-driven crisis strategy game. "
        "With no command, the game window opens.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for name in _OPTIONAL_COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        module.register(sub)
    return parser


def write_json(path: str, data: Any) -> None:
    """Write JSON to a file ('-' for stdout), creating parent folders."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if path == "-":
        print(text)
        return
    from game.saves.atomic import atomic_write_bytes  # refuses devices, FIFOs, links

    atomic_write_bytes(Path(path), (text + "\n").encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            from game.commands.play import start_window

            return start_window(args)
        return handler(args)
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
        return 2


def _report_crash(exc: BaseException) -> None:
    """Keep a crash report (traceback) in the user's data folder; never raises."""
    try:
        from game.crash import write_crash_report

        folder = write_crash_report(exc)
    except Exception:
        return
    print(f"A crash report was written to {folder}", file=sys.stderr)
