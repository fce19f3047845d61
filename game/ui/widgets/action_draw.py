"""The action panel's drawing: the header over its rows, each row's category icon,
points note and reason lines, the 'Offers' title and the keyboard focus ring."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.emblems import category_icon
from game.ui.widgets.action_rows import ActionRow, first_offer
from game.ui.widgets.action_text import REASON_SIZE

if TYPE_CHECKING:
    from game.ui.screens.base import Screen
    from game.ui.session import GameSession


class PanelDrawing:
    """What `ActionPanel` draws itself (it builds the buttons this draws on)."""

    screen: Screen
    session: GameSession
    rules: Ruleset
    rect: pygame.Rect
    rows: list[ActionRow]
    row_buttons: list[Any]
    reasons: list[list[str]]
    tags: list[str]
    scroller: Any
    selected: int
    focus: int

    def my_turn(self) -> bool:
        """Whether the person at the screen may act now."""
        raise NotImplementedError

    def answering(self) -> bool:
        """Whether the seat on screen must answer an offer."""
        raise NotImplementedError

    def focusables(self) -> list[Any]:
        """What Tab and the arrow keys walk through."""
        raise NotImplementedError

    def draw_header(self, surface: pygame.Surface) -> None:
        """The line over the buttons: whose turn, AP left, the keys."""
        f = self.screen.app.fonts
        area = self.rect
        s = self.session
        pad = self.screen.px(12)
        pygame.draw.line(surface, theme.LINE, (area.x + pad, area.y), (area.right - pad, area.y))
        active = s.match.active
        if s.viewer < 0:
            head = "WATCHING — every seat is an AI"
        elif self.answering():
            head = "AN OFFER AWAITS YOUR ANSWER (1–9) · see the card on the map"
        elif s.held == s.viewer:
            head = "TURN OVER — no action points left · E ends your turn"
        elif active == s.viewer:
            head = f"ACTIONS — {s.match.state.ap} AP left · 1–9 choose · E ends turn"
        elif active >= 0:
            head = f"WAITING — {self.rules.factions[active].name} is playing"
        else:
            head = "GAME OVER"
        room = area.w - 2 * pad
        while f.font(11, True).size(head)[0] > room and " · " in head:  # drop the key hints
            head = head.rsplit(" · ", 1)[0]
        surface.blit(
            f.text(head, 11, theme.MUTED, bold=True), (area.x + pad, area.y + self.screen.px(6))
        )

    def draw_icons(self, surface: pygame.Surface) -> None:
        """Each row's category icon at its right end (dim on unavailable rows)."""
        size = self.screen.px(18)
        clip = self.scroller.get_abs_rect() if self.scroller is not None else None
        old = surface.get_clip()
        if clip is not None:
            surface.set_clip(clip)
        fonts, px = self.screen.app.fonts, self.screen.px
        line_h = fonts.font(REASON_SIZE).get_linesize()
        rows = zip(self.rows, self.row_buttons, self.reasons, strict=False)
        for i, (row, btn, lines) in enumerate(rows):
            rect = btn.get_abs_rect()
            color = theme.MUTED if row.legal else theme.DIM
            icon = category_icon(self.rules.actions[row.index].category, size, color)
            name_h = rect.h - len(lines) * line_h  # the name's line; the reason under it
            surface.blit(icon, icon.get_rect(midright=(rect.right - px(8), rect.y + name_h // 2)))
            tag = self.tags[i] if i < len(self.tags) else ""
            if tag:  # what the move does to the seat's points, beside the icon
                note = fonts.text(tag, REASON_SIZE, tag_color(tag), True)
                where = (rect.right - px(32), rect.y + name_h // 2)
                surface.blit(note, note.get_rect(midright=where))
            y = rect.y + name_h - px(3)
            for line in lines:  # the whole reason, wrapped: never cut with '…'
                surface.blit(fonts.text(line, REASON_SIZE, theme.MUTED), (rect.x + px(28), y))
                y += line_h
        offers = first_offer(self.rules, self.rows)
        if 0 <= offers < len(self.row_buttons):  # the title over the group of offers
            rect = self.row_buttons[offers].get_abs_rect()
            title = self.screen.app.fonts.text("OFFERS — deals you may propose", 11, theme.MUTED)
            surface.blit(title, title.get_rect(bottomleft=(rect.x + 2, rect.y - 2)))
        surface.set_clip(old)

    def draw_focus(self, surface: pygame.Surface) -> None:
        """The keyboard focus ring, while the seat may act and nothing is selected."""
        items = self.focusables()
        if self.my_turn() and 0 <= self.focus < len(items) and self.selected < 0:
            if self.answering():
                return  # the offer card's buttons are the moves
            item = items[self.focus]
            ring = item.get_abs_rect().inflate(4, 4)
            old = surface.get_clip()
            if self.scroller is not None and item in self.row_buttons:
                # a row scrolled out of the list is not on screen: neither is its ring
                surface.set_clip(self.scroller.get_abs_rect().inflate(6, 6).clip(old))
            pygame.draw.rect(surface, theme.FOCUS, ring, 2, border_radius=5)
            surface.set_clip(old)

    def redraw_tips(self, surface: pygame.Surface) -> None:
        """A row's shown tooltip again, over the icons, notes and focus ring drawn after the
        UI (the row below's icon showed through a tip that covered it)."""
        for button in self.row_buttons:
            tip = getattr(button, "tool_tip", None)
            box = getattr(tip, "text_block", None)  # pygame_gui draws a tip as its text box
            if box is not None and box.image is not None:
                surface.blit(box.image, box.rect)


def tag_color(tag: str) -> tuple[int, int, int]:
    """A points note's colour: gains in the 'good' colour, losses in danger's, both muted."""
    gain, loss = "+" in tag, "-" in tag
    if gain == loss:
        return theme.MUTED
    return theme.GOOD if gain else theme.DANGER
