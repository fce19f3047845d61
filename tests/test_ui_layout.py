"""Every screen at four window sizes and two UI scales: no text is cut off by its box,
its panel or the window, and no two texts overlap (SDL dummy video driver).

Two kinds of text are checked. pygame_gui elements: their own rects are the ground truth
(a button whose label is wider than the button, a label that leaves the window, a
drop-down drawn across a button fails). Text the screens blit themselves (panels,
dashboard, objectives, move cards, the action card): recorded as drawn
(`tests.ui_text_record`), each with the part of it that shows.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable, Iterator
from typing import Any

import pygame
import pygame_gui
import pytest

from game.engine import PASS, Action, responder
from game.headless import play_match
from game.match import Match
from game.ui import saved_games
from game.ui.app import App, StartOptions
from game.ui.keymap import PlayCommand
from game.ui.launch import load_rules
from game.ui.prefs import Settings
from game.ui.screens.play import PlayScreen
from game.ui.session import GameSession
from tests.ui_driver import MINI, frames, until
from tests.ui_text_record import Blitted, Rec, recording

pytestmark = pytest.mark.ui

SIZES = [(960, 540), (1280, 720), (1920, 1080), (2560, 1440)]
SCALES = [1.0, 1.5]
UI = 1.0


Text = tuple[Any, str, pygame.Rect, bool]


def _scroll_areas(app: App) -> set[int]:
    """The ids of the inner containers of scrolling lists (they clip what they hold)."""
    inner: set[int] = set()
    for el in app.manager.get_sprite_group().sprites():
        if isinstance(el, pygame_gui.elements.UIScrollingContainer):
            inner.add(id(el.scrollable_container))
        elif isinstance(el, pygame_gui.elements.UISelectionList):
            inner.add(id(el.item_list_container))
    return inner


def texts(app: App) -> list[Text]:
    """Every visible element showing text: (element, text, rect on screen, scrolled),
    where `scrolled` marks an element inside a scrolling list (the list clips it)."""
    inner = _scroll_areas(app)
    root = app.manager.get_root_container()
    out: list[Text] = []
    for el in app.manager.get_sprite_group().sprites():
        if not isinstance(el, pygame_gui.elements.UIButton | pygame_gui.elements.UILabel):
            continue
        if not el.text or not el.visible:
            continue
        scrolled = False
        parent: Any = el.ui_container
        while parent is not None and parent is not root:
            scrolled |= id(parent) in inner
            parent = parent.ui_container
        out.append((el, el.text, pygame.Rect(el.get_abs_rect()), scrolled))
    return out


def layout_problems(app: App) -> list[str]:
    """What is cut off or overlapping on the screen now ([] when the layout is clean)."""
    w, h = app.size
    window = pygame.Rect(0, 0, w, h)
    items = texts(app)
    problems = []
    for el, text, rect, scrolled in items:
        tw, th = el.font.size(text)
        if tw > rect.w - 4 or th > rect.h:
            problems.append(f"'{text}' ({tw}×{th}) is cut off by its box {rect.size}")
        if not scrolled and not window.contains(rect):
            problems.append(f"'{text}' at {rect} leaves the {w}×{h} window")
    for i, (a, text_a, rect_a, scroll_a) in enumerate(items):
        for b, text_b, rect_b, scroll_b in items[i + 1 :]:
            if (scroll_a or scroll_b) and a.ui_container is not b.ui_container:
                continue  # a scrolled row and an element outside: the list clips the row
            if rect_a.colliderect(rect_b):
                problems.append(f"'{text_a}' {rect_a} overlaps '{text_b}' {rect_b}")
    return problems


def drawn_texts(app: App) -> tuple[list[Blitted], int]:
    """The texts the top screen blits itself, as it draws now onto a window-sized surface,
    and how many of them come first, under the pygame_gui layer."""
    top = app.top
    assert top is not None
    window = Rec(app.size)
    top.draw(window)
    under = len(window.texts)
    app.manager.draw_ui(window)
    top.draw_over(window)
    return window.texts, under


def _areas(app: App) -> list[pygame.Rect]:
    """The screen's areas a text must stay inside (the play screen's panels), else the
    window."""
    rects = getattr(app.top, "rects", None)
    if isinstance(rects, dict) and rects:
        return [r for name, r in rects.items() if name != "actions"]  # "card" included
    return [pygame.Rect((0, 0), app.size)]


def blitted_problems(app: App) -> list[str]:
    """What is cut off, off-window, outside its panel, under a pygame_gui element or
    overlapping among the texts the screen blits itself ([] when clean)."""
    window = pygame.Rect((0, 0), app.size)
    drawn, under = drawn_texts(app)
    gui = [rect for _, _, rect, scrolled in texts(app) if not scrolled]
    areas = _areas(app)
    problems = []
    for n, t in enumerate(drawn):
        if not t.scrolled and t.shown != t.full:
            problems.append(f"'{t.text}' is cut by its panel: {t.full} shows {t.shown}")
        if not t.scrolled and not window.contains(t.full):
            problems.append(f"'{t.text}' at {t.full} leaves the window")
        if not t.scrolled and not any(a.contains(t.full) for a in areas):
            problems.append(f"'{t.text}' at {t.full} spills out of its panel")
        for rect in gui:
            hit = t.shown.clip(rect)
            if hit.w > 1 and hit.h > 1 and (n < under or not rect.contains(t.shown)):
                problems.append(f"'{t.text}' {t.shown} is under a button or label {rect}")
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            hit = a.shown.clip(b.shown)
            shadow = a.text == b.text and abs(a.full.x - b.full.x) + abs(a.full.y - b.full.y) <= 2
            if hit.w > 2 and hit.h > 2 and not shadow:
                problems.append(f"'{a.text}' {a.shown} overlaps '{b.text}' {b.shown}")
    return problems


def check(app: App, where: str) -> None:
    """Fail with every layout problem of the screen now."""
    frames(app, 3)
    problems = layout_problems(app) + blitted_problems(app)
    assert not problems, f"{where} at {app.size} ×{app.settings.ui_scale}: " + "; ".join(
        problems[:6]
    )


def new_window(size: tuple[int, int], scale: float = UI) -> App:
    app = App(
        size=size,
        settings=Settings(ai_pace=0.0, ui_scale=scale),
        options=StartOptions(level=MINI, seed=5),
    )
    app.reset(app.screens.title())
    return app


def finished_mini() -> Match:
    rules, _ = load_rules(MINI)
    assert rules is not None
    return play_match(rules, 4, ["random", "random"])


def play(app: App) -> None:
    """The niger_2023 play screen, the junta human, on its first turn."""
    rules, _ = load_rules("niger_2023")
    assert rules is not None
    seats = ["human"] + ["ai:easy"] * (len(rules.factions) - 1)
    app.push(app.screens.play(Match.new(rules, 2), seats))
    frames(app, 2)


Step = Callable[[App], None]


def screens() -> Iterator[tuple[str, Step]]:
    """Each screen, reached the way a player would (or set up directly)."""

    def title(app: App) -> None:
        pass

    def setup(app: App) -> None:
        app.options.level = "niger_2023"  # four factions, long names
        app.push(app.screens.setup())

    def settings(app: App) -> None:
        app.push(app.screens.settings())

    def load(app: App) -> None:
        saved_games.save(finished_mini())
        app.push(app.screens.load())

    def card(app: App) -> None:
        play(app)
        screen = app.top
        assert isinstance(screen, PlayScreen)
        screen.run(PlayCommand.CHOOSE, 0)

    def moves(app: App) -> None:  # Russia, last to act, sees the others' moves as cards
        rules, _ = load_rules("niger_2023")
        assert rules is not None
        seats = ["ai:easy"] * len(rules.factions)
        russia = next(f.index for f in rules.factions if f.id == "russia")
        seats[russia] = "human"
        app.push(app.screens.play(Match.new(rules, 2), seats))
        screen = app.top
        assert isinstance(screen, PlayScreen)
        until(app, lambda: screen.session.match.active == russia, 3000)

    def unavailable(app: App) -> None:  # the card of an action that cannot be taken now
        moves(app)
        screen = app.top
        assert isinstance(screen, PlayScreen)
        screen.run(
            PlayCommand.CHOOSE, next(i for i, r in enumerate(screen.actions.rows) if not r.legal)
        )

    def offer(app: App) -> None:  # ECOWAS answers the junta's long resignation offer
        rules, _ = load_rules("niger_2023")
        assert rules is not None
        match = Match.new(rules, 4)
        match.play(Action(rules.action_by_id("resign_for_freedom:offer").index, -1))
        seats = ["ai:easy"] * len(rules.factions)
        seats[responder(match.state)] = "human"
        app.push(app.screens.play(match, seats))
        frames(app, 2)

    def pause(app: App) -> None:
        play(app)
        screen = app.top
        assert isinstance(screen, PlayScreen)
        screen.open_menu()

    def handoff(app: App) -> None:
        rules, _ = load_rules(MINI)
        assert rules is not None
        session = GameSession(Match.new(rules, 1), ["human", "human"])
        app.push(app.screens.handoff(session, 0))

    def end(app: App) -> None:
        match = finished_mini()
        app.push(app.screens.end(GameSession(match, ["human", "random"])))

    yield from [
        ("title", title),
        ("setup", setup),
        ("settings", settings),
        ("load", load),
        ("play", play),
        ("action card", card),
        ("AI moves", moves),
        ("unavailable action", unavailable),
        ("incoming offer", offer),
        ("pause menu", pause),
        ("hand-off", handoff),
        ("end", end),
    ]


@pytest.mark.parametrize("scale", SCALES, ids=[f"{round(s * 100)}%" for s in SCALES])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name,step", list(screens()), ids=[n for n, _ in screens()])
def test_no_text_is_cut_off_or_overlapping(
    size: tuple[int, int], scale: float, name: str, step: Step
) -> None:
    with recording():
        app = new_window(size, scale)
        try:
            step(app)
            check(app, name)
        finally:
            app.close()


def _sizes_at(size: tuple[int, int]) -> dict[str, int]:
    """Font sizes (px) of an action row, a plain button, a drop-down and its options."""
    app = new_window(size)
    try:
        setup = app.screens.setup()
        app.push(setup)
        frames(app, 2)
        menu = setup.level_menu  # type: ignore[attr-defined]
        closed = menu.current_state.selected_option_button.font.get_point_size()
        menu.current_state.finish()
        menu.menu_states["expanded"].start()
        menu.current_state = menu.menu_states["expanded"]
        option = menu.current_state.options_selection_list.item_list[0]["button_element"]
        out = {"menu": closed, "option": option.font.get_point_size(), "item": option.rect.h}
        app.reset(app.screens.title())
        play(app)
        screen = app.top
        assert isinstance(screen, PlayScreen)
        out["row"] = screen.actions.row_buttons[0].font.get_point_size()
        out["undo"] = screen.actions.undo_btn.font.get_point_size()
        return out
    finally:
        app.close()


def test_text_in_buttons_lists_and_drop_downs_grows_with_the_window() -> None:
    small, big = _sizes_at((1280, 720)), _sizes_at((1920, 1080))
    for part, px in small.items():
        assert big[part] >= round(px * 1.4), (
            f"{part}: {px} px at 1280×720, {big[part]} at 1920×1080"
        )


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_map_legend_is_not_hidden_under_the_objectives_panel(size: tuple[int, int]) -> None:
    app = new_window(size)
    try:
        play(app)
        screen = app.top
        assert isinstance(screen, PlayScreen) and screen.objectives.shown
        legend = screen.map.legend_rect
        assert legend.w > 0 and screen.map.rect.contains(legend)
        assert not legend.colliderect(screen.objectives.rect)
    finally:
        app.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_an_unavailable_actions_whole_reason_is_on_screen_in_its_row_and_card(
    size: tuple[int, int],
) -> None:
    with recording():
        app = new_window(size)
        try:
            dict(screens())["unavailable action"](app)
            frames(app, 3)
            screen = app.top
            assert isinstance(screen, PlayScreen)
            drawn, _ = drawn_texts(app)
            view = screen.actions.scroller.get_abs_rect() if screen.actions.scroller else None
            checked = 0
            for row, btn in zip(screen.actions.rows, screen.actions.row_buttons, strict=True):
                box = btn.get_abs_rect()
                if row.legal or (view is not None and not view.contains(box)):
                    continue  # available, or scrolled out of view
                inside = [t.text for t in drawn if box.contains(t.shown) and t.shown == t.full]
                whole = app.fonts.safe(f"Unavailable: {row.reason}")
                assert " ".join(inside).endswith(whole), (
                    f"the row shows {inside!r}, not the whole reason {whole!r}"
                )
                checked += 1
            assert checked, "an unavailable row is in view"
            chosen = screen.actions.row
            assert chosen is not None and not chosen.legal
            card = " ".join(t.text for t in drawn if screen.card.rect().contains(t.shown))
            assert app.fonts.safe(f"Unavailable: {chosen.reason}") in card
        finally:
            app.close()


def test_an_offer_s_long_title_wraps_clear_of_the_card_s_category_icon() -> None:
    with recording():
        app = new_window((1280, 720))
        try:
            rules, _ = load_rules("niger_2023")
            assert rules is not None
            match = Match.new(rules, 2)
            ecowas = next(f.index for f in rules.factions if f.id == "ecowas")
            while match.active != ecowas:
                match.play(PASS)
            seats = ["ai:easy"] * len(rules.factions)
            seats[ecowas] = "human"
            app.push(app.screens.play(match, seats))
            frames(app, 2)
            screen = app.top
            assert isinstance(screen, PlayScreen)
            rows = screen.actions.rows
            offer = next(
                i for i, r in enumerate(rows) if rules.actions[r.index].id.startswith("transition")
            )
            screen.run(PlayCommand.CHOOSE, offer)
            frames(app, 3)
            card = screen.card.rect()
            px = app.fonts.px
            icon = pygame.Rect(0, 0, px(20), px(20))
            icon.topright = (card.right - px(10), card.y + px(10))
            drawn, _ = drawn_texts(app)
            title = [t for t in drawn if card.contains(t.full) and t.full.y < card.y + px(60)]
            assert title, "the card's title is drawn"
            under = [t.text for t in title if t.shown.colliderect(icon)]
            assert not under, f"the title runs under the category icon: {under}"
        finally:
            app.close()
