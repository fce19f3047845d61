"""A line chart of tracks over the rounds, drawn with pygame: each line has its own colour,
marker shape and end label; key moments are marked with numbered lines."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import theme
from game.ui.story import Moment, Series
from game.ui.theme import Fonts


def _marker(
    surface: pygame.Surface, kind: int, c: tuple[int, int], r: int, color: tuple[int, int, int]
) -> None:
    x, y = c
    if kind % 4 == 0:
        pygame.draw.circle(surface, color, c, r)
    elif kind % 4 == 1:
        pygame.draw.rect(surface, color, (x - r, y - r, 2 * r, 2 * r))
    elif kind % 4 == 2:
        pygame.draw.polygon(
            surface, color, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]
        )
    else:
        pygame.draw.polygon(
            surface, color, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
        )


def draw_chart(
    surface: pygame.Surface,
    fonts: Fonts,
    rect: pygame.Rect,
    series: list[Series],
    moments: list[Moment],
    round_name: str,
) -> None:
    """Draw the series (each scaled to its own range, 0–100%) into `rect`."""
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=6)
    ends_text = [f"{s.name} {s.label(s.values[-1])}" for s in series]
    widest = max((fonts.font(11).size(fonts.safe(t))[0] for t in ends_text), default=0)
    pad_r = min(max(fonts.px(120), widest + fonts.px(30)), rect.w // 3)
    line = fonts.font(10).get_linesize()  # the round numbers, then the axis title
    pad_l, pad_t, pad_b = fonts.px(40), fonts.px(14), fonts.px(8) + 2 * line
    plot = pygame.Rect(
        rect.x + pad_l, rect.y + pad_t, rect.w - pad_l - pad_r, rect.h - pad_t - pad_b
    )
    n = max((len(s.values) for s in series), default=1)

    def px(i: int) -> int:
        return plot.x + (plot.w * i // max(1, n - 1))

    _draw_axes(surface, fonts, rect, plot, n, px, round_name)
    _draw_moments(surface, fonts, plot, n, px, moments)
    ends = _draw_series(surface, fonts, plot, px, series)
    _draw_end_labels(surface, fonts, rect, plot, ends)


def _draw_axes(
    surface: pygame.Surface,
    fonts: Fonts,
    rect: pygame.Rect,
    plot: pygame.Rect,
    n: int,
    px: Callable[[int], int],
    round_name: str,
) -> None:
    """The 0–100% grid and the round labels under the plot."""
    for k in range(5):
        y = plot.bottom - plot.h * k // 4
        pygame.draw.line(surface, (40, 47, 58), (plot.x, y), (plot.right, y))
        lab = fonts.text(f"{25 * k}%", 10, theme.DIM)
        surface.blit(lab, (rect.x + fonts.px(6), y - lab.get_height() // 2))
    for i in range(n):
        lab = fonts.text(str(i + 1) if i < n - 1 else "end", 10, theme.DIM)
        surface.blit(lab, lab.get_rect(midtop=(px(i), plot.bottom + fonts.px(4))))
    axis = fonts.text(f"{round_name} (start of each)", 10, theme.DIM)
    below = plot.bottom + fonts.px(4) + fonts.font(10).get_linesize()  # under the numbers
    surface.blit(axis, axis.get_rect(midtop=(plot.centerx, below)))


def _draw_moments(
    surface: pygame.Surface,
    fonts: Fonts,
    plot: pygame.Rect,
    n: int,
    px: Callable[[int], int],
    moments: list[Moment],
) -> None:
    """A dashed line and a numbered tag where each turning point happened."""
    for k, m in enumerate(moments):
        i = min(m.round, n - 1)
        x = (px(i - 1) + px(i)) // 2 if i > 0 else px(0)
        for y in range(plot.y, plot.bottom, 8):
            pygame.draw.line(surface, theme.FOCUS, (x, y), (x, min(y + 4, plot.bottom)))
        tag = fonts.text(str(k + 1), 11, (12, 15, 20), bold=True)
        box = tag.get_rect(midtop=(x, plot.y - fonts.px(2))).inflate(8, 2)
        pygame.draw.rect(surface, theme.FOCUS, box, border_radius=3)
        surface.blit(tag, tag.get_rect(center=box.center))


def _draw_series(
    surface: pygame.Surface,
    fonts: Fonts,
    plot: pygame.Rect,
    px: Callable[[int], int],
    series: list[Series],
) -> list[tuple[int, str, tuple[int, int, int], int]]:
    """Each series as a line with markers; returns (end y, end label, colour, index)."""
    ends: list[tuple[int, str, tuple[int, int, int], int]] = []
    for j, s in enumerate(series):
        color = theme.SERIES[j % len(theme.SERIES)]
        span = max(1, s.hi - s.lo)
        pts = [
            (px(i), plot.bottom - round(plot.h * (v - s.lo) / span)) for i, v in enumerate(s.values)
        ]
        if len(pts) >= 2:
            pygame.draw.lines(surface, color, False, pts, 3 if s.danger else 2)
        for p in pts:
            _marker(surface, j, p, fonts.px(4), color)
        ends.append((pts[-1][1], f"{s.name} {s.label(s.values[-1])}", color, j))
    return ends


def spread(ys: list[int], gap: int, top: int, bottom: int) -> list[int]:
    """Sorted label heights moved apart by at least `gap`, kept inside top..bottom when
    they fit (pushed down first, then up from the bottom)."""
    out: list[int] = []
    for y in ys:
        out.append(max(y, top, out[-1] + gap if out else top))
    limit = bottom
    for k in range(len(out) - 1, -1, -1):
        out[k] = min(out[k], limit)
        limit = out[k] - gap
    return out


def _draw_end_labels(
    surface: pygame.Surface,
    fonts: Fonts,
    rect: pygame.Rect,
    plot: pygame.Rect,
    ends: list[tuple[int, str, tuple[int, int, int], int]],
) -> None:
    """Each series' final value right of the plot, pushed apart so none overlap and
    none leaves the chart."""
    ends.sort()
    gap = fonts.px(15)
    ys = spread([y for y, *_ in ends], gap, rect.top + gap // 2, rect.bottom - gap // 2)
    for y, (_, text, color, j) in zip(ys, ends, strict=True):
        _marker(surface, j, (plot.right + fonts.px(12), y), fonts.px(4), color)
        room = rect.right - plot.right - fonts.px(24)
        while len(text) > 4 and fonts.font(11).size(fonts.safe(text))[0] > room:
            text = text[:-2] + "…"
        surface.blit(fonts.text(text, 11, theme.TEXT), (plot.right + fonts.px(20), y - fonts.px(8)))
