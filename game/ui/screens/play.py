"""The play screen: top bar, map, dashboard, action panel and card, ticker, log, AI turns.

The screen lays its widgets out, runs the commands their buttons and the keys ask for
(`game.ui.keymap`), and plays the AI seats. Rules live in the engine; it only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.engine import Action, IllegalAction, action_options
from game.ui import theme
from game.ui.keymap import PlayCommand, command_for
from game.ui.lens import Lens, own_result
from game.ui.row_points import FRAME_SLICE
from game.ui.screens.base import Screen
from game.ui.screens.play_ai import play_ai_seat
from game.ui.screens.play_layout import play_rects, side_split
from game.ui.session import GameSession
from game.ui.thumbnails import save_with_thumbnail
from game.ui.widgets.action_card import ActionCard
from game.ui.widgets.actions import ActionPanel, action_rows
from game.ui.widgets.dashboard import Dashboard
from game.ui.widgets.hover_tip import HoverTip, screen_tip
from game.ui.widgets.log_panel import LogPanel
from game.ui.widgets.mapview import MapView
from game.ui.widgets.move_feed import MoveFeed
from game.ui.widgets.objectives import ObjectivesPanel
from game.ui.widgets.offer_card import OfferCard
from game.ui.widgets.panel import text_box
from game.ui.widgets.situation import SituationStrip
from game.ui.widgets.ticker import Ticker, headlines
from game.ui.widgets.topbar import TopBar
from game.ui.widgets.tutorial_overlay import TutorialOverlay

if TYPE_CHECKING:
    from game.ui.app import App


class PlayScreen(Screen):
    """Where the game is played."""

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.rules = rules = session.match.rules
        self.map = MapView(rules, app.fonts)
        self.topbar = TopBar(rules, app.fonts)
        self.dashboard = Dashboard(rules, app.fonts)
        self.ticker = Ticker(app.fonts)
        self.situation = SituationStrip(rules, app.fonts)
        self.actions = ActionPanel(self, session)
        self.card = ActionCard(self, self.actions, self.map)
        self.offer = OfferCard(self, session, self.play)  # an offer awaiting an answer
        self.log = LogPanel(self, session)
        self.skipping = app.options.screenshots is not None
        self.ticker.SLIDE = 0.0 if self.skipping else self.ticker.SLIDE
        self.hover_region, self.mouse = -1, (0, 0)
        self.ai_move = MoveFeed(rules, app.fonts)
        self.objectives = ObjectivesPanel(rules, app.fonts)
        self.objectives.shown = True  # watching AIs: the acting seat's objectives
        self.tip = HoverTip()
        self.lens = Lens(session.match.state, session.viewer)
        self._lens_key: object = None
        self._panel_key: object = None
        self.stopping = self.ended = False
        self.rects: dict[str, pygame.Rect] = {}
        self._commands: dict[PlayCommand, Callable[[], None]] = {
            PlayCommand.ENTER: self.enter,
            PlayCommand.CONFIRM: self.confirm,
            PlayCommand.BACK: self.back,
            PlayCommand.MENU: self.open_menu,
            PlayCommand.END_TURN: self.end_turn,
            PlayCommand.SKIP: self.skip,
            PlayCommand.TOGGLE_LOG: lambda: self.log.toggle(self.rects["right"]),
            PlayCommand.TOGGLE_OBJECTIVES: self.objectives.toggle,
            PlayCommand.WEEK_SUMMARY: self.ai_move.reopen,
            PlayCommand.RECENT_MOVES: self.reopen_moves,
            PlayCommand.SAVE: self.save,
            PlayCommand.UNDO: self.undo,
            PlayCommand.REDO: self.redo,
        }  # the rest (choosing, aiming, focus, cancel) is the action panel's own
        self.tutorial = TutorialOverlay.for_screen(self)  # the level's lessons (inert if none)

    def shown_session(self) -> GameSession:
        """The game this screen shows."""
        return self.session

    def busy(self) -> bool:
        """Whether the frame must keep moving: an AI to play, a card or headline in motion."""
        moving = self.ai_move.moving() or self.ticker.moving() or self.actions.points.pending
        return super().busy() or moving

    # --- layout and widgets -----------------------------------------------------------
    def layout(self) -> None:
        """Place every part of the screen (`play_layout`) for the window's size."""
        self.rects = play_rects(self.app.size, self.px, self.situation.height_for)
        self.map.set_rect(self.rects["map"])
        self.topbar.set_rect(self.rects["top"])
        self.situation.set_rect(self.rects["strip"])
        self.ticker.set_rect(self.rects["ticker"])
        faction = self.panel_faction()
        right = self.rects["right"]
        dh = self.dashboard.fit(faction, right.w, right.h, self.lens)
        self.dashboard.set_rect(pygame.Rect(right.x, right.y, right.w, dh), faction)
        self.rects["actions"] = pygame.Rect(right.x, right.y + dh, right.w, right.h - dh)

    def panel_faction(self) -> int:
        """Whose dashboard shows: the human at the screen, else the acting faction."""
        s = self.session
        return s.viewer if s.viewer >= 0 else max(0, s.match.active)

    def build(self) -> None:
        self.layout()
        self._lens_key = None
        self._panel_key = None
        self.refresh()

    def teardown(self) -> None:
        self.tip.kill()
        self.actions.row_buttons = []
        self.log.forget()
        super().teardown()

    def rebuild_panel(self, force: bool = True) -> None:
        """(Re)create the action panel's and the card's buttons (and the log window over
        them). With `force=False`, nothing happens when none of their inputs changed."""
        signature = (self.actions.signature(), self.offer.signature())
        if not force and signature == self._panel_key:
            return
        self._panel_key = signature
        for el in self.elements:
            el.kill()
        self.elements.clear()
        self.log.forget()
        self.actions.build(self.rects["actions"])
        self.card.build(self.rects["map"], self.rects["card"])
        self.offer.build(self.rects["map"], self.rects["card"])
        if self.log.open:
            self.log.show(self.rects["right"])

    # --- state --------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Re-read the match after a change: lens, action rows, widgets, ticker, log."""
        s = self.session
        match = s.match
        state = match.state  # an offer's odds landing (`estimates.version`) redraws too
        seen = (len(match.history), len(match.log), s.viewer, s.estimates.version)
        key = (id(state), *seen, state.round, state.turn, state.ap)
        if key == self._lens_key and not force:
            return
        old_faction = self.dashboard.faction
        self._lens_key = key
        self.lens = Lens(match.state, s.viewer)
        options = action_options(match.state, s.viewer) if s.viewer >= 0 else []
        self.actions.set_rows(action_rows(options))
        right = self.rects.get("right", pygame.Rect(0, 0, 0, 0))
        grown = self.dashboard.fit(self.panel_faction(), right.w, right.h, self.lens)
        if self.panel_faction() != old_faction or grown != self.dashboard.rect.h:
            self.layout()  # a rival's value wraps onto one line more or less
            self._panel_key = None
        self.ticker.set_items(headlines(self.rules, match.log, s.viewer))
        self.rebuild_panel(force=False)
        self.log.refresh()

    def my_turn(self) -> bool:
        """Whether the person at the screen may act now."""
        return self.actions.my_turn()

    def settle_points(self, all_now: bool = False) -> None:
        """Work out the rows' points notes for a frame's slice (all: `all_now`); show them."""
        points = self.actions.points
        if points.pending and points.step(float("inf") if all_now else FRAME_SLICE):
            self.rebuild_panel(force=False)

    # --- commands ---------------------------------------------------------------------
    def run(self, command: PlayCommand, arg: int = -1) -> None:
        """Do what a key or a button asked for."""
        if command == PlayCommand.CHOOSE:
            self.ai_move.dismiss()  # the next selection closes the last move's result
        handler = self._commands.get(command)
        if handler is not None:
            handler()
        elif self.actions.apply(command, arg):
            self.rebuild_panel()

    def click_region(self, region: int) -> None:
        """A click on the map: picks the target when an action waits for one."""
        if self.actions.click_region(region):
            self.rebuild_panel()

    def enter(self) -> None:
        """Enter: confirm the card, else (nothing selected) press the focused button."""
        if self.card.confirm_btn is not None:
            self.confirm()
        elif self.actions.selected < 0:
            found = self.actions.focused()
            if found is not None:
                self.run(*found)

    def confirm(self) -> None:
        """Take the selected action."""
        action = self.actions.chosen()
        if action is not None and self.my_turn():
            self.play(action)

    def play(self, action: Action) -> None:
        """Apply a human move (an illegal one is explained); its result stays on a card."""
        match = self.session.match
        mover, start, before, was = match.active, len(match.log), self.lens.board, match.state
        try:
            self.session.play(action, wait=self.app.settings.wait_end_turn)
        except IllegalAction as exc:
            self.app.notify(str(exc))
            return
        self.actions.clear()
        self.refresh()
        if self.session.viewer == mover:  # the AI cards were read: put away (M reopens)
            self.ai_move.put_away()
        if action.action >= 0 and self.session.viewer == mover:
            moved = own_result(was, match.log[start:], mover)
            self.ai_move.show_result(
                match, mover, start, before, self.lens.board, moved, played_in=was.round
            )

    def back(self) -> None:
        """Esc closes the move result, else the selection, else the log, else opens the menu."""
        if self.ai_move.dismiss():
            return
        if self.actions.selected >= 0:
            self.run(PlayCommand.CANCEL)
        elif self.log.open:
            self.log.toggle(self.rects["right"])
        else:
            self.open_menu()

    def reopen_moves(self) -> None:
        """M: bring the AI move cards put away or closed back (or say there are none)."""
        if not self.ai_move.reopen_moves():
            self.app.notify("No AI moves to bring back: the log (L) has every move.")

    def open_menu(self) -> None:
        """The in-game menu over this screen."""
        self.app.push(self.app.screens.pause(self))

    def end_turn(self) -> None:
        """End the human's turn (also one held at 0 AP so the player could read it)."""
        if self.session.release():
            self.rebuild_panel()
        elif self.my_turn():
            self.play(Action(-1, -1))

    def undo(self) -> None:
        """Take back the last move when allowed."""
        if self.session.undo():
            self.app.notify("Your last action was taken back.")
            self.actions.selected = -1
            self.refresh(force=True)
        else:
            self.app.notify("Nothing to undo: only your own last action, before any dice roll.")

    def redo(self) -> None:
        """Play the action just taken back again, when allowed."""
        if self.session.redo():
            self.app.notify("Your action was played again.")
            self.actions.clear()
            self.refresh(force=True)
        else:
            self.app.notify("Nothing to redo: only an action you just took back.")

    def skip(self) -> None:
        """Play the AI moves at once until a human must act."""
        if not self.session.is_human(self.session.match.active) and self.session.held < 0:
            self.skipping = True
            self.ai_move.skip()

    def save(self) -> None:
        """Save the game (Ctrl+S) and say where, or why not."""
        self.app.notify(*save_with_thumbnail(self, self.session, self.app.saves_folder))

    # --- input ------------------------------------------------------------------------
    def intercept(self, event: pygame.event.Event) -> bool:
        return self.tutorial.intercept(event)

    def handle(self, event: pygame.event.Event) -> None:
        if self.offer.handle(event):  # an answer to an offer (its buttons, keys 1-9)
            return
        if event.type == pygame.KEYDOWN:
            found = command_for(event.key, event.mod)
            if found is not None:
                self.run(*found)
        elif event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            self.hover_region = self.map.region_at(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.ai_move.click(event.pos):
                return
            region = self.map.region_at(event.pos)
            if region >= 0:
                self.click_region(region)
        elif self.objectives.shown and self.objectives.wheel(event, self.mouse):
            pass
        elif not self.log.handle(event):
            found = self.actions.handle(event) or self.card.handle(event)
            if found is not None:
                self.run(*found)

    # --- time -------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        s = self.session
        match = s.match
        self.tutorial.update()
        self.ticker.update(dt)
        self.ai_move.update(dt)  # the pause between AI moves
        self.tip.update(dt, screen_tip(self, self.mouse), self.mouse, self.manager, self.app.fonts)
        opts = self.app.options
        self.settle_points(opts.screenshots is not None)
        if opts.max_rounds is not None and (match.state.round > opts.max_rounds):
            self.stopping = True
            self.app.running = False
            return
        if match.is_over:
            if not self.ended:
                self.ended = True
                s.cancel_ai()
                self.app.replace(self.app.screens.end(s))
            return
        active, seat = match.active, s.handoff_to()
        if seat >= 0:  # hot seat: the next person takes the screen first
            self.ai_move.hand_off(match, seat)  # cards for the next seat's eyes
            self.app.push(self.app.screens.handoff(s, seat))
            return
        if s.held >= 0:  # the turn is over but waits for End turn (the setting)
            return
        if s.is_human(active):
            self.skipping = self.app.options.screenshots is not None
            self.refresh()
            self.ai_move.week(match, s.viewer, self.lens.board)
            return
        if self.ai_move.time > 0 and not self.skipping:
            return
        play_ai_seat(self, active)

    # --- drawing ----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        s = self.session
        if not self.rects:
            self.layout()
        targets = self.actions.region_targets()
        budget = self.app.may_render
        aimed = self.actions.target if targets else -1
        self.map.draw(surface, self.lens, targets, self.hover_region, aimed, budget)
        glow = s.thinking if s.thinking >= 0 else -1
        self.topbar.draw(surface, self.lens, s.match.active, glow, budget)
        self.situation.draw(surface, self.lens, budget)
        right = self.rects["right"]
        pygame.draw.rect(surface, theme.PANEL, right)
        pygame.draw.line(surface, theme.LINE, right.topleft, right.bottomleft)
        ap = s.match.state.ap if self.my_turn() and not self.offer.active else -1
        self.dashboard.draw(surface, self.lens, s.viewer >= 0, ap, budget)
        self.actions.draw_header(surface)
        if not self.my_turn():
            self.log.draw_recent(surface, self.rects["actions"])
        self.ticker.draw(surface, budget)
        panel, queue = self.side_column()
        if panel.h > 0:
            self.objectives.set_rect(panel)  # watching AIs: the acting seat's, third person
            self.objectives.draw(surface, self.lens, self.panel_faction(), own=s.viewer >= 0)
        if not self.skipping or self.ai_move.result is not None:
            self.ai_move.draw(surface, queue)
        self.card.draw(surface)
        self.offer.draw(surface)

    def side_column(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The objectives panel (empty when hidden) and the move cards under it."""
        shown = self.objectives.shown
        return side_split(self.rects["side"], self.px, shown, self.ai_move.height)

    def draw_over(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        if not self.log.open:
            self.actions.draw_icons(surface)
        if self.hover_region >= 0 and not self.card.lines:
            lines = self.map.details(self.lens, self.hover_region)
            map_area = self.rects["map"]  # never over the action list beside the map
            text_box(surface, f, lines, self.mouse, self.px(300), 12, within=map_area)
        if not self.log.open:
            self.actions.draw_focus(surface)
            self.actions.redraw_tips(surface)
        self.tutorial.draw(surface)

    def capture_name(self) -> str | None:
        """Screenshot name for this frame: one per round (screenshot mode)."""
        limit, now = self.app.options.max_rounds, self.session.match.state.round
        return None if self.stopping or (limit is not None and now > limit) else f"round_{now:02d}"
