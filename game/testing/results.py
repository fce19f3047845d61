"""What running a rule test gives: each failure at its line, the log, and how an expected
value or range is compared and shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.testing.reader import TestCase
from game.testing.schema import Expect, Range


@dataclass(frozen=True)
class Failure:
    """One failed expectation (or a broken step) at a line of the test file."""

    line: int
    message: str


@dataclass
class CaseResult:
    """The outcome of one test: its failures (none when it passed) and its log."""

    case: TestCase
    failures: list[Failure] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.failures

    @property
    def title(self) -> str:
        """`file:line name` of the test."""
        return f"{self.case.file}:{self.case.line} {self.case.test.name}"

    def report(self) -> str:
        """The failure text: each failed expectation located, then what happened."""
        lines = [f"{self.case.file}:{f.line}: {f.message}" for f in self.failures]
        lines.append("what happened:")
        lines.extend(f"  {text}" for text in self.log)
        if not self.log:
            lines.append("  (nothing: no move was played and no event fired)")
        return "\n".join(lines)


def expected_text(expect: Expect) -> str:
    """An expectation as a failure message shows it: '3', '1..4', 'at least 2'."""
    if isinstance(expect, Range):
        if expect.min is not None and expect.max is not None:
            return f"{expect.min}..{expect.max}"
        return f"at least {expect.min}" if expect.min is not None else f"at most {expect.max}"
    return str(expect)


def matches(expect: Expect, actual: int) -> bool:
    """Whether `actual` meets the expectation (a value or a range)."""
    if isinstance(expect, Range):
        return (expect.min is None or actual >= expect.min) and (
            expect.max is None or actual <= expect.max
        )
    return actual == expect
