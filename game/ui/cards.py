"""Words for actions: the cost line, the odds and the likely effects (window and terminal)."""

from __future__ import annotations

from game.engine import Action, State, preview
from game.engine.log import change_text, shown_change
from game.engine.odds import known_chance, odds_words
from game.engine.ruleset import FACTION_TARGET, REGION_TARGET, ActionDef, Ruleset


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
        if shown_change(rules, slot, delta, viewer)
    ]
    return ", ".join(parts) or "no immediate change"


def target_kind_text(a: ActionDef) -> str:
    """'a region', 'a faction' or ''."""
    return {REGION_TARGET: "a region", FACTION_TARGET: "a faction"}.get(a.target_kind, "")


def preview_lines(state: State, action: Action, viewer: int) -> list[str]:
    """The card for a legal move: title, description, cost, odds, effects on success/failure."""
    rules = state.rules
    a = rules.actions[action.action]
    p = preview(state, action)
    lines = [rules.action_label(action)]
    if a.description:
        lines.append(a.description)
    odds = odds_words(known_chance(state, action, viewer))  # never reads what viewer can't see
    lines.append(f"Cost: {cost_text(rules, a)}   Odds: {odds}")
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
