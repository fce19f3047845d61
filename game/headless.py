"""Play a whole game without a window: AI seats decide, humans type (text mode)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from game.ai import Agent, Line, create_agent
from game.engine import Action, describe, legal_actions, observe, scores
from game.engine.ruleset import Ruleset
from game.match import Match
from game.seats import HUMAN

HumanInput = Callable[[Match, int], Action]


def seat_rng(seed: int, faction: int) -> random.Random:
    """The private random generator of one AI seat (independent of the game's RNG)."""
    return random.Random(seed * 7919 + faction * 104729 + 1)


def play_match(
    rules: Ruleset,
    seed: int,
    seats: list[str],
    *,
    budget_ms: int | None = None,
    human: HumanInput | None = None,
    on_log: Callable[[str], None] | None = None,
    on_start: Callable[[Match], None] | None = None,
    after_human: Callable[[Match, int], None] | None = None,
    max_decisions: int = 100_000,
    lines: Mapping[str, Line] | None = None,
) -> Match:
    """Play from the seed to the end; returns the finished match.

    `on_log` receives each narrative line as it happens; `on_start` receives the new
    match before the first move (to set an autosave hook, or to keep a reference for
    crash reports); `after_human` receives the match and the seat after each human move
    (text mode: hold a spent turn so its result can be read); `lines` are the lines of
    play that `+line=NAME` seats keep to. Raises ValueError if a seat is human and no
    `human` input function is given, KeyError for an unknown agent or line.
    """
    match = Match.new(rules, seed)
    match.seats = list(seats)
    if on_start is not None:
        on_start(match)
    agents: dict[int, Agent] = {}
    rngs = {i: seat_rng(seed, i) for i in range(len(rules.factions))}
    for i, seat in enumerate(seats):
        if seat == HUMAN:
            if human is None:
                raise ValueError("a human seat needs an input function")
        else:
            agents[i] = create_agent(seat, rules, i, budget_ms, lines, seats)
    shown = 0

    def flush() -> None:
        nonlocal shown
        if on_log is not None:
            for entry in match.log[shown:]:
                on_log(describe(rules, entry))
        shown = len(match.log)

    flush()
    for _ in range(max_decisions):
        if match.is_over:
            break
        faction = match.active
        if faction in agents:
            legal = legal_actions(match.state)
            decision = agents[faction].decide(observe(match.state, faction), legal, rngs[faction])
            match.play(decision.action, decision.why())  # written if read
        else:
            assert human is not None
            match.play(human(match, faction))
            if after_human is not None:
                after_human(match, faction)
        flush()
    return match


def result_json(match: Match) -> dict[str, Any]:
    """The `--json` summary of a finished (or stopped) match."""
    rules = match.rules
    state = match.state
    outcome = rules.outcomes[state.outcome].id if state.outcome >= 0 else None
    winner = rules.factions[state.winner].id if state.winner >= 0 else None
    return {
        "level": rules.level_id,
        "seed": match.seed,
        "outcome": outcome,
        "winner": winner,
        "rounds": state.round,
        "scores": {f.id: s for f, s in zip(rules.factions, scores(state), strict=True)},
        "final_state_hash": state.hash(),
        "log": [describe(rules, e) for e in match.log],
    }
