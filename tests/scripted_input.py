"""Typed input for text-mode tests: a `read(prompt)` that answers from a script."""

from __future__ import annotations

from collections.abc import Callable


def reader(lines: list[str]) -> Callable[[str], str]:
    """A `read(prompt)` giving `lines` in order, then EOFError (the player closed input)."""
    it = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return read
