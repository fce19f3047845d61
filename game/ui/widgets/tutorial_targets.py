"""Where on the play screen each thing a lesson may name is: `point_at` and `wait_for`
turned into screen rectangles, read from the widgets' own rectangles (so the frame sits
exactly on the widget)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.engine.deal_defs import PROPOSE
from game.engine.lesson_defs import PANELS, LessonDef
from game.engine.ruleset import NO_TARGET

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen


def point_rects(screen: PlayScreen, kind: str, ref: int) -> list[pygame.Rect]:
    """The rectangles of what `point_at` names ([] when it is not on screen now)."""
    finder = _POINTS.get(kind)
    return [r for r in finder(screen, ref) if r.w > 0 and r.h > 0] if finder else []


def wait_rects(screen: PlayScreen, step: LessonDef) -> list[pygame.Rect]:
    """What the player may click to do what the step waits for (besides the pointed-at
    rectangles): the action's row, its card and the map when it aims at a region, the
    End turn button, the log button, the offer card."""
    kind, ref = step.wait_for, step.wait_ref
    found: list[pygame.Rect] = []
    if kind in ("select", "action"):
        found += _rows(screen, lambda a: a == ref)
    if kind in ("action", "offer", "target"):
        found += _card(screen, -1)
        row = screen.actions.row
        if row is not None and screen.rules.actions[row.index].target_kind != NO_TARGET:
            found.append(pygame.Rect(screen.rects["map"]))
    if kind == "target":
        found += _region(screen, ref)
    if kind == "offer":
        found += _deal(screen, ref)
    if kind == "answer":
        found += _offer(screen, -1)
    if kind == "end_turn":
        found += _end_turn(screen, -1)
    if kind in ("open", "close"):
        found += _log(screen, -1) if PANELS[ref] == "log" else _objectives(screen, -1)
    return [r for r in found if r.w > 0 and r.h > 0]


def _abs(element: Any) -> list[pygame.Rect]:
    return [pygame.Rect(element.get_abs_rect())] if element is not None else []


def _rows(screen: PlayScreen, wanted: Any) -> list[pygame.Rect]:
    """The action list's buttons whose action index `wanted` accepts (clipped to the
    scrolling list, if any)."""
    panel = screen.actions
    clip = panel.scroller.get_abs_rect() if panel.scroller is not None else None
    out = []
    for row, btn in zip(panel.rows, panel.row_buttons, strict=False):
        if wanted(row.index):
            rect = pygame.Rect(btn.get_abs_rect())
            rect = rect.clip(clip) if clip is not None else rect
            if rect.w > 0 and rect.h > 0:  # scrolled out of the list: not on screen
                out.append(rect)
    return out


def reveal(screen: PlayScreen, step: LessonDef) -> None:
    """Scroll the action list to the first row the step is about, when that row is
    scrolled out of sight (a long list, a large UI scale)."""
    panel = screen.actions
    bar = panel.scroller.vert_scroll_bar if panel.scroller is not None else None
    if bar is None:
        return
    rules = screen.rules
    wanted: set[int] = set()
    for kind, ref in ((step.point_at, step.point_ref), (step.wait_for, step.wait_ref)):
        if kind in ("action", "select"):
            wanted.add(ref)
        elif kind in ("deal", "offer"):
            wanted.update(rules.deals[ref].propose)
    view = panel.scroller.get_abs_rect()
    for i, (row, btn) in enumerate(zip(panel.rows, panel.row_buttons, strict=False)):
        if row.index in wanted:
            if not view.contains(btn.get_abs_rect()):
                bar.set_scroll_from_start_percentage(i / max(1, len(panel.rows)))
            return


def _union(rects: list[pygame.Rect]) -> list[pygame.Rect]:
    return [rects[0].unionall(rects[1:])] if rects else []


def _objectives(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return [pygame.Rect(screen.objectives.rect)]


def _score(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return _union(list(screen.topbar.badges))


def _action_list(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    rows = _union(_rows(screen, lambda a: True))
    return rows or [pygame.Rect(screen.actions.rect)]


def _deals(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    actions = screen.rules.actions
    return _union(_rows(screen, lambda a: actions[a].deal_role == PROPOSE))


def _deal(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    offers = set(screen.rules.deals[ref].propose)
    return _union(_rows(screen, lambda a: a in offers))


def _action(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return _rows(screen, lambda a: a == ref)


def _end_turn(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return _abs(screen.actions.end_btn)


def _map(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return [pygame.Rect(screen.map.rect)]


def _region(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return [screen.map.bounds(ref).clip(screen.map.rect)]


def _log(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    log = screen.log
    return _abs(log.window) if log.open and log.window is not None else _abs(screen.actions.log_btn)


def _dashboard(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return [pygame.Rect(screen.dashboard.rect)]


def _card(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return [screen.card.rect()] if screen.card.lines else []


def _confirm(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return _abs(screen.card.confirm_btn) or _card(screen, ref)


def _offer(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    shown = screen.offer.rect_if_shown()
    return [pygame.Rect(shown)] if shown is not None else []


def _track(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    bars = [pygame.Rect(r) for r, slot in screen.topbar.track_rects if slot == ref]
    return bars or [pygame.Rect(screen.situation.rect)]


def _none(screen: PlayScreen, ref: int) -> list[pygame.Rect]:
    return []


_POINTS = {
    "none": _none,
    "objectives": _objectives,
    "score": _score,
    "action_list": _action_list,
    "deals": _deals,
    "end_turn": _end_turn,
    "map": _map,
    "log": _log,
    "dashboard": _dashboard,
    "card": _card,
    "confirm": _confirm,
    "offer": _offer,
    "action": _action,
    "region": _region,
    "deal": _deal,
    "track": _track,
}
