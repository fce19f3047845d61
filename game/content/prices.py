"""An action's price — its `ap` and `cost` — as a fixed number or a formula.

A formula (`ap: "1 + (tension >= 5)"`, `cost: {cash: "2 * sanctions"}`) is compiled once
at load, in the acting faction's scope and without a target: the price is worked out
before a target is chosen. A formula of constants is folded into a fixed number, so
the engine keeps its fixed-price fast path. `game.engine.prices` reads both kinds.
"""

from __future__ import annotations

from typing import Any

from game.content.compiler import Compiler, Loc
from game.content.nodes import constant_of
from game.content.scope import BarredScope, LevelScope, Symbols
from game.engine import ruleset as R
from game.engine.prices import whole_price


def price_scope(symbols: Symbols, faction: str | None, field: str) -> BarredScope:
    """A faction's names for a price formula: no `target`, with a sentence saying why."""
    why = (
        f"'{field}' is worked out before a target is chosen, so it cannot read 'target'; "
        "use a fixed price here and put what depends on the target in the effects or "
        "the 'targets' condition"
    )
    plain = LevelScope(symbols, faction).examples()[0]
    what = "a whole number from 0 to 20" if field == "ap" else "a number from 0 to 1000"
    hint = f"'{field}' is {what} or a formula of the level's values, e.g. '1 + ({plain} >= 3)'"
    return BarredScope(symbols, faction, {"target": why}, hint)


def compile_price(
    c: Compiler, value: int | str, faction: str | None, loc: Loc, *fields: Any
) -> tuple[int, R.Fn | None]:
    """(fixed price, None) for a number or a formula of constants, else (0, formula)."""
    if not isinstance(value, str):
        return value, None
    scope = price_scope(c.sym, faction, fields[0])
    fn = c.expr(value, scope, loc, *fields)
    is_const, constant = constant_of(fn, (False, 0))
    if is_const:
        return whole_price(float(constant)), None
    return 0, fn


def priced_fields(
    c: Compiler, a: Any, costs: list[tuple[int, int | str, str]], loc: Loc
) -> dict[str, Any]:
    """The ActionDef fields of an action's price: `ap`, `costs` and, when a formula is
    among them, `ap_fn`, `cost_fns` and `priced` (`costs`: (slot, value, key) as written)."""
    faction = a.faction if a.faction in c.sym.factions else None
    ap, ap_fn = compile_price(c, a.ap, faction, loc, "ap")
    fixed: list[tuple[int, int]] = []
    fns: list[tuple[int, R.Fn]] = []
    formula_cost = False
    for slot, value, key in costs:
        amount, fn = compile_price(c, value, faction, loc, "cost", key)
        fixed.append((slot, amount))
        fns.append((slot, fn if fn is not None else _fixed(amount)))
        formula_cost = formula_cost or fn is not None
    fields: dict[str, Any] = {"ap": ap, "costs": tuple(fixed)}
    if ap_fn is not None or formula_cost:
        fields.update(ap_fn=ap_fn, priced=True, cost_fns=tuple(fns) if formula_cost else ())
    return fields


def _fixed(amount: int) -> R.Fn:
    """A fixed cost among formula ones, as a formula."""

    def fn(s: Any, t: int) -> int:
        return amount

    return fn
