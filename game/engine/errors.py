"""Typed errors the engine raises."""

from __future__ import annotations


class EngineError(Exception):
    """Base class of every error the engine raises on purpose."""


class IllegalAction(EngineError):
    """An action was applied that is not legal now; `code` and `reason` say why.

    Codes: `game_over`, `not_your_turn`, `unknown_action`, `bad_target`,
    `no_action_points`, `used_this_round`, `used_once`, `cooldown`, `cost`,
    `requirement`.
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class StateError(EngineError):
    """A state snapshot does not fit the ruleset it is loaded with."""
