"""The map view draws what the level's map data says: colour by a plain region value
(with its labels), and the projection the map declares."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.content import ContentError, load_level, open_level
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


def level_with_map(tmp_path: Path, regions: str, map_lines: str) -> Path:
    """The strike level with its regions and map section replaced."""
    text = (STRIKE / "level.yaml").read_text(encoding="utf-8")
    start, end = text.index("\nregions:\n") + 1, text.index("\nactions:\n") + 1
    text = text[:start] + regions + "\nmap:\n" + map_lines + "\n\n" + text[end:]
    folder = tmp_path / "lvl"
    folder.mkdir(exist_ok=True)
    (folder / "level.yaml").write_text(text, encoding="utf-8")
    return folder


CHAIN = """regions:
  - {id: docks, name: Docks, position: [0, 0], adjacent: [mill]}
  - {id: mill, name: Mill, position: [1, 0], adjacent: [docks, market], values: {picketed: 1}}
  - {id: market, name: Market, position: [2, 1], adjacent: [mill]}
"""


def anchors(folder: Path) -> list[tuple[float, float]]:
    return drawn(load_level(folder), {})[1].anchors


def test_a_schematic_map_keeps_left_to_right_and_draws_y_downwards(tmp_path: Path) -> None:
    folder = level_with_map(tmp_path, CHAIN, "  color_by: picketed\n  projection: schematic")
    docks, mill, market = anchors(folder)
    assert docks[0] < mill[0] < market[0]
    assert market[1] > mill[1] == docks[1]  # y 1 is below y 0 on a schematic map


def test_a_map_that_does_not_say_keeps_y_growing_upwards(tmp_path: Path) -> None:
    docks, mill, market = anchors(level_with_map(tmp_path, CHAIN, "  color_by: picketed"))
    assert docks[0] < mill[0] < market[0] and market[1] < mill[1]


def regions_yaml(shapes: list[str], positions: list[str]) -> str:
    """A `regions:` section of docks, mill, market in a chain with these shapes."""
    names = ("docks", "mill", "market")
    adjacent = ("[mill]", "[docks, market]", "[mill]")
    lines = ["regions:"]
    for rid, shape, position, near in zip(names, shapes, positions, adjacent, strict=True):
        lines.append(
            f"  - {{id: {rid}, name: {rid.title()}, position: {position}, shape: {shape}, "
            f"adjacent: {near}}}"
        )
    return "\n".join(lines) + "\n"


SHAPED = regions_yaml(
    [
        "[[0, 0], [100, 0], [100, 100], [0, 100]]",
        "[[100, 0], [200, 0], [200, 100], [100, 100]]",
        "[[200, 100], [300, 100], [300, 200], [200, 200]]",
    ],
    ["[50, 50]", "[150, 50]", "[250, 150]"],
)


def test_a_shaped_schematic_map_in_screen_units_is_drawn_without_latitude_squeeze(
    tmp_path: Path,
) -> None:
    folder = level_with_map(tmp_path, SHAPED, "  color_by: picketed\n  projection: schematic")
    assert not [w for w in open_level(folder).warnings if "projection" in w.message]
    (docks, mill, market), view = anchors(folder), drawn(load_level(folder), {})[1]
    assert docks[0] < mill[0] < market[0] and market[1] > mill[1]
    width = max(x for x, _ in view.polys[2]) - min(x for x, _ in view.polys[2])
    height = max(y for _, y in view.polys[2]) - min(y for _, y in view.polys[2])
    assert abs(width - height) < 2  # a square stays square


def test_shapes_in_screen_units_without_a_projection_are_warned_about(tmp_path: Path) -> None:
    folder = level_with_map(tmp_path, SHAPED, "  color_by: picketed")
    found = [w.message for w in open_level(folder).warnings if "projection" in w.message]
    assert found == [
        "every region has a shape, so the map is drawn as longitude/latitude, but the "
        "coordinates (x 0..300, y 0..200) are not; add 'projection: schematic' to the map "
        "section for plain x/y coordinates (y grows downwards)"
    ]


def test_a_geo_map_with_coordinates_beyond_longitude_and_latitude_is_warned_about(
    tmp_path: Path,
) -> None:
    folder = level_with_map(tmp_path, SHAPED, "  color_by: picketed\n  projection: geo")
    found = [w for w in open_level(folder).warnings if "projection" in w.message]
    assert len(found) == 1 and found[0].message.startswith(
        "projection is geo, but the region coordinates (x 0..300, y 0..200) are not "
        "longitude/latitude"
    )
    text = (folder / "level.yaml").read_text(encoding="utf-8")
    assert found[0].line == text[: text.index("projection: geo")].count("\n") + 1


def test_a_schematic_map_with_surveyed_looking_coordinates_is_warned_about(
    tmp_path: Path,
) -> None:
    def ring(x: float, y: float) -> str:
        pts = [(x + 0.1234 * k, y + 0.0567 * (k % 3)) for k in range(9)]
        return "[" + ", ".join(f"[{a:.4f}, {b:.4f}]" for a, b in pts) + "]"

    regions = regions_yaml(
        [ring(2, 13), ring(3, 13), ring(4, 13)],
        ["[2.1234, 13.5171]", "[3.1234, 13.5171]", "[4.1234, 13.5171]"],
    )
    folder = level_with_map(tmp_path, regions, "  color_by: picketed\n  projection: schematic")
    found = [w.message for w in open_level(folder).warnings if "projection" in w.message]
    assert len(found) == 1 and "look like longitude/latitude" in found[0]
    assert "write 'projection: geo'" in found[0]
