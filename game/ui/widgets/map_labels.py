"""The map's labels, placed so none covers another: region names with their emblem or
number badge, neighbours with their stance, and sites. A `LabelPlacer` remembers what
is drawn on the map surface and moves a new label to the nearest free place."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.map_geometry import Point
from game.ui.widgets.map_legend import badge_size, draw_marks

Local = Callable[[Point], Point]
"""A level coordinate (lon/lat or schematic x/y) → a point on the map surface."""


class LabelPlacer:
    """What is drawn on a map surface of `size` so far, and where a new label may go."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.bounds = pygame.Rect((0, 0), size)
        self.placed: list[pygame.Rect] = []

    def add(self, rect: pygame.Rect) -> None:
        """Mark `rect` as taken."""
        self.placed.append(pygame.Rect(rect))

    def free(self, rect: pygame.Rect) -> bool:
        """Whether `rect` overlaps nothing drawn so far."""
        return rect.collidelist(self.placed) < 0

    def spot(self, block: pygame.Rect) -> pygame.Rect:
        """`block` moved to the nearest place (rings of 8 directions) that overlaps no label
        drawn so far and stays on the map; the original place if none is free."""
        if self.free(block):
            return block
        step = max(6, block.h // 2)
        for ring in range(1, 8):
            for dx, dy in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)):
                trial = block.move(dx * ring * step * 1.5, dy * ring * step)
                if self.bounds.contains(trial) and self.free(trial):
                    return trial
        return block


def draw_region_label(
    surf: pygame.Surface,
    placer: LabelPlacer,
    fonts: Fonts,
    name: str,
    anchor: Point,
    marks: tuple[int, ...],
    colors: list[tuple[int, int, int]],
    number: int | None,
) -> pygame.Rect:
    """Draw a region's name under its marker (the leaders' emblems `marks`, or the `number`
    of a shaded map), at `anchor` or, when taken, nearby with a leader line back to it;
    return where the label went (surface coordinates)."""
    ax, ay = anchor
    r = fonts.px(10)
    title = fonts.text(name, 12, theme.TEXT, bold=True)
    digits = fonts.text(str(number), 11, (255, 255, 255), bold=True) if number is not None else None
    bw, bh = badge_size(len(marks), r)
    if digits is not None:
        bw, bh = max(2 * r, digits.get_width() + 8), 2 * r + 2
    block = pygame.Rect(0, 0, max(bw, title.get_width()), bh + title.get_height())
    block.midtop = (int(ax), int(ay - bh))
    spot = placer.spot(block)
    if spot.topleft != block.topleft:
        pygame.draw.line(surf, (200, 200, 200), (ax, ay), spot.center, 1)
        pygame.draw.circle(surf, (200, 200, 200), (int(ax), int(ay)), 2)
    placer.add(spot)
    if digits is not None:
        badge = pygame.Rect(0, 0, bw, 2 * r)
        badge.midtop = (spot.centerx, spot.y)
        pygame.draw.rect(surf, (12, 14, 18), badge.inflate(4, 4), border_radius=r + 2)
        pygame.draw.rect(surf, theme.NEUTRAL, badge, border_radius=r)
        surf.blit(digits, digits.get_rect(center=badge.center))
    elif marks:
        draw_marks(surf, colors, marks, (spot.centerx, spot.y + r), r)
    nx = spot.centerx - title.get_width() // 2
    ny = spot.y + bh
    shadow = fonts.text(name, 12, (0, 0, 0), bold=True)
    surf.blit(shadow, (nx + 1, ny + 1))
    surf.blit(title, (nx, ny))
    return spot


def draw_neighbour_labels(
    surf: pygame.Surface,
    placer: LabelPlacer,
    fonts: Fonts,
    rules: Ruleset,
    lens: Lens,
    local: Local,
) -> None:
    """Each neighbour's name and its stance as the viewer knows it (a range when
    uncertain), kept on the map and moved below what is already there."""
    w, h = placer.bounds.size
    pad = fonts.px(6)
    for n in rules.neighbours:
        x, y = local(n.position)
        name = fonts.text(n.name.upper(), 11, theme.MUTED, bold=True)
        stance = ""
        if n.stance_slot >= 0:
            var = rules.vars[n.stance_slot]
            low, high = lens.known(n.stance_slot)
            stance = var.label(low) if low == high else f"{low}–{high}"
        sub = fonts.text(stance, 11, theme.TEXT) if stance else None
        bw = max(name.get_width(), sub.get_width() if sub else 0)
        bh = name.get_height() + (sub.get_height() if sub else 0)
        x = min(max(pad, x - bw / 2), w - bw - pad)
        y = min(max(pad, y - bh / 2), h - bh - pad)
        spot = pygame.Rect(int(x), int(y), bw, bh)
        hit = spot.collidelist(placer.placed)
        while hit >= 0 and placer.placed[hit].bottom + bh < h:  # below the legend
            spot.y = placer.placed[hit].bottom + 2
            hit = spot.collidelist(placer.placed)
        if hit >= 0:  # no room below: the nearest free place around it
            spot = placer.spot(spot)
        surf.blit(name, spot.topleft)
        if sub:
            surf.blit(sub, (spot.x, spot.y + name.get_height()))
        placer.add(spot)


def draw_sites(
    surf: pygame.Surface,
    placer: LabelPlacer,
    fonts: Fonts,
    rules: Ruleset,
    anchors: list[Point],
    local: Local | None,
) -> None:
    """Each site as a yellow diamond with its name where there is room: at its own
    position when the map is drawn from lon/lat (`local`), else in a row under its
    region's anchor (`anchors`, on the surface)."""
    for i, region in enumerate(rules.regions):
        for k, site in enumerate(region.sites):
            if site.position is not None and local is not None:
                x, y = local(site.position)
            else:
                ax, ay = anchors[i]
                x, y = ax - fonts.px(30) + k * fonts.px(18), ay + fonts.px(26)
            s = fonts.px(5)
            pts = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
            pygame.draw.polygon(surf, (240, 228, 66), pts)
            pygame.draw.polygon(surf, (20, 20, 20), pts, 1)
            label = fonts.text(site.name, 10, (236, 226, 150))
            spot = label.get_rect(midleft=(int(x + s + 3), int(y)))
            if placer.free(spot):
                surf.blit(label, spot)
                placer.add(spot)
