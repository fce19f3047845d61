"""Located problems in level files, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


# control, escape and text-direction characters, shown as \x1b-style escapes when printed
_UNPRINTABLE = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in [
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
}


def printable(text: str) -> str:
    """`text` with control, escape and bidi characters written as escapes, so a message
    quoting a hostile level value cannot drive the terminal."""
    return text.translate(_UNPRINTABLE)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where (file, 1-based line and column) and what to do."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return printable(f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}")


class ContentError(Exception):
    """A level could not be loaded; `problems` lists every error found, all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def suggest(word: str, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' for the closest candidate, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""
