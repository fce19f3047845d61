"""A region's label on the play screen's map stands for its region, also where the label
had to move off its own shape onto a neighbour's."""

from __future__ import annotations

from game.content import load_level
from game.match import Match
from game.ui.widgets.map_geometry import point_in_polygon
from tests.conftest import ROOT
from tests.ui_driver import click_at, play_screen


def test_clicking_niamey_s_label_where_it_sits_on_tahoua_points_at_niamey() -> None:
    rules = load_level(ROOT / "levels" / "niger_2023")
    seats = ["ai:normal", "ai:normal", "ai:normal", "human"]
    with play_screen(Match.new(rules, 3), seats) as screen:
        screen.app.step(1 / 60)
        view = screen.map
        niamey = rules.regions.index(next(r for r in rules.regions if r.id == "niamey"))
        tahoua = rules.regions.index(next(r for r in rules.regions if r.id == "tahoua"))
        label = view.label_rects[niamey]
        on_tahoua = [
            (x, y)
            for x in range(label.left, label.right)
            for y in range(label.top, label.bottom)
            if point_in_polygon((float(x), float(y)), view.polys[tahoua])
        ]
        assert on_tahoua, "Niamey's label is not drawn over Tahoua in the 1280×720 window"
        assert all(view.region_at(p) == niamey for p in on_tahoua)
        point = on_tahoua[len(on_tahoua) // 2]
        click_at(screen.app, point)
        assert screen.hover_region == niamey
