"""`info` shows the engine defaults a level relies on, where a designer looks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import MINI, mini_text


def test_info_lists_the_defaults_that_decide_games(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "Engine defaults in force" in out
    assert "  level.random_events_per_round: 1 — random event draws per round\n" in out
    assert (
        "  actions.per_round: 1 — uses of an action per round (0 = unlimited); 4 of 4 actions"
        in out
    )
    assert "  factions.action_points: 2 —" in out and "1 of 2 factions" in out
    # what the mini level sets itself is not a default in force
    assert "level.random_event_chance" not in out and "level.action_points" not in out


def test_info_json_lists_the_defaults_with_how_many_entries_use_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["info", str(MINI), "--json"]) == 0
    defaults = {d["key"]: d for d in json.loads(capsys.readouterr().out)["defaults"]}
    assert defaults["actions.per_round"] == {
        "key": "actions.per_round",
        "value": 1,
        "meaning": "uses of an action per round (0 = unlimited)",
        "used_by": 4,
        "of": 4,
    }
    assert defaults["level.tie_break"]["value"] == []


def test_a_setting_the_level_writes_out_is_no_longer_listed(
    write_level: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = mini_text().replace(
        "  random_event_chance: 0.5\n", "  random_event_chance: 0.5\n  random_events_per_round: 1\n"
    )
    assert main(["info", str(write_level(text))]) == 0
    assert "level.random_events_per_round" not in capsys.readouterr().out
