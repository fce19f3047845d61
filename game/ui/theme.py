"""Colours, fonts and the pygame_gui theme of the situation room (dark, calm, Okabe–Ito)."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

import pygame

BG = (20, 24, 31)
PANEL = (30, 36, 46)
PANEL_HI = (40, 48, 61)
LINE = (62, 72, 88)
TEXT = (232, 234, 237)
MUTED = (150, 158, 170)
DIM = (100, 108, 120)
NEUTRAL = (110, 116, 126)
DANGER = (204, 121, 167)  # Okabe–Ito reddish purple
FOCUS = (255, 230, 120)
GOOD = (86, 180, 233)  # Okabe–Ito sky blue
SEA = (16, 20, 27)
LAND = (44, 50, 58)
# Okabe–Ito colours for lines that are not factions (chart series).
SERIES = (
    (204, 121, 167),
    (86, 180, 233),
    (240, 228, 66),
    (0, 158, 115),
    (230, 159, 0),
    (213, 94, 0),
    (0, 114, 178),
    (200, 200, 200),
)

BASE_SIZE = (1280, 720)
MAX_SIZE = (3840, 2160)
MIN_SIZE = (960, 540)


def hex_color(text: str, default: tuple[int, int, int] = NEUTRAL) -> tuple[int, int, int]:
    """'#RRGGBB' as an RGB tuple; `default` when the text is not a colour."""
    t = text.strip().lstrip("#")
    if len(t) != 6:
        return default
    try:
        return (int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16))
    except ValueError:
        return default


def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    """Blend colour a toward b by t (0..1)."""
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )


_REPLACE = str.maketrans(
    {
        "→": "->",
        "←": "<-",
        "≥": ">=",
        "≤": "<=",
        "≠": "!=",
        "✓": "ok",
        "✗": "x",
        "▶": ">",
        "◆": "*",
        "−": "-",
    }
)


def plain(text: str) -> str:
    """Text with symbols the bundled font lacks (arrows, ≥) spelled in ASCII."""
    return text.translate(_REPLACE)


def _font_path(name: str) -> str | None:
    try:
        import pygame_gui
    except ModuleNotFoundError:  # pragma: no cover - pygame_gui is a dependency
        return None
    path = Path(pygame_gui.__file__).parent / "data" / name
    return str(path) if path.exists() else None


class Fonts:
    """One sans family (Noto Sans from pygame_gui) at a few sizes, scaled; cached renders.

    `text()` returns a cached Surface so unchanged text is never re-rendered. The cache
    is bounded (least recently used entries go), so memory stays flat.
    """

    def __init__(self, scale: float = 1.0, cache_size: int = 1200) -> None:
        self.scale = scale
        self._regular = _font_path("NotoSans-Regular.ttf")
        self._bold = _font_path("NotoSans-Bold.ttf")
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: OrderedDict[tuple[str, int, bool, tuple[int, ...]], pygame.Surface] = (
            OrderedDict()
        )
        self._cache_size = cache_size
        self._glyphs: dict[str, bool] = {}
        self._wraps: dict[tuple[str, int, int, bool], list[str]] = {}
        self._notdef: object = None

    def set_scale(self, scale: float) -> None:
        """Change the scale; drops every cached font and render."""
        if abs(scale - self.scale) > 1e-6:
            self.scale = scale
            self._fonts.clear()
            self._cache.clear()
            self._wraps.clear()

    def px(self, size: float) -> int:
        """A design size (at 1280×720) in pixels at the current scale (at least 1)."""
        return max(1, round(size * self.scale))

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        """The font at a design size (never below 8 px)."""
        key = (max(8, self.px(size)), bold)
        font = self._fonts.get(key)
        if font is None:
            path = self._bold if bold else self._regular
            font = pygame.font.Font(path, key[0])
            self._fonts[key] = font
        return font

    def text(
        self, text: str, size: int, color: tuple[int, ...] = TEXT, bold: bool = False
    ) -> pygame.Surface:
        """A rendered line of text (cached)."""
        key = (text, size, bold, tuple(color))
        surf = self._cache.get(key)
        if surf is not None:
            self._cache.move_to_end(key)
            return surf
        surf = self.font(size, bold).render(self.safe(text), True, color)
        self._cache[key] = surf
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return surf

    def safe(self, text: str) -> str:
        """`plain(text)` with any other glyph the font lacks replaced by '?'."""
        text = plain(text)
        if text.isascii():
            return text
        font = self.font(12)
        if self._notdef is None:
            self._notdef = font.metrics("\ue000")[0]
        out = []
        for ch in text:
            ok = self._glyphs.get(ch)
            if ok is None:
                ok = ch.isascii() or font.metrics(ch)[0] != self._notdef
                self._glyphs[ch] = ok
            out.append(ch if ok else "?")
        return "".join(out)

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Split text into lines that fit `width` pixels (memoized, bounded)."""
        key = (text, size, width, bold)
        hit = self._wraps.get(key)
        if hit is not None:
            return hit
        lines = self._wrap(text, size, width, bold)
        if len(self._wraps) > self._cache_size:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines

    def _wrap(self, text: str, size: int, width: int, bold: bool) -> list[str]:
        font = self.font(size, bold)
        text = self.safe(text)
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for word in para.split():
                trial = f"{line} {word}".strip()
                if line and font.size(trial)[0] > width:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        return lines

    @property
    def cached(self) -> int:
        """How many renders are cached (for the benchmark's memory check)."""
        return len(self._cache)


def _rgb(c: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c)


GUI_COLOURS = {
    "normal_bg": _rgb(PANEL_HI),
    "hovered_bg": _rgb((56, 66, 84)),
    "disabled_bg": _rgb((30, 34, 42)),
    "selected_bg": _rgb((64, 80, 104)),
    "active_bg": _rgb((70, 88, 112)),
    "dark_bg": _rgb(PANEL),
    "normal_text": _rgb(TEXT),
    "hovered_text": "#ffffff",
    "selected_text": "#ffffff",
    "disabled_text": _rgb(DIM),
    "active_text": "#ffffff",
    "normal_border": _rgb(LINE),
    "hovered_border": _rgb((120, 134, 156)),
    "disabled_border": _rgb((44, 50, 60)),
    "selected_border": _rgb(FOCUS),
    "active_border": _rgb(FOCUS),
    "text_cursor": _rgb(TEXT),
    "link_text": _rgb(GOOD),
    "link_hover": "#ffffff",
    "link_selected": _rgb(GOOD),
    "filled_bar": _rgb(GOOD),
    "unfilled_bar": _rgb(PANEL),
}
"""The pygame_gui default colours: dark panels, off-white text, the focus colour."""


def gui_theme(scale: float) -> dict[str, Any]:
    """The pygame_gui theme as a dict: dark panels, off-white text, scaled fonts."""
    size = str(max(9, round(14 * scale)))
    small = str(max(8, round(12 * scale)))
    font = {"name": "noto_sans", "size": size, "bold": "0"}
    # pygame_gui takes no font from "defaults": each element type names its own, so
    # buttons, labels and drop-down menus (their options too) scale with the window.
    scaled = {kind: {"font": dict(font)} for kind in ("button", "label", "drop_down_menu")}
    item_h = str(max(20, round(26 * scale)))
    return {
        **scaled,
        "selection_list": {"font": dict(font), "misc": {"list_item_height": item_h}},
        "defaults": {
            "colours": dict(GUI_COLOURS),
            "font": font,
            "misc": {
                "border_width": "1",
                "shadow_width": "0",
                "shape": "rounded_rectangle",
                "shape_corner_radius": "4",
            },
        },
        "tool_tip": {
            "font": {"name": "noto_sans", "size": small},
            "colours": {
                "dark_bg": "#0c0f14",
                "normal_text": _rgb(TEXT),
                "normal_border": _rgb(LINE),
            },
            "misc": {
                "border_width": "1",
                "shadow_width": "0",
                "rect_width": str(round(300 * scale)),
            },
        },
        "text_box": {
            "font": {"name": "noto_sans", "size": small},
            "colours": {"dark_bg": _rgb(PANEL), "normal_border": _rgb(LINE)},
            "misc": {"shape": "rectangle", "padding": "6,4"},
        },
        "window": {  # no shadow: the log window's rect is all it covers
            "colours": {"dark_bg": _rgb(PANEL), "normal_border": _rgb(LINE)},
            "misc": {"shadow_width": "0", "border_width": "1"},
        },
        "@title": {
            "font": {"name": "noto_sans", "size": str(round(36 * scale)), "bold": "1"},
            "colours": {"normal_text": _rgb(TEXT)},
        },
        "@muted": {"colours": {"normal_text": _rgb(MUTED)}},
        "@heading": {"font": {"name": "noto_sans", "size": str(round(18 * scale)), "bold": "1"}},
        **_button_classes(scale, size),
    }


def _button_classes(scale: float, size: str) -> dict[str, Any]:
    """Theme classes of the buttons: action rows (legal, unavailable) and primary buttons."""
    left = {
        "text_horiz_alignment": "left",
        "text_horiz_alignment_padding": str(round(8 * scale)),
    }
    font = {"name": "noto_sans", "size": size, "bold": "0"}
    return {
        "@action": {"misc": dict(left), "font": dict(font)},
        "@action_illegal": {
            "font": dict(font),
            "colours": {
                "normal_text": _rgb(DIM),
                "normal_bg": "#1e232b",
                "hovered_bg": "#262c36",
                "hovered_text": _rgb(MUTED),
            },  # the name on top: the reason is drawn on lines of its own under it
            "misc": {
                **left,
                "text_vert_alignment": "top",
                "text_vert_alignment_padding": str(round(5 * scale)),
            },
        },
        "@primary": {
            "colours": {
                "normal_bg": "#1d4e6e",
                "hovered_bg": "#256a96",
                "normal_border": _rgb(GOOD),
            },
            "font": {"name": "noto_sans", "size": size, "bold": "1"},
        },
    }
