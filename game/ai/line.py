"""A seat that plays a named line of play: some moves first, some never, the rest its own.

A level may describe how a faction really played (a designer's "line": the junta that
kept its hostage and turned to Moscow) as data — the moves it prefers whenever they are
legal, in order and optionally a limited number of times, and the moves it never makes
(an action, or every offer, acceptance and counter of a deal). `LineAgent` wraps any
agent: on each decision it drops the avoided moves, plays the first preferred action
that is legal (letting the inner agent pick its target), and otherwise lets the inner
agent choose. Seats name it with the suffix `+line=NAME` (`greedy+line=hard_line`);
the lines themselves come from the caller (the simulator reads them from the level's
`expectations.yaml`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from game.ai.base import Agent, Decision, StopFlag
from game.ai.words import faction_words
from game.engine import Action, PlayerView, Ruleset
from game.engine.deal_defs import REFUSE

LINE = "+line="  # the seat-name infix: 'greedy+line=hard_line'


@dataclass(frozen=True)
class Line:
    """A named line of play for one faction, by ids (resolved against the rules when a
    seat is made, so it ships to worker processes as plain data)."""

    name: str  # the id seats use after '+line='
    title: str  # what a reason or report says: "the historical hard line"
    faction: str  # faction id
    prefer: tuple[tuple[str, int], ...]  # (action id, times; 0 = whenever legal), in order
    avoid: tuple[str, ...] = ()  # action ids or deal ids never played

    def __reduce__(self) -> tuple[type[Line], tuple[object, ...]]:
        """Pickled by its fields: a mypyc-compiled frozen dataclass cannot be rebuilt by
        pickle's default (it sets attributes), and lines ship to worker processes."""
        return (Line, (self.name, self.title, self.faction, self.prefer, self.avoid))


def split_line(name: str) -> tuple[str, str | None]:
    """('greedy', 'hard_line') from 'greedy+line=hard_line'; (name, None) without it."""
    base, sep, line = name.partition(LINE)
    return (base, line) if sep else (name, None)


def line_seat(base: str, line: str) -> str:
    """The seat name of agent `base` playing `line`."""
    return f"{base}{LINE}{line}"


def avoided_moves(rules: Ruleset, line: Line) -> frozenset[int]:
    """The action indices the line never plays: its avoided actions, and for an avoided
    deal every move of that deal but a refusal. Raises KeyError for an unknown id."""
    by_id = {a.id: a.index for a in rules.actions}
    deals = {d.id: d.index for d in rules.deals}
    out: set[int] = set()
    for ident in line.avoid:
        if ident in deals:
            deal = deals[ident]
            out |= {a.index for a in rules.actions if a.deal == deal and a.deal_role != REFUSE}
        else:
            out.add(by_id[ident])
    return frozenset(out)


class LineAgent:
    """`inner`'s play, bent to a line: avoided moves dropped, preferred actions first."""

    def __init__(self, inner: Agent, rules: Ruleset, line: Line) -> None:
        self.inner = inner
        self.name = line_seat(inner.name, line.name)
        self.title = line.title
        by_id = {a.id: a.index for a in rules.actions}
        self.prefer = [(by_id[ident], times) for ident, times in line.prefer]
        self.avoid = avoided_moves(rules, line)
        self.used: dict[int, int] = {}

    def decide(
        self,
        view: PlayerView,
        legal: list[Action],
        rng: random.Random,
        stop: StopFlag | None = None,
    ) -> Decision:
        """The first preferred action still due and legal (its target chosen by `inner`),
        else `inner`'s choice among the moves the line allows."""
        allowed = [m for m in legal if m.action not in self.avoid] or legal
        decision: Decision | None = None
        for index, times in self.prefer:
            if times and self.used.get(index, 0) >= times:
                continue
            options = [m for m in allowed if m.action == index]
            if options:
                picked = self.inner.decide(view, options, rng, stop) if len(options) > 1 else None
                move = picked.action if picked is not None else options[0]
                rules = view.rules
                who = faction_words(rules, view.faction)
                reason = f"{who} keeps to {self.title}: {rules.actions[index].name}."
                decision = Decision(move, reason)
                break
        if decision is None:
            decision = self.inner.decide(view, allowed, rng, stop)
        if decision.action.action >= 0:
            self.used[decision.action.action] = self.used.get(decision.action.action, 0) + 1
        return decision


def with_line(
    agent: Agent, rules: Ruleset, faction: int, line_name: str, lines: Mapping[str, Line]
) -> Agent:
    """`agent` (the seat of `faction`) playing the named line; raises KeyError naming an
    unknown line, or one that belongs to another faction."""
    line = lines.get(line_name)
    if line is None:
        raise KeyError(f"unknown line '{line_name}'")
    if line.faction != rules.factions[faction].id:
        raise KeyError(f"line '{line_name}' is played by {line.faction}")
    return LineAgent(agent, rules, line)
