"""Settings: UI scale, how long each AI move stays on screen, how AI reasons read, whether
a turn ends by itself at 0 action points, the sound volume and mute (saved for the next
start)."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

from game.ui import prefs, theme
from game.ui.screens.base import Screen

SCALES = {"80%": 0.8, "90%": 0.9, "100%": 1.0, "115%": 1.15, "130%": 1.3, "150%": 1.5}
PACES = {"Slow (2 s)": 2.0, "Normal (1.2 s)": 1.2, "Fast (0.5 s)": 0.5, "Instant": 0.0}
DETAILS = {"In plain words": 0.0, "Search numbers: AI-only games": 1.0}
# why the numbers never show in a game a person plays (game.ui.session.search_numbers_shown)
DETAILS_NOTE = (
    "AI reasons: search numbers show only in games no person plays (they use hidden values)."
)
IN_PLAY_NOTE = "AI reasons: a person plays this game, so they show in plain words only."
VOLUMES = {"10%": 0.1, "25%": 0.25, "50%": 0.5, "70%": 0.7, "100%": 1.0}
TURN_ENDS = {"Ends at 0 action points": 0.0, "Waits for End turn": 1.0}


def mute_text(muted: bool) -> str:
    """The mute button's label for the current state."""
    return "Sound off — unmute (M)" if muted else "Sound on — mute (M)"


def _name(table: dict[str, float], value: float) -> str:
    return min(table, key=lambda k: abs(table[k] - value))


class SettingsScreen(Screen):
    """Five choices, a mute button and a back button; changes apply at once and are saved."""

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = self.px(300), self.px(36)
        step = self.px(50)
        x = (w - bw) // 2 + self.px(80)
        y = h // 2 - self.px(150)
        s = self.app.settings

        def menu(n: int, table: dict[str, float], value: float) -> Any:
            rect = pygame.Rect(x, y + n * step, bw, bh)
            choices: list[str | tuple[str, str]] = list(table)
            return self.add(
                pygame_gui.elements.UIDropDownMenu(choices, _name(table, value), rect, self.manager)
            )

        self.scale = menu(0, SCALES, s.ui_scale)
        self.pace = menu(1, PACES, s.ai_pace)
        self.details = menu(2, DETAILS, s.ai_details)
        self.turn_end = menu(3, TURN_ENDS, float(s.wait_end_turn))
        self.volume = menu(4, VOLUMES, s.volume)
        self.mute = self.button(pygame.Rect(x, y + 5 * step, bw, bh), mute_text(s.muted))
        self.back = self.button(
            pygame.Rect(x, y + 6 * step + self.px(10), bw, bh), "Back (Esc)", kind="@primary"
        )
        names = ("UI scale", "AI pace", "AI reasons", "End of turn", "Sound volume", "Sound")
        self.rows = [(text, y + n * step) for n, text in enumerate(names)]
        self.where = f"Saved in {prefs.settings_path()}"
        self.note = IN_PLAY_NOTE if self._person_plays() else DETAILS_NOTE

    def _person_plays(self) -> bool:
        """Whether the settings were opened from a game a person plays (its reasons then
        never show the search numbers, whatever the setting says)."""
        sessions = [screen.shown_session() for screen in self.app.stack]
        return any(session is not None and session.humans for session in sessions)

    def handle(self, event: pygame.event.Event) -> None:
        escape = event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE
        back = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back
        mute = (event.type == pygame.KEYDOWN and event.key == pygame.K_m) or (
            event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.mute
        )
        if escape or back:
            self.app.pop()
        elif mute:
            self.app.settings.muted = not self.app.settings.muted
            self.mute.set_text(mute_text(self.app.settings.muted))
            self.app.save_settings()
            self.app.apply_sound()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.pace:
                self.app.settings.ai_pace = PACES[event.text]
                self.app.save_settings()
            elif event.ui_element is self.volume:
                self.app.settings.volume = VOLUMES[event.text]
                self.app.save_settings()
                self.app.apply_sound()
            elif event.ui_element is self.turn_end:
                self.app.settings.wait_end_turn = TURN_ENDS[event.text] >= 0.5
                self.app.save_settings()
            elif event.ui_element is self.details:
                self.app.settings.ai_details = DETAILS[event.text]
                self.app.save_settings()
            elif event.ui_element is self.scale:
                self.app.settings.ui_scale = SCALES[event.text]
                self.app.save_settings()
                self.app.apply_settings()

    def draw(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w = surface.get_width()
        t = f.text("Settings", 28, theme.TEXT, bold=True)
        surface.blit(t, t.get_rect(midbottom=(w // 2, self.rows[0][1] - self.px(36))))
        note = f.text(self.note, 12, theme.DIM)
        surface.blit(note, note.get_rect(midbottom=(w // 2, self.rows[0][1] - self.px(10))))
        for text, y in self.rows:
            lab = f.text(text, 15, theme.TEXT)
            surface.blit(lab, (w // 2 - self.px(200), y + self.px(8)))
        where = f.text(self.where, 12, theme.DIM)
        surface.blit(where, where.get_rect(midtop=(w // 2, self.back.rect.bottom + self.px(24))))
