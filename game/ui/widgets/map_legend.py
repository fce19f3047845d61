"""The map's legend and emblem markers: who colours a region (the leader's emblem, every
tied faction's emblem on a shared lead) and, on a map shaded by a plain region value, the
value's colour ramp from its lowest to its highest label."""

from __future__ import annotations

import pygame

from game.engine import Ruleset
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.theme import Fonts

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


def draw_marks(
    surf: pygame.Surface,
    colors: list[tuple[int, int, int]],
    marks: tuple[int, ...],
    center: tuple[int, int],
    r: int,
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
        blit_emblem(surf, (cx, center[1]), r, faction, colors[faction])


def draw_leader_legend(
    surf: pygame.Surface,
    fonts: Fonts,
    rules: Ruleset,
    colors: list[tuple[int, int, int]],
    left: int,
) -> pygame.Rect:
    """'Colour = most influence:' with each faction's emblem and name and the tied marker,
    drawn at the top of `surf` from `left` (kept inside it, on more rows when one is too
    narrow); its rect on `surf`."""
    f = fonts
    pad = f.px(6)
    name = rules.vars[rules.color_by].name
    title = f.text(f"Colour = most {name.lower()}:", 11, theme.MUTED)
    r = f.px(7)
    pair_w, _ = badge_size(2, r)
    parts: list[tuple[int, pygame.Surface, tuple[int, ...]]] = [(0, title, ())]
    parts += [
        (2 * r + 4, f.text(fac.short, 11, theme.TEXT), (fac.index,)) for fac in rules.factions
    ]
    if len(rules.factions) >= 2:
        parts.append((pair_w + 4, f.text("tied (hatched)", 11, theme.MUTED), (0, 1)))
    widths = [mark + img.get_width() for mark, img, _ in parts]
    room = surf.get_width() - 4 * pad
    row_h = max(title.get_height(), 2 * r)
    spots, x, y = [], 0, 0
    for wd in widths:  # flow the parts into rows of at most `room`
        if x and x + wd > room:
            x, y = 0, y + row_h
        spots.append((x, y))
        x += wd + pad
    width = max(sx + wd for (sx, _), wd in zip(spots, widths, strict=True))
    box = pygame.Rect(pad, pad, width + 2 * pad, y + row_h + pad)
    box.x = max(pad, min(left + pad, surf.get_width() - box.w - pad))
    pygame.draw.rect(surf, (12, 15, 20), box, border_radius=4)
    for (mark, img, factions), (sx, sy) in zip(parts, spots, strict=True):
        x0, cy = box.x + pad + sx, box.y + pad // 2 + sy + row_h // 2
        if len(factions) == 1:
            blit_emblem(surf, (x0 + r, cy), r, factions[0], colors[factions[0]])
        elif factions:
            draw_marks(surf, colors, factions, (x0 + pair_w // 2, cy), r)
        surf.blit(img, (x0 + mark, cy - img.get_height() // 2))
    return box


def draw_scale_legend(
    surf: pygame.Surface, fonts: Fonts, rules: Ruleset, slot: int, base: tuple[int, int, int]
) -> pygame.Rect:
    """The legend of a map shaded by the plain region value in `slot`: its name, and its
    lowest and highest values (their labels, if the level gives them) at the ends of a
    colour ramp from `base`; its rect on `surf`."""
    f = fonts
    pad = f.px(6)
    var = rules.vars[slot]
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
    for k in range(ramp_w):
        color = theme.mix(base, SHADE, 0.1 + 0.7 * k / max(1, ramp_w - 1))
        pygame.draw.line(surf, color, (x + k, cy - ramp_h // 2), (x + k, cy + ramp_h // 2))
    x += ramp_w + pad
    surf.blit(high, (x, cy - high.get_height() // 2))
    return box
