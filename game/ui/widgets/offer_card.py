"""The incoming-offer card: shown over the map while the person at the screen must answer
an offer (the responder is their faction), with one button per answer — refuse, accept,
and each counter-offer — also chosen with the keys 1–9.

It appears only when the seat on screen is the one answering, so in a hot seat game it
follows the hand-off screen and nobody else's private values show on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.engine import Action, State, answer_moves, pending_deal, responder
from game.engine.deal_defs import ACCEPT
from game.ui import theme
from game.ui.deal_text import COUNTER_HINT, answer_label, incoming_lines
from game.ui.emblems import blit_emblem
from game.ui.keymap import CHOOSE_KEYS
from game.ui.session import GameSession

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

PER_ROW = 3  # answer buttons side by side, at most
BUTTON_W = 170  # the narrowest answer button (design pixels) before a row holds fewer


class OfferCard:
    """The offer awaiting the on-screen seat's answer, and its answer buttons."""

    def __init__(
        self, screen: Screen, session: GameSession, play: Callable[[Action], None]
    ) -> None:
        self.screen = screen
        self.play = play  # plays an answer as the seat's move
        self.session = session
        self.rules = session.match.rules
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.lines: list[str] = []
        self.moves: list[Action] = []
        self.buttons: list[tuple[Any, Action]] = []

    @property
    def active(self) -> bool:
        """Whether an offer awaits the answer of the person at the screen."""
        return bool(self.lines)

    def answering(self) -> bool:
        """Whether the on-screen seat must answer an offer now (after any hand-off)."""
        s = self.session
        state = s.match.state
        viewer = s.viewer
        if viewer < 0 or not s.is_human(viewer) or s.needs_handoff() or state.outcome >= 0:
            return False
        return responder(state) == viewer

    def signature(self) -> object:
        """What the card shows; equal → no rebuild needed."""
        state = self.session.match.state
        deal = pending_deal(state)
        app = self.screen.app
        who = responder(state)
        shown = (deal.index if deal else -1, who, tuple(answer_moves(state)))
        return (shown, self.answering(), self.session.viewer, app.size, app.fonts.scale)

    def build(self, map_rect: pygame.Rect, wide: pygame.Rect | None = None) -> None:
        """Fill the card and create its buttons (the screen removed the old ones). The
        card sits on the map; when even its short form is too tall for the map, it takes
        the `wide` area (the map with the strip and the side column) instead."""
        self.map_rect = map_rect
        self.lines, self.moves, self.buttons = [], [], []
        if not self.answering():
            return
        state = self.session.match.state
        self.lines = incoming_lines(state, self.session.viewer)
        self.moves = answer_moves(state)
        self._fit_to_map(state)
        if wide is not None and self._height(self._width(), self.lines) > self._room():
            self.map_rect = pygame.Rect(wide)
            self.lines = incoming_lines(state, self.session.viewer)
            self._fit_to_map(state)
        screen, px = self.screen, self.screen.px
        card = self.rect()
        pad, gap, bh = px(10), px(6), px(32)
        per = self.per_row(card.w)
        bw = (card.w - 2 * pad - (per - 1) * gap) // per
        rows = (len(self.moves) + per - 1) // per
        top = card.bottom - pad - rows * bh - (rows - 1) * gap
        for i, move in enumerate(self.moves):
            r, c = divmod(i, per)
            rect = pygame.Rect(card.x + pad + c * (bw + gap), top + r * (bh + gap), bw, bh)
            role = self.rules.actions[move.action].deal_role
            key = f"{i + 1}  " if i < len(CHOOSE_KEYS) else ""
            btn = screen.button(
                rect,
                key + answer_label(self.rules, move),
                tip=self.rules.actions[move.action].name,
                kind="@primary" if role == ACCEPT else None,
            )
            self.buttons.append((btn, move))

    def rect(self) -> pygame.Rect:
        """Where the card sits: the top right corner of the map, as tall as its text."""
        px = self.screen.px
        m = self.map_rect
        w = self._width()
        h = min(self._height(w, self.lines), self._room())
        return pygame.Rect(m.right - w - px(10), m.y + px(10), w, h)

    def _room(self) -> int:
        return self.map_rect.h - self.screen.px(20)

    def _width(self) -> int:
        return min(self.screen.px(560), self.map_rect.w - self.screen.px(20))

    def _height(self, w: int, lines: list[str]) -> int:
        px, f = self.screen.px, self.screen.app.fonts
        text_h = 0
        for n, line in enumerate(lines):
            size, room = (16, w - px(50)) if n == 0 else (13, w - px(20))
            text_h += len(f.wrap(line, size, room, bold=n == 0)) * f.font(size).get_linesize()
        per = self.per_row(w)
        rows = max(1, (len(self.moves) + per - 1) // per)
        return px(34) + text_h + rows * px(38) + px(12)

    def _fit_to_map(self, state: State) -> None:
        """Leave out the counter-offer hint, then the deal's story, while the card would be
        taller than the map: who offers what, the terms, what each answer does and the
        buttons always show; the story is what gives way on a small window."""
        deal = pending_deal(state)
        room, w = self._room(), self._width()
        story = deal.description if deal is not None else ""
        for drop in (COUNTER_HINT, story):
            if self._height(w, self.lines) <= room:
                return
            if drop and drop in self.lines[1:]:
                self.lines.remove(drop)

    def per_row(self, width: int) -> int:
        """How many answer buttons fit side by side in a card `width` wide."""
        px = self.screen.px
        return max(1, min(PER_ROW, (width - px(20)) // px(BUTTON_W)))

    def rect_if_shown(self) -> pygame.Rect | None:
        """The card's rectangle while it shows, else None."""
        return self.rect() if self.lines else None

    def handle(self, event: pygame.event.Event) -> bool:
        """Play the answer a click on a button or a key 1–9 asks for; True when the event
        was the card's (an answer, or a key it keeps from the screen: see `swallows`)."""
        answer = self.answer_for(event)
        if answer is not None:
            self.play(answer)
            return True
        return self.swallows(event)

    def answer_for(self, event: pygame.event.Event) -> Action | None:
        """The answer a click on a button or a key 1–9 asks for (None: not ours)."""
        if not self.active:
            return None
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for btn, move in self.buttons:
                if event.ui_element is btn:
                    return move
        if event.type == pygame.KEYDOWN and event.key in CHOOSE_KEYS:
            i = CHOOSE_KEYS[event.key]
            return self.moves[i] if i < len(self.moves) else None
        return None

    def swallows(self, event: pygame.event.Event) -> bool:
        """Whether the card keeps a key from the screen while it waits for an answer: the
        number keys and E (ending the turn is not an answer)."""
        if not self.active or event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_e or event.key in CHOOSE_KEYS:
            self.screen.app.notify("Answer the offer first: use the card's buttons or 1–9.")
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """The card (under the pygame_gui layer, so its buttons show on top)."""
        if not self.lines:
            return
        f, px = self.screen.app.fonts, self.screen.px
        card = self.rect()
        pygame.draw.rect(surface, (12, 15, 20), card, border_radius=8)
        pygame.draw.rect(surface, theme.FOCUS, card, 2, border_radius=8)
        deal = pending_deal(self.session.match.state)
        y = card.y + px(8)
        head = f.text("AN OFFER AWAITS YOUR ANSWER", 11, theme.FOCUS, bold=True)
        surface.blit(head, (card.x + px(10), y))
        if deal is not None:
            other = deal.recipient if self.session.viewer == deal.proposer else deal.proposer
            color = theme.hex_color(self.rules.factions[other].color)
            blit_emblem(surface, (card.right - px(22), card.y + px(22)), px(12), other, color)
        y += px(18)
        for n, line in enumerate(self.lines):
            size = 16 if n == 0 else 13
            color = theme.TEXT if n == 0 or line.startswith("If you") else theme.MUTED
            room = card.w - px(50) if n == 0 else card.w - px(20)
            for part in f.wrap(line, size, room, bold=n == 0):
                surface.blit(f.text(part, size, color, bold=n == 0), (card.x + px(10), y))
                y += f.font(size).get_linesize()
