"""The situation strip under the top bar: every shared track as a small chip (name, value
and a thin bar), always visible. Danger tracks are hatched reddish purple."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Ruleset
from game.engine.ruleset import TRACK
from game.ui import theme
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.bars import hatch
from game.ui.widgets.dashboard_text import known_text


def strip_slots(rules: Ruleset) -> list[int]:
    """Public tracks other than the clock and escalation (top bar) and neighbours' stances
    (on the map)."""
    skip = {rules.clock_slot, rules.escalation_slot}
    skip |= {n.stance_slot for n in rules.neighbours if n.stance_slot >= 0}
    return [v.index for v in rules.vars if v.kind == TRACK and not v.hidden and v.index not in skip]


class SituationStrip:
    """Chips laid out in rows across a given width; cached between changes."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.slots = strip_slots(rules)
        self.rect = pygame.Rect(0, 0, 1, 0)
        self.chips: list[tuple[pygame.Rect, int]] = []
        self._cache: pygame.Surface | None = None
        self._key: object = None

    def _chip_w(self, slot: int) -> int:
        """The chip's width: its name and the widest value it can show (a label, a range
        or '?') side by side, measured in the fonts they are drawn in."""
        f = self.fonts
        var = self.rules.vars[slot]
        shown = [var.label(v) for v in range(var.lo, var.hi + 1)] + [f"{var.lo}–{var.hi}", "?"]
        value_w = max(f.font(11, True).size(text)[0] for text in shown)
        return f.font(11).size(var.name)[0] + value_w + f.px(24)

    def height_for(self, width: int) -> int:
        """Pixels needed at `width` (0 when the level has no such tracks)."""
        if not self.slots:
            return 0
        return len(self._rows(width)) * self.fonts.px(26) + self.fonts.px(6)

    def _rows(self, width: int) -> list[list[tuple[int, int]]]:
        pad = self.fonts.px(8)
        rows: list[list[tuple[int, int]]] = [[]]
        x = pad
        for slot in self.slots:
            w = min(self._chip_w(slot), width - 2 * pad)
            if rows[-1] and x + w > width - pad:
                rows.append([])
                x = pad
            rows[-1].append((slot, w))
            x += w + self.fonts.px(6)
        return rows

    def set_rect(self, rect: pygame.Rect) -> None:
        """Place the strip."""
        if pygame.Rect(rect) != self.rect:
            self.rect = pygame.Rect(rect)
            self._cache = None

    def draw(
        self, surface: pygame.Surface, lens: Lens, may_render: Callable[[], bool] = lambda: True
    ) -> None:
        """Draw (re-rendered only when the values change)."""
        if not self.slots or self.rect.h <= 0:
            return
        key = (tuple(lens.known(s) for s in self.slots), self.rect.size, self.fonts.scale)
        if self._cache is None or (key != self._key and may_render()):
            self._cache = self._render(lens)
            self._key = key
        surface.blit(self._cache, self.rect.topleft)

    def _render(self, lens: Lens) -> pygame.Surface:
        f = self.fonts
        surf = pygame.Surface(self.rect.size)
        surf.fill((24, 29, 37))
        pygame.draw.line(
            surf, theme.LINE, (0, surf.get_height() - 1), (surf.get_width(), surf.get_height() - 1)
        )
        self.chips = []
        y = f.px(4)
        for row in self._rows(self.rect.w):
            x = f.px(8)
            # stretch the row's chips to fill the width
            total = sum(w for _, w in row) + f.px(6) * (len(row) - 1)
            extra = (self.rect.w - 2 * f.px(8) - total) // max(1, len(row)) if len(row) > 1 else 0
            for slot, w in row:
                w += max(0, extra)
                chip = pygame.Rect(x, y, w, f.px(22))
                self._chip(surf, lens, slot, chip)
                self.chips.append((chip.move(self.rect.topleft), slot))
                x += w + f.px(6)
            y += f.px(26)
        return surf

    def _chip(self, surf: pygame.Surface, lens: Lens, slot: int, chip: pygame.Rect) -> None:
        f = self.fonts
        var = self.rules.vars[slot]
        pygame.draw.rect(surf, theme.PANEL, chip, border_radius=4)
        name = f.text(var.name, 11, theme.MUTED)
        value = f.text(known_text(lens, slot), 11, theme.TEXT, bold=True)
        surf.blit(name, (chip.x + f.px(6), chip.y + f.px(1)))
        surf.blit(value, (chip.right - value.get_width() - f.px(6), chip.y + f.px(1)))
        low, high = lens.known(slot)
        bar = pygame.Rect(chip.x + f.px(6), chip.bottom - f.px(5), chip.w - f.px(12), f.px(3))
        pygame.draw.rect(surf, (50, 58, 70), bar)
        span = max(1, var.hi - var.lo)
        fill = bar.w * (low - var.lo) // span
        danger = theme.hex_color(self.rules.danger_color, theme.DANGER)  # the level's, if set
        color = danger if var.danger else theme.GOOD
        if fill > 0:
            pygame.draw.rect(surf, color, (bar.x, bar.y, fill, bar.h))
        if high > low:
            x2 = bar.w * (high - var.lo) // span
            surf.blit(hatch((max(2, x2 - fill), bar.h), color, 3), (bar.x + fill, bar.y))
        if var.danger:
            pygame.draw.rect(surf, danger, chip, 1, border_radius=4)

    def slot_at(self, pos: tuple[int, int]) -> int:
        """The track under `pos`, or -1."""
        for rect, slot in self.chips:
            if rect.collidepoint(pos):
                return slot
        return -1
