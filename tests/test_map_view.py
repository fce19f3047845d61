"""The map view draws what the level's map data says: colour by a plain region value
(with its labels), and the projection the map declares."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.content import ContentError, load_level
from game.engine import Ruleset, new_game
from game.ui.lens import Lens
from game.ui.theme import Fonts
from game.ui.widgets.map_geometry import shade_slots
from game.ui.widgets.mapview import MapView
from tests.conftest import ROOT

STRIKE = ROOT / "tests" / "levels" / "strike"


@pytest.fixture(scope="module")
def strike() -> Ruleset:
    return load_level(STRIKE)


@pytest.fixture(scope="module", autouse=True)
def display() -> None:
    pygame.init()


def drawn(rules: Ruleset, values: dict[str, int]) -> tuple[pygame.Surface, MapView]:
    """The map of a fresh game with `values` set, drawn for an onlooker into 1200x800."""
    state = new_game(rules, 1)
    for key, number in values.items():
        state.v[rules.slot(key)] = number
    view = MapView(rules, Fonts())
    view.set_rect(pygame.Rect(0, 0, 1200, 800))
    surface = pygame.Surface((1200, 800))
    view.draw(surface, Lens(state, -1), set(), -1, -1)
    return surface, view


def below_anchor(surface: pygame.Surface, view: MapView, i: int) -> tuple[int, int, int]:
    """The fill colour inside region `i`, below its label."""
    x, y = view.anchors[i]
    color = surface.get_at((int(x), int(y + 0.75 * view.radius)))
    return (color.r, color.g, color.b)


def test_a_map_coloured_by_a_plain_region_value_shades_high_values_warmer(
    strike: Ruleset,
) -> None:
    assert len(shade_slots(strike)) == 3
    surface, view = drawn(strike, {"docks.picketed": 1, "mill.picketed": 0, "market.picketed": 1})
    docks, mill, market = (below_anchor(surface, view, i) for i in range(3))
    assert docks == market
    assert docks[0] > mill[0] + 40 and docks[2] <= mill[2]  # orange-shaded against plain


def test_region_value_labels_name_the_value_in_the_hover_text(strike: Ruleset) -> None:
    _, view = drawn(strike, {"mill.picketed": 1, "docks.picketed": 0})
    state = new_game(strike, 1)
    state.v[strike.slot("mill.picketed")] = 1
    assert "Picket: picketed" in view.details(Lens(state, -1), 1)
    state.v[strike.slot("mill.picketed")] = 0
    assert "Picket: working" in view.details(Lens(state, -1), 1)


def test_a_label_for_a_value_a_region_value_cannot_hold_is_an_error(tmp_path: Path) -> None:
    text = (STRIKE / "level.yaml").read_text(encoding="utf-8")
    text = text.replace('labels: {"0": working, "1": picketed}', 'labels: {"0": working, "2": x}')
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "level.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_level(folder)
    assert [p.message for p in info.value.problems] == [
        "region value 'picketed': labels.2: label 2 ('x') is outside picketed's range 0..1, "
        "so it can never be shown; remove it or change min/max"
    ]


def test_color_by_an_unknown_name_lists_the_region_values(tmp_path: Path) -> None:
    text = (STRIKE / "level.yaml").read_text(encoding="utf-8")
    text = text.replace("color_by: picketed", "color_by: picket")
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "level.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_level(folder)
    assert [p.message for p in info.value.problems] == [
        "color_by must name a region value, not 'picket' — did you mean 'picketed'? "
        "(region values: picketed, support)"
    ]
