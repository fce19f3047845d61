"""The objectives panel: your score if the game ended now, each objective with its points,
met / not met / how close, and the rivals' scores as far as you can know them.

Drawn from the viewer's `Scoreboard` (`Lens.board`), so it shows nothing hidden. The
rendered panel is cached by what it shows; `scroll` moves through a long list.
"""

from __future__ import annotations

import pygame

from game.engine.ruleset import Ruleset
from game.engine.scoreboard import ObjectiveLine, Scoreboard
from game.ui import theme
from game.ui.forecast_text import forecast_line
from game.ui.lens import Lens
from game.ui.score_text import (
    OUT_OF_REACH,
    PENDING,
    ending_text,
    final_text,
    flip_text,
    scoring_text,
    tie_text,
)
from game.ui.theme import Fonts
from game.ui.widgets.deals_panel import deals_shown, draw_deals

MET_COLOR = (0, 158, 115)  # Okabe–Ito bluish green
PENALTY_COLOR = theme.DANGER


def draw_mark(
    surface: pygame.Surface, fonts: Fonts, line: ObjectiveLine, centre: tuple[int, int]
) -> None:
    """A tick (met), a cross (not met) or a question mark (hidden values decide it)."""
    r = fonts.px(6)
    x, y = centre
    if line.met is None and not line.banked:
        q = fonts.text("?", 12, theme.MUTED, bold=True)
        surface.blit(q, q.get_rect(center=centre))
        return
    width = max(2, fonts.px(2))
    if line.banked or line.met:
        color = PENALTY_COLOR if line.points < 0 else MET_COLOR
        pts = [(x - r, y), (x - r // 3, y + r * 2 // 3), (x + r, y - r * 2 // 3)]
        pygame.draw.lines(surface, color, False, pts, width)
        return
    pygame.draw.line(surface, theme.DIM, (x - r + 1, y - r + 1), (x + r - 1, y + r - 1), width)
    pygame.draw.line(surface, theme.DIM, (x - r + 1, y + r - 1), (x + r - 1, y - r + 1), width)


def detail_text(rules: Ruleset, line: ObjectiveLine, over: bool = False, own: bool = True) -> str:
    """The small line under an objective: when it scores and how close it is (once the
    game is `over`, only whether it was met); `own` False names the faction instead of
    'you' (a spectator reads it)."""
    parts = [scoring_text(line)]
    if line.banked:
        parts.append("reached, points banked")
    elif line.scoring == "first_time" and line.met and not over:
        parts.append(PENDING)
    elif over and line.met is not None:
        parts.append(final_text(line))
    elif line.met is None:
        parts.append("depends on " + (", ".join(line.hidden) or "hidden values") + " (hidden)")
    elif line.nearest is not None:
        parts.append(flip_text(rules, line, own))
    elif not line.met and line.points > 0:  # as the text mode says it
        parts.append(OUT_OF_REACH)
    elif line.depends_on:
        parts.append("depends on " + ", ".join(line.depends_on))
    return " · ".join(parts)


class ObjectivesPanel:
    """Draws the viewer's objectives and the rivals' public scores inside a rectangle."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.offset = 0
        self.content_height = 0
        self.foot = 0  # the 'scroll for more' line's height, when the content is longer
        self.shown = True
        self._cache: pygame.Surface | None = None
        self._key: object = None

    def set_rect(self, rect: pygame.Rect) -> None:
        """Place the panel."""
        if pygame.Rect(rect) != self.rect:
            self.rect = pygame.Rect(rect)
            self._cache = None

    def toggle(self) -> None:
        """Show or hide the panel (the O key)."""
        self.shown = not self.shown

    def scroll(self, lines: int) -> None:
        """Scroll by `lines` text lines (positive: down), kept within the content."""
        step = self.fonts.font(12).get_linesize()
        most = max(0, self.content_height - self.shown_h())
        self.offset = max(0, min(most, self.offset + lines * step))
        self._cache = None

    def wheel(self, event: pygame.event.Event, mouse: tuple[int, int]) -> bool:
        """Scroll on a mouse wheel turn over the panel; True if the event was that."""
        if event.type != pygame.MOUSEWHEEL or not self.rect.collidepoint(mouse):
            return False
        self.scroll(-3 * event.y)
        return True

    def draw(self, surface: pygame.Surface, lens: Lens, seat: int, own: bool = True) -> None:
        """Draw the panel for `seat` (cached until the shown values or the size change);
        `own` False: a spectator's panel for the acting seat, in the third person."""
        turn = (lens.state.round, lens.state.turn, lens.state.ap)  # the forecast's horizon
        key = (lens.key, turn, seat, own, self.rect.size, self.fonts.scale, self.offset)
        if self._cache is None or key != self._key:
            danger = forecast_line(self.rules, lens.forecast) if lens.forecast and own else ""
            deals = deals_shown(lens.state, seat)
            self._cache = self._render(lens.board, seat, deals, danger, own)
            self._key = key
        surface.blit(self._cache, self.rect.topleft)

    def _render(
        self,
        board: Scoreboard,
        seat: int,
        deals: list[tuple[int, str]],
        danger: str = "",
        own_seat: bool = True,
    ) -> pygame.Surface:
        f = self.fonts
        rules = self.rules
        full = pygame.Surface((self.rect.width, max(self.rect.height, f.px(2000))))
        full.fill(theme.PANEL)
        pad = f.px(10)
        width = self.rect.width - 2 * pad
        y = pad
        me = max(seat, 0)
        own = board.of(me)
        when = "final score" if board.over else "if the game ended now"
        whose = "" if own_seat else f"{rules.factions[me].short}: "
        for row in f.wrap(f"{whose}{own.total.text()} VP {when}", 16, width, bold=True):
            head = f.text(row, 16, theme.TEXT, bold=True)
            full.blit(head, (pad, y))
            y += head.get_height()
        parts = [f"earned {own.earned.text()}", f"objectives {own.objectives.text()}"]
        if own.bonus.lo or own.bonus.hi:
            parts.append(f"outcome {own.bonus.text(signed=True)}")
        texts = [" + ".join(parts), ending_text(rules, board), tie_text(rules, board, me)]
        for text in filter(None, texts):
            for row in f.wrap(text, 11, width):
                img = f.text(row, 11, theme.MUTED)
                full.blit(img, (pad, y))
                y += img.get_height()
        for row in f.wrap(danger, 11, width) if danger else []:
            img = f.text(row, 11, theme.DANGER, bold=True)
            full.blit(img, (pad, y))
            y += img.get_height()
        goal = rules.factions[me].goal or rules.factions[me].description
        if goal:
            y += f.px(4)
            label = "Your goal" if own_seat else f"{rules.factions[me].short}'s goal"
            for row in f.wrap(f"{label}: {goal}", 11, width):
                img = f.text(row, 11, theme.TEXT)
                full.blit(img, (pad, y))
                y += img.get_height()
        y += f.px(6)
        y = self._objectives(full, board.lines(me), pad, y, width, board.over, own_seat)
        y += f.px(8)
        y = draw_deals(full, f, deals, (pad, y), width)
        heading = "RIVALS (as far as you know)" if own_seat else "THE OTHERS"
        title = f.text(heading, 11, theme.MUTED, bold=True)
        full.blit(title, (pad, y))
        y += title.get_height() + f.px(2)
        for score in board.factions:
            if score.faction == me:
                continue
            fac = rules.factions[score.faction]
            color = theme.hex_color(fac.color)
            rad = f.px(6)
            pygame.draw.circle(full, color, (pad + rad, y + f.px(9)), rad)
            name = f.text(f"{fac.short}: {score.total.text()} VP", 12, theme.TEXT, bold=True)
            full.blit(name, (pad + 2 * rad + f.px(6), y))
            y += name.get_height()
            met = [o.name for o in board.lines(score.faction) if o.met or o.banked]
            maybe = [o.name for o in board.lines(score.faction) if o.met is None and not o.banked]
            text = "meets " + (", ".join(met) or "nothing yet")
            if maybe:
                text += "; maybe " + ", ".join(maybe)
            for row in f.wrap(text, 11, width - 2 * rad - f.px(6)):
                img = f.text(row, 11, theme.MUTED)
                full.blit(img, (pad + 2 * rad + f.px(6), y))
                y += img.get_height()
            y += f.px(3)
        self.content_height = y + pad
        view = pygame.Surface(self.rect.size)
        view.fill(theme.PANEL)
        more = f.text("scroll for more", 10, theme.DIM)
        long = self.content_height > self.rect.height
        self.foot = more.get_height() + f.px(2) if long else 0  # a line of its own
        view.blit(full, (0, 0), pygame.Rect(0, self.offset, self.rect.width, self.shown_h()))
        pygame.draw.rect(view, theme.LINE, view.get_rect(), 1)
        if long:
            view.blit(
                more, more.get_rect(bottomright=(self.rect.width - pad, self.rect.height - 2))
            )
        return view

    def shown_h(self) -> int:
        """The height of the panel's text window (above the 'scroll for more' line)."""
        return max(0, self.rect.height - self.foot)

    def _objectives(
        self,
        full: pygame.Surface,
        lines: list[ObjectiveLine],
        pad: int,
        y: int,
        width: int,
        over: bool,
        own: bool = True,
    ) -> int:
        f = self.fonts
        indent = f.px(20)
        for line in lines:
            points = f.text(line.worth.text(signed=True), 12, theme.TEXT, bold=True)
            room = width - indent - points.get_width() - f.px(6)  # the name never runs under
            color = theme.TEXT if line.met is not False else theme.MUTED
            names = [f.text(row, 12, color) for row in f.wrap(line.name, 12, room)]
            draw_mark(full, f, line, (pad + f.px(7), y + names[0].get_height() // 2))
            full.blit(points, (pad + width - points.get_width(), y))
            for name in names:
                full.blit(name, (pad + indent, y))
                y += name.get_height()
            for row in f.wrap(detail_text(self.rules, line, over, own), 10, width - indent):
                img = f.text(row, 10, theme.DIM if line.met is False else theme.MUTED)
                full.blit(img, (pad + indent, y))
                y += img.get_height()
            y += f.px(3)
        return y
