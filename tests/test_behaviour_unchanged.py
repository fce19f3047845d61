"""Same seeds, same games: the engine and the AI behave exactly as recorded.

The record (`tests/golden/behaviour.json`) holds the state hash of every round of a
fixed set of games and the moves the AI presets choose on fixed positions; it is
written by `tools/record_golden.py`. A refactoring must leave it unchanged.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_recorder() -> ModuleType:
    path = ROOT / "tools" / "record_golden.py"
    spec = importlib.util.spec_from_file_location("record_golden", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["record_golden"] = module
    spec.loader.exec_module(module)
    return module


golden = load_recorder()
RECORDED: dict[str, Any] = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))
AGAIN = "if the change of behaviour is intended, record again with `python tools/record_golden.py`"


@pytest.mark.parametrize("level", sorted(golden.LEVELS))
def test_every_recorded_game_plays_round_for_round_as_recorded(level: str) -> None:
    rules = golden.load_level(golden.LEVELS[level])
    for seat, seed in golden.GAMES:
        key = f"{level} {seat} {seed}"
        played = golden.play(rules, seat, seed)
        recorded = RECORDED["games"][key]
        for i, (now, then) in enumerate(zip(played, recorded, strict=False)):
            assert now == then, (
                f"game '{key}' differs at checkpoint {i} (round:hash now {now}, recorded "
                f"{then}); {AGAIN}"
            )
        assert len(played) == len(recorded), (
            f"game '{key}' has {len(played)} checkpoints, recorded {len(recorded)}; {AGAIN}"
        )


@pytest.mark.parametrize("level", sorted(golden.LEVELS))
def test_the_ai_presets_choose_the_recorded_moves_on_fixed_positions(level: str) -> None:
    rules = golden.load_level(golden.LEVELS[level])
    for name in golden.DECIDERS:
        key = f"{level} {name}"
        chosen = golden.decisions(rules, name)
        recorded = RECORDED["decisions"][key]
        for i, (now, then) in enumerate(zip(chosen, recorded, strict=True)):
            assert now == then, (
                f"{name} on {level} position {i} now picks '{now}', recorded '{then}'; {AGAIN}"
            )


def test_the_record_covers_every_level_and_game_it_names() -> None:
    expected = {f"{lv} {seat} {seed}" for lv in golden.LEVELS for seat, seed in golden.GAMES}
    assert set(RECORDED["games"]) == expected, AGAIN
    deciders = {f"{lv} {name}" for lv in golden.LEVELS for name in golden.DECIDERS}
    assert set(RECORDED["decisions"]) == deciders, AGAIN
