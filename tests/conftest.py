"""Shared fixtures: the mini level and helpers to build tiny levels in code."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.content import load_level
from game.engine import Ruleset

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "levels" / "mini"
BARGAIN = ROOT / "tests" / "levels" / "bargain"  # the mini level plus deals
FLOOD = ROOT / "tests" / "levels" / "flood"  # written from docs/level-format.md alone


@pytest.fixture(autouse=True)
def _private_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test saves settings, autosaves and crash reports under its own tmp_path/userdata."""
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture(scope="session")
def mini() -> Ruleset:
    """The compiled mini level (two factions, two regions)."""
    return load_level(MINI)


@pytest.fixture
def write_level(tmp_path: Path) -> Callable[[str], Path]:
    """Write YAML text as a one-file level folder and return the folder."""

    def write(text: str, name: str = "level.yaml") -> Path:
        folder = tmp_path / "lvl"
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        return folder

    return write


def mini_text() -> str:
    """The mini level's YAML text, for tests that mutate it."""
    return (MINI / "level.yaml").read_text(encoding="utf-8")


def shipped_levels() -> list[Path]:
    """Every level folder under levels/."""
    return (
        sorted(
            p
            for p in (ROOT / "levels").iterdir()
            if (p / "level.yaml").exists() or any(p.glob("*.yaml"))
        )
        if (ROOT / "levels").is_dir()
        else []
    )


@pytest.fixture(
    scope="module", params=[MINI, BARGAIN, FLOOD, *shipped_levels()], ids=lambda p: p.name
)
def level(request: pytest.FixtureRequest) -> Ruleset:
    """The mini level, the deals and flood test levels and every shipped level in turn,
    loaded (a test runs once per level)."""
    folder: Path = request.param
    return load_level(folder)


def set_value(state: Any, key: str, value: int) -> None:
    """Override one named value of a state (test setup)."""
    state.v[state.rules.slot(key)] = value
