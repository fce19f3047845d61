"""A tooltip for things drawn by hand (not pygame_gui elements): it shows after the mouse
rested half a second over the same text; and the texts of the play screen's tips."""

from __future__ import annotations

import html
from typing import Any

import pygame
import pygame_gui

from game.ui.lens import Lens
from game.ui.score_text import score_text
from game.ui.theme import Fonts
from game.ui.widgets.dashboard_text import known_text

DELAY = 0.5  # seconds the mouse rests before the tip shows


class HoverTip:
    """One pygame_gui tooltip, made and removed as the text under the mouse changes."""

    def __init__(self) -> None:
        self.text = ""
        self.time = 0.0
        self.tip: Any = None

    def update(
        self,
        dt: float,
        text: str,
        pos: tuple[int, int],
        manager: pygame_gui.UIManager,
        fonts: Fonts,
    ) -> None:
        """Advance by `dt` seconds with `text` under the mouse at `pos` ('' for nothing)."""
        if text != self.text:
            self.text = text
            self.time = 0.0
            self.kill()
        elif text:
            self.time += dt
            if self.tip is None and self.time > DELAY:
                self.tip = pygame_gui.elements.UITooltip(
                    html.escape(fonts.safe(text)),
                    (0, fonts.px(14)),
                    manager,
                    wrap_width=fonts.px(320),
                )
                self.tip.find_valid_position(pygame.math.Vector2(pos))

    def kill(self) -> None:
        """Remove the tooltip, if shown."""
        if self.tip is not None:
            self.tip.kill()
            self.tip = None


def faction_tip(lens: Lens, faction: int, seat: str) -> str:
    """A faction badge's tip: name, who plays it, goal and its resources as known."""
    rules = lens.state.rules
    fac = rules.factions[faction]
    known = ", ".join(f"{rules.vars[sl].name} {known_text(lens, sl)}" for sl in fac.resources)
    board = lens.board
    meets = [o.name for o in board.lines(faction) if o.met or o.banked]
    score = score_text(rules, board.of(faction), board)
    return (
        f"{fac.name} ({seat}). {fac.goal or fac.description} — {known}. "
        f"{score}; meets {', '.join(meets) or 'no objective yet'}."
    )


def track_tip(lens: Lens, slot: int) -> str:
    """A track's tip: its value as known, its range and description."""
    var = lens.state.rules.vars[slot]
    return f"{var.name}: {known_text(lens, slot)} of {var.lo}–{var.hi}. {var.description}"


def screen_tip(play: Any, pos: tuple[int, int]) -> str:
    """The play screen's hover text for what lies under `pos`: a dashboard line, a faction
    badge or a track ('' for nothing)."""
    text: str = play.dashboard.tip_at(pos)
    if text:
        return text
    badge = play.topbar.badge_at(pos)
    if badge >= 0:
        s = play.session
        seat = "human" if s.is_human(badge) else s.seats[badge].replace("ai:", "AI ")
        return faction_tip(play.lens, badge, seat)
    slot = play.topbar.track_at(pos)
    if slot < 0:
        slot = play.situation.slot_at(pos)
    return track_tip(play.lens, slot) if slot >= 0 else ""
