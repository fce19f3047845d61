"""The map: regions from level data (shapes in lon/lat, or schematic positions), neighbours
with their stance, sites, and colouring by the leading faction — with the leader's emblem
(every tied faction's emblem when the lead is shared) and hatching, so colour is never
the only cue — or shading by a plain region value, with the number on each region."""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.bars import hatch
from game.ui.widgets.map_geometry import (
    Point,
    Projection,
    centroid,
    circle,
    influence_slots,
    leader,
    point_in_polygon,
    shade,
    shade_slots,
)

SHADE = (230, 159, 0)  # Okabe–Ito orange: the high end of a map shaded by a region value


def marker_factions(lead: int, top: list[int]) -> tuple[int, ...]:
    """Whose emblems mark a region: the leader's, or every faction tied for the lead
    (none when nobody has any)."""
    if lead >= 0:
        return (lead,)
    return tuple(top) if len(top) >= 2 else ()


def badge_size(count: int, r: int) -> tuple[int, int]:
    """The size of a marker of `count` emblems of radius `r` (overlapping a little)."""
    if count == 0:
        return (0, 0)
    return (2 * r + (count - 1) * (2 * r - r // 3), 2 * r + 2)


class MapView:
    """Projects the level's map into a rectangle, draws it, and finds regions under the mouse."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.colors = [theme.hex_color(f.color) for f in rules.factions]
        self.slots = influence_slots(rules)
        self.shades = shade_slots(rules)  # colour by a plain region value, if so
        # drawn from the regions' shapes (else circles at their positions); projected
        # as lon/lat (north up, latitude-corrected) or as schematic x/y (y down) or, when
        # the level does not say, as before: lon/lat when shaped, else x/y with y up
        self.geo = all(len(r.shape) >= 3 for r in rules.regions) and bool(rules.regions)
        self.lonlat = rules.projection == "geo" or (not rules.projection and self.geo)
        self.y_down = rules.projection == "schematic"
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.polys: list[list[Point]] = []
        self.anchors: list[Point] = []
        self.radius = 0.0
        self._base: pygame.Surface | None = None
        self._base_key: object = None
        self._placed: list[pygame.Rect] = []
        self.legend_left = 0
        self.legend_rect = pygame.Rect(0, 0, 0, 0)  # on screen, once drawn
        self._static: pygame.Surface | None = None
        self._outline: list[list[Point]] = []
        self._watched = [s for row in self.slots for s in row] + self.shades
        self._watched += [n.stance_slot for n in rules.neighbours if n.stance_slot >= 0]

    # --- projection -------------------------------------------------------------------
    def set_rect(self, rect: pygame.Rect, legend_left: int = 0) -> None:
        """Fit the map into `rect` (keeps the aspect ratio); the legend starts
        `legend_left` pixels from its left edge (clear of a panel there) when it fits."""
        if legend_left != self.legend_left:
            self.legend_left = legend_left
            self._base = None
        if pygame.Rect(rect) == self.rect and self.polys:
            return
        self.rect = pygame.Rect(rect)
        self._base = None
        self._static = None
        rules = self.rules
        if self.geo:
            pts = [p for r in rules.regions for p in r.shape]
            pts += [p for poly in rules.outline for p in poly]
        else:
            pts = [r.position for r in rules.regions] or [(0.0, 0.0)]
        proj = self._proj = Projection.fit(pts, self.rect, self.geo, self.lonlat, self.y_down)
        if self.geo:
            self.polys = [[proj(p) for p in r.shape] for r in rules.regions]
            self.anchors = [proj(r.position) for r in rules.regions]
            for i, poly in enumerate(self.polys):
                if not point_in_polygon(self.anchors[i], poly):
                    self.anchors[i] = centroid(poly)
        else:
            self.anchors = [proj(r.position) for r in rules.regions]
            n = max(1, len(rules.regions))
            self.radius = max(26.0, min(self.rect.w, self.rect.h) / (4.0 + math.sqrt(n) * 1.6))
            self.polys = [circle(a, self.radius) for a in self.anchors]

    def bounds(self, i: int) -> pygame.Rect:
        """The screen bounding box of region i."""
        xs = [p[0] for p in self.polys[i]]
        ys = [p[1] for p in self.polys[i]]
        return pygame.Rect(
            int(min(xs)), int(min(ys)), int(max(xs) - min(xs)) + 1, int(max(ys) - min(ys)) + 1
        )

    def region_at(self, pos: tuple[int, int]) -> int:
        """The region under a screen point, or -1."""
        if not self.rect.collidepoint(pos):
            return -1
        for i, poly in enumerate(self.polys):
            if point_in_polygon((float(pos[0]), float(pos[1])), poly):
                return i
        return -1

    # --- drawing ----------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        lens: Lens,
        targets: set[int],
        hover: int,
        selected: int,
        may_render: Callable[[], bool] = lambda: True,
    ) -> None:
        """Draw the cached base map (re-rendered when its values changed and `may_render()`
        allows), then target outlines, hover and selection."""
        key = (tuple(lens.known(s) for s in self._watched), self.rect.size, self.fonts.scale)
        if self._base is None or (key != self._base_key and may_render()):
            self._base = self._render_base(lens)
            self._base_key = key
        surface.blit(self._base, self.rect.topleft)
        if targets:
            veil = pygame.Surface(self.rect.size, pygame.SRCALPHA)
            veil.fill((0, 0, 0, 0))
            for i, poly in enumerate(self.polys):
                if i not in targets:
                    pygame.draw.polygon(veil, (10, 12, 16, 150), self._local(poly))
            surface.blit(veil, self.rect.topleft)
            for i in targets:
                pygame.draw.polygon(surface, theme.FOCUS, self.polys[i], 2)
        if hover >= 0:
            pygame.draw.polygon(surface, (255, 255, 255), self.polys[hover], 2)
        if selected >= 0:
            pygame.draw.polygon(surface, theme.FOCUS, self.polys[selected], 4)

    def _local(self, poly: list[Point]) -> list[Point]:
        return [(x - self.rect.x, y - self.rect.y) for x, y in poly]

    def _render_base(self, lens: Lens) -> pygame.Surface:
        rules = self.rules
        if self._static is None:
            self._static = pygame.Surface(self.rect.size)
            self._static.fill(theme.SEA)
            self._draw_neighbour_shapes(self._static)
            for poly in rules.outline:
                if len(poly) >= 3:
                    pygame.draw.polygon(
                        self._static, theme.LAND, self._local([self._proj(p) for p in poly])
                    )
            self._outline = [
                self._local([self._proj(p) for p in poly])
                for poly in rules.outline
                if len(poly) >= 3
            ]
            if not self.geo:
                self._draw_links(self._static)
        surf = self._static.copy()
        self._placed = []
        for i in range(len(rules.regions)):
            self._draw_region(surf, lens, i)
        for pts in self._outline:
            pygame.draw.polygon(surf, (150, 160, 176), pts, 2)
        self._draw_legend(surf)
        self._draw_neighbour_labels(surf, lens)
        order = sorted(range(len(rules.regions)), key=lambda k: -self._area(k))
        for i in order:
            self._draw_label(surf, lens, i)
        self._draw_sites(surf)
        return surf

    def _area(self, i: int) -> float:
        poly = self.polys[i]
        return (
            abs(
                sum(
                    poly[k][0] * poly[k - 1][1] - poly[k - 1][0] * poly[k][1]
                    for k in range(len(poly))
                )
            )
            / 2
        )

    def _draw_neighbour_shapes(self, surf: pygame.Surface) -> None:
        for n in self.rules.neighbours:
            for poly in n.shape:
                if len(poly) >= 3:
                    pts = self._local([self._proj(p) for p in poly])
                    pygame.draw.polygon(surf, (30, 35, 43), pts)
                    pygame.draw.polygon(surf, (54, 61, 72), pts, 1)

    def _draw_neighbour_labels(self, surf: pygame.Surface, lens: Lens) -> None:
        rules = self.rules
        w, h = self.rect.size
        pad = self.fonts.px(6)
        for n in rules.neighbours:
            x, y = self._proj(n.position)
            x, y = x - self.rect.x, y - self.rect.y
            name = self.fonts.text(n.name.upper(), 11, theme.MUTED, bold=True)
            stance = ""
            if n.stance_slot >= 0:
                var = rules.vars[n.stance_slot]
                low, high = lens.known(n.stance_slot)
                stance = var.label(low) if low == high else f"{low}–{high}"
            sub = self.fonts.text(stance, 11, theme.TEXT) if stance else None
            bw = max(name.get_width(), sub.get_width() if sub else 0)
            bh = name.get_height() + (sub.get_height() if sub else 0)
            x = min(max(pad, x - bw / 2), w - bw - pad)
            y = min(max(pad, y - bh / 2), h - bh - pad)
            spot = pygame.Rect(int(x), int(y), bw, bh)
            hit = spot.collidelist(self._placed)
            while hit >= 0 and self._placed[hit].bottom + bh < h:  # below the legend
                spot.y = self._placed[hit].bottom + 2
                hit = spot.collidelist(self._placed)
            x, y = spot.topleft
            surf.blit(name, (x, y))
            if sub:
                surf.blit(sub, (x, y + name.get_height()))
            self._placed.append(pygame.Rect(int(x), int(y), bw, bh))

    def _draw_links(self, surf: pygame.Surface) -> None:
        for i, r in enumerate(self.rules.regions):
            for j in r.adjacent:
                if j > i:
                    a = self._local([self.anchors[i]])[0]
                    b = self._local([self.anchors[j]])[0]
                    pygame.draw.line(surf, theme.LINE, a, b, 3)

    def _draw_region(self, surf: pygame.Surface, lens: Lens, i: int) -> None:
        poly = self._local(self.polys[i])
        lead, value, top = leader(lens, self.slots[i])
        fill = theme.LAND if self.geo else theme.PANEL_HI
        share = shade(lens, self.shades[i]) if self.shades else None
        if share is not None:
            fill = theme.mix(fill, SHADE, 0.1 + 0.7 * share)
        elif lead >= 0:
            strength = min(1.0, 0.35 + 0.12 * value)
            fill = theme.mix(theme.LAND, self.colors[lead], 0.25 + 0.45 * strength)
        elif len(top) >= 2:
            fill = theme.mix(theme.LAND, self.colors[top[0]], 0.45)
        pygame.draw.polygon(surf, fill, poly)
        if len(top) >= 2:  # contested: the other leader's colour as hatching
            xs = [p[0] for p in poly]
            ys = [p[1] for p in poly]
            box = pygame.Rect(
                int(min(xs)), int(min(ys)), int(max(xs) - min(xs)) + 2, int(max(ys) - min(ys)) + 2
            )
            mask = pygame.Surface(box.size, pygame.SRCALPHA)
            mask.fill((0, 0, 0, 0))
            pygame.draw.polygon(
                mask, (255, 255, 255, 255), [(x - box.x, y - box.y) for x, y in poly]
            )
            mask.blit(
                hatch(box.size, self.colors[top[1]], 7),
                (0, 0),
                special_flags=pygame.BLEND_RGBA_MULT,
            )
            surf.blit(mask, box.topleft)
        pygame.draw.polygon(surf, (20, 24, 31), poly, 2)

    def _draw_label(self, surf: pygame.Surface, lens: Lens, i: int) -> None:
        region = self.rules.regions[i]
        ax, ay = self._local([self.anchors[i]])[0]
        lead, _value, top = leader(lens, self.slots[i])
        r = self.fonts.px(10)
        name = self.fonts.text(region.name, 12, theme.TEXT, bold=True)
        known = lens.exact(self.shades[i]) if self.shades else None
        number = None  # a shaded map shows the number itself, so colour is never the only cue
        if known is not None:
            number = self.fonts.text(str(known), 11, (255, 255, 255), bold=True)
        marks = marker_factions(lead, top) if number is None else ()
        bw, bh = badge_size(len(marks), r)
        if number is not None:
            bw, bh = max(2 * r, number.get_width() + 8), 2 * r + 2
        block = pygame.Rect(0, 0, max(bw, name.get_width()), bh + name.get_height())
        block.midtop = (int(ax), int(ay - bh))
        spot = self._free_spot(block)
        if spot.topleft != block.topleft:
            pygame.draw.line(surf, (200, 200, 200), (ax, ay), spot.center, 1)
            pygame.draw.circle(surf, (200, 200, 200), (int(ax), int(ay)), 2)
        self._placed.append(spot)
        if marks:
            self._draw_marks(surf, marks, (spot.centerx, spot.y + r), r)
        elif number is not None:
            badge = pygame.Rect(0, 0, bw, 2 * r)
            badge.midtop = (spot.centerx, spot.y)
            pygame.draw.rect(surf, (12, 14, 18), badge.inflate(4, 4), border_radius=r + 2)
            pygame.draw.rect(surf, theme.NEUTRAL, badge, border_radius=r)
            surf.blit(number, number.get_rect(center=badge.center))
        nx = spot.centerx - name.get_width() // 2
        ny = spot.y + bh
        shadow = self.fonts.text(region.name, 12, (0, 0, 0), bold=True)
        surf.blit(shadow, (nx + 1, ny + 1))
        surf.blit(name, (nx, ny))

    def _draw_marks(
        self, surf: pygame.Surface, marks: tuple[int, ...], center: tuple[int, int], r: int
    ) -> None:
        """The leader's emblem, or the tied factions' emblems side by side on a dark pill."""
        w, _h = badge_size(len(marks), r)
        x0 = center[0] - w // 2
        if len(marks) > 1:
            pill = pygame.Rect(x0, center[1] - r, w, 2 * r).inflate(4, 4)
            pygame.draw.rect(surf, (12, 14, 18), pill, border_radius=r + 2)
        else:
            pygame.draw.circle(surf, (12, 14, 18), center, r + 2)
        for k, faction in enumerate(marks):
            cx = x0 + r + k * (2 * r - r // 3)
            blit_emblem(surf, (cx, center[1]), r, faction, self.colors[faction])

    def _free_spot(self, block: pygame.Rect) -> pygame.Rect:
        """`block` moved to the nearest place (rings of 8 directions) that overlaps no label
        drawn so far and stays on the map; the original place if none is free."""
        if block.collidelist(self._placed) < 0:
            return block
        bounds = pygame.Rect((0, 0), self.rect.size)
        step = max(6, block.h // 2)
        for ring in range(1, 8):
            for dx, dy in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)):
                trial = block.move(dx * ring * step * 1.5, dy * ring * step)
                if bounds.contains(trial) and trial.collidelist(self._placed) < 0:
                    return trial
        return block

    def _draw_sites(self, surf: pygame.Surface) -> None:
        for i, region in enumerate(self.rules.regions):
            for k, site in enumerate(region.sites):
                if site.position is not None and self.geo:
                    x, y = self._local([self._proj(site.position)])[0]
                else:
                    ax, ay = self._local([self.anchors[i]])[0]
                    x, y = ax - self.fonts.px(30) + k * self.fonts.px(18), ay + self.fonts.px(26)
                s = self.fonts.px(5)
                pts = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
                pygame.draw.polygon(surf, (240, 228, 66), pts)
                pygame.draw.polygon(surf, (20, 20, 20), pts, 1)
                label = self.fonts.text(site.name, 10, (236, 226, 150))
                spot = label.get_rect(midleft=(int(x + s + 3), int(y)))
                if spot.collidelist(self._placed) < 0:
                    surf.blit(label, spot)
                    self._placed.append(spot)

    def _draw_legend(self, surf: pygame.Surface) -> None:
        if self.shades:
            self._draw_scale(surf)
            return
        if not any(self.slots):
            return
        f = self.fonts
        pad = f.px(6)
        name = self.rules.vars[self.rules.color_by].name
        title = f.text(f"Colour = most {name.lower()}:", 11, theme.MUTED)
        items = [(fac.index, f.text(fac.short, 11, theme.TEXT)) for fac in self.rules.factions]
        r = f.px(7)
        tie = f.text("tied (hatched)", 11, theme.MUTED)
        pair_w, _ = badge_size(2, r)
        width = title.get_width() + sum(2 * r + 4 + lab.get_width() + pad for _, lab in items)
        width += pair_w + 4 + tie.get_width()
        box = pygame.Rect(pad, pad, width + 2 * pad, max(title.get_height(), 2 * r) + pad)
        box.x = max(pad, min(self.legend_left + pad, self.rect.w - box.w - pad))
        self.legend_rect = box.move(self.rect.topleft)
        pygame.draw.rect(surf, (12, 15, 20), box, border_radius=4)
        x = box.x + pad
        cy = box.centery
        surf.blit(title, (x, cy - title.get_height() // 2))
        x += title.get_width() + pad
        for faction, lab in items:
            blit_emblem(surf, (x + r, cy), r, faction, self.colors[faction])
            surf.blit(lab, (x + 2 * r + 4, cy - lab.get_height() // 2))
            x += 2 * r + 4 + lab.get_width() + pad
        if len(items) >= 2:
            self._draw_marks(surf, (items[0][0], items[1][0]), (x + pair_w // 2, cy), r)
        surf.blit(tie, (x + pair_w + 4, cy - tie.get_height() // 2))
        self._placed.append(box)

    def _draw_scale(self, surf: pygame.Surface) -> None:
        """The legend of a map shaded by a plain region value: its name, and its lowest and
        highest values (their labels, if the level gives them) at the ends of a colour ramp."""
        f = self.fonts
        pad = f.px(6)
        var = self.rules.vars[self.shades[0]]
        title = f.text(f"Colour = {var.name.lower()}:", 11, theme.MUTED)
        low = f.text(var.label(var.lo), 11, theme.TEXT)
        high = f.text(var.label(var.hi), 11, theme.TEXT)
        ramp_w, ramp_h = f.px(60), f.px(8)
        width = title.get_width() + low.get_width() + ramp_w + high.get_width() + 3 * pad
        box = pygame.Rect(pad, pad, width + 2 * pad, title.get_height() + pad)
        pygame.draw.rect(surf, (12, 15, 20), box, border_radius=4)
        x, cy = box.x + pad, box.centery
        for img in (title, low):
            surf.blit(img, (x, cy - img.get_height() // 2))
            x += img.get_width() + pad
        base = theme.LAND if self.geo else theme.PANEL_HI
        for k in range(ramp_w):
            color = theme.mix(base, SHADE, 0.1 + 0.7 * k / max(1, ramp_w - 1))
            pygame.draw.line(surf, color, (x + k, cy - ramp_h // 2), (x + k, cy + ramp_h // 2))
        x += ramp_w + pad
        surf.blit(high, (x, cy - high.get_height() // 2))
        self._placed.append(box)

    def details(self, lens: Lens, i: int) -> list[str]:
        """Hover text for a region: name, description, values, influence and sites."""
        rules = self.rules
        region = rules.regions[i]
        lines = [region.name]
        if region.description:
            lines.append(region.description)
        for var in rules.vars:
            if var.region != i or var.hidden:
                continue
            low, high = lens.known(var.index)
            shown = var.label(low) if low == high else f"{low}–{high}"
            if var.per_faction >= 0:
                continue
            lines.append(f"{var.name}: {shown}")
        if self.slots[i]:
            parts = []
            for f, slot in enumerate(self.slots[i]):
                low, high = lens.known(slot)
                parts.append(f"{rules.factions[f].short} {low if low == high else f'{low}–{high}'}")
            lines.append(f"{rules.vars[rules.color_by].name}: " + " · ".join(parts))
        for site in region.sites:
            about = f": {site.description}" if site.description else ""
            lines.append(f"Site: {site.name}{about}")
        return lines
