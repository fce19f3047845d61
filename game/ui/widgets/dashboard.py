"""The seat's dashboard: its resources as bars (with descriptions on hover), the shared
tracks, and what it knows of its rivals (exact, a range, or '?')."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.bars import draw_bar
from game.ui.widgets.dashboard_text import known_text as shown_value


class Dashboard:
    """Draws one faction's dashboard into the top of the right column (cached)."""

    ROW = 24
    SMALL_ROW = 20

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.faction = 0
        self.hot: list[tuple[pygame.Rect, str]] = []
        self._cache: pygame.Surface | None = None
        self._key: object = None
        self.shared: list[int] = []  # shared tracks live in the situation strip

    def height(self, faction: int, width: int) -> int:
        """Pixels the dashboard of `faction` needs at `width`."""
        f = self.fonts
        fac = self.rules.factions[faction]
        goal_lines = min(2, len(f.wrap(fac.goal or fac.description, 12, width - f.px(24))))
        h = f.px(12) + f.px(30) + goal_lines * f.font(12).get_linesize() + f.px(6)
        h += len(fac.resources) * f.px(self.ROW)
        if self.shared:
            h += f.px(22) + len(self.shared) * f.px(self.SMALL_ROW)
        rivals = len(self.rules.factions) - 1
        if rivals:
            h += f.px(22) + rivals * f.px(17)
        return h + f.px(8)

    def set_rect(self, rect: pygame.Rect, faction: int) -> None:
        """Place the dashboard for a faction."""
        if pygame.Rect(rect) != self.rect:
            self.rect = pygame.Rect(rect)
            self._cache = None
        if faction != self.faction:
            self.faction = faction
            self._key = None  # re-rendered when the frame budget allows

    def draw(
        self,
        surface: pygame.Surface,
        lens: Lens,
        you: bool,
        ap: int,
        may_render: Callable[[], bool] = lambda: True,
    ) -> None:
        """Draw (re-rendered only when what is shown changes)."""
        key = (lens.key, self.faction, you, ap, self.rect.size, self.fonts.scale)
        if self._cache is None or (key != self._key and may_render()):
            self._cache = self._render(lens, you, ap)
            self._key = key
        surface.blit(self._cache, self.rect.topleft)

    def _render(self, lens: Lens, you: bool, ap: int) -> pygame.Surface:
        fac = self.rules.factions[self.faction]
        color = theme.hex_color(fac.color)
        surf = pygame.Surface(self.rect.size)
        surf.fill(theme.PANEL)
        self.hot = []
        y = self._draw_title(surf, you, ap, color)
        y = self._draw_resources(surf, lens, y, color)
        if self.shared:
            y = self._draw_situation(surf, lens, y)
        if len(self.rules.factions) > 1:
            self._draw_rivals(surf, lens, y)
        return surf

    def _draw_title(
        self, surf: pygame.Surface, you: bool, ap: int, color: tuple[int, int, int]
    ) -> int:
        """Emblem, name, action points left and goal; returns the y below them."""
        f = self.fonts
        fac = self.rules.factions[self.faction]
        pad = f.px(12)
        w = surf.get_width()
        y = pad
        r = f.px(13)
        blit_emblem(surf, (pad + r, y + r), r, fac.index, color)
        title = f.text(f"{fac.name}" + (" — you" if you else ""), 17, theme.TEXT, bold=True)
        surf.blit(title, (pad + 2 * r + f.px(8), y + r - title.get_height() // 2))
        if ap >= 0:
            apt = f.text(f"{ap} AP left", 13, theme.FOCUS, bold=True)
            surf.blit(apt, (w - pad - apt.get_width(), y + r - apt.get_height() // 2))
        y += f.px(30)
        for line in f.wrap(fac.goal or fac.description, 12, w - 2 * pad)[:2]:
            surf.blit(f.text(line, 12, theme.MUTED), (pad, y))
            y += f.font(12).get_linesize()
        return y + f.px(6)

    def _draw_resources(
        self, surf: pygame.Surface, lens: Lens, y: int, color: tuple[int, int, int]
    ) -> int:
        """One bar per resource of the faction; returns the y below them."""
        f, rules = self.fonts, self.rules
        pad = f.px(12)
        w = surf.get_width()
        name_w = f.px(136)
        for slot in rules.factions[self.faction].resources:
            var = rules.vars[slot]
            row = pygame.Rect(pad, y, w - 2 * pad, f.px(self.ROW))
            surf.blit(
                f.text(_fit(f, var.name, 13, name_w - f.px(6)), 13, theme.TEXT),
                (pad, y + (row.h - f.font(13).get_linesize()) // 2),
            )
            secret = " (secret: only you see it)" if var.private else ""
            self._value_bar(surf, lens, slot, row, pad + name_w, color, secret)
            y += row.h
        return y

    def _draw_situation(self, surf: pygame.Surface, lens: Lens, y: int) -> int:
        """The shared tracks, danger in red; returns the y below them."""
        f, rules = self.fonts, self.rules
        pad = f.px(12)
        w = surf.get_width()
        name_w = f.px(136)
        y += f.px(6)
        surf.blit(f.text("SITUATION", 11, theme.MUTED, bold=True), (pad, y))
        y += f.px(16)
        for slot in self.shared:
            var = rules.vars[slot]
            row = pygame.Rect(pad, y, w - 2 * pad, f.px(self.SMALL_ROW))
            surf.blit(f.text(var.name, 12, theme.TEXT), (pad, y + f.px(2)))
            danger = theme.hex_color(rules.danger_color, theme.DANGER)  # the level's, if set
            tint = danger if var.danger else theme.GOOD
            self._value_bar(surf, lens, slot, row, pad + name_w, tint)
            y += row.h
        return y

    def _draw_rivals(self, surf: pygame.Surface, lens: Lens, y: int) -> None:
        """One line per other faction with its resources as the viewer knows them (the
        full line is the hover tip)."""
        f, rules = self.fonts, self.rules
        pad = f.px(12)
        w = surf.get_width()
        y += f.px(6)
        surf.blit(f.text("RIVALS (what you know)", 11, theme.MUTED, bold=True), (pad, y))
        y += f.px(16)
        for other in rules.factions:
            if other.index == self.faction:
                continue
            oc = theme.hex_color(other.color)
            rr = f.px(7)
            blit_emblem(surf, (pad + rr, y + f.px(9)), rr, other.index, oc)
            parts = [f"{rules.vars[s].name} {shown_value(lens, s)}" for s in other.resources]
            text = f"{other.short}: " + " · ".join(parts)
            room = w - 2 * pad - 2 * rr - 6
            lines = f.wrap(text, 12, room)
            if len(lines) > 1:  # the first line and ' …' within the room (the tip has it all)
                lines = f.wrap(text, 12, room - f.font(12).size(" …")[0])
            line = lines[0] + (" …" if len(lines) > 1 else "")
            surf.blit(f.text(line, 12, theme.TEXT), (pad + 2 * rr + 6, y))
            self.hot.append(
                (pygame.Rect(pad, y, w - 2 * pad, f.px(17)).move(self.rect.topleft), text)
            )
            y += f.px(17)

    def _value_bar(
        self,
        surf: pygame.Surface,
        lens: Lens,
        slot: int,
        row: pygame.Rect,
        x: int,
        color: tuple[int, int, int],
        note: str = "",
    ) -> None:
        """Draw value `slot` as a bar from `x` to the end of `row`; register its hover text."""
        var = self.rules.vars[slot]
        shown = shown_value(lens, slot)
        bar = pygame.Rect(x, row.y, row.right - x, row.h)
        draw_bar(
            surf,
            self.fonts,
            bar,
            lens.known(slot),
            var.lo,
            var.hi,
            color,
            danger=var.danger,
            label=shown,
        )
        tip = f"{var.name}: {shown} of {var.lo}–{var.hi}. {var.description}{note}"
        self.hot.append((row.move(self.rect.topleft), tip))

    def tip_at(self, pos: tuple[int, int]) -> str:
        """The description of the row under `pos`, or ''."""
        for rect, text in self.hot:
            if rect.collidepoint(pos):
                return text
        return ""


def _fit(fonts: Fonts, text: str, size: int, width: int) -> str:
    """Text cut with an ellipsis to fit `width` pixels."""
    font = fonts.font(size)
    if font.size(text)[0] <= width:
        return text
    while len(text) > 1 and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
