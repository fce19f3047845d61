"""What the command-line tools share: the default level, the error a user can fix, JSON
output and loading a level with its problems printed. Below `ui`, `sim` and `commands`, so
each of them can use it without importing the command line (`game.cli`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from game.atomic import atomic_write_bytes
from game.content import ContentError, LoadedLevel, open_level
from game.engine import Ruleset

DEFAULT_LEVEL = "niger_2023"


class UserError(Exception):
    """A problem the user can fix; printed as a message with exit code `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def write_json(path: str, data: Any) -> None:
    """Write JSON to a file ('-' for stdout), creating parent folders."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if path == "-":
        print(text)
        return
    atomic_write_bytes(Path(path), (text + "\n").encode("utf-8"))  # refuses devices, FIFOs


def load_or_report(level: str) -> Ruleset | None:
    """Load a level, or print its problems (one `file:line:col: message` per line)."""
    loaded = open_or_report(level)
    return None if loaded is None else loaded.ruleset


def open_or_report(level: str) -> LoadedLevel | None:
    """Load a level with its warnings, or print its problems (as `load_or_report`)."""
    try:
        return open_level(level)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {level}", file=sys.stderr)
        return None
