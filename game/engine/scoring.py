"""Scoring: objectives that hold, points banked each round and the first time, the
score if the game ended now, and the level's tie-break."""

from __future__ import annotations

from game.engine.formula import Formula
from game.engine.log import OBJECTIVE, LogEntry
from game.engine.ruleset import TIE_OBJECTIVES, Ruleset
from game.engine.score_defs import ObjectiveDef
from game.engine.simple_conditions import TEST_CALL, TEST_EQ, TEST_GE, TEST_GT, TEST_LE, TEST_LT
from game.engine.state import State

Log = list[LogEntry] | None


def value_test(x: int, code: int, c: int) -> bool:
    """`x <op> c` for a TEST_* code other than TEST_CALL."""
    if code == TEST_GE:
        return x >= c
    if code == TEST_GT:
        return x > c
    if code == TEST_LE:
        return x <= c
    if code == TEST_LT:
        return x < c
    if code == TEST_EQ:
        return x == c
    return x != c


def _objective_tests(rules: Ruleset) -> tuple[tuple[int, int, int], ...]:
    """`rules.objective_tests`, or calls for every objective when it was not worked out."""
    tests = rules.objective_tests
    if len(tests) != len(rules.objectives):
        return tuple((0, TEST_CALL, 0) for _ in rules.objectives)
    return tests


def objectives_by_scoring(
    objectives: tuple[ObjectiveDef, ...],
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The indices of the objectives scored each round, the first time and at the end,
    in level order."""
    return (
        tuple(o.index for o in objectives if o.scoring == "each_round"),
        tuple(o.index for o in objectives if o.scoring == "first_time"),
        tuple(o.index for o in objectives if o.scoring == "end"),
    )


def _by_scoring(rules: Ruleset) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """`rules.objectives_by_scoring`, or worked out now when the ruleset lacks it."""
    found = rules.objectives_by_scoring
    return objectives_by_scoring(rules.objectives) if found is None else found


def _objective_holds(state: State, obj: ObjectiveDef, test: tuple[int, int, int]) -> bool:
    """Whether the objective's condition holds now (on the value when `test` allows)."""
    slot, code, c = test
    if code != TEST_CALL:
        return value_test(state.v[slot], code, c)
    when = obj.when
    return bool(when.ev(state, -1) if isinstance(when, Formula) else when(state, -1))


def score_round(state: State, log: Log) -> None:
    """Add each round's objectives that hold now, then bank the first-time ones."""
    rules = state.rules
    lay = rules.layout
    v = state.v
    tests = _objective_tests(rules)
    objectives = rules.objectives
    for k in _by_scoring(rules)[0]:
        obj = objectives[k]
        if _objective_holds(state, obj, tests[obj.index]):
            slot = lay.vp + obj.faction
            journal = state.journal
            if journal is not None:  # a trial (`mark_trial`): the old value
                journal.append(slot)
                journal.append(v[slot])
            v[slot] += obj.worth(state)
    bank_first_time(state, log)


def bank_first_time(state: State, log: Log) -> None:
    """Bank every first-time objective that holds now and is not yet reached: at the
    week's end, and when the game ends before it (an instant outcome)."""
    rules = state.rules
    lay = rules.layout
    v = state.v
    tests = _objective_tests(rules)
    objectives = rules.objectives
    for k in _by_scoring(rules)[1]:
        obj = objectives[k]
        if not v[lay.reached + k] and _objective_holds(state, obj, tests[obj.index]):
            journal = state.journal
            if journal is not None:  # a trial (`mark_trial`): the old values
                journal.append(lay.reached + obj.index)
                journal.append(v[lay.reached + obj.index])
            v[lay.reached + obj.index] = 1
            points = obj.worth(state)
            if journal is not None:
                journal.append(lay.vp + obj.faction)
                journal.append(v[lay.vp + obj.faction])
            v[lay.vp + obj.faction] += points
            if log is not None:
                gained = ((lay.vp + obj.faction, points),)
                log.append(LogEntry(state.round, OBJECTIVE, obj.faction, obj.index, changes=gained))


def objectives_met(state: State) -> list[int]:
    """Per faction: its end-of-game objectives holding now plus its first-time ones reached."""
    rules = state.rules
    lay = rules.layout
    met = [0] * len(rules.factions)
    for obj in rules.objectives:
        end_met = obj.scoring == "end" and obj.when(state, -1)
        if end_met or (obj.scoring == "first_time" and state.v[lay.reached + obj.index]):
            met[obj.faction] += 1
    return met


def break_tie(state: State, leaders: list[int]) -> int:
    """The winner among factions tied on points by the level's `tie_break`, or -1.

    Criteria in order: TIE_OBJECTIVES keeps the tied factions with the most objectives
    met; a faction index wins if it is still among them. No decision: no winner.
    """
    tied = list(leaders)
    for code in state.rules.tie_break:
        if code == TIE_OBJECTIVES:
            met = objectives_met(state)
            most = max(met[i] for i in tied)
            tied = [i for i in tied if met[i] == most]
        elif code in tied:
            return code
        if len(tied) == 1:
            return tied[0]
    return -1


def projected_scores(state: State) -> list[int]:
    """Victory points now: earned so far plus end-of-game objectives currently met.

    After the game ends, the final scores.
    """
    rules = state.rules
    lay = rules.layout
    scores = state.v[lay.vp : lay.vp + len(rules.factions)]
    if state.outcome >= 0:
        return scores
    tests = _objective_tests(rules)
    objectives = rules.objectives
    for k in _by_scoring(rules)[2]:
        obj = objectives[k]
        if _objective_holds(state, obj, tests[obj.index]):
            scores[obj.faction] += obj.worth(state)
    return scores
