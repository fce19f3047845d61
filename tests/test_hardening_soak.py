"""The soak script (tools/soak.py) in CI: 200 random games with every invariant checked."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from game.content import load_level
from game.engine import Ruleset, new_game
from tests.conftest import ROOT, shipped_levels


def load_soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak", ROOT / "tools" / "soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module
    spec.loader.exec_module(module)
    return module


soak = load_soak()


def soak_levels() -> list[Ruleset]:
    levels = [load_level(ROOT / "tests" / "levels" / "mini")]
    for folder in shipped_levels():
        try:
            levels.append(load_level(folder))
        except Exception:  # a level still being written is checked by its own tests
            continue
    return levels


def test_200_random_games_raise_nothing_and_break_no_invariant() -> None:
    report = soak.soak(soak_levels(), 200, base_seed=1000)
    assert report.games == 200
    assert report.exceptions == []
    assert report.violations == []
    assert report.roundtrips >= 200  # every game is saved and replayed at least once
    assert sum(report.outcomes.values()) == 200


def test_a_value_out_of_bounds_is_reported(mini: Ruleset) -> None:
    state = new_game(mini, 1)
    state.v[mini.slot("tension")] = 99
    found: list[str] = []
    soak.check_state(state, "here", found)
    assert any("tension = 99" in f for f in found)


def test_an_exception_in_a_game_is_counted_not_raised(
    mini: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("engine bug")

    monkeypatch.setattr(soak, "legal_actions", broken)
    report = soak.soak([mini], 3, base_seed=1)
    assert len(report.exceptions) == 3 and "engine bug" in report.exceptions[0]
    assert not report.ok


def test_a_replay_that_differs_is_a_violation(
    mini: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = soak.match_from_model

    def drifting(*args: Any, **kwargs: Any) -> Any:
        match = real(*args, **kwargs)
        match.round_hashes[-1] = "0" * 32
        return match

    monkeypatch.setattr(soak, "match_from_model", drifting)
    report = soak.soak([mini], 2, base_seed=1)
    assert any("round hashes differ" in v for v in report.violations)


def test_the_command_line_prints_a_summary_and_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "soak.json"
    assert (
        soak.main(
            [
                "--games",
                "4",
                "--level",
                str(ROOT / "tests" / "levels" / "mini"),
                "--json",
                str(out_file),
            ]
        )
        == 0
    )
    assert "0 exceptions, 0 invariant violations" in capsys.readouterr().out
    assert '"games": 4' in out_file.read_text()
