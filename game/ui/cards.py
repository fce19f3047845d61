"""Words for actions: the cost line, the odds and the likely effects (window and terminal)."""

from __future__ import annotations

from game.engine import Action, State, preview
from game.engine.log import change_text
from game.engine.ruleset import ActionDef, Ruleset


def cost_text(rules: Ruleset, a: ActionDef) -> str:
    """'1 AP · 2 Cash' (or 'free')."""
    parts = [f"{a.ap} AP"] if a.ap else []
    parts += [f"{amount} {rules.vars[slot].name}" for slot, amount in a.costs]
    return " · ".join(parts) or "free"


def odds_text(chance: float | None) -> str:
    """'60% chance' or 'certain'."""
    return "certain" if chance is None else f"{round(chance * 100)}% chance"


def changes_text(rules: Ruleset, changes: tuple[tuple[int, int], ...], viewer: int) -> str:
    """Readable changes ('Escalation +1, Junta Treasury -2'), internal counters left out."""
    parts = [
        change_text(rules, slot, delta, viewer)
        for slot, delta in changes
        if delta and slot < rules.layout.n_vars and not rules.vars[slot].hidden
    ]
    return ", ".join(parts) or "no immediate change"


def preview_lines(state: State, action: Action, viewer: int) -> list[str]:
    """The card for a legal move: title, description, cost, odds, effects on success/failure."""
    rules = state.rules
    a = rules.actions[action.action]
    p = preview(state, action)
    lines = [rules.action_label(action)]
    if a.description:
        lines.append(a.description)
    lines.append(f"Cost: {cost_text(rules, a)}   Odds: {odds_text(p.chance)}")
    if p.chance is None:
        lines.append(f"Effects: {changes_text(rules, p.on_success, viewer)}")
    else:
        lines.append(f"If it works: {changes_text(rules, p.on_success, viewer)}")
        lines.append(f"If it fails: {changes_text(rules, p.on_failure, viewer)}")
    notes = []
    if a.covert:
        notes.append("covert: others do not see it")
    if a.once:
        notes.append("once per game")
    if a.cooldown:
        notes.append(f"cooldown {a.cooldown}")
    if notes:
        lines.append("Note: " + ", ".join(notes) + ".")
    return lines


def unavailable_lines(rules: Ruleset, a: ActionDef, reason: str) -> list[str]:
    """The card for an action that cannot be taken now, with the reason."""
    lines = [a.name]
    if a.description:
        lines.append(a.description)
    lines.append(f"Cost: {cost_text(rules, a)}")
    lines.append(f"Unavailable: {reason}")
    return lines
