"""Faction emblems and action-category icons, drawn in code with `pygame.draw`.

Each picture is drawn at four times its size and smoothed down (cheap antialiasing), then
kept in a cache keyed by what it shows and its size, so drawing one per frame costs a blit.
A faction's emblem is a white glyph on a disc of its colour; the glyph is picked by the
faction's index (eight distinct shapes, then they repeat).
"""

from __future__ import annotations

import math

import pygame

from game.ui import theme

Color = tuple[int, int, int]
SUPER = 4  # draw this many times larger, then smooth-scale down
WHITE = (255, 255, 255)
GLYPHS = ("star", "ring", "shield", "chevrons", "crescent", "sun", "diamond", "cross")
CATEGORIES = ("diplomatic", "economic", "military", "information", "other")

_cache: dict[tuple[object, ...], pygame.Surface] = {}


def glyph_of(index: int) -> str:
    """The glyph name of faction `index`."""
    return GLYPHS[index % len(GLYPHS)]


def _star(c: float, r: float, points: int = 5, inner: float = 0.42) -> list[tuple[float, float]]:
    out = []
    for k in range(points * 2):
        rad = r if k % 2 == 0 else r * inner
        a = -math.pi / 2 + k * math.pi / points
        out.append((c + rad * math.cos(a), c + rad * math.sin(a)))
    return out


def _draw_glyph(s: pygame.Surface, name: str, c: float, r: float, back: Color) -> None:
    """Glyph `name` in white, centred at (c, c) within radius `r`; `back` cuts holes."""
    w = max(1, round(r * 0.18))
    if name == "star":
        pygame.draw.polygon(s, WHITE, _star(c, r))
    elif name == "ring":  # a ring of member states around a centre
        for k in range(8):
            a = k * math.pi / 4
            pygame.draw.circle(
                s, WHITE, (c + r * 0.78 * math.cos(a), c + r * 0.78 * math.sin(a)), r * 0.2
            )
        pygame.draw.circle(s, WHITE, (c, c), r * 0.3)
    elif name == "shield":  # a shield split by a band
        top, bot, half = c - r * 0.85, c + r * 0.95, r * 0.75
        pts = [
            (c - half, top),
            (c + half, top),
            (c + half, c + r * 0.3),
            (c, bot),
            (c - half, c + r * 0.3),
        ]
        pygame.draw.polygon(s, WHITE, pts)
        pygame.draw.line(s, back, (c - half, c - r * 0.2), (c + half, c - r * 0.2), w)
        pygame.draw.line(s, back, (c, c - r * 0.2), (c, bot), w)
    elif name == "chevrons":
        for dy in (-0.45, 0.25):
            y = c + r * dy
            pts = [(c - r * 0.8, y + r * 0.5), (c, y - r * 0.2), (c + r * 0.8, y + r * 0.5)]
            pygame.draw.lines(s, WHITE, False, pts, round(r * 0.3))
    elif name == "crescent":
        pygame.draw.circle(s, WHITE, (c - r * 0.1, c), r * 0.85)
        pygame.draw.circle(s, back, (c + r * 0.25, c - r * 0.12), r * 0.72)
        pygame.draw.polygon(s, WHITE, _star(c + r * 0.45, r * 0.28, inner=0.45))
    elif name == "sun":
        pygame.draw.circle(s, WHITE, (c, c), r * 0.45)
        for k in range(12):
            a = k * math.pi / 6
            p0 = (c + r * 0.6 * math.cos(a), c + r * 0.6 * math.sin(a))
            p1 = (c + r * 0.95 * math.cos(a), c + r * 0.95 * math.sin(a))
            pygame.draw.line(s, WHITE, p0, p1, w)
    elif name == "diamond":
        pygame.draw.polygon(s, WHITE, [(c, c - r), (c + r * 0.7, c), (c, c + r), (c - r * 0.7, c)])
        pygame.draw.polygon(
            s, back, [(c, c - r * 0.4), (c + r * 0.28, c), (c, c + r * 0.4), (c - r * 0.28, c)]
        )
    else:  # cross
        t = r * 0.32
        pygame.draw.rect(s, WHITE, pygame.Rect(c - t, c - r * 0.85, 2 * t, r * 1.7))
        pygame.draw.rect(s, WHITE, pygame.Rect(c - r * 0.85, c - t, r * 1.7, 2 * t))


def emblem(index: int, radius: int, color: Color) -> pygame.Surface:
    """Faction `index`'s emblem: a disc of `color` with a darker rim and its white glyph,
    `2 * radius` pixels wide (transparent around the disc)."""
    radius = max(2, radius)
    key = ("emblem", index, radius, color)
    found = _cache.get(key)
    if found is not None:
        return found
    big = 2 * radius * SUPER
    s = pygame.Surface((big, big), pygame.SRCALPHA)
    c, r = big / 2, big / 2
    pygame.draw.circle(s, theme.mix(color, (0, 0, 0), 0.35), (c, c), r)
    pygame.draw.circle(s, color, (c, c), r * 0.88)
    _draw_glyph(s, glyph_of(index), c, r * 0.55, color)
    out = pygame.transform.smoothscale(s, (2 * radius, 2 * radius))
    _cache[key] = out
    return out


def blit_emblem(
    surface: pygame.Surface, center: tuple[int, int], radius: int, index: int, color: Color
) -> None:
    """Draw faction `index`'s emblem centred on `center`."""
    pic = emblem(index, radius, color)
    surface.blit(pic, pic.get_rect(center=center))


def _draw_category(s: pygame.Surface, name: str, size: float, color: Color) -> None:
    c = size / 2
    w = max(1, round(size * 0.09))
    if name == "diplomatic":  # two linked rings: an agreement
        for dx in (-0.17, 0.17):
            pygame.draw.circle(s, color, (c + size * dx, c), size * 0.27, w)
    elif name == "economic":  # a stack of coins
        for k in range(3):
            box = pygame.Rect(size * 0.18, size * (0.56 - 0.2 * k), size * 0.64, size * 0.26)
            pygame.draw.ellipse(s, color, box)
            pygame.draw.ellipse(s, theme.mix(color, (0, 0, 0), 0.45), box, max(1, w // 2))
    elif name == "military":  # crossed swords
        for sx in (1, -1):
            a, b = (c - sx * size * 0.36, size * 0.86), (c + sx * size * 0.34, size * 0.12)
            pygame.draw.line(s, color, a, b, w)
            g = (a[0] + (b[0] - a[0]) * 0.2, a[1] + (b[1] - a[1]) * 0.2)
            length = math.dist(a, b)
            px, py = (a[1] - b[1]) / length, (b[0] - a[0]) / length  # across the blade
            d = size * 0.12
            pygame.draw.line(
                s, color, (g[0] - px * d, g[1] - py * d), (g[0] + px * d, g[1] + py * d), w
            )
    elif name == "information":  # a mast sending waves
        pygame.draw.circle(s, color, (c, c * 0.9), size * 0.08)
        pygame.draw.line(s, color, (c, c * 0.9), (c, size * 0.9), w)
        for k, rr in enumerate((0.22, 0.38)):
            box = pygame.Rect(0, 0, size * rr * 2, size * rr * 2)
            box.center = (round(c), round(c * 0.9))
            sweep = 0.75 - 0.1 * k
            pygame.draw.arc(s, color, box, -sweep, sweep, w)
            pygame.draw.arc(s, color, box, math.pi - sweep, math.pi + sweep, w)
    else:  # other: three dots
        for dx in (-0.28, 0.0, 0.28):
            pygame.draw.circle(s, color, (c + size * dx, c), size * 0.09)


def category_icon(category: str, size: int, color: Color) -> pygame.Surface:
    """The icon of an action category (see `CATEGORIES`; anything else draws as 'other'),
    `size` pixels square, in `color` on a transparent background."""
    size = max(4, size)
    key = ("category", category, size, color)
    found = _cache.get(key)
    if found is not None:
        return found
    big = size * SUPER
    s = pygame.Surface((big, big), pygame.SRCALPHA)
    _draw_category(s, category if category in CATEGORIES else "other", big, color)
    out = pygame.transform.smoothscale(s, (size, size))
    _cache[key] = out
    return out
