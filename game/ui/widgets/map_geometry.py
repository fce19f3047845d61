"""The map's geometry and data, without drawing: which slots colour each region, who leads
there, polygons (hit test, centroid, circles) and the projection of level coordinates into
a screen rectangle."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.engine import Ruleset
from game.ui.lens import Lens

Point = tuple[float, float]


def influence_slots(rules: Ruleset) -> list[list[int]]:
    """slots[region][faction] of the `color_by` value (empty lists when the level has none)."""
    if rules.color_by < 0:
        return [[] for _ in rules.regions]
    base = rules.vars[rules.color_by].id
    table = [[-1] * len(rules.factions) for _ in rules.regions]
    for var in rules.vars:
        if var.id == base and var.region >= 0 and var.per_faction >= 0:
            table[var.region][var.per_faction] = var.index
    return [row if all(s >= 0 for s in row) else [] for row in table]


def shade_slots(rules: Ruleset) -> list[int]:
    """slot[region] of a plain (not per-faction) `color_by` value, which shades each region
    from the value's min to its max; empty when the level colours by faction or not at all."""
    if rules.color_by < 0 or rules.vars[rules.color_by].per_faction >= 0:
        return []
    base = rules.vars[rules.color_by].id
    found = {v.region: v.index for v in rules.vars if v.id == base and v.region >= 0}
    return [found[r.index] for r in rules.regions]


def shade(lens: Lens, slot: int) -> float | None:
    """How far a region's value stands from its min (0) to its max (1); None if unknown."""
    var = lens.state.rules.vars[slot]
    value = lens.exact(slot)
    if value is None:
        return None
    return (value - var.lo) / (var.hi - var.lo) if var.hi > var.lo else 0.0


def leader(lens: Lens, slots: list[int]) -> tuple[int, int, list[int]]:
    """(leading faction or -1, its value, factions tied at the top) for one region."""
    if not slots:
        return (-1, 0, [])
    best = -1
    top: list[int] = []
    for f, slot in enumerate(slots):
        value = lens.exact(slot)
        if value is None:
            continue
        if value > best:
            best, top = value, [f]
        elif value == best:
            top.append(f)
    if best <= 0:
        return (-1, 0, [])
    return (top[0] if len(top) == 1 else -1, best, top)


def point_in_polygon(p: Point, poly: list[Point]) -> bool:
    """Ray casting: whether a point lies inside a polygon."""
    x, y = p
    inside = False
    n = len(poly)
    j = n - 1
    for i in range(n):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi + 1e-12) + xi:
            inside = not inside
        j = i
    return inside


def centroid(poly: list[Point]) -> Point:
    """Area centroid of a polygon (vertex mean when degenerate)."""
    area = cx = cy = 0.0
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return (sum(p[0] for p in poly) / n, sum(p[1] for p in poly) / n)
    return (cx / (3 * area), cy / (3 * area))


def circle(c: Point, r: float) -> list[Point]:
    """A 24-gon of radius `r` around `c` (a schematic region)."""
    return [
        (c[0] + r * math.cos(a * math.pi / 12), c[1] + r * math.sin(a * math.pi / 12))
        for a in range(24)
    ]


@dataclass(frozen=True)
class Projection:
    """Level coordinates → screen: x scaled by `kx` (the cosine of the middle latitude on
    a lon/lat map), then by `k`, centred on (`ox`, `oy`); y grows upwards in the level
    (`sy` 1: lon/lat, or x/y maps that do not say) or downwards (`sy` -1: schematic)."""

    kx: float
    k: float
    cx: float
    cy: float
    ox: float
    oy: float
    sy: float = 1.0

    def __call__(self, p: Point) -> Point:
        return (
            self.ox + (p[0] * self.kx - self.cx) * self.k,
            self.oy - self.sy * (p[1] - self.cy) * self.k,
        )

    @staticmethod
    def fit(
        pts: list[Point],
        rect: pygame.Rect,
        geo: bool,
        lonlat: bool | None = None,
        y_down: bool = False,
    ) -> Projection:
        """The projection that fits `pts` into `rect` with a margin, keeping the aspect
        ratio. `geo`: drawn from shapes (else circles, kept from looking too flat);
        `lonlat`: apply the latitude correction (default: `geo`); `y_down`: y grows
        downwards (a schematic map)."""
        margin = 0.08 if geo else 0.22
        lonlat = geo if lonlat is None else lonlat
        lat_mid = (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2
        kx = math.cos(math.radians(lat_mid)) if lonlat else 1.0
        xs = [p[0] * kx for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        w = max(x1 - x0, 1e-6)
        h = max(y1 - y0, 1e-6)
        if not geo:
            w = max(w, h, 1.0)
            h = max(h, w * 0.6)
        inner = rect.inflate(-2 * margin * rect.w, -2 * margin * rect.h)
        k = min(inner.w / w, inner.h / h)
        sy = -1.0 if y_down else 1.0
        return Projection(kx, k, (x0 + x1) / 2, (y0 + y1) / 2, rect.centerx, rect.centery, sy)
