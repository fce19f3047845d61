"""The play screen: top bar, map, dashboard, actions with previews, ticker, log, AI turns."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from game.engine import Action, ActionOption, IllegalAction, action_options, describe
from game.engine.ruleset import FACTION_TARGET, NO_TARGET, REGION_TARGET
from game.ui import saves_bridge, theme
from game.ui.cards import cost_text, preview_lines, unavailable_lines
from game.ui.lens import Lens
from game.ui.screens.base import Screen
from game.ui.session import GameSession, move_reasons
from game.ui.widgets.dashboard import Dashboard
from game.ui.widgets.mapview import MapView
from game.ui.widgets.panel import text_box
from game.ui.widgets.situation import SituationStrip
from game.ui.widgets.ticker import Ticker, headlines
from game.ui.widgets.topbar import TopBar


@dataclass
class ActionRow:
    """One action of the seat as the panel lists it (targets folded together)."""

    index: int  # action definition index
    legal: bool
    reason: str
    options: list[ActionOption]

    @property
    def targets(self) -> list[int]:
        """Legal targets (empty for untargeted actions)."""
        return [o.action.target for o in self.options if o.legal and o.action.target >= 0]


def action_rows(options: list[ActionOption]) -> list[ActionRow]:
    """Fold `action_options` rows into one row per action definition, in order."""
    rows: dict[int, ActionRow] = {}
    for opt in options:
        row = rows.get(opt.action.action)
        if row is None:
            row = rows[opt.action.action] = ActionRow(opt.action.action, opt.legal, opt.reason, [])
        row.options.append(opt)
    return list(rows.values())


class PlayScreen(Screen):
    """Where the game is played. Rules live in the engine; this screen only asks and shows."""

    def __init__(self, app: Any, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        rules = session.match.rules
        self.rules = rules
        self.map = MapView(rules, app.fonts)
        self.topbar = TopBar(rules, app.fonts)
        self.dashboard = Dashboard(rules, app.fonts)
        self.ticker = Ticker(app.fonts)
        self.situation = SituationStrip(rules, app.fonts)
        if app.options.screenshots is not None:
            self.ticker.SLIDE = 0.0
        self.rows: list[ActionRow] = []
        self.row_buttons: list[Any] = []
        self.selected = -1  # index into self.rows
        self.target = -1
        self.focus = 0
        self.hover_region = -1
        self.mouse = (0, 0)
        self.skipping = app.options.screenshots is not None
        self.ai_card: list[str] = []
        self.ai_card_time = 0.0
        self.log_window: Any = None
        self.log_open = False
        self.tip: Any = None
        self.tip_text = ""
        self.hover_text = ""
        self.hover_time = 0.0
        self.lens = Lens(session.match.state, session.viewer)
        self._lens_key: object = None
        self._shown_log = -1
        self.stopping = False
        self.ended = False
        self.rects: dict[str, pygame.Rect] = {}
        self.recent: list[tuple[str, str]] = []
        self._recent_img: pygame.Surface | None = None
        self._recent_key: object = None
        self._panel_key: object = None
        self.card_lines: list[str] = []
        self.confirm_btn: Any = None
        self.cancel_btn: Any = None
        self.faction_btns: list[tuple[Any, int]] = []
        self.end_btn: Any = None
        self.undo_btn: Any = None
        self.redo_btn: Any = None
        self.log_btn: Any = None
        self.menu_btn: Any = None
        self.skip_btn: Any = None
        self.scroller: Any = None

    # --- layout and widgets -----------------------------------------------------------
    def layout(self) -> None:
        """Split the window into top bar, map, ticker and the right column."""
        w, h = self.app.size
        top_h = self.px(56)
        right_w = max(self.px(400), round(w * 0.34))
        tick_h = self.px(34)
        strip_h = self.situation.height_for(w - right_w)
        self.rects = {
            "top": pygame.Rect(0, 0, w, top_h),
            "strip": pygame.Rect(0, top_h, w - right_w, strip_h),
            "map": pygame.Rect(0, top_h + strip_h, w - right_w, h - top_h - tick_h - strip_h),
            "ticker": pygame.Rect(0, h - tick_h, w - right_w, tick_h),
            "right": pygame.Rect(w - right_w, top_h, right_w, h - top_h),
        }
        self.map.set_rect(self.rects["map"])
        self.topbar.set_rect(self.rects["top"])
        self.situation.set_rect(self.rects["strip"])
        self.ticker.set_rect(self.rects["ticker"])
        faction = self.panel_faction()
        right = self.rects["right"]
        dh = self.dashboard.height(faction, right.w)
        self.dashboard.set_rect(pygame.Rect(right.x, right.y, right.w, dh), faction)
        self.rects["actions"] = pygame.Rect(right.x, right.y + dh, right.w, right.h - dh)

    def panel_faction(self) -> int:
        """Whose dashboard shows: the human at the screen, else the acting faction."""
        s = self.session
        if s.viewer >= 0:
            return s.viewer
        return max(0, s.match.active)

    def build(self) -> None:
        self.layout()
        self._lens_key = None
        self._panel_key = None
        self.refresh()

    def teardown(self) -> None:
        self._kill_tip()
        self.row_buttons = []
        self.log_window = None
        super().teardown()

    def _panel_signature(self) -> object:
        s = self.session
        rows = tuple(
            (r.index, r.legal, r.reason, tuple(o.chance for o in r.options)) for r in self.rows
        )
        return (
            rows,
            self.selected,
            self.target,
            s.is_human(s.match.active),
            s.viewer,
            s.can_undo(),
            s.can_redo(),
            s.match.state.ap if self.my_turn() else -1,
            self.app.size,
            self.app.fonts.scale,
            tuple(self.card_inputs()),
        )

    def card_inputs(self) -> list[int]:
        """What the preview card depends on besides the selection: the shown values."""
        if self.selected < 0:
            return []
        return list(self.session.match.state.v[: self.rules.layout.n_vars])

    def _build_panel(self, force: bool = True) -> None:
        """(Re)create the action buttons, end turn, undo, redo, log and menu buttons, the card.
        With `force=False`, nothing happens when none of their inputs changed."""
        signature = self._panel_signature()
        if not force and signature == self._panel_key:
            return
        self._panel_key = signature
        for el in self.elements:
            el.kill()
        self.elements.clear()
        self.row_buttons = []
        self.log_window = None
        area = self.rects["actions"]
        pad = self.px(12)
        s = self.session
        f = self.app.fonts
        bottom_h = self.px(40)
        y = area.y + self.px(26)
        human_turn = s.is_human(s.match.active) and s.match.active == s.viewer
        self.scroller = None
        if s.viewer >= 0 and self.rows:
            avail = area.bottom - y - bottom_h - 2 * pad
            n = len(self.rows)
            gap = self.px(4)
            bh = max(self.px(26), min(self.px(32), avail // n - gap))
            container = None
            list_w = area.w - 2 * pad
            x0, y0 = area.x + pad, y
            if n * (bh + gap) > avail:  # too many actions: a scrolling list
                self.scroller = self.add(
                    pygame_gui.elements.UIScrollingContainer(
                        pygame.Rect(area.x + pad, y, area.w - 2 * pad, avail),
                        self.manager,
                        allow_scroll_x=False,
                    )
                )
                list_w = area.w - 2 * pad - self.px(20)
                self.scroller.set_scrollable_area_dimensions((list_w, n * (bh + gap)))
                container = self.scroller
                x0, y0 = 0, 0
            y = y0
            for i, row in enumerate(self.rows):
                a = self.rules.actions[row.index]
                key = f"{i + 1}  " if i < 9 else "    "
                if row.legal:
                    chances = [o.chance for o in row.options if o.legal and o.chance is not None]
                    odds = ""
                    if chances:
                        lo, hi = round(min(chances) * 100), round(max(chances) * 100)
                        odds = f" · {lo}%" if lo == hi else f" · {lo}–{hi}%"
                    tgt = {REGION_TARGET: " · pick region", FACTION_TARGET: " · pick faction"}.get(
                        a.target_kind, ""
                    )
                    text = f"{key}{a.name} — {cost_text(self.rules, a)}{odds}{tgt}"
                    tip = html.escape(a.description or a.name)
                else:
                    text = f"{key}{a.name} — {row.reason}"
                    tip = html.escape(f"Unavailable: {row.reason}")
                text = self._fit(text, list_w - self.px(16))
                btn = self.button(
                    pygame.Rect(x0, y, list_w, bh),
                    text,
                    tip=tip,
                    kind="@action" if row.legal else "@action_illegal",
                    container=container,
                )
                self.row_buttons.append(btn)
                y += bh + gap
        by = area.bottom - bottom_h - pad
        bw = (area.w - 2 * pad - 3 * self.px(6)) // 4
        self.end_btn = self.button(
            pygame.Rect(area.x + pad, by, bw + self.px(30), bottom_h),
            "End turn (E)",
            kind="@primary",
            tip="Finish your turn; unused action points are lost.",
        )
        x2 = area.x + pad + bw + self.px(36)
        gap = self.px(6)
        bw2 = (area.right - pad - x2 - 3 * gap) // 4
        self.undo_btn = self.button(
            pygame.Rect(x2, by, bw2, bottom_h),
            "Undo",
            tip="Take back your last action (Ctrl+Z) — only while no dice were rolled.",
        )
        self.redo_btn = self.button(
            pygame.Rect(x2 + bw2 + gap, by, bw2, bottom_h),
            "Redo",
            tip="Play the action you took back again (Ctrl+Y or Ctrl+Shift+Z).",
        )
        self.log_btn = self.button(
            pygame.Rect(x2 + 2 * (bw2 + gap), by, bw2, bottom_h),
            "Log (L)",
            tip="Everything that happened, with AI reasons (L).",
        )
        font = getattr(self.log_btn, "font", None)  # the button's own (pygame_gui) font
        if font is not None and font.size("Log (L)")[0] + self.px(8) > bw2:
            self.log_btn.set_text("Log")  # no room for the key hint in a narrow window
        self.menu_btn = self.button(
            pygame.Rect(x2 + 3 * (bw2 + gap), by, bw2, bottom_h),
            "Menu",
            tip="Save, load, settings (Esc)",
        )
        if not human_turn:
            self.end_btn.disable()
        if not s.can_undo():
            self.undo_btn.disable()
        if not s.can_redo():
            self.redo_btn.disable()
        self.skip_btn = None
        if s.match.active >= 0 and not s.is_human(s.match.active):
            self.skip_btn = self.button(
                pygame.Rect(area.x + pad, by - bottom_h - self.px(6), area.w - 2 * pad, bottom_h),
                "Skip AI turns (Space)",
                tip="Play the AI moves at once",
            )
        self._build_card()
        if self.log_open:
            self._open_log()
        self.focus = min(self.focus, max(0, len(self._focusables()) - 1))
        del f

    def _fit(self, text: str, width: int) -> str:
        font = self.app.fonts.font(14)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text + "…"

    def _build_card(self) -> None:
        self.card_lines = []
        self.confirm_btn = None
        self.cancel_btn = None
        self.faction_btns = []
        if self.selected < 0 or self.selected >= len(self.rows):
            return
        row = self.rows[self.selected]
        a = self.rules.actions[row.index]
        state = self.session.match.state
        viewer = self.session.viewer
        if not row.legal:
            self.card_lines = unavailable_lines(self.rules, a, row.reason)
        elif a.target_kind != NO_TARGET and self.target < 0:
            what = (
                "a region on the map (highlighted)"
                if a.target_kind == REGION_TARGET
                else "a faction below"
            )
            self.card_lines = [
                a.name,
                a.description,
                f"Cost: {cost_text(self.rules, a)}",
                f"Choose {what}.",
            ]
        else:
            self.card_lines = preview_lines(state, Action(row.index, self.target), viewer)
        card = self.card_rect()
        pad = self.px(10)
        bh = self.px(32)
        by = card.bottom - bh - pad
        if row.legal and (a.target_kind == NO_TARGET or self.target >= 0):
            self.confirm_btn = self.button(
                pygame.Rect(card.x + pad, by, self.px(150), bh), "Confirm (Enter)", kind="@primary"
            )
        self.cancel_btn = self.button(
            pygame.Rect(card.right - pad - self.px(110), by, self.px(110), bh), "Cancel (Esc)"
        )
        if row.legal and a.target_kind == FACTION_TARGET:
            x = card.x + pad
            for t in row.targets:
                fac = self.rules.factions[t]
                w = self.px(100)
                btn = self.button(
                    pygame.Rect(x, by - bh - self.px(6), w, bh),
                    f"{fac.emblem[:1]} {fac.short}",
                    kind="@primary" if t == self.target else None,
                )
                self.faction_btns.append((btn, t))
                x += w + self.px(6)

    def card_rect(self) -> pygame.Rect:
        """Where the preview card sits: the lower left of the map."""
        m = self.rects["map"]
        w = min(self.px(520), m.w - self.px(20))
        f = self.app.fonts
        n = sum(len(f.wrap(line, 13, w - self.px(20))) for line in self.card_lines)
        extra = (
            self.px(40)
            if self.faction_btns
            or (
                self.selected >= 0
                and self.rules.actions[self.rows[self.selected].index].target_kind == FACTION_TARGET
            )
            else 0
        )
        h = self.px(24) + n * f.font(13).get_linesize() + self.px(52) + extra
        return self._card_corner(w, h)

    def _card_corner(self, w: int, h: int) -> pygame.Rect:
        """The map corner where the card hides least of the regions one may click (the
        current targets, else all regions); bottom-left on ties."""
        m = self.rects["map"]
        gap = self.px(10)
        corners = [
            pygame.Rect(m.x + gap, m.bottom - h - gap, w, h),
            pygame.Rect(m.x + gap, m.y + gap, w, h),
            pygame.Rect(m.right - w - gap, m.bottom - h - gap, w, h),
            pygame.Rect(m.right - w - gap, m.y + gap, w, h),
        ]
        targets = list(range(len(self.rules.regions)))
        if (
            0 <= self.selected < len(self.rows)
            and self.rows[self.selected].targets
            and self.rules.actions[self.rows[self.selected].index].target_kind == REGION_TARGET
        ):
            targets = self.rows[self.selected].targets
        boxes = [self.map.bounds(i) for i in targets]

        def covered(card: pygame.Rect) -> int:
            return sum(card.clip(b).w * card.clip(b).h for b in boxes)

        return min(corners, key=covered)

    # --- state --------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Re-read the match after a change: lens, action rows, widgets, ticker, log."""
        s = self.session
        match = s.match
        key = (
            id(match.state),
            len(match.history),
            len(match.log),
            s.viewer,
            match.state.round,
            match.state.turn,
            match.state.ap,
        )
        if key == self._lens_key and not force:
            return
        old_faction = self.dashboard.faction
        self._lens_key = key
        self.lens = Lens(match.state, s.viewer)
        self.rows = action_rows(action_options(match.state, s.viewer)) if s.viewer >= 0 else []
        if self.selected >= len(self.rows):
            self.selected = -1
        if self.panel_faction() != old_faction:
            self.layout()
        self.ticker.set_items(headlines(self.rules, match.log, s.viewer))
        self.recent = self.recent_lines()
        self._build_panel(force=False)
        if self.log_window is not None and self._shown_log != len(match.log):
            self.log_box.set_text(self.log_html())
            self._shown_log = len(match.log)

    def recent_lines(self, count: int = 14) -> list[tuple[str, str]]:
        """The last log lines the viewer may see, each with the AI's reason (or '')."""
        s = self.session
        match = s.match
        reasons = move_reasons(match)
        found: list[tuple[str, str]] = []
        for i in range(len(match.log) - 1, -1, -1):
            entry = match.log[i]
            if s.viewer >= 0 and entry.visible_to >= 0 and entry.visible_to != s.viewer:
                continue
            why = reasons.get(i, "") if not s.is_human(entry.faction) else ""
            found.append((describe(self.rules, entry, s.viewer), why))
            if len(found) == count:
                break
        return found[::-1]

    def save(self) -> None:
        """Save the game (Ctrl+S) and say where, or why not."""
        try:
            path = saves_bridge.save(self.session.match, self.app.saves_folder)
        except saves_bridge.SavesUnavailable as exc:
            self.app.notify(str(exc), 5)
            return
        except OSError as exc:
            self.app.notify(f"Could not save: {exc}", 5)
            return
        self.app.notify(f"Saved: {path.name}")

    # --- input ----------------------------------------------------------------------------
    def _focusables(self) -> list[Any]:
        items: list[Any] = list(self.row_buttons)
        if self.end_btn is not None:
            items.append(self.end_btn)
        return items

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._button(event.ui_element)
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.log_window:
            self.log_open = False
            self.log_window = None
        elif event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            region = self.map.region_at(event.pos)
            if region != self.hover_region:
                self.hover_region = region
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            region = self.map.region_at(event.pos)
            if region >= 0:
                self.click_region(region)
        elif event.type == pygame.KEYDOWN:
            self._key(event)

    def _key(self, event: pygame.event.Event) -> None:
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        key = event.key
        if ctrl and key == pygame.K_s:
            self.save()
        elif ctrl and (key == pygame.K_y or (key == pygame.K_z and event.mod & pygame.KMOD_SHIFT)):
            self.redo()
        elif ctrl and key == pygame.K_z:
            self.undo()
        elif key == pygame.K_ESCAPE:
            if self.selected >= 0:
                self.cancel()
            elif self.log_open:
                self.toggle_log()
            else:
                from game.ui.screens.menu import PauseMenu

                self.app.push(PauseMenu(self.app))
        elif pygame.K_1 <= key <= pygame.K_9:
            self.select(key - pygame.K_1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.confirm_btn is not None:
                self.confirm()
            elif self.selected < 0:
                items = self._focusables()
                if 0 <= self.focus < len(items):
                    self._button(items[self.focus])
        elif key == pygame.K_e:
            self.end_turn()
        elif key == pygame.K_SPACE:
            self.skip()
        elif key == pygame.K_l:
            self.toggle_log()
        elif key in (pygame.K_TAB, pygame.K_DOWN, pygame.K_UP):
            back = key == pygame.K_UP or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            n = len(self._focusables())
            self.focus = (self.focus + (-1 if back else 1)) % max(1, n)
            self._scroll_to_focus()
        elif key in (pygame.K_LEFT, pygame.K_RIGHT) and self.selected >= 0:
            targets = self.rows[self.selected].targets
            if targets:
                step = 1 if key == pygame.K_RIGHT else -1
                i = targets.index(self.target) if self.target in targets else -1
                self.target = targets[(i + step) % len(targets)]
                self._build_panel()

    def _scroll_to_focus(self) -> None:
        bar = getattr(self.scroller, "vert_scroll_bar", None)
        if bar is not None and self.focus < len(self.row_buttons):
            bar.set_scroll_from_start_percentage(self.focus / max(1, len(self.row_buttons)))

    def _button(self, el: Any) -> None:
        if el in self.row_buttons:
            self.focus = self.row_buttons.index(el)
            self.select(self.row_buttons.index(el))
        elif el is self.confirm_btn:
            self.confirm()
        elif el is self.cancel_btn:
            self.cancel()
        elif el is self.end_btn:
            self.end_turn()
        elif el is self.undo_btn:
            self.undo()
        elif el is self.redo_btn:
            self.redo()
        elif el is self.log_btn:
            self.toggle_log()
        elif el is self.skip_btn:
            self.skip()
        elif el is self.menu_btn:
            from game.ui.screens.menu import PauseMenu

            self.app.push(PauseMenu(self.app))
        else:
            for btn, t in self.faction_btns:
                if el is btn:
                    self.target = t
                    self._build_panel()

    def my_turn(self) -> bool:
        """Whether the person at the screen may act now."""
        s = self.session
        return s.viewer >= 0 and s.match.active == s.viewer

    def select(self, i: int) -> None:
        """Choose the i-th action of the panel (shows its card; asks for a target if needed)."""
        if not self.my_turn() or not 0 <= i < len(self.rows):
            return
        self.selected = i
        self.focus = i
        row = self.rows[i]
        targets = row.targets
        self.target = targets[0] if len(targets) == 1 else -1
        self._build_panel()

    def click_region(self, region: int) -> None:
        """A click on the map: picks the target when an action waits for one."""
        if self.selected < 0:
            return
        row = self.rows[self.selected]
        a = self.rules.actions[row.index]
        if a.target_kind == REGION_TARGET and region in row.targets:
            self.target = region
            self._build_panel()
        elif a.target_kind == REGION_TARGET:
            self.app.notify(f"{self.rules.regions[region].name} is not a valid target.")

    def confirm(self) -> None:
        """Take the selected action."""
        if self.selected < 0 or not self.my_turn():
            return
        row = self.rows[self.selected]
        a = self.rules.actions[row.index]
        if not row.legal or (a.target_kind != NO_TARGET and self.target < 0):
            return
        self.play(Action(row.index, self.target if a.target_kind != NO_TARGET else -1))

    def play(self, action: Action) -> None:
        """Apply a human move; an illegal one is explained, never raised."""
        try:
            self.session.play(action)
        except IllegalAction as exc:
            self.app.notify(str(exc))
            return
        self.selected = -1
        self.target = -1
        self.refresh()

    def cancel(self) -> None:
        """Drop the selected action."""
        self.selected = -1
        self.target = -1
        self._build_panel()

    def end_turn(self) -> None:
        """End the human's turn."""
        if self.my_turn():
            self.play(Action(-1, -1))

    def undo(self) -> None:
        """Take back the last move when allowed."""
        if self.session.undo():
            self.app.notify("Your last action was taken back.")
            self.selected = -1
            self.refresh(force=True)
        elif not hasattr(self.session.match, "undo"):
            self.app.notify("Undo is not available in this build.")
        else:
            self.app.notify("Nothing to undo: only your own last action, before any dice roll.")

    def redo(self) -> None:
        """Play the action just taken back again, when allowed."""
        if self.session.redo():
            self.app.notify("Your action was played again.")
            self.selected = -1
            self.target = -1
            self.refresh(force=True)
        elif not hasattr(self.session.match, "redo"):
            self.app.notify("Redo is not available in this build.")
        else:
            self.app.notify("Nothing to redo: only an action you just took back.")

    def skip(self) -> None:
        """Play the AI moves at once until a human must act."""
        if not self.session.is_human(self.session.match.active):
            self.skipping = True
            self.ai_card_time = 0.0

    def toggle_log(self) -> None:
        """Open or close the log window."""
        self.log_open = not self.log_open
        if self.log_open:
            self._open_log()
        elif self.log_window is not None:
            self.log_window.kill()
            self.log_window = None

    def _open_log(self) -> None:
        right = self.rects["right"]
        rect = pygame.Rect(
            right.x - self.px(80), right.y + self.px(4), right.w + self.px(76), right.h - self.px(8)
        )
        self.log_window = self.add(
            pygame_gui.elements.UIWindow(
                rect, self.manager, window_display_title="Log — everything you could see (L closes)"
            )
        )
        inner = self.log_window.get_container().get_rect()
        self.log_box = pygame_gui.elements.UITextBox(
            self.log_html(),
            pygame.Rect(0, 0, inner.w, inner.h),
            self.manager,
            container=self.log_window,
        )
        self.log_box.scroll_bar and self.log_box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self._shown_log = len(self.session.match.log)

    def log_html(self, limit: int = 400) -> str:
        """The visible log as pygame_gui HTML, newest last, AI reasons in italics."""
        s = self.session
        match = s.match
        reasons = move_reasons(match)
        lines: list[str] = []
        start = max(0, len(match.log) - limit)
        for i in range(start, len(match.log)):
            entry = match.log[i]
            if s.viewer >= 0 and entry.visible_to >= 0 and entry.visible_to != s.viewer:
                continue
            text = html.escape(self.app.fonts.safe(describe(self.rules, entry, s.viewer)))
            if entry.kind == 0:
                lines.append(f"<b>{text}</b>")
            else:
                lines.append(text)
            if i in reasons and not s.is_human(entry.faction):
                why = reasons[i]
                lines.append(
                    f"<i><font color='#96a0ae'>   why: "
                    f"{html.escape(self.app.fonts.safe(why))}"
                    "</font></i>"
                )
        return "<br>".join(lines) or "Nothing yet."

    # --- time -------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        s = self.session
        match = s.match
        self.ticker.update(dt)
        self._update_tip(dt)
        opts = self.app.options
        if opts.max_rounds is not None and (match.state.round > opts.max_rounds):
            self.stopping = True
            self.app.running = False
            return
        if match.is_over:
            if not self.ended:
                self.ended = True
                s.cancel_ai()
                from game.ui.screens.end import EndScreen

                self.app.replace(EndScreen(self.app, s))
            return
        active = match.active
        if s.is_human(active):
            self.skipping = self.app.options.screenshots is not None
            if s.needs_handoff():
                from game.ui.screens.handoff import HandoffScreen

                self.app.push(HandoffScreen(self.app, s, active))
                return
            self.refresh()
            return
        if self.ai_card_time > 0 and not self.skipping:
            self.ai_card_time -= dt
            return
        s.start_ai()
        try:
            decision = s.poll_ai()
        except Exception as exc:  # an agent bug must not take the window down
            s.cancel_ai()
            self.app.notify(f"AI error ({type(exc).__name__}); it ends its turn.")
            s.play(Action(-1, -1), "AI error")
            self.refresh()
            return
        if decision is None:
            return
        entries = match.log[-8:]
        mine = [e for e in entries if e.faction == active]
        text = (
            describe(self.rules, mine[-1], s.viewer)
            if mine
            else f"{self.rules.factions[active].name}: {self.rules.action_label(decision.action)}"
        )
        why = decision.reason
        self.ai_card = [text] + (
            [f"Why: {why}"]
            if why and (not mine or mine[-1].visible_to < 0 or mine[-1].visible_to == s.viewer)
            else []
        )
        self.ai_card_time = self.app.settings.ai_pace
        self.refresh()

    def _update_tip(self, dt: float) -> None:
        pos = self.mouse
        text = self.dashboard.tip_at(pos)
        if not text:
            badge = self.topbar.badge_at(pos)
            if badge >= 0:
                fac = self.rules.factions[badge]
                seat = (
                    "human"
                    if self.session.is_human(badge)
                    else self.session.seats[badge].replace("ai:", "AI ")
                )
                known = ", ".join(
                    f"{self.rules.vars[sl].name} {_known(self.lens, sl)}" for sl in fac.resources
                )
                text = f"{fac.name} ({seat}). {fac.goal or fac.description} — {known}"
            else:
                slot = self.topbar.track_at(pos)
                if slot < 0:
                    slot = self.situation.slot_at(pos)
                if slot >= 0:
                    var = self.rules.vars[slot]
                    text = (
                        f"{var.name}: {_known(self.lens, slot)} of {var.lo}–{var.hi}. "
                        f"{var.description}"
                    )
        if text != self.hover_text:
            self.hover_text = text
            self.hover_time = 0.0
            self._kill_tip()
        elif text:
            self.hover_time += dt
            if self.tip is None and self.hover_time > 0.5:
                self.tip = pygame_gui.elements.UITooltip(
                    html.escape(self.app.fonts.safe(text)),
                    (0, self.px(14)),
                    self.manager,
                    wrap_width=self.px(320),
                )
                self.tip.find_valid_position(pygame.math.Vector2(pos))

    def _kill_tip(self) -> None:
        if self.tip is not None:
            self.tip.kill()
            self.tip = None

    # --- drawing ----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        s = self.session
        if not self.rects:
            self.layout()
        targets: set[int] = set()
        if self.selected >= 0 and self.selected < len(self.rows):
            row = self.rows[self.selected]
            if self.rules.actions[row.index].target_kind == REGION_TARGET:
                targets = set(row.targets)
        budget = self.app.may_render
        self.map.draw(
            surface, self.lens, targets, self.hover_region, self.target if targets else -1, budget
        )
        glow = s.thinking if s.thinking >= 0 else -1
        self.topbar.draw(surface, self.lens, s.match.active, glow, budget)
        self.situation.draw(surface, self.lens, budget)
        right = self.rects["right"]
        pygame.draw.rect(surface, theme.PANEL, right)
        pygame.draw.line(surface, theme.LINE, right.topleft, right.bottomleft)
        mine = s.viewer >= 0 and s.match.active == s.viewer
        self.dashboard.draw(
            surface, self.lens, s.viewer >= 0, s.match.state.ap if mine else -1, budget
        )
        self._draw_panel_header(surface)
        self.ticker.draw(surface, budget)
        self._draw_card(surface)

    def _draw_card(self, surface: pygame.Surface) -> None:
        """The preview card (under the pygame_gui layer, so its buttons show on top)."""
        f = self.app.fonts
        if self.card_lines:
            card = self.card_rect()
            pygame.draw.rect(surface, (12, 15, 20), card, border_radius=8)
            row = self.rows[self.selected] if 0 <= self.selected < len(self.rows) else None
            edge = theme.FOCUS if row and row.legal else theme.DIM
            pygame.draw.rect(surface, edge, card, 1, border_radius=8)
            y = card.y + self.px(10)
            for n, line in enumerate(self.card_lines):
                size = 16 if n == 0 else 13
                color = (
                    theme.TEXT
                    if n == 0
                    else (
                        theme.DANGER
                        if line.startswith("Unavailable")
                        else theme.FOCUS
                        if line.startswith("Choose")
                        else theme.MUTED
                    )
                )
                for part in f.wrap(line, size, card.w - self.px(20), bold=n == 0):
                    surface.blit(f.text(part, size, color, bold=n == 0), (card.x + self.px(10), y))
                    y += f.font(size).get_linesize()

    def _draw_panel_header(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        area = self.rects["actions"]
        s = self.session
        pad = self.px(12)
        pygame.draw.line(surface, theme.LINE, (area.x + pad, area.y), (area.right - pad, area.y))
        active = s.match.active
        if s.viewer < 0:
            head = "WATCHING — every seat is an AI"
        elif active == s.viewer:
            head = f"ACTIONS — {s.match.state.ap} AP left · 1–9 choose · E ends turn"
        elif active >= 0:
            head = f"WAITING — {self.rules.factions[active].name} is playing"
        else:
            head = "GAME OVER"
        surface.blit(f.text(head, 11, theme.MUTED, bold=True), (area.x + pad, area.y + self.px(6)))
        if active != s.viewer or s.viewer < 0:
            self._draw_recent(surface, area, pad)

    def _draw_recent(self, surface: pygame.Surface, area: pygame.Rect, pad: int) -> None:
        """While others play: the latest log lines (newest at the bottom), with AI reasons.
        Rendered once per change of the lines."""
        top = area.y + self.px(26)
        bottom = area.bottom - self.px(40) * 2 - self.px(30)
        key = (tuple(self.recent), area.size, bottom - top, self.app.fonts.scale)
        if self._recent_img is None or key != self._recent_key:
            self._recent_img = self._render_recent(area.w, bottom - top, pad)
            self._recent_key = key
        surface.blit(self._recent_img, (area.x, top))

    def _render_recent(self, width: int, height: int, pad: int) -> pygame.Surface:
        f = self.app.fonts
        img = pygame.Surface((width, max(1, height)), pygame.SRCALPHA)
        img.fill((0, 0, 0, 0))
        line_h = f.font(12).get_linesize()
        rows: list[tuple[str, tuple[int, int, int]]] = []
        for text, why in reversed(self.recent):
            block = [(part, theme.TEXT) for part in f.wrap(text, 12, width - 2 * pad)]
            if why:
                block += [
                    (part, theme.MUTED) for part in f.wrap(f"why: {why}", 12, width - 3 * pad)
                ]
            if (len(rows) + len(block)) * line_h > height:
                break
            rows = block + rows
        y = height - len(rows) * line_h
        for text, color in rows:
            x = pad + (pad if color == theme.MUTED else 0)
            img.blit(f.text(text, 12, color), (x, y))
            y += line_h
        return img

    def draw_over(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        if self.ai_card and self.ai_card_time > 0 and not self.skipping:
            m = self.rects["map"]
            text_box(
                surface,
                f,
                self.ai_card,
                (m.x + self.px(4), m.y + self.px(4)),
                min(self.px(520), m.w - self.px(40)),
                13,
            )
        if self.hover_region >= 0 and not self.card_lines:
            text_box(
                surface,
                f,
                self.map.details(self.lens, self.hover_region),
                self.mouse,
                self.px(300),
                12,
            )
        items = self._focusables()
        if (
            self.my_turn()
            and 0 <= self.focus < len(items)
            and self.selected < 0
            and not self.log_open
        ):
            rect = items[self.focus].get_abs_rect()
            pygame.draw.rect(surface, theme.FOCUS, rect.inflate(4, 4), 2, border_radius=5)

    def capture_name(self) -> str | None:
        """Screenshot name for this frame: one per round (screenshot mode)."""
        limit = self.app.options.max_rounds
        if self.stopping or (limit is not None and self.session.match.state.round > limit):
            return None
        return f"round_{self.session.match.state.round:02d}"


def _known(lens: Lens, slot: int) -> str:
    from game.ui.widgets.dashboard_text import known_text

    return known_text(lens, slot)
