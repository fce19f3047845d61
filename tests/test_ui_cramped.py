"""A small window at a large UI scale still plays: the action list shows whole rows, the
map keeps its room, and the dashboard shows every rival value it has room for in full
(SDL dummy video driver)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content import load_level
from game.match import Match
from game.ui import theme
from game.ui.app import App
from game.ui.lens import Lens
from game.ui.prefs import Settings
from game.ui.screens.play import PlayScreen
from game.ui.widgets.dashboard_text import known_text
from game.ui.widgets.hover_tip import screen_tip
from tests.ui_driver import frames
from tests.ui_text_record import Rec, recording

pytestmark = pytest.mark.ui
NIGER = Path(__file__).resolve().parents[1] / "levels" / "niger_2023"


@pytest.fixture
def open_play() -> Iterator[object]:
    apps: list[App] = []

    def make(size: tuple[int, int], scale: float, faction: str = "junta") -> PlayScreen:
        rules = load_level(NIGER)
        match = Match.new(rules, 5)
        seats = ["ai:easy"] * len(rules.factions)
        seats[[f.id for f in rules.factions].index(faction)] = "human"
        app = App(size=size, settings=Settings(ui_scale=scale, ai_pace=0.0))
        apps.append(app)
        app.reset(app.screens.play(match, seats))
        frames(app, 3)
        play = app.top
        assert isinstance(play, PlayScreen)
        return play

    yield make
    for app in apps:
        app.close()


def whole_rows(play: PlayScreen) -> int:
    panel = play.actions
    area = panel.scroller.get_abs_rect() if panel.scroller is not None else panel.rect
    return sum(1 for b in panel.row_buttons if area.contains(b.get_abs_rect()))


def test_at_1280x720_and_150_percent_three_action_rows_show_whole_and_the_map_keeps_its_room(
    open_play: object,
) -> None:
    play = open_play((1280, 720), 1.5)  # type: ignore[operator]
    assert whole_rows(play) >= 3, "the action list shows at least three whole rows"
    assert play.rects["map"].h >= 0.45 * 720, f"the map is only {play.rects['map'].h} px tall"
    assert play.rects["strip"].h <= 0.35 * 720, "the situation strip takes a third of the window"


@pytest.mark.parametrize("size", [(960, 540), (1280, 720), (1920, 1080)])
def test_the_dashboard_draws_every_rival_value_the_seat_knows_in_full(
    open_play: object, size: tuple[int, int]
) -> None:
    play = open_play(size, 1.0)  # type: ignore[operator]
    rules = play.rules
    lens = Lens(play.session.match.state, play.session.viewer)
    with recording():
        window = Rec(play.app.size)
        play.dashboard._cache = None
        play.dashboard.draw(window, lens, True, 2)
    drawn = " ".join(t.text for t in window.texts if play.dashboard.rect.contains(t.full))
    assert "…" not in drawn, "a rival line is cut short"
    for other in rules.factions:
        if other.index == play.session.viewer:
            continue
        for slot in other.resources:
            piece = f"{rules.vars[slot].name} {known_text(lens, slot)}"
            assert piece in drawn, f"{other.short}'s '{piece}' is not on the dashboard"


def test_when_the_dashboard_is_compact_a_rival_badge_shows_what_the_seat_knows(
    open_play: object,
) -> None:
    play = open_play((1280, 720), 1.5)  # type: ignore[operator]
    assert play.dashboard.compact, "at 1280×720 and 150% the rivals' values leave the dashboard"
    rules = play.rules
    lens = Lens(play.session.match.state, play.session.viewer)
    ecowas = next(f for f in rules.factions if f.id == "ecowas")
    rect = play.topbar.badges[ecowas.index]
    assert play.topbar.badge_at(rect.center) == ecowas.index
    tip = screen_tip(play, rect.center)
    for slot in ecowas.resources:
        assert f"{rules.vars[slot].name} {known_text(lens, slot)}" in tip, tip


@pytest.mark.parametrize(("size", "scale"), [((960, 540), 1.0), ((1280, 720), 1.5)])
def test_the_end_screen_shows_its_whole_one_sentence_explanation(
    size: tuple[int, int], scale: float
) -> None:
    from game.headless import play_match
    from game.ui.session import GameSession

    rules = load_level(NIGER)
    match = play_match(rules, 3, ["random"] * len(rules.factions))
    app = App(size=size, settings=Settings(ui_scale=scale, ai_pace=0.0))
    try:
        screen = app.screens.end(GameSession(match, ["human"] + ["random"] * 3))
        app.reset(screen)
        frames(app, 2)
        long = (  # as long as a tie-break explanation gets (seen at 1280×720)
            "United States wins the tie with ECOWAS (led by Nigeria) at 42 points on meeting"
            " more objectives (5 to 4), mostly from Keep Air Base 201 (+15) and Full access"
            " (+6) — the junta collapses as its grip on the army and the street gives way."
        )
        screen.sentence = long  # type: ignore[attr-defined]
        with recording():
            window = Rec(app.size)
            screen.draw(window)
        shown = " ".join(t.text for t in window.texts)
        assert long in shown, "the sentence is cut short"
    finally:
        app.close()


def test_a_long_faction_name_never_runs_under_the_action_points_left(open_play: object) -> None:
    play = open_play((1280, 720), 1.5, "ecowas")  # type: ignore[operator]
    lens = Lens(play.session.match.state, play.session.viewer)
    with recording():
        window = Rec(play.app.size)
        play.dashboard._cache = None
        play.dashboard.draw(window, lens, True, 2)
    ap = next(t for t in window.texts if t.text == "2 AP left")
    title = next(t for t in window.texts if t.text.endswith("— you"))
    assert not title.full.colliderect(ap.full), (title.text, title.full, ap.full)


def test_the_focus_ring_of_a_row_scrolled_out_of_the_list_is_not_drawn_over_the_dashboard(
    open_play: object,
) -> None:
    play = open_play((1280, 720), 1.0)  # type: ignore[operator]
    panel = play.actions
    assert panel.scroller is not None and panel.focus == 0, "row 1 has the keyboard focus"
    area = panel.scroller.get_abs_rect()
    ring = panel.row_buttons[0].get_abs_rect().inflate(4, 4)
    for step in range(1, 50):  # scroll just past the first row: it now sits over the dashboard
        panel.scroller.vert_scroll_bar.set_scroll_from_start_percentage(step / 100)
        frames(play.app, 2)
        ring = panel.row_buttons[0].get_abs_rect().inflate(4, 4)
        if ring.bottom < area.top:
            break
    assert ring.bottom < area.top, "the first row is scrolled above the list"
    play.app.draw()
    surface = play.app.window
    outside = [
        (x, y)
        for y in range(max(0, ring.top), min(ring.bottom, area.top - 4))
        for x in (ring.left, ring.left + 1, ring.right - 1, ring.right - 2)
    ]
    assert outside, "part of the ring's place lies above the list"
    drawn = [p for p in outside if tuple(surface.get_at(p))[:3] == theme.FOCUS]
    assert not drawn, f"the focus ring is drawn outside the action list at {drawn[:3]}"
