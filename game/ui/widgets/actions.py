"""The action panel: one button per action of the seat, the selection and target, the
keyboard focus, and the turn buttons (end turn, undo, redo, log, menu, skip)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.engine import Action, responder
from game.engine.ruleset import NO_TARGET, REGION_TARGET
from game.ui.keymap import Input, PlayCommand
from game.ui.row_points import RowPoints
from game.ui.session import GameSession
from game.ui.widgets.action_draw import PanelDrawing
from game.ui.widgets.action_rows import ActionRow, first_offer, is_offer_row, panel_order
from game.ui.widgets.action_rows import action_rows as action_rows  # re-exported
from game.ui.widgets.action_text import REASON_SIZE, fit_row, row_lines, row_text, split_offer

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


class ActionPanel(PanelDrawing):
    """The right column below the dashboard. Owns the selected row and target; its buttons
    report what they ask for as `(PlayCommand, argument)` (see `handle`)."""

    def __init__(self, screen: Screen, session: GameSession) -> None:
        self.screen = screen
        self.session = session
        self.rules = session.match.rules
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.rows: list[ActionRow] = []
        self.row_buttons: list[Any] = []
        self.selected = -1  # index into self.rows
        self.target = -1
        self.focus = 0
        self.scroller: Any = None
        self.reasons: list[list[str]] = []  # each row's reason lines (unavailable rows)
        self.points = RowPoints()  # each row's points note, worked out between frames
        self.tags: list[str] = []  # each row's points note as shown ('' for none yet)
        self.end_btn: Any = None
        self.undo_btn: Any = None
        self.redo_btn: Any = None
        self.log_btn: Any = None
        self.menu_btn: Any = None
        self.skip_btn: Any = None
        self._commands: dict[Any, PlayCommand] = {}
        self._turn: tuple[int, int, int] | None = None  # (viewer, round, turn) of `_kept`
        self._kept: list[int] = []  # the rows' action order when that turn began

    # --- state ------------------------------------------------------------------------
    def my_turn(self) -> bool:
        """Whether the person at the screen may act now."""
        s = self.session
        return s.viewer >= 0 and s.match.active == s.viewer

    def answering(self) -> bool:
        """Whether the seat on screen must answer an offer (the offer card has the moves)."""
        return self.my_turn() and responder(self.session.match.state) == self.session.viewer

    def set_rows(self, rows: list[ActionRow]) -> None:
        """New rows after a move in the panel's order (legal moves first, offers last;
        none while the seat answers an offer; within a turn each row keeps its place, so
        the number keys do not shift); the selection follows its action to its new row,
        and is dropped when the action is no longer listed."""
        chosen = self.row.index if self.row is not None else -1
        state = self.session.match.state
        turn = (self.session.viewer, state.round, state.turn)
        if self.answering():
            self.rows = []
        elif turn == self._turn:
            self.rows = panel_order(self.rules, rows, self._kept)
        else:
            self.rows = panel_order(self.rules, rows)
            self._turn, self._kept = turn, [r.index for r in self.rows]
        self.selected = next((i for i, r in enumerate(self.rows) if r.index == chosen), -1)
        moves = [
            (r.index, [o.action for o in r.options if o.legal])
            for r in self.rows
            if r.legal and not is_offer_row(self.rules, r)
        ]
        self.points.restart(self.session.match.state, self.session.viewer, moves)

    def shown_tag(self, row: ActionRow) -> str:
        """The row's points note as its button shows it ('+6 VP if it works'), '' while
        the notes are being worked out (they appear together) or when it has none."""
        if self.points.pending:
            return ""
        return (self.points.tag(row.index) or "").removeprefix(" · ")

    @property
    def row(self) -> ActionRow | None:
        """The selected row, if any."""
        return self.rows[self.selected] if 0 <= self.selected < len(self.rows) else None

    def region_targets(self) -> set[int]:
        """The regions the selected action may aim at (to highlight on the map)."""
        row = self.row
        if row is not None and self.rules.actions[row.index].target_kind == REGION_TARGET:
            return set(row.targets)
        return set()

    def chosen(self) -> Action | None:
        """The action the selection and target make, when it is complete and legal."""
        row = self.row
        if row is None or not row.legal:
            return None
        kind = self.rules.actions[row.index].target_kind
        if kind != NO_TARGET and self.target < 0:
            return None
        return Action(row.index, self.target if kind != NO_TARGET else -1)

    def apply(self, command: PlayCommand, arg: int) -> bool:
        """Run a command of the panel's own (choose, aim, move the focus, cancel); True
        when its buttons and the card must be rebuilt."""
        if command is PlayCommand.CHOOSE:
            return self.select(arg)
        if command is PlayCommand.TARGET:
            self.target = arg
            return True
        if command in (PlayCommand.TARGET_NEXT, PlayCommand.TARGET_PREV):
            return self.step_target(1 if command is PlayCommand.TARGET_NEXT else -1)
        if command in (PlayCommand.FOCUS_NEXT, PlayCommand.FOCUS_PREV):
            self.move_focus(1 if command is PlayCommand.FOCUS_NEXT else -1)
        elif command is PlayCommand.CANCEL:
            self.clear()
            return True
        return False

    def select(self, i: int) -> bool:
        """Choose the i-th row (a lone target is picked at once); False when not allowed."""
        if not self.my_turn() or not 0 <= i < len(self.rows):
            return False
        self.selected = i
        self.focus = i
        targets = self.rows[i].targets
        self.target = targets[0] if len(targets) == 1 else -1
        return True

    def clear(self) -> None:
        """Drop the selection and target."""
        self.selected = -1
        self.target = -1

    def step_target(self, step: int) -> bool:
        """Move the target of the selected action to the next (+1) or previous (-1) one."""
        row = self.row
        if row is None or not row.targets:
            return False
        targets = row.targets
        i = targets.index(self.target) if self.target in targets else -1
        self.target = targets[(i + step) % len(targets)]
        return True

    def click_region(self, region: int) -> bool:
        """A map click: aims the selected action there when it takes that region; True when
        the target changed (a region it cannot take is explained)."""
        row = self.row
        if row is None:
            return False
        if self.rules.actions[row.index].target_kind != REGION_TARGET:
            return False
        if region in row.targets:
            self.target = region
            return True
        self.screen.app.notify(f"{self.rules.regions[region].name} is not a valid target.")
        return False

    def focusables(self) -> list[Any]:
        """What Tab and the arrow keys walk through: the rows, then End turn."""
        items: list[Any] = list(self.row_buttons)
        if self.end_btn is not None:
            items.append(self.end_btn)
        return items

    def move_focus(self, step: int) -> None:
        """Move the keyboard focus by `step`, wrapping, and scroll the list to it."""
        n = len(self.focusables())
        self.focus = (self.focus + step) % max(1, n)
        bar = self.scroller.vert_scroll_bar if self.scroller is not None else None
        if bar is not None and self.focus < len(self.row_buttons):
            bar.set_scroll_from_start_percentage(self.focus / max(1, len(self.row_buttons)))

    def focused(self) -> Input | None:
        """What pressing the focused button would ask for."""
        items = self.focusables()
        if 0 <= self.focus < len(items):
            return self._command_of(items[self.focus])
        return None

    def signature(self) -> object:
        """Everything the panel's buttons and the card show; equal → no rebuild needed."""
        s = self.session
        rows = tuple(
            (r.index, r.legal, r.reason, tuple(o.chance for o in r.options)) for r in self.rows
        )
        app = self.screen.app
        shown = list(s.match.state.v[: self.rules.layout.n_vars]) if self.selected >= 0 else []
        return (
            rows,
            self.selected,
            self.target,
            s.is_human(s.match.active),
            s.viewer,
            tuple(self.shown_tag(r) for r in self.rows),
            s.held,
            s.can_undo(),
            s.can_redo(),
            s.match.state.ap if self.my_turn() else -1,
            app.size,
            app.fonts.scale,
            tuple(shown),
            s.estimates.version,  # an offer's odds landed
        )

    # --- events -----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Input | None:
        """What a click on one of the panel's buttons asks for (None: not ours)."""
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return None
        return self._command_of(event.ui_element)

    def _command_of(self, element: Any) -> Input | None:
        if element in self.row_buttons:
            self.focus = self.row_buttons.index(element)
            return (PlayCommand.CHOOSE, self.focus)
        command = self._commands.get(element)
        return (command, -1) if command is not None else None

    # --- building ---------------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> None:
        """Create the row and turn buttons in `rect` (the screen removed the old ones)."""
        self.rect = rect
        self.row_buttons = []
        self._commands = {}
        self.scroller = None
        if self.rows and self.my_turn():  # others' turns: the recent moves show instead
            self._build_rows()
        self._build_turn_buttons()
        self.focus = min(self.focus, max(0, len(self.focusables()) - 1))

    def _build_rows(self) -> None:
        screen, px, area = self.screen, self.screen.px, self.rect
        fonts = screen.app.fonts
        pad = px(12)
        y = area.y + px(26)
        avail = area.bottom - y - px(40) - 2 * pad
        n = len(self.rows)
        gap = px(4)
        offers = first_offer(self.rules, self.rows)
        head = px(18) if offers >= 0 else 0  # room for the 'Offers' group's title
        bh = max(px(26), min(px(32), (avail - head) // n - gap))
        list_w = area.w - 2 * pad
        line_h = fonts.font(REASON_SIZE).get_linesize()
        self.tags = [self.shown_tag(row) for row in self.rows]
        s = self.session
        texts = [
            split_offer(
                self.rules,
                row,
                row_text(s.match.state, s.viewer, i, row, tag, s.seats, s.estimates.get),
            )
            for i, (row, tag) in enumerate(zip(self.rows, self.tags, strict=True))
        ]
        details = [t[2] for t in texts]
        self.reasons = self._lines(details, list_w - px(48))
        heights = [bh + len(lines) * line_h for lines in self.reasons]
        container = None
        x0 = area.x + pad
        if sum(heights) + n * gap + head > avail:  # too many actions: a scrolling list
            self.scroller = screen.add(
                pygame_gui.elements.UIScrollingContainer(
                    pygame.Rect(area.x + pad, y, area.w - 2 * pad, avail),
                    screen.manager,
                    allow_scroll_x=False,
                )
            )
            list_w = area.w - 2 * pad - px(20)
            self.reasons = self._lines(details, list_w - px(48))
            heights = [bh + len(lines) * line_h for lines in self.reasons]
            self.scroller.set_scrollable_area_dimensions((list_w, sum(heights) + n * gap + head))
            container = self.scroller
            x0, y = 0, 0
        font = fonts.font(14)
        small = fonts.font(REASON_SIZE, True)
        tops: list[int] = []
        for i, row in enumerate(self.rows):
            y += head if i == offers else 0
            tops.append(y)
            tag = self.tags[i]
            text, tip, _ = texts[i]
            room = small.size(tag)[0] + px(8) if tag else 0  # the note, drawn at the right
            btn = screen.button(
                pygame.Rect(x0, y, list_w, heights[i]),
                fit_row(font, text, self.rules.actions[row.index].name, list_w - px(40) - room),
                tip=tip,
                kind="@action" if row.legal else "@action_illegal",
                container=container,
            )
            self.row_buttons.append(btn)
            y += heights[i] + gap
        if self.scroller is not None and 0 <= self.selected < n:
            i = self.selected
            self._scroll_into_view(tops[i], tops[i] + heights[i], avail, y)

    def _lines(self, details: list[str], width: int) -> list[list[str]]:
        """Each row's lines under its name (its reason, or an offer's cost and odds)."""
        fonts = self.screen.app.fonts
        return [row_lines(fonts, r, d, width) for r, d in zip(self.rows, details, strict=True)]

    def _scroll_into_view(self, top: int, bottom: int, view: int, total: int) -> None:
        """Scroll the new list (it opens at its top) so the row from `top` to `bottom` shows
        in the `view` tall window: at the window's top, or as far as the list goes."""
        bar = self.scroller.vert_scroll_bar if self.scroller is not None else None
        if bar is not None and bottom > view:
            bar.set_scroll_from_start_percentage(min(top, total - view) / max(1, total))

    def _build_turn_buttons(self) -> None:
        screen, px, area, s = self.screen, self.screen.px, self.rect, self.session
        pad = px(12)
        bottom_h = px(40)
        by = area.bottom - bottom_h - pad
        bw = (area.w - 2 * pad - 3 * px(6)) // 4
        self.end_btn = screen.button(
            pygame.Rect(area.x + pad, by, bw + px(30), bottom_h),
            "End turn (E)",
            kind="@primary",
            tip="Finish your turn; unused action points are lost.",
        )
        x2 = area.x + pad + bw + px(36)
        gap = px(6)
        bw2 = (area.right - pad - x2 - 3 * gap) // 4

        def small(n: int, text: str, tip: str) -> Any:
            return screen.button(
                pygame.Rect(x2 + n * (bw2 + gap), by, bw2, bottom_h), text, tip=tip
            )

        self.undo_btn = small(
            0, "Undo", "Take back your last action (Ctrl+Z) — only while no dice were rolled."
        )
        self.redo_btn = small(
            1, "Redo", "Play the action you took back again (Ctrl+Y or Ctrl+Shift+Z)."
        )
        self.log_btn = small(2, "Log (L)", "Everything that happened, with AI reasons (L).")
        if self.log_btn.font.size("Log (L)")[0] + px(8) > bw2:  # the button's own font
            self.log_btn.set_text("Log")  # no room for the key hint in a narrow window
        self.menu_btn = small(3, "Menu", "Save, load, settings (Esc)")
        held = s.held >= 0 and s.held == s.viewer
        mine = s.is_human(s.match.active) and s.match.active == s.viewer
        if (not held and not mine) or self.answering():
            self.end_btn.disable()
        if not s.can_undo():
            self.undo_btn.disable()
        if not s.can_redo():
            self.redo_btn.disable()
        self.skip_btn = None
        if s.match.active >= 0 and not s.is_human(s.match.active) and s.held < 0:
            self.skip_btn = screen.button(
                pygame.Rect(area.x + pad, by - bottom_h - px(6), area.w - 2 * pad, bottom_h),
                "Skip AI turns (Space)",
                tip="Play the AI moves at once",
            )
        self._commands = {
            self.end_btn: PlayCommand.END_TURN,
            self.undo_btn: PlayCommand.UNDO,
            self.redo_btn: PlayCommand.REDO,
            self.log_btn: PlayCommand.TOGGLE_LOG,
            self.menu_btn: PlayCommand.MENU,
        }
        if self.skip_btn is not None:
            self._commands[self.skip_btn] = PlayCommand.SKIP
