"""The rows of the action panel: one per action of the seat (targets folded together),
the seat's ordinary actions first and its deal offers after them, as their own group; in
each group the moves a player can make now come before the unavailable ones, and within a
turn every row keeps the place it had when the turn began, so the number keys stay put."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import ActionOption, Ruleset
from game.engine.deal_defs import PROPOSE


@dataclass
class ActionRow:
    """One action of the seat as the panel lists it (targets folded together)."""

    index: int  # action definition index
    legal: bool
    reason: str
    options: list[ActionOption]

    @property
    def targets(self) -> list[int]:
        """Legal targets (empty for untargeted actions)."""
        return [o.action.target for o in self.options if o.legal and o.action.target >= 0]


def action_rows(options: list[ActionOption]) -> list[ActionRow]:
    """Fold `action_options` rows into one row per action definition, in order."""
    rows: dict[int, ActionRow] = {}
    for opt in options:
        row = rows.get(opt.action.action)
        if row is None:
            row = rows[opt.action.action] = ActionRow(opt.action.action, opt.legal, opt.reason, [])
        row.options.append(opt)
    return list(rows.values())


def is_offer_row(rules: Ruleset, row: ActionRow) -> bool:
    """Whether the row proposes a deal."""
    return rules.actions[row.index].deal_role == PROPOSE


def panel_order(
    rules: Ruleset, rows: list[ActionRow], kept: list[int] | None = None
) -> list[ActionRow]:
    """The rows as the panel lists them: ordinary actions, then the deal offers; in each
    group the legal rows first, then the unavailable ones (the level's order otherwise).

    `kept` is the order of action indices the panel showed when the turn began: those rows
    stay in that order whatever became legal or unavailable since (a once-a-game action just
    used stays where it was, greyed, instead of shifting every number below it); rows not
    in it follow in the usual order."""
    if not kept:
        return sorted(rows, key=lambda r: (is_offer_row(rules, r), not r.legal))
    place = {index: i for i, index in enumerate(kept)}
    last = len(kept)
    return sorted(
        rows,
        key=lambda r: (is_offer_row(rules, r), place.get(r.index, last), not r.legal),
    )


def first_offer(rules: Ruleset, rows: list[ActionRow]) -> int:
    """The index of the first offer row (the 'Offers' group starts there), or -1."""
    return next((i for i, r in enumerate(rows) if is_offer_row(rules, r)), -1)
