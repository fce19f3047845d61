"""Offers awaiting an answer: who must answer, and the moves they may answer with.

A proposal is a move of the proposer; the recipient answers out of turn, before the
proposer goes on. While an offer is pending, `current_faction` is the responder and its
only legal moves are the answers below (PASS is not one of them).
"""

from __future__ import annotations

from game.engine.deal_defs import IN_FORCE, DealDef
from game.engine.effects import Context, run_effects
from game.engine.flow import settle
from game.engine.ruleset import Action, ActionDef, Ruleset
from game.engine.state import State


def pending_deal(state: State) -> DealDef | None:
    """The deal whose offer awaits an answer, or None."""
    slot = state.rules.pending.deal
    if slot < 0:
        return None
    index = state.v[slot]
    return state.rules.deals[index - 1] if index else None


def responder(state: State) -> int:
    """The faction that must answer the pending offer, or -1 when none is pending."""
    pending = state.rules.pending
    if pending.deal < 0 or not state.v[pending.deal]:
        return -1
    return state.v[pending.responder]


def pending_option(state: State) -> int:
    """The option index of the pending offer (0 for a deal without options)."""
    return state.v[state.rules.pending.option]


def answer_moves(state: State) -> list[Action]:
    """The responder's moves: refuse first, then accept, then counter-offers — those whose
    terms can be met now (the deal's `requires` for that option, e.g. the price is affordable)."""
    deal = pending_deal(state)
    if deal is None:
        return []
    k = pending_option(state)
    if state.v[state.rules.pending.responder] == deal.recipient:
        answers = [deal.accept[k], *(c for j, c in enumerate(deal.counter) if j != k)]
        refuse = deal.refuse
    else:
        answers, refuse = [deal.accept_back[k]], deal.refuse_back
    actions = state.rules.actions
    moves = [Action(refuse, -1)]
    for index in answers:
        if all(req.test(state, -1) for req in actions[index].requires):
            moves.append(Action(index, -1))
    return moves


def counterpart(rules: Ruleset, action: ActionDef) -> int:
    """The other party of a deal's action (who also sees a private deal's log line), or -1."""
    if action.deal < 0:
        return -1
    deal = rules.deals[action.deal]
    return deal.proposer if action.faction == deal.recipient else deal.recipient


def in_force(state: State, deal: DealDef) -> bool:
    """Whether the deal's terms bind now."""
    return state.v[deal.status_slot] == IN_FORCE


def deal_of(rules: Ruleset, deal_id: str) -> DealDef:
    """The deal with this id; raises KeyError."""
    for deal in rules.deals:
        if deal.id == deal_id:
            return deal
    raise KeyError(deal_id)


def open_promises(state: State) -> list[tuple[DealDef, int, int]]:
    """The "will take" terms of deals in force not yet met: (deal, the faction that
    promised, rounds left after this one before its deadline breaks the deal — 0: this
    round is the last chance). Read from public slots only for a public deal."""
    rules = state.rules
    v = state.v
    last = rules.layout.last
    out: list[tuple[DealDef, int, int]] = []
    for d in rules.deals:
        if v[d.status_slot] != IN_FORCE:
            continue
        since = v[d.round_slot]
        for who, takes, within in (
            (d.proposer, d.proposer_takes, d.proposer_within),
            (d.recipient, d.recipient_takes, d.recipient_within),
        ):
            for a in takes:
                if v[last + a] < since:
                    out.append((d, who, since + within - state.round))
                    break
    return out


def break_at_deadline(state: State, deal: DealDef, faction: int) -> None:
    """What missing `faction`'s promised action would do: run the deadline's breach
    effects (and any outcome they trigger) on `state` in place, without a log. For
    agents' what-if copies; raises ValueError if that side promised no action."""
    rule = deal.proposer_deadline if faction == deal.proposer else deal.recipient_deadline
    if rule < 0:
        raise ValueError(f"{deal.id}: faction {faction} promised no action")
    ctx = Context(False)
    run_effects(state, state.rules.upkeep[rule].effects, -1, ctx)
    settle(state, ctx, None)
