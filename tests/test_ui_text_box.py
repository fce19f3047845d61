"""A hover box stays in the part of the screen it describes."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui.theme import Fonts
from game.ui.widgets.panel import text_box

pytestmark = pytest.mark.ui


def test_a_map_regions_hover_box_stays_on_the_map_not_over_the_action_list() -> None:
    pygame.init()
    screen = pygame.Surface((1280, 720))
    map_area = pygame.Rect(450, 260, 560, 500)  # the action list lies right of x = 1010
    lines = ["Agadez", "The desert north and centre: the U.S. drone base and the mines."]
    box = text_box(screen, Fonts(), lines, (820, 470), 300, 12, within=map_area)
    assert map_area.contains(box), f"{box} leaves the map {map_area}"
    free = text_box(screen, Fonts(), lines, (820, 470), 300, 12)
    assert free.right > map_area.right, "without a bound the box sits right of the mouse"
