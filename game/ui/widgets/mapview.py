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
from game.ui.widgets.map_labels import (
    LabelPlacer,
    draw_neighbour_labels,
    draw_region_label,
    draw_sites,
)
from game.ui.widgets.map_legend import (
    SHADE,
    draw_leader_legend,
    draw_scale_legend,
    marker_factions,
)

LABELS_FIT = (500, 400)  # the map area (px) in which its labels fit at scale 1


class MapView:
    """Projects the level's map into a rectangle, draws it, and finds regions under the mouse."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self._label_fonts: Fonts | None = None
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
        self.legend_left = 0
        self.legend_rect = pygame.Rect(0, 0, 0, 0)  # on screen, once drawn
        self.label_rects: dict[int, pygame.Rect] = {}  # region -> its label, on screen
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
        self.label_rects = {}
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

    def label_fonts(self) -> Fonts:
        """The fonts of the map's own text: at the UI's scale, but never larger than the
        map's area allows (the map is a picture: a larger UI scale leaves it less room, so
        its labels would cover each other); the region tips keep the UI's scale."""
        fit = min(self.rect.w / LABELS_FIT[0], self.rect.h / LABELS_FIT[1])
        scale = round(min(self.fonts.scale, fit), 3)
        if scale == self.fonts.scale:
            return self.fonts
        if self._label_fonts is None or self._label_fonts.scale != scale:
            self._label_fonts = Fonts(scale)
        return self._label_fonts

    def bounds(self, i: int) -> pygame.Rect:
        """The screen bounding box of region i."""
        xs = [p[0] for p in self.polys[i]]
        ys = [p[1] for p in self.polys[i]]
        return pygame.Rect(
            int(min(xs)), int(min(ys)), int(max(xs) - min(xs)) + 1, int(max(ys) - min(ys)) + 1
        )

    def region_at(self, pos: tuple[int, int]) -> int:
        """The region under a screen point, or -1. A region's label (its name and markers)
        counts as that region, also where it was moved off its shape onto a neighbour's."""
        if not self.rect.collidepoint(pos):
            return -1
        for i, label in self.label_rects.items():
            if label.collidepoint(pos):
                return i
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
        key = (
            tuple(lens.known(s) for s in self._watched),
            self.rect.size,
            self.label_fonts().scale,
        )
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

    def _local_point(self, p: Point) -> Point:
        """A level coordinate projected onto the map surface."""
        x, y = self._proj(p)
        return (x - self.rect.x, y - self.rect.y)

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
        placer = LabelPlacer(self.rect.size)
        self.label_rects = {}
        for i in range(len(rules.regions)):
            self._draw_region(surf, lens, i)
        for pts in self._outline:
            pygame.draw.polygon(surf, (150, 160, 176), pts, 2)
        self._draw_legend(surf, placer)
        local = self._local_point
        draw_neighbour_labels(surf, placer, self.label_fonts(), rules, lens, local)
        order = sorted(range(len(rules.regions)), key=lambda k: -self._area(k))
        for i in order:
            self._draw_label(surf, placer, lens, i)
        anchors = self._local(self.anchors)
        draw_sites(surf, placer, self.label_fonts(), rules, anchors, local if self.geo else None)
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

    def _draw_label(self, surf: pygame.Surface, placer: LabelPlacer, lens: Lens, i: int) -> None:
        lead, _value, top = leader(lens, self.slots[i])
        number = lens.exact(self.shades[i]) if self.shades else None
        marks = marker_factions(lead, top) if number is None else ()
        anchor = self._local([self.anchors[i]])[0]
        name = self.rules.regions[i].name
        spot = draw_region_label(
            surf, placer, self.label_fonts(), name, anchor, marks, self.colors, number
        )
        self.label_rects[i] = spot.move(self.rect.topleft)

    def _draw_legend(self, surf: pygame.Surface, placer: LabelPlacer) -> None:
        if self.shades:
            base = theme.LAND if self.geo else theme.PANEL_HI
            placer.add(
                draw_scale_legend(surf, self.label_fonts(), self.rules, self.shades[0], base)
            )
            return
        if not any(self.slots):
            return
        box = draw_leader_legend(
            surf, self.label_fonts(), self.rules, self.colors, self.legend_left
        )
        self.legend_rect = box.move(self.rect.topleft)
        placer.add(box)

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
