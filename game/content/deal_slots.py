"""The state slots of a level's deals, and the scope in which a deal's option is a name.

Declared with the other variables (before the layout), so their count is known
before the deals themselves are compiled (`game.content.deals`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.content import schema as S
from game.content.compiler import Compiler
from game.content.expr import ConstRef, Ref
from game.content.scope import LevelScope, Symbols
from game.engine import deal_defs as D
from game.engine import ruleset as R

_STATUS = tuple(enumerate(D.STATUS_WORDS))  # a status slot reads as words


class OptionScope(LevelScope):
    """A scope where the deal's option name (e.g. `months`) is the chosen value."""

    def __init__(self, symbols: Symbols, name: str = "", value: int = 0) -> None:
        super().__init__(symbols)
        self.option_name = name
        self.option_value = value
        self.read_option = False  # set once an expression compiled here names the option

    def lookup(self, parts: tuple[str, ...]) -> Ref:
        if self.option_name and parts == (self.option_name,):
            self.read_option = True
            return ConstRef(self.option_value)
        return super().lookup(parts)


def n_options(deal: S.Deal) -> int:
    return len(deal.option.values) if deal.option else 1


def action_count(c: Compiler) -> int:
    """How many actions the deals will add (the layout needs it before compiling)."""
    total = 0
    for deal, _ in c.items["deals"]:
        n = n_options(deal)
        total += 2 * n + 1 + ((2 * n + 1) if deal.counter and n > 1 else 0)
    return total


def declare_deal_slots(c: Compiler, add: Callable[..., int]) -> None:
    """Declare each deal's status, option and round slots, and the pending-offer slots
    (all read-only to the level's expressions as `deals.<id>`, `deals.<id>.option`...).

    `add(**VarDef fields)` declares one slot and returns it (see `declare._add`).
    """
    items = c.items["deals"]
    if not items:
        return
    rounds = max(1, c.sym.rounds)
    for deal, _ in items:
        values = deal.option.values if deal.option else [0]
        base = f"deals.{deal.id}"
        common: dict[str, Any] = {"kind": R.TRACK, "description": deal.description}
        common.update(id=deal.id, hidden=True, initial=0)
        factions = c.sym.factions
        if not deal.public and deal.proposer in factions and deal.recipient in factions:
            common.update(
                private=True, owner=factions[deal.proposer], shared_with=factions[deal.recipient]
            )
        add(key=base, name=deal.name, lo=0, hi=len(D.STATUS_WORDS) - 1, labels=_STATUS, **common)
        add(
            key=f"{base}.option",
            name=f"{deal.name}: option",
            **common,
            lo=min(0, *values),
            hi=max(0, *values),
        )
        add(key=f"{base}.round", name=f"{deal.name}: round", lo=0, hi=rounds, **common)
    hidden: dict[str, Any] = {"kind": R.TRACK, "hidden": True, "initial": 0}
    most = max(n_options(d) for d, _ in items) - 1
    n_f = max(1, len(c.sym.factions))
    add(
        key="deals.pending",
        id="pending",
        name="Offer awaiting an answer",
        description="Which deal's offer awaits an answer (0: none).",
        lo=0,
        hi=len(items),
        **hidden,
    )
    add(
        key="deals.pending.option",
        id="pending",
        name="Option offered",
        description="Which option of the deal is on the table.",
        lo=0,
        hi=most,
        **hidden,
    )
    add(
        key="deals.pending.responder",
        id="pending",
        name="Faction to answer",
        description="The faction that must answer the offer.",
        lo=0,
        hi=n_f - 1,
        **hidden,
    )
