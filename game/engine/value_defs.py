"""The compiled form of a level's trained value model (plain data, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LearnedValue:
    """A level's trained value model: a small network from position features to who wins.

    Plain level data (the content loader reads and checks it; the AI evaluates it).
    `hidden_weights[h]` holds hidden unit h's weight per input; `out_weights[k]` holds
    class k's weight per hidden unit; classes are the factions in order, then "no winner".
    """

    fingerprint: str  # the level's rules fingerprint when it was trained
    inputs: int
    hidden_weights: tuple[tuple[float, ...], ...]
    hidden_bias: tuple[float, ...]
    out_weights: tuple[tuple[float, ...], ...]
    out_bias: tuple[float, ...]
