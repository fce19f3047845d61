"""Save files: readable, versioned JSON that round-trips, written atomically."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from game.engine import Ruleset, legal_actions
from game.match import Match
from game.saves import SaveFileError, dumps, load_match, parse, save_match
from tests.conftest import MINI


def random_match(rules: Ruleset, seed: int, moves: int | None = None) -> Match:
    """A match played by uniformly random legal moves (to the end, or `moves` moves)."""
    match = Match.new(rules, seed)
    rng = random.Random(seed)
    while not match.is_over and (moves is None or len(match.history) < moves):
        match.play(rng.choice(legal_actions(match.state)), reason=f"pick {len(match.history)}")
    return match


def test_a_finished_game_round_trips_through_a_save_file(mini: Ruleset, tmp_path: Path) -> None:
    match = random_match(mini, 11)
    path = tmp_path / "game.json"
    save_match(match, path)
    loaded = load_match(path)
    assert loaded.state.hash() == match.state.hash()
    assert loaded.round_hashes == match.round_hashes
    assert [(m.faction, m.action, m.reason, m.round) for m in loaded.history] == [
        (m.faction, m.action, m.reason, m.round) for m in match.history
    ]
    assert loaded.log == match.log


def test_a_game_saved_mid_round_loads_at_the_same_decision_point(
    mini: Ruleset, tmp_path: Path
) -> None:
    match = random_match(mini, 5, moves=3)
    path = tmp_path / "mid.json"
    save_match(match, path)
    loaded = load_match(path)
    assert loaded.state.hash() == match.state.hash()
    assert loaded.active == match.active
    assert not loaded.is_over


def test_a_save_names_factions_actions_and_targets_by_id(mini: Ruleset) -> None:
    match = Match.new(mini, 2)
    agitate = mini.action_by_id("agitate").index
    match.play(next(a for a in legal_actions(match.state) if a.action == agitate))
    data = json.loads(dumps(match))
    assert data["format"] == "sahel-crisis-save"
    assert data["version"] == 1
    assert data["level"]["id"] == "mini"
    assert data["level"]["fingerprint"] == mini.fingerprint
    assert data["seed"] == 2
    move = data["moves"][0]
    assert move["faction"] == "red"
    assert move["action"] == "agitate"
    assert move["target"] in {"capital", "hills"}
    assert move["round"] == 1
    assert data["state"] == match.state.to_dict()
    assert data["checkpoints"][0] == {"round": 1, "hash": match.round_hashes[0]}
    assert data["created_at"].endswith("+00:00")


def test_ending_a_turn_is_saved_as_a_null_action(mini: Ruleset) -> None:
    match = Match.new(mini, 2)
    match.play(legal_actions(match.state)[0])
    move = json.loads(dumps(match))["moves"][0]
    assert move["action"] is None and move["target"] is None


def test_the_seats_are_saved_when_the_match_knows_them(mini: Ruleset, tmp_path: Path) -> None:
    match = random_match(mini, 3)
    match.seats = ["random", "human"]
    save_match(match, tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["seats"] == {"red": "random", "blue": "human"}
    assert load_match(tmp_path / "s.json").seats == ["random", "human"]


def test_a_save_loads_from_another_working_directory(
    mini: Ruleset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    match = random_match(mini, 4)
    save_match(match, tmp_path / "s.json")
    monkeypatch.chdir(tmp_path)
    assert load_match("s.json").state.hash() == match.state.hash()


def test_saving_creates_missing_folders_and_leaves_no_temporary_files(
    mini: Ruleset, tmp_path: Path
) -> None:
    path = tmp_path / "a" / "b" / "game.json"
    save_match(random_match(mini, 1), path)
    save_match(random_match(mini, 2), path)
    assert [p.name for p in path.parent.iterdir()] == ["game.json"]
    assert json.loads(path.read_text())["seed"] == 2


def test_a_crash_during_a_save_leaves_the_previous_save_intact(
    mini: Ruleset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "game.json"
    save_match(random_match(mini, 1), path)
    before = path.read_bytes()

    def power_cut(fd: int) -> None:
        raise OSError(5, "simulated power cut")

    monkeypatch.setattr("game.atomic.os.fsync", power_cut)
    with pytest.raises(OSError, match="power cut"):
        save_match(random_match(mini, 2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]
    assert load_match(path).seed == 1


def test_the_save_is_written_with_fsync_and_an_atomic_rename(
    mini: Ruleset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr("game.atomic.os.fsync", fsync)
    monkeypatch.setattr("game.atomic.os.replace", replace)
    save_match(random_match(mini, 1), tmp_path / "g.json")
    assert calls[:2] == ["fsync", "replace"]
    assert calls[-1] == "fsync"  # the folder, so the rename itself is durable


def test_parse_accepts_its_own_output_and_nothing_else_of_another_format(mini: Ruleset) -> None:
    raw = dumps(random_match(mini, 9))
    assert parse(raw).seed == 9
    other = json.loads(raw)
    other["format"] = "some-other-game"
    with pytest.raises(SaveFileError, match="not a Sahel Crisis save"):
        parse(json.dumps(other).encode())


def test_the_mini_level_used_by_these_tests_exists() -> None:
    assert (MINI / "level.yaml").is_file()
