"""Nothing Niger-specific outside its level: the title art, credit and no-display hint
come from the level being played."""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path
from typing import Any

import pygame
import pytest

from game.commands.play import start_window
from game.ui import theme
from game.ui.app import App, StartOptions
from game.ui.screens.menu import TitleScreen
from tests.conftest import MINI, ROOT

STRIKE = ROOT / "tests" / "levels" / "strike"
pytestmark = pytest.mark.ui


def title_of(level: Path) -> tuple[App, TitleScreen, pygame.Surface, list[str]]:
    """The title screen for `level` drawn once, with every text it rendered."""
    app = App(options=StartOptions(level=str(level), seed=1))
    screen = TitleScreen(app)
    app.reset(screen)
    texts: list[str] = []
    render = app.fonts.text

    def recording(text: str, *args: Any, **kw: Any) -> pygame.Surface:
        texts.append(text)
        return render(text, *args, **kw)

    app.fonts.text = recording  # type: ignore[method-assign]
    surface = pygame.Surface(app.size)
    screen.draw(surface)
    return app, screen, surface, texts


def bar_colors(screen: TitleScreen, surface: pygame.Surface, n: int) -> list[tuple[int, ...]]:
    w, h = surface.get_size()
    y = h // 2 - screen.px(40) + 1
    step = screen.px(200) // n
    return [
        tuple(surface.get_at((w // 2 - screen.px(100) + i * step + 2, y)))[:3] for i in range(n)
    ]


@pytest.mark.parametrize("level", [STRIKE, MINI], ids=["strike", "mini"])
def test_the_title_draws_one_bar_per_faction_of_the_level_in_its_colour(level: Path) -> None:
    app, screen, surface, _ = title_of(level)
    try:
        rules = screen.level_rules()
        assert rules is not None
        expected = [theme.hex_color(f.color) for f in rules.factions]
        assert bar_colors(screen, surface, len(expected)) == expected
    finally:
        app.close()


def test_the_title_credits_the_levels_own_map_source_and_nothing_else() -> None:
    app, _, _, texts = title_of(MINI)  # mini's map has no credit
    app.close()
    assert not any("Natural Earth" in t or t.startswith("Map:") for t in texts)
    app, _, _, texts = title_of(ROOT / "levels" / "niger_2023")
    app.close()
    assert "Map: Made with Natural Earth (public domain); regions stylised." in texts


def test_the_no_display_hint_names_the_level_asked_for_and_its_first_faction(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert start_window(argparse.Namespace(level=str(STRIKE))) == 1
    hint = capsys.readouterr().err
    assert f"python main.py play --headless {STRIKE} --seat union=human --seat all=ai:normal" in (
        hint
    )
    assert "niger" not in hint
