"""Checks of a deal's definition that need the rest of the level: which actions a side
may commit about, and whether the deal can ever be offered or matters when accepted."""

from __future__ import annotations

from typing import Any

from game.content import schema as S
from game.content.compiler import Compiler, Loc
from game.content.problems import suggest
from game.engine import ruleset as R


def own_actions(
    c: Compiler,
    actions: list[R.ActionDef],
    own: dict[str, int],
    ids: list[str],
    who: int,
    loc: Loc,
    *fields: Any,
) -> tuple[int, ...]:
    """Indices of the level's own actions (`own`: id → index) a side commits about;
    an error, located at the id, for an unknown action or another faction's."""
    fids = list(c.sym.factions)
    out = []
    for j, ident in enumerate(ids):
        index = own.get(ident)
        where = c.label(loc, *fields, j)
        if index is None:
            hint = suggest(ident, [a for a, k in own.items() if actions[k].faction == who])
            c.error(loc, f"{where}: unknown action '{ident}'{hint}", *fields, j)
            continue
        owner = actions[index].faction
        if owner != who:
            c.error(
                loc,
                f"{where}: '{ident}' is an action of {fids[owner]}, so {fids[who]} "
                f"cannot commit about it; list only {fids[who]}'s actions",
                *fields,
                j,
            )
            continue
        out.append(index)
    return tuple(out)


def warn_if_pointless(c: Compiler, spec: S.Deal, loc: Loc, proposer: int, commits: bool) -> None:
    """Warn about a deal that can never be offered, or whose acceptance does nothing."""
    factions = [f for f, _ in c.items["factions"]]
    own_ap = factions[proposer].action_points if proposer < len(factions) else None
    ap = c.meta[0].action_points if own_ap is None and c.meta else own_ap
    if isinstance(ap, int) and spec.ap > ap:
        c.error(
            loc,
            f"{c.label(loc, 'ap')}: offering it costs {spec.ap} action points but "
            f"{spec.proposer} has {ap} a turn, so it can never be offered; lower 'ap'",
            "ap",
            severity="warning",
        )
    if not spec.on_accept and not commits:
        c.error(
            loc,
            f"deal '{spec.id}': accepting it changes nothing (no on_accept effects and no "
            "commitments); give it terms",
            "on_accept",
            severity="warning",
        )


def warn_if_refusal_unclear(c: Compiler, spec: S.Deal, loc: Loc, refuse: str) -> None:
    """Warn where a countered deal's refusal headline, also the news when the proposer
    refuses a counter-offer, does not say who refuses and has no `text.refuse_counter`."""
    if spec.text.refuse_counter is not None or "{recipient}" in refuse:
        return
    c.error(
        loc,
        f"{c.label(loc, 'text', 'refuse')}: this headline is also the news when "
        f"{spec.proposer} refuses a counter-offer, and it does not say who refuses "
        "('{recipient}'); add text.refuse_counter so that refusal reads true",
        "text",
        "refuse",
        severity="warning",
    )
