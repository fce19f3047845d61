"""The end of the game: who won and why, victory points with each faction's biggest
swing, the tracks over time, and the turning points with their headlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine import scores
from game.engine.scoreboard import scoreboard_for
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.score_swings import biggest_swings
from game.ui.screens.base import Screen
from game.ui.session import GameSession
from game.ui.story import key_moments, outcome_sentence, track_series
from game.ui.widgets.chart import draw_chart

if TYPE_CHECKING:
    from game.ui.app import App


class EndScreen(Screen):
    """The story of the finished game."""

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        match = session.match
        self.sentence = outcome_sentence(match)
        self.series = track_series(match)
        self.moments = key_moments(match)
        self.points = scores(match.state)
        self.board = scoreboard_for(match.state, -1)  # the game is over: nothing is hidden
        self.swings = biggest_swings(match)

    def shown_session(self) -> GameSession:
        """The game this screen shows."""
        return self.session

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = self.px(200), self.px(40)
        y = h - bh - self.px(16)
        self.new = self.button(
            pygame.Rect(w - 3 * (bw + self.px(10)), y, bw, bh), "New game (N)", kind="@primary"
        )
        self.title = self.button(pygame.Rect(w - 2 * (bw + self.px(10)), y, bw, bh), "Title (Esc)")
        self.quit = self.button(pygame.Rect(w - (bw + self.px(10)), y, bw, bh), "Quit (Q)")

    def handle(self, event: pygame.event.Event) -> None:
        screens = self.app.screens
        el = event.ui_element if event.type == pygame_gui.UI_BUTTON_PRESSED else None
        key = event.key if event.type == pygame.KEYDOWN else None
        if el is self.new or key == pygame.K_n:
            self.app.reset(screens.title())
            self.app.push(screens.setup())
        elif el is self.title or key == pygame.K_ESCAPE:
            self.app.reset(screens.title())
        elif el is self.quit or key == pygame.K_q:
            self.app.running = False

    def draw(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        rules = self.session.match.rules
        w, h = surface.get_size()
        x = self.px(30)
        y = self.px(20)
        surface.blit(f.text("THE END", 13, theme.MUTED, bold=True), (x, y))
        y += self.px(20)
        size = next(  # the whole sentence, on two lines where a smaller size allows
            (s for s in (24, 20, 17) if len(f.wrap(self.sentence, s, w - 2 * x, True)) <= 2), 17
        )
        for line in f.wrap(self.sentence, size, w - 2 * x, bold=True):
            surface.blit(f.text(line, size, theme.TEXT, bold=True), (x, y))
            y += f.font(size, True).get_linesize()
        y += self.px(8)
        # victory points
        best = max(self.points) if self.points else 0
        col_w = (w - 2 * x) // max(1, len(rules.factions))
        rows_bottom = y
        for i, fac in enumerate(rules.factions):
            cx = x + i * col_w
            color = theme.hex_color(fac.color)
            r = self.px(16)
            blit_emblem(surface, (cx + r, y + r), r, i, color)
            win = i == self.session.match.state.winner
            name = f.text(fac.name + ("  — winner" if win else ""), 14, theme.TEXT, bold=True)
            surface.blit(name, (cx + 2 * r + self.px(8), y))
            vp = self.points[i]
            bar = pygame.Rect(
                cx + 2 * r + self.px(8), y + self.px(20), col_w - 2 * r - self.px(70), self.px(10)
            )
            pygame.draw.rect(surface, theme.PANEL_HI, bar, border_radius=3)
            if best > 0 and vp > 0:
                pygame.draw.rect(
                    surface, color, (bar.x, bar.y, bar.w * vp // best, bar.h), border_radius=3
                )
            t = f.text(f"{vp} VP", 13, theme.TEXT, bold=True)
            surface.blit(t, (bar.right + self.px(6), bar.centery - t.get_height() // 2))
            bottom_y = self._breakdown(surface, i, cx + 2 * r + self.px(8), y + self.px(34), col_w)
            rows_bottom = max(rows_bottom, bottom_y)
        y = max(y + self.px(50), rows_bottom + self.px(8))
        bottom = h - self.px(70)
        chart_h = max(
            self.px(80), min((bottom - y) * 7 // 10, bottom - y - self._moments_h(w - 2 * x))
        )
        chart = pygame.Rect(x, y, w - 2 * x, chart_h)
        if self.series:
            draw_chart(surface, f, chart, self.series, self.moments, rules.round_name)
        y = chart.bottom + self.px(12)
        surface.blit(f.text("TURNING POINTS", 12, theme.MUTED, bold=True), (x, y))
        y += self.px(20)
        if not self.moments:
            surface.blit(f.text("A quiet game: the tracks barely moved.", 13, theme.TEXT), (x, y))
        for k, m in enumerate(self.moments):
            tag = f.text(str(k + 1), 12, (12, 15, 20), bold=True)
            box = tag.get_rect(topleft=(x, y)).inflate(8, 2)
            pygame.draw.rect(surface, theme.FOCUS, box, border_radius=3)
            surface.blit(tag, tag.get_rect(center=box.center))
            text = f"{rules.round_name} {m.week}: {m.text}"
            lines = f.wrap(text, 13, w - 2 * x - self.px(30))
            for line in lines[:2]:
                surface.blit(f.text(line, 13, theme.TEXT), (x + self.px(24), y))
                y += f.font(13).get_linesize()
            y += self.px(4)

    def _moments_h(self, width: int) -> int:
        """The height the turning points take under the chart (title and up to two lines
        each), so the chart leaves them room above the buttons."""
        f = self.app.fonts
        rules = self.session.match.rules
        line_h = f.font(13).get_linesize()
        lines = [
            min(2, len(f.wrap(f"{rules.round_name} {m.week}: {m.text}", 13, width - self.px(30))))
            for m in self.moments
        ]
        return self.px(32) + sum(n * line_h + self.px(4) for n in lines or [1])

    def _breakdown(self, surface: pygame.Surface, faction: int, x: int, y: int, col_w: int) -> int:
        """A faction's final points: earned during play + objectives met at the end +
        the outcome's bonus, and the objectives that scored; returns the bottom."""
        f = self.app.fonts
        score = self.board.of(faction)
        parts = [f"earned {score.earned.text()}", f"objectives {score.objectives.text()}"]
        if score.bonus.lo or score.bonus.hi:
            parts.append(f"outcome {score.bonus.text(signed=True)}")
        met = [
            f"{o.name} {o.points:+d}"
            for o in self.board.lines(faction)
            if o.banked or (o.met and o.scoring == "end")
        ]
        width = col_w - self.px(50)
        named = f.wrap(", ".join(met) or "no objective met", 11, width)
        if len(named) > 3:
            named = [*named[:2], named[2] + " …"]
        rows = f.wrap(" + ".join(parts), 11, width) + named
        line_h = f.font(11).get_linesize()
        for n, row in enumerate(rows):
            surface.blit(f.text(row, 11, theme.TEXT if n == 0 else theme.MUTED), (x, y))
            y += line_h
        swing = self.swings[faction] if faction < len(self.swings) else None
        if swing is not None:  # the move or news that changed its points the most
            text = "Biggest swing: " + swing.text(self.session.match.rules.round_name)
            shown = f.wrap(text, 11, width)
            if len(shown) > 3:  # as many lines as the objectives met get
                shown = [*shown[:2], shown[2] + " …"]
            color = theme.GOOD if swing.delta > 0 else theme.DANGER
            for n, row in enumerate(shown):
                surface.blit(f.text(row, 11, color if n == 0 else theme.MUTED), (x, y))
                y += line_h
        return y

    def capture_name(self) -> str | None:
        """Screenshot name of the end screen."""
        return "end"
