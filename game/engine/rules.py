"""Legal actions and applying them: the engine's one entry point for moves."""

from __future__ import annotations

from typing import Any

from game.engine.deal_defs import IN_FORCE, KEPT, NOT_A_DEAL, PROPOSE, REFUSED
from game.engine.deals import answer_moves, counterpart, responder
from game.engine.effects import Context, merge_changes, resolve_action
from game.engine.errors import IllegalAction
from game.engine.flow import end_turn, settle
from game.engine.formula import Formula
from game.engine.log import ACTION, PASSED, LogEntry
from game.engine.prices import ap_of, can_pay, costs_of
from game.engine.ruleset import FACTION_TARGET, NO_TARGET, PASS, Action, ActionDef, Ruleset
from game.engine.scoring import projected_scores
from game.engine.state import State


def current_faction(state: State) -> int:
    """Index of the faction to act (the one that must answer a pending offer, if any),
    or -1 when the game is over."""
    if state.outcome >= 0:
        return -1
    rules = state.rules
    pending = rules.pending  # `responder(state)`, inlined: every adapter step asks
    if pending.deal >= 0 and state.v[pending.deal]:
        return state.v[pending.responder]
    return rules.order[state.turn]


def is_over(state: State) -> bool:
    """True once the game has ended."""
    return state.outcome >= 0


def scores(state: State) -> list[int]:
    """Victory points per faction (final once the game is over, projected before)."""
    return projected_scores(state)


def _usable(state: State, a: ActionDef) -> bool:
    """Everything but the target: AP, limits, cooldown, costs, requirements."""
    v = state.v
    lay = state.rules.layout
    i = a.index
    if a.ap > state.ap:
        return False
    if a.per_round and v[lay.this_round + i] >= a.per_round:
        return False
    used = v[lay.used + i]
    if used and (a.once or (a.cooldown and state.round - v[lay.last + i] <= a.cooldown)):
        return False
    return _affordable(state, a)


def _target_count(rules: Ruleset, a: ActionDef) -> int:
    return len(rules.factions) if a.target_kind == FACTION_TARGET else len(rules.regions)


def _target_ok(state: State, a: ActionDef, target: int) -> bool:
    if a.target_kind == FACTION_TARGET and target == a.faction and a.targets is None:
        return False
    return a.targets is None or bool(a.targets(state, target))


def legal_actions(state: State, faction: int | None = None) -> list[Action]:
    """Every legal move of `faction` (default: the acting one); PASS always comes first,
    except while an offer awaits an answer: then only the responder has moves, the
    answers (refuse first).

    Returns an empty list when the game is over or it is not that faction's turn.
    """
    if state.outcome >= 0:
        return []
    rules = state.rules
    v = state.v
    pending = rules.pending.deal  # `responder(state) >= 0`, inlined
    if pending >= 0 and v[pending]:
        answering = responder(state)
        return answer_moves(state) if faction is None or faction == answering else []
    acting = rules.order[state.turn]
    if faction is not None and faction != acting:
        return []
    moves = [PASS]
    space = rules.space_by_action
    # The checks of `_usable`, inlined: this loop is the engine's hottest code.
    lay = rules.layout
    used_at, last_at, round_at = lay.used, lay.last, lay.this_round
    ap = state.ap
    now = state.round
    for a in rules.plain_by_faction[acting]:
        i = a.index
        if a.ap > ap or (a.per_round and v[round_at + i] >= a.per_round):
            continue
        if v[used_at + i] and (a.once or (a.cooldown and now - v[last_at + i] <= a.cooldown)):
            continue
        if not _affordable(state, a):
            continue
        if a.target_kind == NO_TARGET:
            moves.append(space[i][0])
            continue
        check = a.targets
        if check is None:
            skip = a.faction if a.target_kind == FACTION_TARGET else -1
            moves.extend(m for m in space[i] if m.target != skip)
        else:
            moves.extend(m for m in space[i] if check(state, m.target))
    # An offer's own checks, inlined (see DealDef and Ruleset.offer_gates): once for the
    # deal, its AP, status (in force; refused or ended within the cooldown; once-only and
    # done: KEPT, BROKEN and REFUSED are the statuses from KEPT up) and the `requires`
    # every option shares; then per option its round limit (one offer a round) and the
    # `requires` that read the option. Offers have no costs, targets or cooldown.
    for cost, status, stamped, cooldown, once, shared, options in rules.offer_gates[acting]:
        if cost > ap:
            continue
        now_status = v[status]
        if now_status and (
            now_status == IN_FORCE
            or (
                now_status >= KEPT
                and ((once and now_status != REFUSED) or now - v[stamped] <= cooldown)
            )
        ):
            continue
        for test in shared:
            if not test(state, -1):
                break
        else:
            for slot, checks, move, _index in options:
                if v[slot] >= 1:
                    continue
                for test in checks:
                    if not test(state, -1):
                        break
                else:
                    moves.append(move)
    return moves


def legal_indices(state: State) -> list[int]:
    """The acting faction's legal moves as indices into `Ruleset.action_space`: the
    same moves as `legal_actions(state)`, in the same order, without building them
    (what the adapters' masks need). The checks are `legal_actions`', kept in step with
    it (tests/test_legal_indices.py compares the two on every level)."""
    if state.outcome >= 0:
        return []
    rules = state.rules
    v = state.v
    pending = rules.pending.deal
    if pending >= 0 and v[pending]:
        index_of = rules.action_index
        return [index_of[m] for m in answer_moves(state)]
    acting = rules.order[state.turn]
    # Any: the table's int objects go into the list as they are (typed ints would be
    # unboxed and boxed again, a new object for every index above 256)
    moves: list[Any] = [0]
    space = rules.index_by_action
    lay = rules.layout
    used_at, last_at, round_at = lay.used, lay.last, lay.this_round
    ap = state.ap
    now = state.round
    for a in rules.plain_by_faction[acting]:
        i = a.index
        if a.ap > ap or (a.per_round and v[round_at + i] >= a.per_round):
            continue
        if v[used_at + i] and (a.once or (a.cooldown and now - v[last_at + i] <= a.cooldown)):
            continue
        if not _affordable(state, a):
            continue
        row: tuple[Any, ...] = space[i]
        if a.target_kind == NO_TARGET:
            moves.append(row[0])
            continue
        check = a.targets
        if check is None:
            if a.target_kind == FACTION_TARGET:  # every faction but itself
                skip = a.faction
                moves.extend(row[:skip])
                moves.extend(row[skip + 1 :])
            else:
                moves.extend(row)
        else:
            moves.extend([m for t, m in enumerate(row) if check(state, t)])
    for cost, status, stamped, cooldown, once, shared, options in rules.offer_gates[acting]:
        if cost > ap:
            continue
        now_status = v[status]
        if now_status and (
            now_status == IN_FORCE
            or (
                now_status >= KEPT
                and ((once and now_status != REFUSED) or now - v[stamped] <= cooldown)
            )
        ):
            continue
        for test in shared:
            if not test(state, -1):
                break
        else:
            for slot, checks, _move, index in options:
                if v[slot] >= 1:
                    continue
                for test in checks:
                    if not test(state, -1):
                        break
                else:
                    moves.append(index)
    return moves


def _affordable(state: State, a: ActionDef) -> bool:
    """Costs can be paid and every requirement holds (a formula price is worked out now;
    a fixed one was checked against the AP left by the caller)."""
    if a.priced:
        if not can_pay(state, a):
            return False
    else:
        v = state.v
        for slot, amount in a.costs:
            if v[slot] < amount:
                return False
    for req in a.requires:
        test = req.test
        if not (test.ev(state, -1) if isinstance(test, Formula) else test(state, -1)):
            return False
    return True


def why_illegal(state: State, action: Action) -> tuple[str, str] | None:
    """(code, sentence) saying why `action` is illegal now, or None if it is legal."""
    rules = state.rules
    if state.outcome >= 0:
        return ("game_over", "The game is over.")
    answering = responder(state) if rules.deals else -1
    if answering >= 0:
        if action in answer_moves(state):
            return None
        if 0 <= action.action < len(rules.actions) and rules.actions[action.action].deal >= 0:
            for req in rules.actions[action.action].requires:  # an answer whose terms fail
                if not req.test(state, -1):
                    return ("requirement", req.why)
        who = rules.factions[answering].name
        return ("answer_pending", f"An offer awaits {who}'s answer first.")
    if action == PASS:
        return None
    if not 0 <= action.action < len(rules.actions):
        return ("unknown_action", f"There is no action number {action.action}.")
    a = rules.actions[action.action]
    if a.deal_role not in (NOT_A_DEAL, PROPOSE):
        return ("no_offer", f"'{a.name}' answers an offer, and no offer is waiting.")
    lay = rules.layout
    v = state.v
    acting = rules.order[state.turn]
    if a.faction != acting:
        who = rules.factions[acting].name
        return ("not_your_turn", f"It is {who}'s turn, not {rules.factions[a.faction].name}'s.")
    if a.target_kind == NO_TARGET and action.target != -1:
        return ("bad_target", f"'{a.name}' takes no target.")
    if a.target_kind != NO_TARGET and not 0 <= action.target < _target_count(rules, a):
        return ("bad_target", f"'{a.name}' needs a target.")
    ap = ap_of(state, a)
    if ap > state.ap:
        return ("no_action_points", f"Needs {ap} action points; {state.ap} left this turn.")
    if a.per_round and v[lay.this_round + a.index] >= a.per_round:
        return ("used_this_round", "Already used this round.")
    used = v[lay.used + a.index]
    if used and a.once:
        when = f"{rules.round_name.lower()} {v[lay.last + a.index]}"
        return ("used_once", f"Once per game, and already used (in {when}).")
    if used and a.cooldown and state.round - v[lay.last + a.index] <= a.cooldown:
        ready = v[lay.last + a.index] + a.cooldown + 1
        return ("cooldown", f"Cooling down: available again in {rules.round_name.lower()} {ready}.")
    for slot, amount in costs_of(state, a):
        if v[slot] < amount:
            var = rules.vars[slot]
            return ("cost", f"Costs {amount} {var.name}; you have {v[slot]}.")
    for req in a.requires:
        if not req.test(state, -1):
            return ("requirement", req.why)
    if a.target_kind != NO_TARGET and not _target_ok(state, a, action.target):
        return ("bad_target", f"{rules.target_name(action)} is not a valid target for '{a.name}'.")
    return None


def is_legal(state: State, action: Action) -> bool:
    """True if `action` may be applied now."""
    return why_illegal(state, action) is None


def apply(
    state: State, action: Action, *, roll: bool | None = None
) -> tuple[State, list[LogEntry]]:
    """Return the state after `action` and the log of what happened.

    `roll` forces the outcome of the action's chance roll (for rule tests).
    Raises IllegalAction (with a code and a reason) if the action is not legal.
    """
    problem = why_illegal(state, action)
    if problem is not None:
        raise IllegalAction(*problem)
    new = state.clone()
    log: list[LogEntry] = []
    step(new, action, log, roll)
    return new, log


def step(
    state: State, action: Action, log: list[LogEntry] | None = None, roll: bool | None = None
) -> None:
    """Apply a move known to be legal, in place (the fast path for AI and simulations).

    PASS while an offer awaits an answer is taken as refusing it."""
    pending = state.rules.pending.deal  # `responder(state) >= 0`, inlined
    if action.action < 0 and pending >= 0 and state.v[pending]:
        action = answer_moves(state)[0]
    if action.action < 0:
        if log is not None:
            log.append(LogEntry(state.round, PASSED, state.rules.order[state.turn], -1))
        end_turn(state, log)
        return
    a = state.rules.actions[action.action]
    ctx = Context(log is not None)
    success = resolve_action(state, a, action.target, ctx, roll)
    if log is not None and ctx.changes is not None:
        log.append(
            LogEntry(
                state.round,
                ACTION,
                a.faction,
                a.index,
                action.target,
                success,
                merge_changes(ctx.changes),
                a.faction if a.covert else -1,
                ctx.news,
                counterpart(state.rules, a) if a.covert else -1,
            )
        )
    settle(state, ctx, log)
    if state.outcome < 0 and state.ap <= 0 and (not a.deal_role or responder(state) < 0):
        end_turn(state, log)


def end_round(state: State) -> None:
    """Every seat still to act this round ends its turn, in place (nothing is logged).

    The same state as stepping PASS for each of them, without working out the action
    points of seats that would only pass: the fast path of play-outs where every seat
    passes (the AI's foresight). An offer still awaiting an answer is refused first.
    Does nothing once the game is over.
    """
    if state.outcome >= 0:
        return
    if state.rules.deals and responder(state) >= 0:
        start = state.round
        step(state, answer_moves(state)[0])  # the refusal may end the proposer's turn
        if state.outcome >= 0 or state.round != start:
            return
    state.turn = len(state.rules.order) - 1
    end_turn(state, None)


def chance_of(state: State, action: Action) -> float | None:
    """The probability that an action's roll succeeds now, or None if it has no roll."""
    if action.action < 0:
        return None
    a = state.rules.actions[action.action]
    if a.chance is None:
        return None
    p = float(a.chance(state, action.target))
    return 0.0 if p < 0 else 1.0 if p > 1 else p
