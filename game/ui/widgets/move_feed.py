"""Moves as cards over the map: a queue of the AI seats' recent moves (each fades after a
few seconds, on anyone's turn) and the result of the person's own last move, which stays
until dismissed (click, Esc or the next selection).

The cards stack in a corner of the map chosen so they never cover the action card (or
another rectangle the screen names); nothing here knows more than the viewer may.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ai import Decision
from game.ai.reasons import may_see_estimate, player_words
from game.engine import Ruleset, describe
from game.engine.log import ACTION, EVENT, PASSED, replay_values
from game.engine.scoreboard import Scoreboard
from game.match import Match
from game.ui import theme
from game.ui.score_text import score_change_text
from game.ui.theme import Fonts

SHOWN = 6.0  # seconds an AI move's card stays up (at least its pace)
QUEUE = 3  # AI cards shown at once, newest on top


@dataclass
class MoveCardData:
    """One card: its lines (title first), its colour edge and how long it stays."""

    lines: list[str]
    edge: tuple[int, int, int]
    left: float  # seconds left; < 0: stays until dismissed


def move_lines(match: Match, start: int, faction: int, viewer: int) -> list[str]:
    """The log lines of `faction`'s move from log index `start`, as `viewer` may read them,
    labelled values in words."""
    lines = []
    for i, values in enumerate(replay_values(match.rules, match.log)):
        entry = match.log[i]
        if i >= start and entry.kind in (ACTION, PASSED) and entry.faction == faction:
            lines.append(describe(match.rules, entry, viewer, values))
    return lines


def week_lines(match: Match, start: int, viewer: int, change: str) -> list[str]:
    """The summary of what happened from log index `start` (the viewer's last turn) as the
    viewer may read it: each faction's moves, the news with what it did, score change."""
    rules = match.rules
    moves: dict[int, list[str]] = {}
    news: list[str] = []
    for i, values in enumerate(replay_values(rules, match.log)):
        entry = match.log[i]
        if i < start:
            continue
        if entry.kind == ACTION and entry.faction != viewer:
            text = describe(rules, entry, viewer, values).split(": ", 1)[-1]
            moves.setdefault(entry.faction, []).append(text.split(" (")[0].rstrip("."))
        elif entry.kind == EVENT:
            news.append(describe(rules, entry, viewer, values).removeprefix("NEWS: "))
    lines = [f"Since your last turn — {rules.round_name} {match.state.round}"]
    for faction, done in moves.items():
        lines.append(f"{rules.factions[faction].short}: " + "; ".join(done))
    lines += [f"News: {item}" for item in news[:6]]
    if len(news) > 6:
        lines.append(f"… and {len(news) - 6} more in the log (L).")
    lines.append(change or "Your points did not change.")
    lines.append("Click or press Esc to close; W reopens it.")
    return lines


class MoveFeed:
    """The AI move queue and the sticky result card of the viewer's own move."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.cards: list[MoveCardData] = []
        self.result: MoveCardData | None = None
        self.summary: MoveCardData | None = None
        self.last_summary: MoveCardData | None = None
        self._week: dict[int, tuple[int, int, Scoreboard]] = {}  # viewer → round, log, board
        self.time = 0.0  # the pause after the newest AI move before the next one plays
        self.rects: list[tuple[pygame.Rect, MoveCardData]] = []

    @property
    def lines(self) -> list[str]:
        """The newest card's lines (the result card first), [] when none is up."""
        if self.result is not None:
            return self.result.lines
        return self.cards[0].lines if self.cards else []

    def show_ai(
        self,
        match: Match,
        faction: int,
        decision: Decision,
        start: int,
        viewer: int,
        pace: float,
        details: bool,
    ) -> None:
        """Queue `faction`'s move (log entries from `start`) with its reason in a player's
        words (the reason only when the viewer saw the move); pause `pace` seconds."""
        fac = self.rules.factions[faction]
        text = move_lines(match, start, faction, viewer) or [
            f"{fac.name}: {self.rules.action_label(decision.action)}"
        ]
        seen = not text[0].endswith("acts in secret.")
        own = may_see_estimate(viewer, faction)
        why = player_words(decision.reason, details, own) if decision.reason and seen else ""
        lines = [text[0]] + ([f"Why: {why}"] if why else [])
        self.cards.insert(0, MoveCardData(lines, theme.hex_color(fac.color), max(SHOWN, pace)))
        del self.cards[QUEUE:]
        self.time = pace

    def show_result(
        self,
        match: Match,
        faction: int,
        start: int,
        before: Scoreboard,
        after: Scoreboard,
    ) -> None:
        """The result of the viewer's own move (log from `start`) and what it did to their
        score; stays until `dismiss`."""
        lines = move_lines(match, start, faction, faction)
        if not lines:
            return
        title = lines[0].split(": ", 1)[-1]
        body = [f"Your move: {title}"]
        change = score_change_text(self.rules, before, after, faction)
        body.append(change or f"Your points: unchanged ({after.of(faction).total.text()} VP)")
        body.append("Click or press Esc to close.")
        works = "— it fails." not in title
        self.result = MoveCardData(body, theme.GOOD if works else theme.DANGER, -1.0)

    def week(self, match: Match, viewer: int, board: Scoreboard) -> None:
        """On the viewer's turn in a new round: open the summary of what happened since
        their last turn (it opens even after Skip; `reopen` shows it again)."""
        if viewer < 0:
            return
        seen = self._week.get(viewer)
        if seen is not None and seen[0] == match.state.round:
            return
        self._week[viewer] = (match.state.round, len(match.log), board)
        if seen is None:
            return
        _, start, before = seen
        change = score_change_text(self.rules, before, board, viewer)
        lines = week_lines(match, start, viewer, change)
        self.summary = self.last_summary = MoveCardData(lines, theme.FOCUS, -1.0)

    def reopen(self) -> None:
        """Show the last week's summary again (W)."""
        self.summary = self.last_summary

    def dismiss(self) -> bool:
        """Close the result card, else the week's summary; True if one was open."""
        if self.result is not None:
            self.result = None
            return True
        had = self.summary is not None
        self.summary = None
        return had

    def hand_off(self, match: Match, viewer: int) -> None:
        """`viewer` takes the screen (hot seat): drop every card and the summary W would
        reopen, written for the previous seat's eyes; then show `viewer` the offers and
        answers the others made since it last acted, as it may read them."""
        self.cards, self.result, self.summary, self.last_summary = [], None, None, None
        rules = match.rules
        shown: list[int] = []  # the others' deal moves at the end of the log, newest first
        for i in range(len(match.log) - 1, -1, -1):
            entry = match.log[i]
            if entry.kind != ACTION or entry.faction == viewer or rules.actions[entry.ref].deal < 0:
                break
            shown.append(i)
        for i, values in enumerate(replay_values(rules, match.log)):
            if i in shown:
                entry = match.log[i]
                color = theme.hex_color(rules.factions[entry.faction].color)
                line = describe(rules, entry, viewer, values)
                self.cards.insert(0, MoveCardData([line], color, SHOWN))
        del self.cards[QUEUE:]

    def skip(self) -> None:
        """No pause before the next AI move."""
        self.time = 0.0

    def moving(self) -> bool:
        """Whether a clock runs: the pacing pause or an AI card on its way out."""
        return self.time > 0 or bool(self.cards)

    def update(self, dt: float) -> None:
        """Run the clocks: the pacing pause and each AI card's time on screen."""
        self.time = max(0.0, self.time - dt)
        for card in self.cards:
            card.left -= dt
        self.cards = [c for c in self.cards if c.left > 0]

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on a card closes it; True if it hit one."""
        for rect, card in self.rects:
            if rect.collidepoint(pos):
                if card is self.result:
                    self.result = None
                elif card is self.summary:
                    self.summary = None
                else:
                    self.cards = [c for c in self.cards if c is not card]
                return True
        return False

    def draw(
        self,
        surface: pygame.Surface,
        area: pygame.Rect,
        avoid: pygame.Rect | None,
        soft: pygame.Rect | None = None,
    ) -> None:
        """Stack the cards in the corner of `area` that keeps clear of `avoid` (never
        covered) and, where a corner allows, of `soft` (e.g. the objectives panel)."""
        shown = [c for c in (self.result, self.summary) if c is not None] + self.cards
        self.rects = []
        if not shown:
            return
        f = self.fonts
        px = f.px
        width = min(px(460), area.w - px(20))
        images = [self._render(card, width) for card in shown]
        gap = px(10)
        while len(images) > 1 and sum(i.get_height() + px(6) for i in images) > area.h - 2 * gap:
            images.pop()  # the oldest cards wait until there is room
        height = sum(img.get_height() for img in images) + px(6) * (len(images) - 1)
        corners = [
            pygame.Rect(area.right - width - gap, area.y + gap, width, height),
            pygame.Rect(area.right - width - gap, area.bottom - height - gap, width, height),
            pygame.Rect(area.x + gap, area.bottom - height - gap, width, height),
            pygame.Rect(area.x + gap, area.y + gap, width, height),
        ]
        clear = [c for c in corners if avoid is None or not c.colliderect(avoid)]
        spot = next((c for c in clear if soft is None or not c.colliderect(soft)), None)
        if spot is None and clear:
            spot = clear[0]
        if spot is None:  # no corner is clear: keep to the side away from the card
            assert avoid is not None
            right = avoid.centerx < area.centerx
            spot = corners[0] if right else corners[3]
            while len(images) > 1 and spot.colliderect(avoid):
                images.pop()
                spot.height = sum(i.get_height() for i in images) + px(6) * (len(images) - 1)
            if spot.colliderect(avoid):
                return
        y = spot.y
        for img, card in zip(images, shown, strict=False):
            rect = img.get_rect(topleft=(spot.x, y))
            surface.blit(img, rect)
            self.rects.append((rect, card))
            y += img.get_height() + px(6)

    def _render(self, card: MoveCardData, width: int) -> pygame.Surface:
        f = self.fonts
        pad = f.px(8)
        rows: list[tuple[str, bool]] = []
        for n, line in enumerate(card.lines):
            rows.extend((part, n == 0) for part in f.wrap(line, 12, width - 2 * pad, n == 0))
        line_h = f.font(12).get_linesize()
        img = pygame.Surface((width, 2 * pad + line_h * len(rows)), pygame.SRCALPHA)
        img.fill((0, 0, 0, 0))
        box = img.get_rect()
        pygame.draw.rect(img, (12, 15, 20), box, border_radius=6)
        pygame.draw.rect(img, card.edge, box, 2 if card.left < 0 else 1, border_radius=6)
        y = pad
        for text, bold in rows:
            img.blit(f.text(text, 12, theme.TEXT if bold else theme.MUTED, bold), (pad, y))
            y += line_h
        return img
