"""Rule-test moves that offer a deal (`propose:`) or answer the pending offer (`answer:`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.content.problems import suggest
from game.engine import Action, State
from game.engine.deals import answer_moves, deal_of, pending_deal, pending_option
from game.engine.ruleset import DealDef
from game.testing.schema import MoveStep

Abort = Callable[[tuple[Any, ...], str], Exception]


def _option_index(deal: DealDef, move: MoveStep, path: tuple[Any, ...], abort: Abort) -> int:
    """The index of the option a move names (the only one when the deal has none)."""
    given = move.option if move.option is not None else next(iter(move.values.values()), None)
    key = "option" if move.option is not None else next(iter(move.values), "option")
    if move.values and deal.option_name and key != deal.option_name:
        raise abort((*path, key), f"deal '{deal.id}' has option '{deal.option_name}', not '{key}'")
    if not deal.option_name:
        if given is not None:
            raise abort((*path, key), f"deal '{deal.id}' has no option; remove '{key}'")
        return 0
    if given is None:
        values = ", ".join(str(v) for v in deal.options)
        raise abort(path, f"deal '{deal.id}' needs '{deal.option_name}': one of {values}")
    if given not in deal.options:
        values = ", ".join(str(v) for v in deal.options)
        raise abort(
            (*path, key), f"'{deal.option_name}' {given} is not offered; use one of {values}"
        )
    return deal.options.index(given)


def deal_move(state: State, move: MoveStep, path: tuple[Any, ...], abort: Abort) -> Action:
    """The Action for a `propose` or `answer` move; raises abort(...) on a bad name."""
    rules = state.rules
    if move.propose:
        try:
            deal = deal_of(rules, move.propose)
        except KeyError:
            ids = [d.id for d in rules.deals]
            raise abort(
                (*path, "propose"), f"unknown deal '{move.propose}'{suggest(move.propose, ids)}"
            ) from None
        if move.to is not None and rules.factions[deal.recipient].id != move.to:
            raise abort(
                (*path, "to"),
                f"deal '{deal.id}' goes to {rules.factions[deal.recipient].id}, not {move.to}",
            )
        return Action(deal.propose[_option_index(deal, move, path, abort)], -1)
    pending = pending_deal(state)
    if pending is None:
        raise abort((*path, "answer"), "no offer is waiting for an answer")
    moves = answer_moves(state)
    if move.answer == "refuse":
        return moves[0]
    if move.answer == "accept":  # the accept move even when its terms fail: the run says why
        k = pending_option(state)
        by_recipient = state.v[state.rules.pending.responder] == pending.recipient
        return Action((pending.accept if by_recipient else pending.accept_back)[k], -1)
    k = _option_index(pending, move, path, abort)
    if k == pending_option(state) or not pending.counter:
        raise abort((*path, "answer"), f"deal '{pending.id}' allows no such counter-offer")
    return Action(pending.counter[k], -1)
