"""Rounds and phases: news (events), faction turns, upkeep, victory checks.

A state always rests at a decision point (a faction to act) or at the end of the
game; these functions carry it from one to the next.
"""

from __future__ import annotations

from typing import Any

from game.engine.deal_defs import IN_FORCE
from game.engine.effects import MAX_CHAIN, Context, merge_changes, run_effects
from game.engine.formula import Formula
from game.engine.log import EVENT, OUTCOME, ROUND, UPKEEP, LogEntry
from game.engine.ruleset import WINNER_MOST_POINTS, EventDef, Fn, Ruleset
from game.engine.scoring import (
    bank_first_time,
    break_tie,
    projected_scores,
    score_round,
    value_test,
)
from game.engine.simple_conditions import TEST_CALL
from game.engine.state import State, random_float

Log = list[LogEntry] | None
MAX_AP = 1000  # a formula for action points is capped here (and snapshots allow no more)


def new_game(rules: Ruleset, seed: int, log: Log = None) -> State:
    """A fresh state at the first decision point of round 1 (after its news phase)."""
    state = State(rules, seed)
    _start_round(state, log)
    return state


def _start_round(state: State, log: Log) -> None:
    rules = state.rules
    lay = rules.layout
    v = state.v
    start = lay.this_round
    journal = state.journal
    if journal is not None:  # a trial (`mark_trial`): the old values of what changes
        for slot in range(start, start + len(rules.actions)):
            if v[slot]:
                journal.append(slot)
                journal.append(v[slot])
    v[start : start + len(rules.actions)] = [0] * len(rules.actions)
    state.turn = 0
    if log is not None:
        log.append(LogEntry(state.round, ROUND, -1, -1))
    news_phase(state, log)
    if state.outcome < 0:
        _begin_turn(state)


def _begin_turn(state: State) -> None:
    rules = state.rules
    faction = rules.factions[rules.order[state.turn]]
    ap = _value(faction.action_points, state)
    state.ap = max(0, min(MAX_AP, int(ap)))


def end_turn(state: State, log: Log) -> None:
    """Pass play to the next faction, running upkeep and the next round as needed."""
    rules = state.rules
    state.turn += 1
    if state.turn < len(rules.order):
        _begin_turn(state)
        return
    state.ap = 0
    _upkeep_phase(state, log)
    if state.outcome >= 0:
        return
    if state.round >= rules.rounds:
        finish(state, _end_outcome(state), log)
        return
    state.round += 1
    _start_round(state, log)


def _value(fn: Fn, state: State) -> Any:
    """`fn(state, -1)`, a compiled node called directly (`Formula`)."""
    return fn.ev(state, -1) if isinstance(fn, Formula) else fn(state, -1)


def _eligible(state: State, event: EventDef) -> bool:
    rules = state.rules
    lay = rules.layout
    v = state.v
    fired = v[lay.fired + event.index]
    if fired and event.once:
        return False
    if fired and event.cooldown and state.round - v[lay.fired_last + event.index] <= event.cooldown:
        return False
    tests = rules.event_tests
    if event.index < len(tests):
        slot, code, c = tests[event.index]
        if code != TEST_CALL:
            return value_test(v[slot], code, c)
    when = event.when
    if when is None:
        return True
    return bool(when.ev(state, -1) if isinstance(when, Formula) else when(state, -1))


def news_phase(state: State, log: Log) -> None:
    """Run the news phase of the current round: scheduled, conditional, then random events."""
    rules = state.rules
    r = state.round
    by_round = rules.scheduled_by_round  # () when built without the table
    due = by_round[r] if r < len(by_round) else [e for e in rules.scheduled if r in e.rounds]
    for event in due:
        if _eligible(state, event):
            fire_event(state, event.index, log)
            if state.outcome >= 0:
                return
    for event in rules.conditional:
        if _eligible(state, event) and (
            event.chance is None or random_float(state) < _value(event.chance, state)
        ):
            fire_event(state, event.index, log)
            if state.outcome >= 0:
                return
    pool = rules.random_events
    if not pool:
        return
    for _ in range(rules.random_events_per_round):
        if random_float(state) >= _value(rules.random_event_chance, state):
            continue
        eligible = [e for e in pool if _eligible(state, e)]
        if not eligible:
            return
        total = sum(e.weight for e in eligible)
        pick = random_float(state) * total
        chosen = eligible[-1]
        for e in eligible:
            pick -= e.weight
            if pick < 0:
                chosen = e
                break
        fire_event(state, chosen.index, log)
        if state.outcome >= 0:
            return


def fire_event(state: State, index: int, log: Log) -> None:
    """Fire one event now: mark it, run its effects, then any events it chains."""
    settle(state, _run_event(state, index, log), log)


def _run_event(state: State, index: int, log: Log) -> Context:
    """Mark an event fired and run its effects; returns what they requested."""
    lay = state.rules.layout
    journal = state.journal
    if journal is not None:
        for slot in (lay.fired + index, lay.fired_last + index):
            journal.append(slot)
            journal.append(state.v[slot])
    state.v[lay.fired + index] += 1
    state.v[lay.fired_last + index] = state.round
    ctx = Context(log is not None)
    run_effects(state, state.rules.events[index].effects, -1, ctx)
    if log is not None and ctx.changes is not None:
        changes = merge_changes(ctx.changes)
        if changes or ctx.news < 0 or state.rules.news[ctx.news].headline:
            log.append(LogEntry(state.round, EVENT, -1, index, changes=changes, news=ctx.news))
    return ctx


def settle(state: State, ctx: Context, log: Log) -> None:
    """After effects ran: end the game if asked, fire chained events, check outcomes.

    Chained events run depth first through an explicit stack: each frame holds the
    events one effect run asked for. An event's own chain runs before its siblings, a
    chain stops after `MAX_CHAIN` links (the checks warn about an event that can fire
    itself again), and instant outcomes are checked after each event's chain.
    """
    if ctx.end >= 0:
        finish(state, ctx.end, log)
        return
    if not ctx.fire:  # the common case: nothing chained, only the instant outcomes to check
        check_instant(state, log)
        return
    stack = [iter(ctx.fire)]
    while stack:
        index = next(stack[-1], -1) if len(stack) <= MAX_CHAIN else -1
        if index < 0:
            stack.pop()
            if check_instant(state, log):
                return
            continue
        child = _run_event(state, index, log)
        if child.end >= 0:
            finish(state, child.end, log)
            return
        stack.append(iter(child.fire))


def check_instant(state: State, log: Log) -> bool:
    """End the game if an instant outcome's condition holds; True if it ended.

    A condition of the shape `value <op> whole constant` is tested here on the value
    (`Ruleset.instant_tests`: the same truth, without calling its closure)."""
    if state.outcome >= 0:
        return True
    rules = state.rules
    instant = rules.instant
    tests = rules.instant_tests
    if len(tests) != len(instant):  # a ruleset built without the tests
        tests = tuple((0, TEST_CALL, 0) for _ in instant)
    v = state.v
    for k in range(len(instant)):
        slot, code, c = tests[k]
        if code == TEST_CALL:
            when = instant[k].when
            holds = when is not None and bool(when(state, -1))
        else:
            holds = value_test(v[slot], code, c)
        if holds:
            finish(state, instant[k].index, log)
            return True
    return False


def _upkeep_phase(state: State, log: Log) -> None:
    rules = state.rules
    quiet = rules.quiet_upkeep
    checked = False  # the instant outcomes were checked (none held) after an earlier rule
    upkeep = rules.upkeep
    v = state.v
    if rules.deals:
        for deal in rules.deals:
            if v[deal.status_slot] == IN_FORCE:
                break
        else:  # a deal's rules (end, deadline) act only on a deal in force, and no upkeep
            upkeep = rules.own_upkeep  # puts one in force: skip them all in one test
    tests = rules.upkeep_tests
    if len(tests) != len(rules.upkeep):  # a ruleset built without the tests
        tests = tuple((0, TEST_CALL, 0) for _ in rules.upkeep)
    scratch = Context(False)  # unlogged: one context serves every rule, reset before each
    for k, rule in enumerate(upkeep):  # own_upkeep is a prefix of upkeep: k indexes `quiet`
        slot, code, c = tests[k]
        if code != TEST_CALL:
            if not value_test(v[slot], code, c):
                continue
        elif rule.when is not None and not _value(rule.when, state):
            continue
        if log is None:
            ctx = scratch
            if ctx.fire:
                ctx.fire = []
            ctx.end = -1
            ctx.news = -1
        else:
            ctx = Context(True)
        run_effects(state, rule.effects, -1, ctx)
        if log is not None and (ctx.changes or ctx.news >= 0):
            changes = merge_changes(ctx.changes or [])
            log.append(
                LogEntry(
                    state.round,
                    UPKEEP,
                    -1,
                    rule.index,
                    changes=changes,
                    visible_to=rule.visible_to,
                    news=ctx.news,
                    also_visible_to=rule.also_visible_to,
                )
            )
        if checked and quiet and quiet[k]:
            continue  # settling would only check conditions this rule cannot change
        settle(state, ctx, log)
        if state.outcome >= 0:
            return
        checked = True
    score_round(state, log)
    check_instant(state, log)


def _end_outcome(state: State) -> int:
    for outcome in state.rules.end:
        if outcome.when is None or outcome.when(state, -1):
            return int(outcome.index)
    return len(state.rules.outcomes) - 1


def finish(state: State, outcome_index: int, log: Log) -> None:
    """End the game with an outcome: final scores go into the VP slots, winner is set."""
    rules = state.rules
    lay = rules.layout
    outcome = rules.outcomes[outcome_index]
    if state.outcome < 0:  # an objective reached in the week the game ends still counts
        bank_first_time(state, log)
    final = projected_scores(state)
    for i in range(len(outcome.points)):  # a bonus formula reads the state before scoring
        final[i] += outcome.bonus(state, i)
    journal = state.journal
    for i, points in enumerate(final):
        if journal is not None:
            journal.append(lay.vp + i)
            journal.append(state.v[lay.vp + i])
        state.v[lay.vp + i] = points
    state.outcome = outcome_index
    state.ap = 0
    if outcome.winner == WINNER_MOST_POINTS:
        best = max(final)
        leaders = [i for i, p in enumerate(final) if p == best]
        state.winner = leaders[0] if len(leaders) == 1 else break_tie(state, leaders)
    else:
        state.winner = outcome.winner
    if log is not None:
        log.append(LogEntry(state.round, OUTCOME, state.winner, outcome_index))
