"""Errors raised while reading save files."""

from __future__ import annotations

from game.match import Match


class SaveFileError(Exception):
    """A save file cannot be used; the message says why in words a player understands."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LevelChangedError(SaveFileError):
    """The save was made under different level files.

    `match_replayed` is the save's history replayed under the current rules (up to the
    first move that is no longer legal); `divergence` is the first round whose state
    differs from the saved one, or None if play is identical.
    """

    def __init__(self, message: str, match_replayed: Match, divergence: int | None) -> None:
        super().__init__(message)
        self.match_replayed = match_replayed
        self.divergence = divergence
