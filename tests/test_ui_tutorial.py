"""The interactive tutorial: from the title screen, each step frames its widget, waits for
the player, answers stray clicks with a hint, can be skipped and resumed, and the whole
tutorial plays to the end screen by clicks (SDL dummy driver, 1280×720)."""

from __future__ import annotations

import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content import load_level
from game.engine import Action
from game.engine.lesson_defs import PLAIN_POINTS, REF_POINTS, LessonDef
from game.match import Match
from game.ui.app import App, StartOptions
from game.ui.launch import new_match
from game.ui.prefs import Settings
from game.ui.screens.end import EndScreen
from game.ui.screens.menu import TitleScreen
from game.ui.screens.play import PlayScreen
from game.ui.tutorial import Tutorial, UiFacts
from game.ui.widgets import tutorial_targets
from game.ui.widgets.tutorial_overlay import HINT, TutorialOverlay
from game.ui.widgets.tutorial_targets import point_rects
from tests.ui_driver import click, click_at, frames, key

pytestmark = pytest.mark.ui
TUTORIAL = Path(__file__).resolve().parents[1] / "levels" / "tutorial"


@pytest.fixture
def app() -> Any:
    application = App(size=(1280, 720), options=StartOptions(level="tutorial", seed=3))
    application.settings.ai_pace = 0.0
    application.reset(TitleScreen(application))
    frames(application, 2)
    yield application
    application.close()


def start(app: App) -> PlayScreen:
    """Click Tutorial on the title screen; the play screen with the first step up."""
    title = app.top
    assert isinstance(title, TitleScreen)
    click(app, title.tutorial)
    play = app.top
    assert isinstance(play, PlayScreen)
    frames(app, 2)
    return play


def press_next(app: App, overlay: TutorialOverlay) -> None:
    """Click the box's Next button."""
    assert overlay.next_btn is not None, "the step shows no Next button"
    click_at(app, overlay.next_btn.center)


def row_button(play: PlayScreen, action_id: str) -> Any:
    index = play.rules.action_by_id(action_id).index
    return next(
        b
        for r, b in zip(play.actions.rows, play.actions.row_buttons, strict=True)
        if r.index == index
    )


def region_point(play: PlayScreen, region: int) -> tuple[int, int]:
    """A point of the region on the map that no card or panel covers."""
    box = play.map.bounds(region).clip(play.map.rect)
    covers = [play.card.rect()] if play.card.lines else []
    covers += [play.objectives.rect] if play.objectives.shown else []
    for fx in range(1, 10):
        for fy in range(1, 10):
            p = (box.x + box.w * fx // 10, box.y + box.h * fy // 10)
            if play.map.region_at(p) == region and not any(c.collidepoint(p) for c in covers):
                return p
    raise AssertionError("the region is covered everywhere")


def test_the_title_screen_s_tutorial_seats_the_learner_and_an_ai_normal_rival(app: App) -> None:
    play = start(app)
    assert play.session.seats == ["human", "ai:normal"]
    assert play.session.viewer == play.rules.faction_index("mediator")
    step = play.tutorial.step
    assert step is not None and step.id == "goal"


def test_every_target_kind_is_known_to_the_screen() -> None:
    assert set(tutorial_targets._POINTS) == set(PLAIN_POINTS) | set(REF_POINTS)


def test_each_target_rect_is_the_rect_of_the_widget_it_names(app: App) -> None:
    play = start(app)
    rules = play.rules
    fund = rules.action_by_id("fund_aid").index
    old_town = [r.id for r in rules.regions].index("old_town")
    tension = rules.slot("tension")
    truce = [d.id for d in rules.deals].index("truce")
    rows = [pygame.Rect(b.get_abs_rect()) for b in play.actions.row_buttons]
    offers = [
        pygame.Rect(b.get_abs_rect())
        for r, b in zip(play.actions.rows, play.actions.row_buttons, strict=True)
        if r.index in rules.deals[truce].propose
    ]
    expected = {
        ("objectives", -1): [play.objectives.rect],
        ("score", -1): [play.topbar.badges[0].unionall(play.topbar.badges[1:])],
        ("action_list", -1): [rows[0].unionall(rows[1:])],
        ("deals", -1): [offers[0].unionall(offers[1:])],
        ("deal", truce): [offers[0].unionall(offers[1:])],
        ("end_turn", -1): [play.actions.end_btn.get_abs_rect()],
        ("map", -1): [play.map.rect],
        ("log", -1): [play.actions.log_btn.get_abs_rect()],
        ("dashboard", -1): [play.dashboard.rect],
        ("action", fund): [row_button(play, "fund_aid").get_abs_rect()],
        ("region", old_town): [play.map.bounds(old_town)],
        ("track", tension): [r for r, slot in play.topbar.track_rects if slot == tension],
        ("card", -1): [],  # nothing selected: no card
        ("offer", -1): [],  # no offer awaits an answer
        ("none", -1): [],
    }
    for (kind, ref), rects in expected.items():
        assert point_rects(play, kind, ref) == rects, kind
    click(app, row_button(play, "fund_aid"))  # the first step waits for Next, so blocked:
    assert play.actions.selected < 0
    play.tutorial.next()  # past the goal, score and danger steps to 'choose Fund aid'
    play.tutorial.next()
    play.tutorial.next()
    click(app, row_button(play, "fund_aid"))
    assert play.actions.row is not None and play.actions.row.index == fund
    assert point_rects(play, "card", -1) == [play.card.rect()]
    click_at(app, region_point(play, old_town))
    assert point_rects(play, "confirm", -1) == [play.card.confirm_btn.get_abs_rect()]
    key(app, pygame.K_ESCAPE)  # closes the card (the screen's own Esc comes first)
    key(app, pygame.K_l)
    assert play.log.open
    assert point_rects(play, "log", -1) == [play.log.window.get_abs_rect()]


def test_a_step_waits_for_its_action_and_a_click_elsewhere_gets_a_hint(app: App) -> None:
    play = start(app)
    overlay = play.tutorial
    for _ in range(3):  # goal, score, danger: Next
        assert overlay.next_btn is not None
        press_next(app, overlay)
    assert overlay.step is not None and overlay.step.id == "choose_aid"
    click(app, row_button(play, "raise_funds"))  # not what the step asks for
    assert play.actions.selected < 0, "the stray click reached the action list"
    assert overlay.step.id == "choose_aid" and overlay.hint == HINT
    assert app.shown_toast == HINT
    click(app, row_button(play, "fund_aid"))
    assert overlay.step is not None and overlay.step.id == "aim_aid"
    assert overlay.hint == ""


def test_the_box_never_covers_what_the_step_points_at(app: App) -> None:
    play = start(app)
    overlay = play.tutorial
    for _ in range(3):
        step = overlay.step
        assert step is not None
        frame = point_rects(play, step.point_at, step.point_ref)[0]
        assert not overlay.box.colliderect(frame), step.id
        assert app.window.get_rect().contains(overlay.box), step.id
        press_next(app, overlay)


def test_esc_or_the_skip_button_stops_the_tutorial_and_f1_resumes_it(app: App) -> None:
    play = start(app)
    overlay = play.tutorial
    press_next(app, overlay)
    assert overlay.step is not None and overlay.step.id == "score"
    key(app, pygame.K_ESCAPE)
    assert overlay.step is None and overlay.tutorial is not None and overlay.tutorial.skipped
    assert "F1" in app.shown_toast
    assert app.top is play, "Esc skipped the tutorial; it did not open the menu"
    click(app, row_button(play, "raise_funds"))  # the screen is the player's again
    assert play.actions.row is not None
    key(app, pygame.K_ESCAPE)  # closes the card; the tutorial stays off
    key(app, pygame.K_F1)
    assert overlay.step is not None and overlay.step.id == "score"
    click_at(app, overlay.skip_btn.center)
    assert overlay.step is None and overlay.tutorial.skipped


def test_a_step_whose_action_cannot_be_taken_says_why_and_offers_next() -> None:
    rules = load_level(TUTORIAL)
    talks = rules.action_by_id("hold_talks").index
    step = LessonDef("again", 0, 2, "Talk again", "Talks, twice.", "action", talks, "action", talks)
    rules = replace(rules, lessons=(step,))
    match = Match.new(rules, 4)
    match.play(Action(-1, -1))  # week 1: the mediator passes, the militia too
    match.play(Action(-1, -1))
    tutorial = Tutorial(rules, 0)
    facts = UiFacts()
    assert tutorial.shown(match, facts) == step and tutorial.blocked(match) == ""
    assert not tutorial.next(match), "Next does not skip an action that can be taken"
    tutorial.update(match, facts)  # shown: from here on, moves count
    match.play(Action(talks, -1))
    tutorial.update(match, facts)
    assert tutorial.finished  # played: done
    tutorial = Tutorial(rules, 0)
    assert tutorial.shown(match, facts) == step  # a fresh learner, talks already used
    assert tutorial.blocked(match) == "Already used this round."
    tutorial.update(match, facts)
    assert not tutorial.finished, "a move made before the step showed does not count"
    assert tutorial.next(match) and tutorial.finished


def test_a_step_still_waiting_when_its_week_is_over_is_dropped() -> None:
    rules = load_level(TUTORIAL)
    match = Match.new(rules, 4)
    tutorial = Tutorial(rules, 0)
    first = tutorial.shown(match, UiFacts())
    assert first is not None and first.id == "goal"
    while match.state.round == 1:
        match.play(Action(-1, -1))
    later = tutorial.shown(match, UiFacts())
    assert later is not None and later.id == "open_log"


def _do(app: App, play: PlayScreen) -> None:
    """Do what the step on screen asks, by clicks and keys only."""
    overlay = play.tutorial
    step = overlay.step
    assert step is not None and overlay.tutorial is not None
    rules = play.rules
    kind, ref = step.wait_for, step.wait_ref
    if kind == "next" or overlay.tutorial.blocked(play.session.match):
        press_next(app, overlay)
    elif kind == "select":
        click(app, row_button(play, rules.actions[ref].id))
    elif kind == "target":
        click_at(app, region_point(play, ref))
    elif kind in ("action", "offer"):
        wanted = {ref} if kind == "action" else set(rules.deals[ref].propose)
        row = play.actions.row
        if row is None or row.index not in wanted:
            legal = [r for r in play.actions.rows if r.index in wanted and r.legal]
            click(app, row_button(play, rules.actions[legal[0].index].id))
        elif play.card.confirm_btn is None:
            click_at(app, region_point(play, row.targets[-1]))
        else:
            click(app, play.card.confirm_btn)
    elif kind == "end_turn":
        click(app, play.actions.end_btn)
    elif kind == "open":
        click(app, play.actions.log_btn)
    else:
        key(app, pygame.K_l)  # close the log


@pytest.mark.parametrize(
    ("ui_scale", "seed"), [(1.0, 3), (1.5, 3), (1.0, 1)], ids=["100%", "150%", "counter-offer"]
)
def test_the_whole_tutorial_plays_by_clicks_to_the_end_screen_every_step_on_screen(
    app: App, ui_scale: float, seed: int
) -> None:
    app.options.seed = seed  # seed 1: the militia counters the truce; the learner answers
    app.settings.wait_end_turn = True  # every turn waits for End turn: no step is dropped
    app.settings.ui_scale = ui_scale  # at 150% the action list scrolls to the step's rows
    app.apply_settings()
    play = start(app)
    overlay = play.tutorial
    screen = app.window.get_rect()
    shown: list[str] = []
    deadline = time.monotonic() + 300  # wall time, not frames: the rival AI thinks meanwhile
    while time.monotonic() < deadline:
        if isinstance(app.top, EndScreen):
            break
        frames(app, 1)
        step = overlay.step
        if step is None:
            if play.offer.rect_if_shown() is not None:  # a counter-offer: the card answers
                key(app, pygame.K_1)
            continue
        if not shown or shown[-1] != step.id:
            shown.append(step.id)
            rects = point_rects(play, step.point_at, step.point_ref)
            if step.point_at != "none":
                assert rects, f"step '{step.id}' points at nothing on screen"
            for r in rects:
                assert screen.colliderect(r) and r.w > 0 and r.h > 0, step.id
                assert not overlay.box.colliderect(r), f"the box covers the target of {step.id}"
            assert screen.contains(overlay.box), step.id
        _do(app, play)
    assert isinstance(app.top, EndScreen), f"stopped after {shown}"
    lessons = play.rules.lessons
    last = play.session.match.state.round  # a war ends the game early
    assert shown == [s.id for s in lessons][: len(shown)], "steps shown out of order"
    assert set(shown) >= {s.id for s in lessons if s.round < last}, "a step never showed"
    war = play.session.match.state.v[play.rules.slot("tension")] >= 5
    if last == play.rules.rounds and not war:
        assert shown == [s.id for s in lessons]


def test_a_tutorial_level_started_from_new_game_offers_the_tutorial_on_f1(app: App) -> None:
    rules = load_level(TUTORIAL)
    app.push(app.screens.play(new_match(rules, 3), ["human", "ai:easy"]))
    play = app.top
    assert isinstance(play, PlayScreen)
    frames(app, 2)
    assert play.tutorial.step is None and "F1" in app.shown_toast
    click(app, row_button(play, "raise_funds"))  # nothing in the way
    assert play.actions.row is not None
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_F1)
    assert play.tutorial.step is not None and play.tutorial.step.id == "goal"


def test_a_step_waiting_for_an_answer_with_no_offer_pending_offers_next() -> None:
    rules = load_level(TUTORIAL)
    step = LessonDef("reply", 0, 1, "An answer", "Wait for it.", "offer", -1, "answer", 0)
    rules = replace(rules, lessons=(step,))
    match = Match.new(rules, 4)
    tutorial = Tutorial(rules, 0)
    assert tutorial.blocked(match) == "No offer awaits an answer now."
    assert tutorial.next(match) and tutorial.finished


def test_the_action_list_s_scroll_bar_takes_clicks_while_a_step_shows() -> None:
    settings = Settings(ui_scale=1.5, ai_pace=0.0)
    options = StartOptions(level="tutorial", seed=3)
    application = App(size=(1280, 720), settings=settings, options=options)
    application.reset(TitleScreen(application))
    try:
        frames(application, 2)
        play = start(application)
        overlay = play.tutorial
        assert overlay.step is not None, "a tutorial step shows"
        scroller = play.actions.scroller
        assert scroller is not None and scroller.vert_scroll_bar is not None, (
            "at 1280×720 and 150% the action list scrolls"
        )
        bar = scroller.vert_scroll_bar
        before = bar.start_percentage
        at = bar.bottom_button.get_abs_rect().center  # held down for a few frames
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at, button=1))
        frames(application, 20)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=at, button=1))
        frames(application, 3)
        assert bar.start_percentage > before, "the click on the scroll bar's arrow scrolled"
        assert overlay.hint == "", "a click on the scroll bar is not a stray click"
    finally:
        application.close()
