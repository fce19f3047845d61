"""The seat's dashboard: its resources as bars (with descriptions on hover), the shared
tracks, and what it knows of its rivals (exact, a range, or '?'), in full; in a cramped
window it leaves the rivals to the top bar's badges."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Ruleset
from game.engine.ruleset import FactionDef
from game.ui import theme
from game.ui.emblems import blit_emblem
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.bars import draw_bar
from game.ui.widgets.dashboard_text import known_text as shown_value

ACTIONS_LEAST = 240  # design px the action list keeps under the dashboard (about 4 rows)
COMPACT_RIVALS = (
    "Too little room at this size for what you know of them:",
    "point at their badges in the top bar.",
)


class Dashboard:
    """Draws one faction's dashboard into the top of the right column (cached)."""

    ROW = 24
    SMALL_ROW = 20

    def __init__(self, rules: Ruleset, fonts: Fonts) -> None:
        self.rules = rules
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.faction = 0
        self.hot: list[tuple[pygame.Rect, str]] = []
        self._cache: pygame.Surface | None = None
        self._key: object = None
        self.shared: list[int] = []  # shared tracks live in the situation strip
        self.compact = False  # rivals' values left to the top bar's badges (see `fit`)

    def height(self, faction: int, width: int, lens: Lens | None = None) -> int:
        """Pixels the dashboard of `faction` needs at `width`, its rivals' values as `lens`
        shows them (without one, as wide as they can be)."""
        f = self.fonts
        fac = self.rules.factions[faction]
        h = f.px(12) + f.px(30) + f.px(4)  # the goal sentence is the objectives panel's
        h += len(fac.resources) * f.px(self.ROW)
        if self.shared:
            h += f.px(22) + len(self.shared) * f.px(self.SMALL_ROW)
        rivals = [o.index for o in self.rules.factions if o.index != faction]
        lines = sum(len(self.rival_lines(other, width, lens)) for other in rivals)
        if rivals and self.compact:
            lines = len(COMPACT_RIVALS)
        if lines:
            h += f.px(22) + lines * f.px(17)
        return h + f.px(8)

    def fit(self, faction: int, width: int, height: int, lens: Lens | None = None) -> int:
        """The dashboard's height in a column of `height`: whole, unless that leaves the
        actions under it less than `ACTIONS_LEAST`; then compact (the rivals' values go
        to the top bar's badges, which show them on hover)."""
        self.compact = False
        whole = self.height(faction, width, lens)
        if height - whole >= self.fonts.px(ACTIONS_LEAST):
            return whole
        self.compact = True
        self._key = None
        return self.height(faction, width, lens)

    def _rivals(self) -> list[int]:
        return [other.index for other in self.rules.factions if other.index != self.faction]

    def rival_lines(self, other: int, width: int, lens: Lens | None = None) -> list[str]:
        """What the seat knows of rival `other`, wrapped to the dashboard's `width` between
        its values (never inside one), so every value shows. Without `lens`, the widest
        values (for sizing)."""
        f, rules = self.fonts, self.rules
        fac = rules.factions[other]
        font = f.font(12)
        parts = [
            f"{rules.vars[s].name} {shown_value(lens, s) if lens else self._widest(s, font)}"
            for s in fac.resources
        ]
        room = width - 2 * f.px(12) - 2 * f.px(7) - 6
        lines = [f"{fac.short}:"]
        for part in parts:
            first = len(lines) == 1
            trial = f"{lines[-1]} {part}" if lines[-1].endswith(":") else f"{lines[-1]} · {part}"
            if font.size(trial)[0] <= room - (0 if first else f.px(10)) or trial.count(" · ") == 0:
                lines[-1] = trial
            else:
                lines.append(part)
        return lines

    def _widest(self, slot: int, font: pygame.font.Font) -> str:
        """The widest text value `slot` can show (a label, a range or '?')."""
        var = self.rules.vars[slot]
        shown = [var.label(v) for v in range(var.lo, var.hi + 1)] + [f"{var.lo}–{var.hi}", "?"]
        return max(shown, key=lambda text: font.size(text)[0])

    def set_rect(self, rect: pygame.Rect, faction: int) -> None:
        """Place the dashboard for a faction."""
        if pygame.Rect(rect) != self.rect:
            self.rect = pygame.Rect(rect)
            self._cache = None
        if faction != self.faction:
            self.faction = faction
            self._key = None  # re-rendered when the frame budget allows

    def draw(
        self,
        surface: pygame.Surface,
        lens: Lens,
        you: bool,
        ap: int,
        may_render: Callable[[], bool] = lambda: True,
    ) -> None:
        """Draw (re-rendered only when what is shown changes)."""
        key = (lens.key, self.faction, you, ap, self.rect.size, self.fonts.scale, self.compact)
        if self._cache is None or (key != self._key and may_render()):
            self._cache = self._render(lens, you, ap)
            self._key = key
        surface.blit(self._cache, self.rect.topleft)

    def _render(self, lens: Lens, you: bool, ap: int) -> pygame.Surface:
        fac = self.rules.factions[self.faction]
        color = theme.hex_color(fac.color)
        surf = pygame.Surface(self.rect.size)
        surf.fill(theme.PANEL)
        self.hot = []
        y = self._draw_title(surf, you, ap, color)
        y = self._draw_resources(surf, lens, y, color)
        if self.shared:
            y = self._draw_situation(surf, lens, y)
        if len(self.rules.factions) > 1:
            self._draw_rivals(surf, lens, y)
        return surf

    def _draw_title(
        self, surf: pygame.Surface, you: bool, ap: int, color: tuple[int, int, int]
    ) -> int:
        """Emblem, name and action points left; returns the y below them."""
        f = self.fonts
        fac = self.rules.factions[self.faction]
        pad = f.px(12)
        w = surf.get_width()
        y = pad
        r = f.px(13)
        blit_emblem(surf, (pad + r, y + r), r, fac.index, color)
        apt = f.text(f"{ap} AP left", 13, theme.FOCUS, bold=True) if ap >= 0 else None
        room = w - 2 * pad - 2 * r - f.px(8) - (apt.get_width() + f.px(10) if apt else 0)
        tail = " — you" if you else ""
        name = next(  # the full name, else the short one: never under the AP count
            (n for n in (fac.name, fac.short) if f.font(17, True).size(n + tail)[0] <= room),
            fac.short,
        )
        title = f.text(name + tail, 17, theme.TEXT, bold=True)
        surf.blit(title, (pad + 2 * r + f.px(8), y + r - title.get_height() // 2))
        if apt is not None:
            at = (w - pad - apt.get_width(), y + r - apt.get_height() // 2)
            surf.blit(apt, at)
            self.hot.append((apt.get_rect(topleft=at).move(self.rect.topleft), ap_tip(fac)))
        goal = fac.goal or fac.description
        if goal:  # the sentence itself heads the objectives panel
            self.hot.append((pygame.Rect(0, 0, w, y + f.px(30)).move(self.rect.topleft), goal))
        return y + f.px(30) + f.px(4)

    def _draw_resources(
        self, surf: pygame.Surface, lens: Lens, y: int, color: tuple[int, int, int]
    ) -> int:
        """One bar per resource of the faction; returns the y below them."""
        f, rules = self.fonts, self.rules
        pad = f.px(12)
        w = surf.get_width()
        slots = rules.factions[self.faction].resources
        widest = max((f.font(13).size(rules.vars[s].name)[0] for s in slots), default=0)
        name_w = max(f.px(136), min(widest + f.px(10), (w - 2 * pad) * 3 // 5))  # names whole
        for slot in slots:
            var = rules.vars[slot]
            row = pygame.Rect(pad, y, w - 2 * pad, f.px(self.ROW))
            surf.blit(
                f.text(_fit(f, var.name, 13, name_w - f.px(6)), 13, theme.TEXT),
                (pad, y + (row.h - f.font(13).get_linesize()) // 2),
            )
            secret = " (secret: only you see it)" if var.private else ""
            self._value_bar(surf, lens, slot, row, pad + name_w, color, secret)
            y += row.h
        return y

    def _draw_situation(self, surf: pygame.Surface, lens: Lens, y: int) -> int:
        """The shared tracks, danger in red; returns the y below them."""
        f, rules = self.fonts, self.rules
        pad = f.px(12)
        w = surf.get_width()
        name_w = f.px(136)
        y += f.px(6)
        surf.blit(f.text("SITUATION", 11, theme.MUTED, bold=True), (pad, y))
        y += f.px(16)
        for slot in self.shared:
            var = rules.vars[slot]
            row = pygame.Rect(pad, y, w - 2 * pad, f.px(self.SMALL_ROW))
            surf.blit(f.text(var.name, 12, theme.TEXT), (pad, y + f.px(2)))
            danger = theme.hex_color(rules.danger_color, theme.DANGER)  # the level's, if set
            tint = danger if var.danger else theme.GOOD
            self._value_bar(surf, lens, slot, row, pad + name_w, tint)
            y += row.h
        return y

    def _draw_rivals(self, surf: pygame.Surface, lens: Lens, y: int) -> None:
        """Each other faction with its resources as the viewer knows them, on as many
        lines as they need (wrapped between values; the hover tip repeats them)."""
        f, rules = self.fonts, self.rules
        pad = f.px(12)
        w = surf.get_width()
        y += f.px(6)
        surf.blit(f.text("RIVALS (what you know)", 11, theme.MUTED, bold=True), (pad, y))
        y += f.px(16)
        rr = f.px(7)
        if self.compact:
            for n, line in enumerate(COMPACT_RIVALS):
                surf.blit(f.text(line, 12, theme.MUTED), (pad, y + n * f.px(17)))
            return
        for index in self._rivals():
            other = rules.factions[index]
            blit_emblem(surf, (pad + rr, y + f.px(9)), rr, index, theme.hex_color(other.color))
            lines = self.rival_lines(index, w, lens)
            for n, line in enumerate(lines):
                x = pad + 2 * rr + 6 + (f.px(10) if n else 0)  # follow-on lines indented
                surf.blit(f.text(line, 12, theme.TEXT), (x, y + n * f.px(17)))
            box = pygame.Rect(pad, y, w - 2 * pad, len(lines) * f.px(17))
            self.hot.append((box.move(self.rect.topleft), " ".join(lines)))
            y += len(lines) * f.px(17)

    def _value_bar(
        self,
        surf: pygame.Surface,
        lens: Lens,
        slot: int,
        row: pygame.Rect,
        x: int,
        color: tuple[int, int, int],
        note: str = "",
    ) -> None:
        """Draw value `slot` as a bar from `x` to the end of `row`; register its hover text."""
        var = self.rules.vars[slot]
        shown = shown_value(lens, slot)
        bar = pygame.Rect(x, row.y, row.right - x, row.h)
        draw_bar(
            surf,
            self.fonts,
            bar,
            lens.known(slot),
            var.lo,
            var.hi,
            color,
            danger=var.danger,
            label=shown,
        )
        tip = f"{var.name}: {shown} of {var.lo}–{var.hi}. {var.description}{note}"
        self.hot.append((row.move(self.rect.topleft), tip))

    def tip_at(self, pos: tuple[int, int]) -> str:
        """The description of the row under `pos`, or ''."""
        for rect, text in self.hot:
            if rect.collidepoint(pos):
                return text
        return ""


def ap_tip(fac: FactionDef) -> str:
    """The action points' tip: what they are, and how many the faction gets (the level's
    words for a formula)."""
    tip = "Action points left this turn: each action costs some; unused ones are lost."
    return tip + (f" You get {fac.ap_text}." if fac.ap_text else "")


def _fit(fonts: Fonts, text: str, size: int, width: int) -> str:
    """Text cut with an ellipsis to fit `width` pixels."""
    font = fonts.font(size)
    if font.size(text)[0] <= width:
        return text
    while len(text) > 1 and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
