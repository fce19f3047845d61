"""Bounded command-line arguments: the parser, argparse `type=` validators, the worker cap.

Every number a user types is bounded where it is read, so `--ai-budget-ms 10**15`,
`--epochs 1000000000` or `--seed 2**200` is a one-line usage error (exit 1, naming the
option and its range, with a hint to run the command's --help) instead of a hang or a
file that cannot be read back; so is a level folder that does not exist. Exit 2 is kept
for an internal error (a bug). The bounds are documented in README "Reliability".
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn, cast

from game.content import ContentError
from game.content.loader import find_level

SEED_MAX = 2**63 - 1  # what a save can hold and `replay` reads back
BUDGET_MS_MAX = 600_000  # ten minutes per AI decision
GAMES_MAX = 1_000_000
EPOCHS_MAX = 1000
HIDDEN_MAX = 1024
WORKERS_MAX = 1024  # then capped at the CPU count and the number of jobs
ROUNDS_MAX = 200  # the most rounds a level may have

_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])"
_ADDRESS = re.compile(rf"^(?:ray://)?(?P<host>{_HOST}):(?P<port>[0-9]{{1,5}})$")


USAGE_EXIT = 1  # a mistyped command line, like any other problem the user can fix
INTERNAL_EXIT = 2  # only an internal error (a bug in Sahel Crisis) exits 2
PROG = "python main.py"


def usage_line(command: str | None, message: str) -> str:
    """The one-line usage error for `command` (None: the program itself), with the hint
    to run its --help: 'python main.py play: error: argument --seed: ... (run ...)'."""
    prog = f"{PROG} {command}" if command else PROG
    text = " ".join(message.split())
    return f"{prog}: error: {text} (run '{prog} --help')"


class UsageError(Exception):
    """A mistyped command line found after parsing (a bad --seat): exit `USAGE_EXIT`
    with `usage_line` on stderr."""

    def __init__(self, command: str, message: str) -> None:
        super().__init__(usage_line(command, message))


def usage_error(command: str, message: str) -> int:
    """Print `usage_line` to stderr; returns the exit code for a usage error."""
    print(usage_line(command, message), file=sys.stderr)
    return USAGE_EXIT


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser (and its subcommands' parsers) whose usage errors are one line
    on stderr, 'python main.py play: error: argument --seed: ... (run 'python main.py
    play --help')', and exit code `USAGE_EXIT` (1)."""

    def error(self, message: str) -> NoReturn:
        """Print the one-line usage error and exit `USAGE_EXIT`."""
        command = self.prog[len(PROG) :].strip() or None
        self.exit(USAGE_EXIT, usage_line(command, message) + "\n")

    def parse_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> argparse.Namespace:
        """Parse like argparse; unrecognized arguments are a usage error of the command
        they were given to (its --help lists what it takes), not of the program."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = getattr(parsed, "command", None)
            message = f"unrecognized arguments: {' '.join(extras)}"
            self.exit(USAGE_EXIT, usage_line(command, message) + "\n")
        return cast(argparse.Namespace, parsed)


def level_folder(text: str) -> str:
    """An argparse type: a level name under levels/ or a path to a level folder that
    exists (what is inside is checked when the level loads)."""
    try:
        find_level(text)
    except ContentError as exc:
        problem = exc.problems[0]
        raise argparse.ArgumentTypeError(f"'{problem.file}': {problem.message}") from None
    except (OSError, ValueError) as exc:  # e.g. a NUL byte or a name too long
        raise argparse.ArgumentTypeError(f"'{text[:60]}' is not a usable path ({exc})") from None
    return text


def int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (inclusive)."""

    def parse(text: str) -> int:
        if len(text) > 24:  # also keeps int() away from thousands of digits
            raise argparse.ArgumentTypeError(
                f"'{text[:20]}...' is not a whole number from {low} to {high}"
            )
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high}")
        return value

    parse.__name__ = f"whole number {low}..{high}"
    return parse


seed = int_in(0, SEED_MAX)
budget_ms = int_in(1, BUDGET_MS_MAX)
sim_games = int_in(1, GAMES_MAX)
train_games = int_in(1, GAMES_MAX)  # train-ai itself asks for 10 or more
epochs = int_in(1, EPOCHS_MAX)
hidden = int_in(1, HIDDEN_MAX)
workers = int_in(1, WORKERS_MAX)
max_rounds = int_in(1, ROUNDS_MAX)


def ray_address(text: str) -> str:
    """An argparse type: 'auto', 'HOST:PORT' or 'ray://HOST:PORT' with a port 1..65535."""
    if text == "auto":
        return text
    found = _ADDRESS.match(text) if len(text) <= 300 else None
    if found is None or not 1 <= int(found["port"]) <= 65535:
        raise argparse.ArgumentTypeError(
            f"'{text[:60]}' is not a Ray address; use HOST:PORT, ray://HOST:PORT or auto"
        )
    return text


def cap_workers(requested: int, jobs: int, cpus: int | None = None) -> tuple[int, str | None]:
    """The worker count to use: at most the CPU count and the number of jobs (at least 1);
    plus a sentence saying so when the request was lowered (else None)."""
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    capped = max(1, min(requested, cpus, jobs))
    if capped == requested:
        return capped, None
    why = "CPU count" if cpus <= jobs else "number of jobs"
    return capped, f"note: using {capped} workers instead of {requested} (the {why} is {capped})"


def use_workers(requested: int, jobs: int) -> int:
    """`cap_workers`, printing the note (if any) on stderr; returns the worker count."""
    count, note = cap_workers(requested, jobs)
    if note:
        print(note, file=sys.stderr)
    return count
