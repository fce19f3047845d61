"""The tutorial over the play screen: the rest of the screen dimmed, the widget a lesson
talks about framed with an arrow to it, the lesson in a box that never covers it, and the
wait — clicks outside what the step asks for get a hint instead of an action.

The play screen makes one call each to `intercept` (before the pygame_gui layer sees an
event), `update` and `draw`. Esc (when the screen has nothing of its own to close) or the
box's "Skip tutorial" stops it; F1 brings it back.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game.engine.lesson_defs import PANELS, LessonDef
from game.ui import theme
from game.ui.tutorial import Tutorial, UiFacts
from game.ui.widgets.tutorial_targets import point_rects, reveal, wait_rects

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

HINT = "Do what the box says — or press Esc to skip the tutorial."
SKIPPED = "Tutorial skipped. F1 brings it back."
OFFERED = "This level has a tutorial: F1 shows it."
_CLICKS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)


class TutorialOverlay:
    """Shows a `Tutorial`'s current step over `screen` and waits for the player."""

    def __init__(self, screen: PlayScreen, tutorial: Tutorial | None) -> None:
        self.screen = screen
        self.tutorial = tutorial
        self.step: LessonDef | None = None  # the step on screen now, or None
        self.box = pygame.Rect(0, 0, 0, 0)
        self.next_btn: pygame.Rect | None = None
        self.skip_btn = pygame.Rect(0, 0, 0, 0)
        self.hint = ""
        self._dim: pygame.Surface | None = None
        self._dim_key: object = None

    @classmethod
    def for_screen(cls, screen: PlayScreen) -> TutorialOverlay:
        """The overlay for the human at the screen: inert (`tutorial` None) when the level
        has no lessons for them; off until F1 unless the session asks for its lessons
        (the title's Tutorial), and then says so once."""
        session = screen.session
        human = session.viewer >= 0 and session.is_human(session.viewer)
        rules = session.match.rules
        tutorial = Tutorial.for_seat(rules, session.viewer) if human else None
        if tutorial is not None and not session.lessons:
            tutorial.skip()
            screen.app.notify(OFFERED, 6)
        return cls(screen, tutorial)

    # --- what the screen shows ---------------------------------------------------------
    def facts(self) -> UiFacts:
        """The selection, the open panels and the held turn, as the tutorial reads them."""
        s = self.screen
        row = s.actions.row
        shown = {"objectives"} if s.objectives.shown else set()
        if s.log.open:
            shown.add("log")
        assert set(shown) <= set(PANELS)
        return UiFacts(
            selected=row.index if row is not None else -1,
            target=s.actions.target if row is not None else -1,
            open=frozenset(shown),
            held=s.session.held,
        )

    def _stands_aside(self) -> bool:
        """Whether something else has the player's attention: an offer to answer (unless
        the step is about it), a hand-off, another screen on top."""
        s = self.screen
        if s.app.top is not s or s.session.needs_handoff():
            return True
        step = self.tutorial.due(s.session.match) if self.tutorial is not None else None
        return s.offer.rect_if_shown() is not None and (step is None or step.point_at != "offer")

    def update(self) -> None:
        """Finish the steps whose wait is met and pick the one to show."""
        if self.tutorial is None:
            return
        match = self.screen.session.match
        facts = self.facts()
        if self.tutorial.update(match, facts):
            self.hint = ""
        step = self.tutorial.shown(match, facts)
        self.step = None if step is None or self._stands_aside() else step
        if self.step is not None:
            reveal(self.screen, self.step)

    # --- input -------------------------------------------------------------------------
    def intercept(self, event: pygame.event.Event) -> bool:
        """True when the event is the overlay's (the box's buttons, Esc, F1, or a click
        outside what the step allows, answered with a hint): the screen must not see it."""
        if self.tutorial is None:
            return False
        if event.type == pygame.KEYDOWN:
            return self._key(self.tutorial, event.key)
        if self.step is None or event.type not in _CLICKS or event.button != 1:
            return False
        pos = event.pos
        if self.box.collidepoint(pos):
            if event.type == pygame.MOUSEBUTTONUP:
                self._box_click(pos)
            return True
        if any(r.collidepoint(pos) for r in self.allowed()):
            return False
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.hint = HINT
            self.screen.app.notify(HINT)
        return True

    def _key(self, tutorial: Tutorial, key: int) -> bool:
        if key == pygame.K_F1 and tutorial.skipped:
            tutorial.resume()
            self.update()
            return True
        if key == pygame.K_ESCAPE and self.step is not None and not self._screen_closes():
            self.skip()
            return True
        enter = key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        confirms = self.screen.card.confirm_btn is not None  # Enter still confirms a card
        if enter and self.step is not None and self.next_btn is not None and not confirms:
            self.next()
            return True
        return False

    def _screen_closes(self) -> bool:
        """Whether Esc has something of the screen's own to close first."""
        s = self.screen
        return s.ai_move.result is not None or s.actions.selected >= 0 or s.log.open

    def _box_click(self, pos: tuple[int, int]) -> None:
        if self.skip_btn.collidepoint(pos):
            self.skip()
        elif self.next_btn is not None and self.next_btn.collidepoint(pos):
            self.next()

    def next(self) -> None:
        """The Next button."""
        if self.tutorial is not None and self.tutorial.next(self.screen.session.match):
            self.hint = ""
            self.update()

    def skip(self) -> None:
        """Stop the tutorial (F1 resumes it)."""
        if self.tutorial is not None:
            self.tutorial.skip()
        self.step = None
        self.screen.app.notify(SKIPPED, 5)

    def allowed(self) -> list[pygame.Rect]:
        """Where clicks reach the screen: what the step points at, what its wait needs,
        the move cards (a click closes them) and the action list's scroll bar (the list
        must scroll to reach a row the step asks for)."""
        s = self.screen
        if self.step is None:
            return []
        found = point_rects(s, self.step.point_at, self.step.point_ref)
        found += wait_rects(s, self.step)
        return found + self._always_open()

    def _always_open(self) -> list[pygame.Rect]:
        """The move cards and the action list's scroll bar: usable under every step."""
        s = self.screen
        found = [r for r, _ in s.ai_move.rects]
        scroller = s.actions.scroller
        bar = scroller.vert_scroll_bar if scroller is not None else None
        if bar is not None and bar.visible:
            found.append(pygame.Rect(bar.get_abs_rect()))
        return found

    # --- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Dim the screen but the target, frame it, and draw the box and its arrow."""
        step = self.step
        if step is None:
            self.box = pygame.Rect(0, 0, 0, 0)
            return
        s, px = self.screen, self.screen.px
        targets = point_rects(s, step.point_at, step.point_ref)
        holes = targets + wait_rects(s, step) + self._always_open()
        self._draw_dim(surface, holes)
        focus = targets[0].unionall(targets[1:]) if targets else None
        frame = (
            focus.inflate(px(8), px(8)).clip(surface.get_rect().inflate(-2, -2)) if focus else None
        )
        if frame is not None:
            pygame.draw.rect(surface, theme.FOCUS, frame, 3, border_radius=6)
        lines = self._lines(step)
        self.box = self._place(surface.get_rect(), focus, holes, lines)
        if frame is not None:
            _arrow(surface, self.box, frame, px(12))
        self._draw_box(surface, lines)

    def _draw_dim(self, surface: pygame.Surface, holes: list[pygame.Rect]) -> None:
        key = (surface.get_size(), tuple(tuple(r) for r in holes))
        if self._dim is None or key != self._dim_key:
            dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            dim.fill((0, 0, 0, 150))
            for r in holes:
                dim.fill((0, 0, 0, 0), r.inflate(self.screen.px(6), self.screen.px(6)))
            self._dim, self._dim_key = dim, key
        surface.blit(self._dim, (0, 0))

    def _lines(self, step: LessonDef) -> list[tuple[str, int, tuple[int, int, int], bool]]:
        """The box's text: (line, size, colour, bold)."""
        match, tutorial = self.screen.session.match, self.tutorial
        assert tutorial is not None  # a step shows only with a tutorial
        n, total = tutorial.number()
        out = [(f"TUTORIAL · step {n} of {total}", 11, theme.MUTED, True)]
        out.append((step.title, 16, theme.TEXT, True))
        out.append((step.text, 13, theme.TEXT, False))
        blocked = tutorial.blocked(match)
        do = tutorial.do_text(step, self.facts())
        if blocked:
            out.append((f"Not possible now: {blocked} Press Next.", 13, theme.DANGER, False))
        elif do:
            out.append((f"Do: {do}", 13, theme.FOCUS, True))
        if self.hint:
            out.append((self.hint, 12, theme.DANGER, False))
        self.next_btn = pygame.Rect(0, 0, 0, 0) if step.wait_for == "next" or blocked else None
        return out

    def _size(
        self, lines: list[tuple[str, int, tuple[int, int, int], bool]], w: int
    ) -> tuple[int, int]:
        f, px = self.screen.app.fonts, self.screen.px
        h = px(14)
        for text, size, _, bold in lines:
            h += len(f.wrap(text, size, w - px(24), bold)) * f.font(size, bold).get_linesize()
            h += px(4)
        return w, h + px(44)

    def _place(
        self,
        area: pygame.Rect,
        focus: pygame.Rect | None,
        avoid: list[pygame.Rect],
        lines: list[tuple[str, int, tuple[int, int, int], bool]],
    ) -> pygame.Rect:
        """Where the box goes: beside the target (below, above, left, right), inside the
        window, over none of `avoid` if it can, never over the target (narrower when it
        must be); centred when the step points at nothing."""
        px = self.screen.px
        if focus is None:
            w, h = self._size(lines, px(380))
            return pygame.Rect(0, 0, w, h).move(area.centerx - w // 2, area.centery - h // 2)
        f = focus.inflate(px(8), px(8))
        fallback: list[pygame.Rect] = []
        for width in (px(380), px(300), px(240)):
            spots = self._spots(area, f, *self._size(lines, width))
            clear = [r for r in spots if not r.colliderect(f)]
            best = next((r for r in clear if not any(r.colliderect(a) for a in avoid)), None)
            if best is not None:
                return best
            if clear:  # least overlap with what the player must reach
                return min(clear, key=lambda r: sum(_area(r.clip(a)) for a in avoid))
            fallback = fallback or spots
        return fallback[0]

    def _spots(self, area: pygame.Rect, f: pygame.Rect, w: int, h: int) -> list[pygame.Rect]:
        """Places for a w×h box around the frame `f`, then the window's corners, inside it."""
        gap = self.screen.px(22)
        spots = [
            pygame.Rect(f.centerx - w // 2, f.bottom + gap, w, h),
            pygame.Rect(f.centerx - w // 2, f.top - gap - h, w, h),
            pygame.Rect(f.left - gap - w, f.centery - h // 2, w, h),
            pygame.Rect(f.right + gap, f.centery - h // 2, w, h),
            pygame.Rect(area.x + gap, area.bottom - h - gap, w, h),
            pygame.Rect(area.right - w - gap, area.bottom - h - gap, w, h),
            pygame.Rect(area.x + gap, area.y + gap, w, h),
            pygame.Rect(area.right - w - gap, area.y + gap, w, h),
            pygame.Rect(area.centerx - w // 2, area.centery - h // 2, w, h),
        ]
        return [r.clamp(area) for r in spots]

    def _draw_box(
        self, surface: pygame.Surface, lines: list[tuple[str, int, tuple[int, int, int], bool]]
    ) -> None:
        f, px, box = self.screen.app.fonts, self.screen.px, self.box
        pygame.draw.rect(surface, (14, 18, 26), box, border_radius=8)
        pygame.draw.rect(surface, theme.FOCUS, box, 2, border_radius=8)
        y = box.y + px(10)
        for text, size, color, bold in lines:
            for part in f.wrap(text, size, box.w - px(24), bold):
                surface.blit(f.text(part, size, color, bold), (box.x + px(12), y))
                y += f.font(size, bold).get_linesize()
            y += px(4)
        bh, by = px(28), box.bottom - px(38)
        self.skip_btn = _button(
            surface, f, pygame.Rect(box.x + px(12), by, px(170), bh), "Skip tutorial (Esc)", False
        )
        if self.next_btn is not None:
            rect = pygame.Rect(box.right - px(12) - px(110), by, px(110), bh)
            self.next_btn = _button(surface, f, rect, "Next (Enter)", True)


def _area(r: pygame.Rect) -> int:
    return r.w * r.h


def _button(
    surface: pygame.Surface, fonts: theme.Fonts, rect: pygame.Rect, text: str, primary: bool
) -> pygame.Rect:
    """A button drawn in the box (the box handles its clicks); its rectangle."""
    pygame.draw.rect(
        surface, theme.PANEL_HI if not primary else (70, 62, 24), rect, border_radius=6
    )
    pygame.draw.rect(surface, theme.FOCUS if primary else theme.LINE, rect, 1, border_radius=6)
    label = fonts.text(text, 12, theme.TEXT, bold=primary)
    surface.blit(label, label.get_rect(center=rect.center))
    return rect


def _arrow(surface: pygame.Surface, box: pygame.Rect, target: pygame.Rect, head: int) -> None:
    """A line with a head from the box's edge to the nearest point of the target's frame."""
    tx = min(max(box.centerx, target.left), target.right)
    ty = min(max(box.centery, target.top), target.bottom)
    sx = min(max(tx, box.left), box.right)
    sy = min(max(ty, box.top), box.bottom)
    if math.hypot(tx - sx, ty - sy) < head * 1.5:
        return
    pygame.draw.line(surface, theme.FOCUS, (sx, sy), (tx, ty), 3)
    angle = math.atan2(ty - sy, tx - sx)
    left = (tx - head * math.cos(angle - 0.45), ty - head * math.sin(angle - 0.45))
    right = (tx - head * math.cos(angle + 0.45), ty - head * math.sin(angle + 0.45))
    pygame.draw.polygon(surface, theme.FOCUS, [(tx, ty), left, right])
