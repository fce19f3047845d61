"""Hand-off between two people at one screen: nothing private shows until the next player
clicks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine import State, responder
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.screens.base import Screen
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.app import App


def handoff_line(state: State, faction: int) -> str:
    """The hand-off card's second line: the week, and why the seat is called when it is to
    answer an offer out of turn (the offer itself shows only behind the card)."""
    why = "an offer awaits your answer · " if responder(state) == faction else ""
    return f"{state.rules.round_name} {state.round} · {why}the previous player's secrets are hidden"


class HandoffScreen(Screen):
    """'Pass to ECOWAS — click when ready'."""

    def __init__(self, app: App, session: GameSession, faction: int) -> None:
        super().__init__(app)
        self.session = session
        self.faction = faction

    def shown_session(self) -> GameSession:
        """The game this screen shows."""
        return self.session

    def build(self) -> None:
        w, h = self.app.size
        short = self.session.match.rules.factions[self.faction].short
        self.ready = self.button(
            pygame.Rect((w - self.px(360)) // 2, h // 2 + self.px(70), self.px(360), self.px(48)),
            f"I play {short} — show my screen (Enter)",
            kind="@primary",
        )

    def handle(self, event: pygame.event.Event) -> None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ready) or (
            event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE)
        ):
            self.proceed()

    def proceed(self) -> None:
        """The next player is at the screen: show their view."""
        self.session.take_seat(self.faction)
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        rules = self.session.match.rules
        fac = rules.factions[self.faction]
        f = self.app.fonts
        w, h = surface.get_size()
        color = theme.hex_color(fac.color)
        r = self.px(56)
        blit_emblem(surface, (w // 2, h // 2 - self.px(90)), r, self.faction, color)
        t = f.text(f"Pass to {fac.name} — click when ready", 26, theme.TEXT, bold=True)
        surface.blit(t, t.get_rect(midtop=(w // 2, h // 2 - self.px(20))))
        sub = f.text(handoff_line(self.session.match.state, self.faction), 14, theme.MUTED)
        surface.blit(sub, sub.get_rect(midtop=(w // 2, h // 2 + self.px(26))))

    def capture_name(self) -> str | None:
        """No screenshots of the hand-off card."""
        return None
