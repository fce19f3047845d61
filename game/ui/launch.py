"""Starting games from the window: load a level, check the seats, make a match."""

from __future__ import annotations

import os

from game.ai import agent_names
from game.content import ContentError, load_level
from game.engine import Ruleset
from game.match import Match
from game.seats import HUMAN, SeatError, parse_seats
from game.ui.session import AI_LEVELS

SEAT_CHOICES = (HUMAN, *AI_LEVELS)


def load_rules(level: str) -> tuple[Ruleset | None, str]:
    """(rules, '') or (None, a readable reason with the first problems)."""
    try:
        return load_level(level), ""
    except ContentError as exc:
        problems = "; ".join(str(p) for p in exc.problems[:3])
        return None, f"Level '{level}' has problems: {problems}"


def new_match(rules: Ruleset, seed: int | None) -> Match:
    """A new match with the given or a random seed."""
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    return Match.new(rules, seed)


def known_seats() -> set[str]:
    """Every seat name the command line may give: human, the AI levels and every agent."""
    return set(SEAT_CHOICES) | {"random", "greedy", "mcts"} | agent_names()


def check_options(level: str, specs: list[str]) -> str:
    """'' when the level loads and the seat specs fit it, else a readable problem."""
    rules, problem = load_rules(level)
    if rules is None:
        return problem
    try:
        parse_seats(rules, specs, "ai:normal", known_seats())
    except SeatError as exc:
        return str(exc)
    return ""
