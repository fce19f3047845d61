"""One whole game in a REAL X window: `python main.py` on a private Xvfb server, driven
only by xdotool clicks and key presses, as a player would.

Title → New game → tutorial, the Mediator human and the Hardliners AI easy → two weeks
played by clicks and keys → saved with Ctrl+S and from the pause menu → quit to the title
→ Load the week-2 save → the game resumes in week 2 → played to the end screen → Q.

Screenshots of every step go to `$SAHEL_TEST_ARTIFACTS/x11_end_to_end/` (default
`test-artifacts/`, git-ignored). Skips when Xvfb, xdotool or a screenshot tool is missing
(`.ci/run` installs them). Coordinates are the 1280×720 layout at UI scale 1.0, which the
test's settings file fixes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from functools import partial
from pathlib import Path

import pytest

from game.saves import read_save
from game.saves.format import SaveModel
from game.ui.save_list import all_saves
from game.ui.screens.setup import available_levels
from tests.x11_driver import ROOT, WindowDriver, missing_tools, xvfb

pytestmark = pytest.mark.ui

# Where things are at 1280×720, scale 1.0 (see the screenshots of a run).
TITLE_NEW, TITLE_LOAD = (640, 362), (640, 470)
LEVEL_MENU = (350, 107)
LEVEL_OPTION_Y0, OPTION_H = 137, 26  # first level in the open drop-down, row height
SEAT2_MENU, SEAT2_AI_EASY = (425, 288), (415, 343)
SETUP_START = (1100, 662)
ACTION_ROW_1 = (1062, 215)  # the goal sentence is in the objectives panel, not above
END_TURN, MENU = (920, 688), (1233, 688)
PAUSE_SAVE, PAUSE_TITLE = (640, 308), (640, 452)
LOAD_ROW_Y0, LOAD_BUTTON = 206, (336, 548)
WEEKS = 6  # the tutorial's length


def artifacts() -> Path:
    """A fresh folder for this test's screenshots and logs."""
    base = Path(os.environ.get("SAHEL_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    folder = base / "x11_end_to_end"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def autosave_file(data: Path) -> Path | None:
    """The game's autosave file (one per level and seed), or None before the first one."""
    found = sorted((data / "autosaves").glob("autosave-tutorial-*.json"))
    return found[0] if found else None


def autosave(data: Path, newer_than: int = 0) -> SaveModel | None:
    """The game's autosave if written after `newer_than` (ns since the epoch), else None."""
    path = autosave_file(data)
    if path is None or path.stat().st_mtime_ns <= newer_than:
        return None
    return read_save(path)


def saves(data: Path, week: int) -> list[Path]:
    """The manual saves made in `week`."""
    return sorted((data / "saves").glob(f"tutorial-r{week}-*.json"))


def at_week(data: Path, week: int, newer_than: int = 0) -> bool:
    """Whether the autosave (written after `newer_than`) shows `week` begun or the game
    over."""
    model = autosave(data, newer_than)
    return model is not None and (model.result.over or model.state.get("round") == week)


def moves(data: Path) -> int:
    """How many moves the autosave holds."""
    model = autosave(data)
    return len(model.moves) if model is not None else 0


def test_a_player_saves_loads_and_finishes_the_tutorial_in_a_real_x_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = missing_tools()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xdotool imagemagick)")
    shots = artifacts()
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(data))  # for all_saves() below
    settings = {"version": 1, "ui_scale": 1.0, "ai_pace": 0.0, "ai_details": 0.0}
    (data / "settings.json").write_text(json.dumps(settings), encoding="utf-8")

    with xvfb(shots / "xvfb.log") as display:
        game = WindowDriver(display, data, shots)
        try:
            game.wait_window()
            time.sleep(1.0)  # the first frames and fonts
            steps = [game.shot("title")[1]]

            # New game → choose the tutorial and an easy AI for the Hardliners, by clicks.
            steps.append(game.click_step(*TITLE_NEW, "setup"))
            game.click_step(*LEVEL_MENU, "level-menu-open")
            index = available_levels("niger_2023").index("tutorial")
            game.click_step(LEVEL_MENU[0], LEVEL_OPTION_Y0 + OPTION_H * index, "setup-tutorial")
            game.click_step(*SEAT2_MENU, "seat-menu-open")
            steps.append(game.click_step(*SEAT2_AI_EASY, "setup-ai-easy"))
            steps.append(game.click_step(*SETUP_START, "week1"))

            # Week 1 by mouse: the first action's card, confirm with Enter, E ends the turn.
            game.click_step(*ACTION_ROW_1, "week1-action-card")
            game.key("Return")
            game.until(lambda: moves(data) >= 1, 10, "the first move's autosave")
            steps.append(game.key_step("week2", "e"))
            game.until(lambda: at_week(data, 2), 15, "week 2")

            # Week 2 by keys: 3 (Raise funds: talks held in week 1 are on cooldown) and
            # Enter, then Ctrl+S; the End turn button ends it.
            before = moves(data)
            game.key("3", "Return")
            game.until(lambda: moves(data) > before, 10, "the week-2 move")
            game.key_step("week2-saved-ctrl-s", "ctrl+s")
            game.until(lambda: bool(saves(data, 2)), 10, "the Ctrl+S save")
            steps.append(game.click_step(*END_TURN, "week3"))
            game.until(lambda: at_week(data, 3), 15, "week 3")

            # Week 3: the pause menu saves, then back to the title.
            steps.append(game.click_step(*MENU, "pause-menu"))
            game.click_step(*PAUSE_SAVE, "pause-menu-saved")
            game.until(lambda: bool(saves(data, 3)), 10, "the pause-menu save")
            steps.append(game.click_step(*PAUSE_TITLE, "title-again"))
            assert game.alive(), "quitting to the title closed the game"
            late = read_save(saves(data, 3)[0])
            assert late.state.get("round") == 3 and not late.result.over
            saved = read_save(saves(data, 2)[0])
            assert saved.state.get("round") == 2 and len(saved.moves) < len(late.moves)
            assert saved.seats == {"mediator": "human", "hardliners": "ai:easy"}

            # Load → the week-2 Ctrl+S save, not the newest (found in the list by its
            # file, chosen by a click) → resume: week 2 again, one action already taken.
            stale = autosave_file(data)
            assert stale is not None
            before_load = stale.stat().st_mtime_ns  # the resumed game rewrites this file
            steps.append(game.click_step(*TITLE_LOAD, "load-list"))
            row = [e.path for e in all_saves()].index(saves(data, 2)[0])
            assert row > 0, "the week-2 save should not be the preselected newest one"
            steps.append(game.click_step(640, LOAD_ROW_Y0 + OPTION_H * row, "load-chosen"))
            steps.append(game.click_step(*LOAD_BUTTON, "resume-setup"))
            steps.append(game.key_step("resumed-week2", "Return"))

            # Play on to the end: each week the first action by click, Enter, E.
            for week in range(2, WEEKS + 1):
                current = autosave(data, before_load)
                if current is not None and current.result.over:
                    break
                game.click(*ACTION_ROW_1)
                time.sleep(0.3)
                game.key("Return")
                time.sleep(0.3)
                game.key("e")
                done = partial(at_week, data, week + 1, before_load)
                game.until(done, 15, f"the end of week {week}")
            final = autosave(data, before_load)
            assert final is not None and final.result.over, "the game did not end"
            time.sleep(1.0)  # the end screen's chart
            steps.append(game.shot("end-screen")[1])

            # The finished game continues the loaded save: same seed, its moves first.
            assert final.seed == saved.seed
            assert final.moves[: len(saved.moves)] == saved.moves
            assert len(final.moves) > len(saved.moves)
            assert final.seats == saved.seats

            game.key("q")  # the end screen's Quit
            game.until(lambda: not game.alive(), 10, "the game to quit")
        finally:
            game.close()

    assert game.proc.returncode == 0, game.stderr()
    errors = game.stderr()
    assert "Traceback" not in errors and "internal error" not in errors, errors
    assert len(set(steps)) == len(steps), "two steps showed the same screen"
