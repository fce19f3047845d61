"""Moves as cards in a queue beside the map: the AI seats' moves since the viewer last
acted (newest first), the result of the viewer's own last move and the week's summary.

The queue has a column of its own (the play screen's side column, under the objectives),
so it never covers the map, the action card or the action list. A card stays until it is
clicked (or Esc for the result and summary) or the viewer plays; M brings the last AI
moves back, W the week's summary. Nothing here knows more than the viewer may.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ai import Decision
from game.ai.reasons import may_see_estimate, player_words
from game.engine import Ruleset
from game.engine.log import ACTION, EVENT, PASSED, replay_values
from game.engine.scoreboard import Scoreboard
from game.match import Match
from game.ui import theme
from game.ui.score_text import score_change_text
from game.ui.session import search_numbers_shown
from game.ui.theme import Fonts
from game.ui.wording import described

KEEP = 12  # AI cards kept in the queue (the oldest go first; the log has them all)
HEADERS = ("LATEST MOVES · click: open / close · M reopens", "LATEST MOVES")


@dataclass
class MoveCardData:
    """One card: its lines (title first) and its colour edge; `own` marks the viewer's
    result and the week's summary (a thicker edge)."""

    lines: list[str]
    edge: tuple[int, int, int]
    own: bool = False


def move_lines(match: Match, start: int, faction: int, viewer: int) -> list[str]:
    """The log lines of `faction`'s move from log index `start`, as `viewer` may read them,
    labelled values in words."""
    lines = []
    for i, values in enumerate(replay_values(match.rules, match.log)):
        entry = match.log[i]
        if i >= start and entry.kind in (ACTION, PASSED) and entry.faction == faction:
            lines.append(described(match.rules, entry, viewer, values))
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
            text = described(rules, entry, viewer, values).split(": ", 1)[-1]
            moves.setdefault(entry.faction, []).append(text.split(" (")[0].rstrip("."))
        elif entry.kind == EVENT:
            news.append(described(rules, entry, viewer, values).removeprefix("NEWS: "))
    lines = [f"Since your last turn — {rules.round_name} {match.state.round}"]
    for faction, done in moves.items():
        lines.append(f"{rules.factions[faction].short}: " + "; ".join(done))
    lines += [f"News: {item}" for item in news[:6]]
    if len(news) > 6:
        lines.append(f"… and {len(news) - 6} more in the log (L).")
    lines.append(change or "Your points did not change.")
    lines.append("Click or press Esc to close; W reopens it.")
    return lines


def title_only(line: str) -> str:
    """A move's line without the changes in brackets at its end (its title, shown while
    the card is not open), e.g. 'ECOWAS: Issue an ultimatum. (Escalation +1)'."""
    end = line.find(". (")
    return line[: end + 1] + " (click for more)" if end >= 0 and line.endswith(")") else line


class MoveFeed:
    """The AI move queue, the sticky result card of the viewer's own move and the week's
    summary, drawn as a column of cards inside the rectangle the screen gives them."""

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.cards: list[MoveCardData] = []  # AI moves, newest first
        self.closed: list[MoveCardData] = []  # the AI cards M brings back
        self.result: MoveCardData | None = None
        self.result_round = 0  # the round the result card was written in
        self.summary: MoveCardData | None = None
        self.last_summary: MoveCardData | None = None
        self._week: dict[int, tuple[int, int, Scoreboard]] = {}  # viewer → round, log, board
        self.time = 0.0  # the pause after the newest AI move before the next one plays
        self.rects: list[tuple[pygame.Rect, MoveCardData]] = []
        self.more = 0  # cards that did not fit in the column when last drawn
        self.opened: MoveCardData | None = None  # the AI card clicked open
        self._images: dict[tuple[object, ...], pygame.Surface] = {}

    @property
    def lines(self) -> list[str]:
        """The newest card's lines (the result card first), [] when none is up."""
        if self.result is not None:
            return self.result.lines
        return self.cards[0].lines if self.cards else []

    def shown(self) -> list[MoveCardData]:
        """The cards up, in the order they are stacked: result, summary, AI moves."""
        return [c for c in (self.result, self.summary) if c is not None] + self.cards

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
        shown = search_numbers_shown(viewer, details)
        own = shown and may_see_estimate(viewer, faction)
        why = player_words(decision.reason, shown, own) if decision.reason and seen else ""
        lines = [text[0]] + ([f"Why: {why}"] if why else [])
        self._queue(MoveCardData(lines, theme.hex_color(fac.color)))
        self.time = pace

    def _queue(self, card: MoveCardData) -> None:
        self.cards.insert(0, card)
        del self.cards[KEEP:]

    def show_result(
        self,
        match: Match,
        faction: int,
        start: int,
        before: Scoreboard,
        after: Scoreboard,
        moved: Scoreboard | None = None,
        played_in: int = 0,
    ) -> None:
        """The result of the viewer's own move (log from `start`, played in round
        `played_in`, default the current one) and what it did to their score; stays until
        `dismiss` or the viewer's turn in a later round. The AI cards it answers are put
        away (M reopens). `moved` is the score right after the move itself, when the week
        ended with it (`after` then counts the week's end too, shown as its own line)."""
        self.put_away()
        lines = move_lines(match, start, faction, faction)
        if not lines:
            return
        title = lines[0].split(": ", 1)[-1]
        body = [f"Your move: {title}"]
        mid = moved if moved is not None else after
        change = score_change_text(self.rules, before, mid, faction)
        unchanged = f"Your points: unchanged by this move ({mid.of(faction).total.text()} VP)"
        body.append(change or unchanged)
        later = score_change_text(self.rules, mid, after, faction) if moved is not None else ""
        if later:  # the week ended after the move: what that did is not the move's doing
            body.append(f"Then the {self.rules.round_name.lower()} ended. {later}")
        body.append("Click or press Esc to close.")
        works = not any(
            e.kind == ACTION and e.faction == faction and e.success == 0 for e in match.log[start:]
        )
        self.result = MoveCardData(body, theme.GOOD if works else theme.DANGER, True)
        self.result_round = played_in or match.state.round

    def put_away(self) -> None:
        """Close the AI cards (the viewer has read them and played on); M reopens them."""
        if self.cards:
            self.closed = list(self.cards)
            self.cards = []

    def reopen_moves(self) -> bool:
        """Bring the last AI cards put away or closed back (M); True if there were any."""
        if not self.closed:
            return False
        shown = {id(c) for c in self.cards}
        self.cards = (self.cards + [c for c in self.closed if id(c) not in shown])[:KEEP]
        self.closed = []
        return True

    def week(self, match: Match, viewer: int, board: Scoreboard) -> None:
        """On the viewer's turn in a new round: open the summary of what happened since
        their last turn (it opens even after Skip; `reopen` shows it again). A result card
        from an earlier round closes: its points are out of date and the summary counts them."""
        if viewer < 0:
            return
        seen = self._week.get(viewer)
        if seen is not None and seen[0] == match.state.round:
            return
        if self.result is not None and self.result_round < match.state.round:
            self.result = None
        self._week[viewer] = (match.state.round, len(match.log), board)
        if seen is None:
            return
        _, start, before = seen
        change = score_change_text(self.rules, before, board, viewer)
        lines = week_lines(match, start, viewer, change)
        self.summary = self.last_summary = MoveCardData(lines, theme.FOCUS, True)

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
        self.cards, self.closed, self.result = [], [], None
        self.summary = self.last_summary = None
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
                self._queue(MoveCardData([described(rules, entry, viewer, values)], color))

    def skip(self) -> None:
        """No pause before the next AI move."""
        self.time = 0.0

    def moving(self) -> bool:
        """Whether the pacing pause runs (the cards themselves never move)."""
        return self.time > 0

    def update(self, dt: float) -> None:
        """Run the pacing pause."""
        self.time = max(0.0, self.time - dt)

    def is_open(self, card: MoveCardData) -> bool:
        """Whether an AI card shows in full: the one opened by a click, else the newest;
        the others show their title only."""
        opened = self.opened if self.opened in self.cards else None
        return card is (opened or (self.cards[0] if self.cards else None))

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on an AI card shown by its title opens it in full; on any other card it
        closes it. True if it hit one."""
        for rect, card in self.rects:
            if rect.collidepoint(pos):
                if card in self.cards and not self.is_open(card):
                    self.opened = card
                elif card is self.result:
                    self.result = None
                elif card is self.summary:
                    self.summary = None
                else:
                    self.cards = [c for c in self.cards if c is not card]
                    self.closed = [card] + [c for c in self.closed if c is not card]
                return True
        return False

    # --- the column -------------------------------------------------------------------
    def height(self, width: int, limit: int) -> int:
        """How tall the column of every shown card is at `width` (at most `limit`; 0 when
        no card is up), so the screen can give the rest to the objectives."""
        cards = self.shown()
        if not cards:
            return 0
        gap = self.fonts.px(6)
        total = self._header_h() + sum(self._card(c, width).get_height() + gap for c in cards)
        return min(limit, total)

    def _header_h(self) -> int:
        return self.fonts.font(10, True).get_linesize() + self.fonts.px(4)

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The cards stacked down `area` under a header, newest first; those that do not
        fit are counted in a '+N more' line (the log has them all)."""
        cards = self.shown()
        self.rects = []
        self.more = 0
        if not cards:
            return
        f, gap = self.fonts, self.fonts.px(6)
        fits = [t for t in HEADERS if f.font(10, True).size(t)[0] <= area.w - f.px(4)]
        head = f.text(fits[0] if fits else HEADERS[-1], 10, theme.DIM, bold=True)
        surface.blit(head, (area.x + f.px(2), area.y))
        y = area.y + self._header_h()
        more_h = f.font(11).get_linesize()
        for n, card in enumerate(cards):
            img = self._card(card, area.w)
            room = area.bottom - y - (more_h + gap if n < len(cards) - 1 else 0)
            if img.get_height() > room:
                if n == 0:  # the first card always shows, its tail cut at the column's end
                    img = self._card(card, area.w, room)
                else:
                    self.more = len(cards) - n
                    break
            rect = img.get_rect(topleft=(area.x, y))
            surface.blit(img, rect)
            self.rects.append((rect, card))
            y += img.get_height() + gap
        if self.more and y + more_h <= area.bottom + gap:  # (else the cut card says it)
            text = f"+{self.more} more — L opens the log"
            surface.blit(f.text(text, 11, theme.MUTED), (area.x + f.px(2), y))

    def _card(self, card: MoveCardData, width: int, limit: int = 0) -> pygame.Surface:
        """The card's image: in full, or (an AI card not open) its title only."""
        full = card not in self.cards or self.is_open(card)
        lines = card.lines if full else [title_only(card.lines[0])]
        key = (tuple(lines), card.edge, card.own, width, limit, self.fonts.scale)
        img = self._images.get(key)
        if img is None:
            if len(self._images) > 64:
                self._images.clear()
            img = self._images[key] = self._render(card, lines, width, limit)
        return img

    def _render(
        self, card: MoveCardData, lines: list[str], width: int, limit: int
    ) -> pygame.Surface:
        """The card's `lines` at `width`; with `limit`, cut to that height, its last row
        saying so."""
        f = self.fonts
        pad = f.px(8)
        rows: list[tuple[str, bool]] = []
        for n, line in enumerate(lines):
            rows.extend((part, n == 0) for part in f.wrap(line, 12, width - 2 * pad, n == 0))
        line_h = f.font(12).get_linesize()
        if limit and 2 * pad + line_h * len(rows) > limit:
            rows = rows[: max(1, (limit - 2 * pad) // line_h - 1)]
            rows.append(("… the rest is in the log (L)", False))
        img = pygame.Surface((width, 2 * pad + line_h * len(rows)), pygame.SRCALPHA)
        img.fill((0, 0, 0, 0))
        box = img.get_rect()
        pygame.draw.rect(img, (12, 15, 20), box, border_radius=6)
        pygame.draw.rect(img, card.edge, box, 2 if card.own else 1, border_radius=6)
        y = pad
        for text, bold in rows:
            img.blit(f.text(text, 12, theme.TEXT if bold else theme.MUTED, bold), (pad, y))
            y += line_h
        return img
