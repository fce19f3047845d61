"""The preview card of the selected action: what it costs and does, its confirm and cancel
buttons and, for an action aimed at a faction, one button per faction it may aim at."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.engine import Action
from game.engine.deal_defs import PROPOSE
from game.engine.ruleset import FACTION_TARGET, NO_TARGET, REGION_TARGET
from game.ui import theme
from game.ui.cards import cost_text, preview_lines, unavailable_lines
from game.ui.deal_text import breach_lines, offer_card
from game.ui.emblems import blit_emblem, category_icon
from game.ui.keymap import Input, PlayCommand
from game.ui.widgets.actions import ActionPanel
from game.ui.widgets.mapview import MapView

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


class ActionCard:
    """Shown over a corner of the map while an action is selected in `panel`."""

    def __init__(self, screen: Screen, panel: ActionPanel, map_view: MapView) -> None:
        self.screen = screen
        self.panel = panel
        self.map = map_view
        self.rules = panel.rules
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.wide_rect = self.map_rect
        self.lines: list[str] = []
        self.confirm_btn: Any = None
        self.cancel_btn: Any = None
        self.faction_btns: list[tuple[Any, int]] = []

    def build(self, map_rect: pygame.Rect, wide: pygame.Rect | None = None) -> None:
        """Fill the card for the panel's selection (empty when nothing is selected) and
        create its buttons; the screen removed the old ones. The card sits over the map,
        or over `wide` (the map and the column beside it) when the map is too short."""
        self.map_rect = map_rect
        self.wide_rect = wide or map_rect
        self.lines = []
        self.confirm_btn = None
        self.cancel_btn = None
        self.faction_btns = []
        row = self.panel.row
        if row is None:
            return
        target = self.panel.target
        a = self.rules.actions[row.index]
        session = self.panel.session
        if not row.legal:
            self.lines = unavailable_lines(session.match.state, a, row.reason)
        elif a.target_kind != NO_TARGET and target < 0:
            what = (
                "a region on the map (highlighted)"
                if a.target_kind == REGION_TARGET
                else "a faction below"
            )
            self.lines = [a.name, a.description, f"Cost: {cost_text(session.match.state, a)}"]
            self.lines.append(f"Choose {what}.")
        elif a.deal_role == PROPOSE:  # a deal offer: its terms, what accepting does, odds
            offer = Action(row.index, -1)
            state, odds = session.match.state, session.estimates.get
            self.lines = offer_card(state, offer, session.viewer, session.seats, odds)
        else:
            move, state = Action(row.index, target), session.match.state
            self.lines = preview_lines(state, move, session.viewer)
            self.lines += breach_lines(state, move, session.viewer)
        self._build_buttons(row.legal, a.target_kind, row.targets, target)

    def _build_buttons(self, legal: bool, kind: int, targets: list[int], target: int) -> None:
        screen, px = self.screen, self.screen.px
        card = self.rect()
        pad = px(10)
        bh = px(32)
        by = card.bottom - bh - pad
        cw = min(px(150), (card.w - 3 * pad) * 15 // 26)  # the two side by side, always
        kw = min(px(110), (card.w - 3 * pad) * 11 // 26)
        confirm = "Confirm (Enter)" if cw >= px(150) else "Confirm"
        if legal and (kind == NO_TARGET or target >= 0):
            self.confirm_btn = screen.button(
                pygame.Rect(card.x + pad, by, cw, bh), confirm, kind="@primary"
            )
        self.cancel_btn = screen.button(
            pygame.Rect(card.right - pad - kw, by, kw, bh),
            "Cancel (Esc)" if kw >= px(110) else "Cancel",
        )
        if legal and kind == FACTION_TARGET:
            x = card.x + pad
            for t in targets:  # each faction's emblem sits left of its button
                fac = self.rules.factions[t]
                w = px(100)
                btn = screen.button(
                    pygame.Rect(x + px(26), by - bh - px(6), w, bh),
                    fac.short,
                    kind="@primary" if t == target else None,
                )
                self.faction_btns.append((btn, t))
                x += w + px(32)

    def handle(self, event: pygame.event.Event) -> Input | None:
        """What a click on one of the card's buttons asks for (None: not ours)."""
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        el = event.ui_element
        if el is not None and el is self.confirm_btn:
            return (PlayCommand.CONFIRM, -1)
        if el is not None and el is self.cancel_btn:
            return (PlayCommand.CANCEL, -1)
        for btn, t in self.faction_btns:
            if el is btn:
                return (PlayCommand.TARGET, t)
        return None

    def rect(self) -> pygame.Rect:
        """Where the card sits: the map corner where it hides least (over the side column
        too when the map is too short for it)."""
        px, f = self.screen.px, self.screen.app.fonts
        row = self.panel.row
        aims_faction = (
            row is not None and self.rules.actions[row.index].target_kind == FACTION_TARGET
        )
        extra = px(40) if self.faction_btns or aims_faction else 0
        for area in (self.map_rect, self.wide_rect):
            w = min(px(520), area.w - px(20))
            title = f.wrap(self.lines[0], 16, w - px(20) - self.icon_room(), bold=True)
            n = sum(len(f.wrap(line, 13, w - px(20))) for line in self.lines[1:])
            h = px(24) + len(title) * f.font(16).get_linesize()
            h += n * f.font(13).get_linesize() + px(52) + extra
            if h <= area.h - px(20):
                break
        return self._corner(area, w, h)

    def icon_room(self) -> int:
        """The width the category icon takes from the title's line (none without a row)."""
        return self.screen.px(28) if self.panel.row is not None else 0

    def _corner(self, m: pygame.Rect, w: int, h: int) -> pygame.Rect:
        """The corner of `m` where the card hides least of the regions one may click (the
        current targets, else all regions); bottom-left on ties."""
        gap = self.screen.px(10)
        corners = [
            pygame.Rect(m.x + gap, m.bottom - h - gap, w, h),
            pygame.Rect(m.x + gap, m.y + gap, w, h),
            pygame.Rect(m.right - w - gap, m.bottom - h - gap, w, h),
            pygame.Rect(m.right - w - gap, m.y + gap, w, h),
        ]
        aimed = self.panel.region_targets()
        targets = sorted(aimed) if aimed else list(range(len(self.rules.regions)))
        boxes = [self.map.bounds(i) for i in targets]

        def covered(card: pygame.Rect) -> int:
            return sum(card.clip(b).w * card.clip(b).h for b in boxes)

        return min(corners, key=covered)

    def draw(self, surface: pygame.Surface) -> None:
        """The card (under the pygame_gui layer, so its buttons show on top)."""
        if not self.lines:
            return
        f, px = self.screen.app.fonts, self.screen.px
        card = self.rect()
        pygame.draw.rect(surface, (12, 15, 20), card, border_radius=8)
        row = self.panel.row
        edge = theme.FOCUS if row and row.legal else theme.DIM
        pygame.draw.rect(surface, edge, card, 1, border_radius=8)
        y = card.y + px(10)
        if row is not None:  # the action's category, in the title's corner
            kind = self.rules.actions[row.index].category
            icon = category_icon(kind, px(20), theme.MUTED)
            surface.blit(icon, icon.get_rect(topright=(card.right - px(10), y)))
        for btn, t in self.faction_btns:
            fac = self.rules.factions[t]
            r = btn.relative_rect
            blit_emblem(surface, (r.x - px(13), r.centery), px(11), t, theme.hex_color(fac.color))
        for n, line in enumerate(self.lines):
            size = 16 if n == 0 else 13
            color = theme.TEXT if n == 0 else _line_color(line)
            room = card.w - px(20) - (self.icon_room() if n == 0 else 0)
            for part in f.wrap(line, size, room, bold=n == 0):
                surface.blit(f.text(part, size, color, bold=n == 0), (card.x + px(10), y))
                y += f.font(size).get_linesize()


def _line_color(line: str) -> tuple[int, int, int]:
    """Body lines: reasons in red, the target prompt highlighted, the rest muted."""
    if line.startswith("Unavailable"):
        return theme.DANGER
    if line.startswith("Choose"):
        return theme.FOCUS
    return theme.MUTED
