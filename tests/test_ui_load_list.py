"""The Load screen lists every save with a summary, newest first, and deletes on confirm."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.content import load_level
from game.engine import PASS
from game.match import Match
from game.saves import save_match
from game.saves.userdata import autosave
from game.ui.save_list import all_saves
from game.ui.screens.load import LoadScreen
from tests.conftest import ROOT
from tests.ui_driver import MINI, frames, key, new_app

pytestmark = pytest.mark.ui


def _games(tmp_path: Path) -> list[Path]:
    rules = load_level(MINI)
    paths = []
    for seed in (1, 2):
        match = Match.new(rules, seed)
        match.seats = ["human", "ai:easy"]
        for _ in range(seed * 2):
            match.play(PASS)
        paths.append(autosave(match))
        time.sleep(0.01)
    folder = tmp_path / "userdata" / "saves"
    folder.mkdir(parents=True)
    save_match(Match.new(rules, 3), folder / "manual.json")
    paths.append(folder / "manual.json")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    os.utime(folder / "broken.json", (1, 1))  # the oldest
    return paths


def test_every_save_is_listed_newest_first_with_its_summary(tmp_path: Path) -> None:
    first, second, manual = _games(tmp_path)
    entries = all_saves()
    assert [e.path.name for e in entries[:3]] == [manual.name, second.name, first.name]
    assert entries[1].label.startswith("Mini crisis · round 3 · ")
    assert "Red human, 1 AI · 4 moves · autosave" in entries[1].label  # the short name, not "red"
    assert entries[-1].path.name == "broken.json" and not entries[-1].ok
    assert "cannot be read" in entries[-1].label


def test_delete_asks_first_and_then_removes_the_save(tmp_path: Path) -> None:
    _games(tmp_path)
    app: Any = new_app()
    try:
        screen = LoadScreen(app)
        app.push(screen)
        frames(app, 2)
        doomed = screen.selected()
        assert doomed is not None and doomed.exists()
        key(app, pygame.K_DELETE)
        assert doomed.exists() and "Press Delete again" in screen.message
        key(app, pygame.K_ESCAPE)
        assert doomed.exists() and app.top is screen  # Esc keeps it
        key(app, pygame.K_DELETE)
        key(app, pygame.K_DELETE)
        assert not doomed.exists() and doomed not in screen.paths
    finally:
        app.close()


def test_a_save_is_summed_up_in_its_levels_own_words() -> None:
    from game.ui.save_list import level_words

    round_name, shorts = level_words("niger_2023")
    assert round_name == "Week", "'week 11', not 'round 11'"
    assert shorts["us"] == "U.S." and shorts["ecowas"] == "ECOWAS"
    assert level_words("no_such_level") == ("Round", {}), "an unreadable level falls back to ids"


def test_a_save_made_where_the_level_lived_elsewhere_still_reads_in_its_words(
    tmp_path: Path,
) -> None:
    from game.ui.save_list import summary

    niger = load_level(ROOT / "levels" / "niger_2023")
    match = Match.new(niger, 3)
    match.seats = ["ai:easy"] * len(niger.factions)
    match.seats[niger.faction_index("ecowas")] = "human"
    path = tmp_path / "niger.json"
    save_match(match, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["level"]["folder"] = "/another/machine/levels/niger_2023"  # not on this machine
    path.write_text(json.dumps(data), encoding="utf-8")
    label = summary(path).label
    assert "ECOWAS human, 3 AI" in label and " · week 1 · " in label, label
