"""The card that shows an AI's move and its reason for a moment over the map."""

from __future__ import annotations

import pygame

from game.ai import Decision
from game.engine import Ruleset, describe
from game.match import Match
from game.ui.theme import Fonts
from game.ui.widgets.panel import text_box


class AiMoveCard:
    """What the last AI seat did and why; shown for the AI pace setting's seconds."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.lines: list[str] = []
        self.time = 0.0

    def show(
        self, match: Match, faction: int, decision: Decision, viewer: int, pace: float
    ) -> None:
        """Show `faction`'s move as the log tells it to `viewer` (its reason only when the
        viewer saw the move), for `pace` seconds."""
        mine = [e for e in match.log[-8:] if e.faction == faction]
        text = (
            describe(self.rules, mine[-1], viewer)
            if mine
            else f"{self.rules.factions[faction].name}: {self.rules.action_label(decision.action)}"
        )
        why = decision.reason
        seen = not mine or mine[-1].visible_to < 0 or mine[-1].visible_to == viewer
        self.lines = [text] + ([f"Why: {why}"] if why and seen else [])
        self.time = pace

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Draw the card in the top left of `area` while it is shown."""
        if self.lines and self.time > 0:
            px = self.fonts.px
            width = min(px(520), area.w - px(40))
            text_box(surface, self.fonts, self.lines, (area.x + px(4), area.y + px(4)), width, 13)
