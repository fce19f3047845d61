"""Rounds and phases: news (events), faction turns, upkeep, victory checks.

A state always rests at a decision point (a faction to act) or at the end of the
game; these functions carry it from one to the next.
"""

from __future__ import annotations

from game.engine.deal_defs import IN_FORCE
from game.engine.effects import MAX_CHAIN, Context, merge_changes, run_effects
from game.engine.log import EVENT, OBJECTIVE, OUTCOME, ROUND, UPKEEP, LogEntry
from game.engine.ruleset import (
    TIE_OBJECTIVES,
    WINNER_MOST_POINTS,
    EventDef,
    Ruleset,
)
from game.engine.score_defs import ObjectiveDef
from game.engine.simple_conditions import TEST_CALL, TEST_EQ, TEST_GE, TEST_GT, TEST_LE, TEST_LT
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
    ap = faction.action_points(state, -1)
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
            return _test(v[slot], code, c)
    return event.when is None or bool(event.when(state, -1))


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
            event.chance is None or random_float(state) < event.chance(state, -1)
        ):
            fire_event(state, event.index, log)
            if state.outcome >= 0:
                return
    pool = rules.random_events
    if not pool:
        return
    for _ in range(rules.random_events_per_round):
        if random_float(state) >= rules.random_event_chance(state, -1):
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
            holds = _test(v[slot], code, c)
        if holds:
            finish(state, instant[k].index, log)
            return True
    return False


def _test(x: int, code: int, c: int) -> bool:
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
            if not _test(v[slot], code, c):
                continue
        elif rule.when is not None and not rule.when(state, -1):
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
    _score_round(state, log)
    check_instant(state, log)


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
        return _test(state.v[slot], code, c)
    return bool(obj.when(state, -1))


def _score_round(state: State, log: Log) -> None:
    rules = state.rules
    lay = rules.layout
    v = state.v
    tests = _objective_tests(rules)
    objectives = rules.objectives
    for k in _by_scoring(rules)[0]:
        obj = objectives[k]
        if _objective_holds(state, obj, tests[obj.index]):
            v[lay.vp + obj.faction] += obj.worth(state)
    _bank_first_time(state, log)


def _bank_first_time(state: State, log: Log) -> None:
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
            v[lay.reached + obj.index] = 1
            points = obj.worth(state)
            v[lay.vp + obj.faction] += points
            if log is not None:
                gained = ((lay.vp + obj.faction, points),)
                log.append(LogEntry(state.round, OBJECTIVE, obj.faction, obj.index, changes=gained))


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
        _bank_first_time(state, log)
    final = projected_scores(state)
    for i in range(len(outcome.points)):  # a bonus formula reads the state before scoring
        final[i] += outcome.bonus(state, i)
    for i, points in enumerate(final):
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
