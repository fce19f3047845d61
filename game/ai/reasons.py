"""Short, readable reasons for AI decisions, built from the level's own names."""

from __future__ import annotations

from game.ai.base import Decision
from game.engine import PASS, Action, PlayerView, State, preview, sample_state
from game.engine.odds import odds_words, public_chance
from game.engine.ruleset import REGION_VALUE, RESOURCE, Ruleset

MAX_CHANGES = 2


def value_name(rules: Ruleset, slot: int, viewer: int) -> str:
    """A readable name of a value: 'Tension', 'Capital influence (Red)', 'Cash (Blue)'."""
    var = rules.vars[slot]
    if var.kind == REGION_VALUE and var.region >= 0:
        name = f"{rules.regions[var.region].name} {var.name.lower()}"
        if var.per_faction >= 0:
            name += f" ({rules.factions[var.per_faction].short})"
        return name
    if var.kind == RESOURCE and var.owner >= 0 and var.owner != viewer:
        return f"{var.name} ({rules.factions[var.owner].short})"
    return var.name


def _show(rules: Ruleset, slot: int, value: int) -> str:
    label = rules.vars[slot].label(value)
    return label if label != str(value) else str(value)


def change_summary(view: PlayerView, state: State, action: Action) -> str:
    """The largest visible effects of `action` on success, e.g. 'Tension 1 → 2; 50% odds'.

    `state` is a determinization of `view`. Reasons are read by every player, so private
    values (the agent's own included) are never shown, nor are values it cannot see.
    """
    if action == PASS:
        return ""
    rules = view.rules
    p = preview(state, action)
    costs = {slot for slot, _ in rules.actions[action.action].costs}
    shown: list[tuple[int, int]] = []
    for slot, delta in p.on_success:
        var = rules.vars[slot] if slot < rules.layout.n_vars else None
        if var is None or var.private or var.hidden or view.values[slot] is None:
            continue
        if slot in costs and len(p.on_success) > 1:
            continue
        shown.append((slot, delta))
    shown.sort(key=lambda c: -abs(c[1]))
    parts = []
    for slot, delta in shown[:MAX_CHANGES]:
        old = state.v[slot]
        parts.append(
            f"{value_name(rules, slot, view.faction)} {_show(rules, slot, old)} → "
            f"{_show(rules, slot, old + delta)}"
        )
    if p.chance is not None:
        parts.append(odds_words(public_chance(state, action), "odds"))
    return "; ".join(parts)


def decision_reason(view: PlayerView, state: State, action: Action, gain: float, basis: str) -> str:
    """'Red: Agitate → Capital: Capital influence (Red) 0 → 2; 50% odds (expected margin
    +1.4 VP over ending the turn)'. `gain` is in victory points: over ending the turn for a
    move, over the best other move when the move ends the turn; `basis` names the search.
    """
    rules = view.rules
    who = rules.factions[view.faction].short
    if action == PASS:
        if gain > 0.05:
            return f"{who} ends the turn: every other move looks worse ({basis}, by {gain:.1f} VP)"
        return f"{who} ends the turn: no move improves its prospects ({basis})"
    summary = change_summary(view, state, action)
    label = rules.action_label(action)
    head = f"{who}: {label}" + (f": {summary}" if summary else "")
    return f"{head} ({basis}: expected margin {gain:+.1f} VP over ending the turn)"


def only_move(view: PlayerView, move: Action) -> Decision:
    """The decision when `move` is the one legal move."""
    return Decision(move, decision_reason(view, sample_state(view, 0), move, 0.0, "only move"))


def gain_over_alternative(moves: list[Action], values: list[float], best: int) -> float:
    """How much `moves[best]` is worth over ending the turn (or, when it ends the turn,
    over the best other move), from each move's value."""
    if moves[best] == PASS:
        rest = [x for j, x in enumerate(values) if moves[j] != PASS]
        return values[best] - (max(rest) if rest else values[best])
    base = values[moves.index(PASS)] if PASS in moves else min(values)
    return values[best] - base
