"""The top bar: round and date, the closing clock, escalation, and one badge per faction."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.bars import draw_bar
from game.ui.wording import pretty_date


class TopBar:
    """Draws the top bar (cached) and knows where each badge is, for hover details."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.badges: list[pygame.Rect] = []
        self.track_rects: list[tuple[pygame.Rect, int]] = []
        self._cache: pygame.Surface | None = None
        self._key: object = None

    def set_rect(self, rect: pygame.Rect) -> None:
        """Place the bar."""
        if pygame.Rect(rect) != self.rect:
            self.rect = pygame.Rect(rect)
            self._cache = None

    def draw(
        self,
        surface: pygame.Surface,
        lens: Lens,
        active: int,
        glow: int,
        may_render: Callable[[], bool] = lambda: True,
    ) -> None:
        """Draw; re-render only when the shown values, the active seat or the glow change."""
        state = lens.state
        key = (
            lens.key,
            state.round,
            active,
            glow,
            self.rect.size,
            self.fonts.scale,
            tuple(score.total for score in lens.board.factions),
        )
        if self._cache is None or (key != self._key and may_render()):
            self._cache = self._render(lens, active, glow)
            self._key = key
        surface.blit(self._cache, self.rect.topleft)

    def _render(self, lens: Lens, active: int, glow: int) -> pygame.Surface:
        rules = self.rules
        f = self.fonts
        surf = pygame.Surface(self.rect.size)
        surf.fill(theme.PANEL)
        pygame.draw.line(
            surf, theme.LINE, (0, surf.get_height() - 1), (surf.get_width(), surf.get_height() - 1)
        )
        pad = f.px(12)
        h = surf.get_height()
        state = lens.state
        x = pad
        title = f"{rules.round_name} {state.round}/{rules.rounds}"
        t = f.text(title, 17, theme.TEXT, bold=True)
        surf.blit(t, (x, h // 2 - t.get_height() + f.px(2)))  # just above the date
        date = rules.round_date(state.round)
        sub = f.text(pretty_date(date) if date else rules.name, 12, theme.MUTED)
        surf.blit(sub, (x, h // 2 + f.px(2)))
        x += max(t.get_width(), sub.get_width()) + 2 * pad
        self.track_rects = []
        for slot in (rules.clock_slot, rules.escalation_slot):
            if slot < 0:
                continue
            var = rules.vars[slot]
            danger = theme.hex_color(rules.danger_color, theme.DANGER)  # the level's, if set
            color = danger if var.danger or slot == rules.escalation_slot else theme.GOOD
            name = f.text(var.name, 12, theme.MUTED)
            surf.blit(name, (x, f.px(5)))
            w = f.px(170)
            r = pygame.Rect(x, f.px(5) + name.get_height(), w, f.px(20))
            low, high = lens.known(slot)
            label = f"{low}/{var.hi}" if low == high else None
            draw_bar(
                surf,
                f,
                r,
                (low, high),
                var.lo,
                var.hi,
                color,
                danger=slot == rules.escalation_slot or var.danger,
                label=label,
            )
            self.track_rects.append(
                (
                    r.move(self.rect.topleft).union(
                        name.get_rect(topleft=(x, f.px(5))).move(self.rect.topleft)
                    ),
                    slot,
                )
            )
            x += w + 2 * pad
        self.badges = []
        board = lens.board
        bx = surf.get_width() - pad
        for i in reversed(range(len(rules.factions))):
            fac = rules.factions[i]
            color = theme.hex_color(fac.color)
            tag = f.text(f"{fac.short}", 12, theme.TEXT, bold=i == active)
            pts = f.text(f"{board.of(i).total.text()} VP", 11, theme.MUTED)
            rad = f.px(13)
            bw = 2 * rad + f.px(6) + max(tag.get_width(), pts.get_width()) + f.px(10)
            box = pygame.Rect(bx - bw, (h - f.px(40)) // 2, bw, f.px(40))
            bx = box.x - f.px(6)
            if i == active:
                pygame.draw.rect(surf, theme.mix(theme.PANEL, color, 0.35), box, border_radius=6)
                pygame.draw.rect(surf, color if i != glow else theme.FOCUS, box, 2, border_radius=6)
            else:
                pygame.draw.rect(surf, theme.PANEL_HI, box, border_radius=6)
            c = (box.x + f.px(5) + rad, box.centery)
            blit_emblem(surf, c, rad, i, color)
            surf.blit(tag, (c[0] + rad + f.px(6), box.y + f.px(3)))
            surf.blit(pts, (c[0] + rad + f.px(6), box.y + f.px(3) + tag.get_height()))
            self.badges.insert(0, box.move(self.rect.topleft))
        return surf

    def badge_at(self, pos: tuple[int, int]) -> int:
        """The faction whose badge is under `pos`, or -1."""
        for i, box in enumerate(self.badges):
            if box.collidepoint(pos):
                return i
        return -1

    def track_at(self, pos: tuple[int, int]) -> int:
        """The slot of the track bar under `pos`, or -1."""
        for r, slot in self.track_rects:
            if r.collidepoint(pos):
                return slot
        return -1
