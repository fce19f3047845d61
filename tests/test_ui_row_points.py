"""The window's action rows say what each move would do to the player's points, as the
text mode's move list does (same numbers), worked out between frames, not in one stall."""

from __future__ import annotations

import html
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator

import pygame
import pytest

from game.content import load_level
from game.engine import preview
from game.engine.ruleset import NO_TARGET
from game.match import Match
from game.ui.cards import points_change, points_tag
from game.ui.keymap import PlayCommand
from game.ui.screens.play import PlayScreen
from game.ui.text_view import menu
from tests.conftest import ROOT
from tests.ui_driver import frames, play_screen

pytestmark = pytest.mark.ui

NIGER = ROOT / "levels" / "niger_2023"


@pytest.fixture
def junta_screen(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[PlayScreen]:
    """The niger_2023 play screen at 1280×720, the junta a person on its first turn."""
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))  # restored after the test
    rules = load_level(NIGER)
    seats = ["human"] + ["ai:easy"] * (len(rules.factions) - 1)
    with play_screen(Match.new(rules, 3), seats) as screen:
        yield screen


def settled(screen: PlayScreen) -> None:
    """Run frames until every row's points note is worked out."""
    for _ in range(600):
        if not screen.actions.points.pending:
            break
        frames(screen.app, 1)
    frames(screen.app, 1)
    assert not screen.actions.points.pending


def test_each_action_row_shows_the_points_the_text_mode_list_shows(
    junta_screen: PlayScreen,
) -> None:
    settled(junta_screen)
    panel = junta_screen.actions
    match = junta_screen.session.match
    lines = menu(match, 0).lines
    rules = match.rules
    noted = 0
    for row, tag in zip(panel.rows, panel.tags, strict=True):
        a = rules.actions[row.index]
        if not row.legal or a.deal_role:
            assert tag == "", f"{a.name}: an unavailable row or an offer carries no points note"
            continue
        line = next(t for t in lines if f"  {a.name} — " in t)
        if a.target_kind == NO_TARGET:
            if tag:
                assert line.endswith(f" · {tag}"), (a.name, tag, line)
            else:
                assert "VP" not in line, (a.name, line)
        else:  # the row folds its targets: their largest change, as each one is listed
            moves = [o.action for o in row.options if o.legal]
            each = [points_tag(match.state, preview(match.state, m), 0) for m in moves]
            assert all(t in line for t in each), (a.name, line)
            best = max(points_change(match.state, preview(match.state, m), 0)[0].hi for m in moves)
            assert (f"{best:+d} VP" in tag) == (best != 0), (a.name, tag, best)
        noted += bool(tag)
    assert noted >= 3, "the junta's first turn has moves that win and lose it points"


def test_the_rows_show_a_move_s_cost_to_your_points_in_the_tooltip_too(
    junta_screen: PlayScreen,
) -> None:
    settled(junta_screen)
    panel = junta_screen.actions
    release = junta_screen.rules.action_by_id("release_bazoum").index
    i = next(k for k, r in enumerate(panel.rows) if r.index == release)
    assert panel.tags[i].endswith(" VP") and panel.tags[i].startswith("-")
    tip = panel.row_buttons[i].tool_tip_text
    assert f"Your points if the game ended now: {panel.tags[i]}." in tip


def test_an_unavailable_rows_tooltip_says_what_the_action_does_not_only_why_not(
    junta_screen: PlayScreen,
) -> None:
    settled(junta_screen)
    panel = junta_screen.actions
    i = next(k for k, r in enumerate(panel.rows) if not r.legal)
    action = junta_screen.rules.actions[panel.rows[i].index]
    tip = panel.row_buttons[i].tool_tip_text
    assert tip.startswith(html.escape(action.description)), "the row itself shows the reason"
    assert tip.endswith(html.escape(f"Unavailable: {panel.rows[i].reason}"))


def test_a_rows_tooltip_is_drawn_over_the_icons_and_notes_of_the_rows_it_covers(
    junta_screen: PlayScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled(junta_screen)
    panel = junta_screen.actions
    button = panel.row_buttons[1]  # its tip covers the rows under it, and their icons
    pos = button.get_abs_rect().center
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)  # the dummy driver's mouse
    for _ in range(90):  # rest the mouse on the row until its tooltip shows (1 s)
        event = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        pygame.event.post(event)
        frames(junta_screen.app, 1)
    tip = button.tool_tip
    assert tip is not None, "the tooltip shows"
    screen = pygame.display.get_surface()
    inner = tip.text_block.rect.inflate(-12, -12)
    drawn = screen.subsurface(inner).copy()
    box = tip.text_block  # what pygame_gui draws of a tooltip
    own = box.image.subsurface(inner.move(-box.rect.x, -box.rect.y)).convert(screen)
    assert pygame.image.tobytes(drawn, "RGB") == pygame.image.tobytes(own, "RGB"), (
        "nothing is drawn over the tooltip"
    )


def test_the_notes_are_worked_out_between_frames_after_a_move_and_then_shown(
    junta_screen: PlayScreen,
) -> None:
    settled(junta_screen)
    panel = junta_screen.actions
    airspace = junta_screen.rules.action_by_id("close_airspace").index
    i = next(k for k, r in enumerate(panel.rows) if r.index == airspace)
    junta_screen.run(PlayCommand.CHOOSE, i)
    junta_screen.confirm()
    assert junta_screen.session.match.state.ap == 1, "the junta still has an action point"
    assert panel.points.pending, "a move does not wait for every row's note"
    assert all(t == "" for t in panel.tags), "no half-worked-out notes show"
    assert junta_screen.busy(), "the window keeps drawing frames until the notes are done"
    settled(junta_screen)
    assert any(panel.tags), "the notes arrive once worked out"
