"""`play --headless ... --save` and `replay SAVE --verify`, for every kind of seat."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Action, Ruleset, legal_actions
from game.headless import play_match
from game.match import Match
from game.saves import load_match, save_match
from tests.conftest import MINI, ROOT


def headless_save(tmp_path: Path, seat: str, seed: int = 3) -> Path:
    path = tmp_path / f"{seat.replace(':', '_')}.json"
    code = main(
        [
            "play",
            "--headless",
            str(MINI),
            "--seed",
            str(seed),
            "--seat",
            f"all={seat}",
            "--ai-budget-ms",
            "5",
            "--quiet",
            "--save",
            str(path),
        ]
    )
    assert code == 0
    return path


@pytest.mark.parametrize(
    "seat", ["random", "greedy", "mcts", "rollout", "ai:easy", "ai:normal", "ai:hard"]
)
def test_a_headless_game_with_each_ai_seat_saves_and_verifies(
    tmp_path: Path, seat: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = headless_save(tmp_path, seat)
    data = json.loads(path.read_text())
    assert data["seats"] == {"red": seat, "blue": seat}
    assert data["result"]["over"] is True
    capsys.readouterr()
    assert main(["replay", str(path), "--verify"]) == 0
    out = capsys.readouterr().out
    assert "all" in out and "round hashes match" in out


def test_a_game_with_a_human_seat_saves_and_verifies(
    mini: Ruleset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def human(match: Match, faction: int) -> Action:
        legal = legal_actions(match.state)
        return legal[len(match.history) % len(legal)]

    match = play_match(mini, 8, ["human", "random"], human=human)
    path = tmp_path / "human.json"
    save_match(match, path)
    assert json.loads(path.read_text())["seats"] == {"red": "human", "blue": "random"}
    assert main(["replay", str(path), "--verify"]) == 0


def test_replay_without_verify_prints_the_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = headless_save(tmp_path, "random")
    capsys.readouterr()
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Round 1" in out and "GAME OVER" in out


def test_verify_names_the_first_round_whose_hash_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = headless_save(tmp_path, "random")
    data = json.loads(path.read_text())
    data["checkpoints"][2]["hash"] = "f" * 32
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["replay", str(path), "--verify"]) == 1
    err = capsys.readouterr().err
    assert f"divergence in round {data['checkpoints'][2]['round']}" in err
    assert "f" * 32 in err
    assert "Traceback" not in err


def test_verify_names_an_illegal_move(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = headless_save(tmp_path, "random")
    data = json.loads(path.read_text())
    data["moves"].insert(
        0, {"faction": "red", "action": "calm", "target": None, "reason": "", "round": 1}
    )
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["replay", str(path), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "divergence in round 1" in err and "move 1" in err


def _game_saved_on_a_copy_of_mini(tmp_path: Path) -> tuple[Path, Path]:
    """Play the mini level from a copy of its folder and save; (its level.yaml, the save)."""
    folder = tmp_path / "lvl"
    shutil.copytree(MINI, folder)
    path = tmp_path / "g.json"
    assert (
        main(["play", "--headless", str(folder), "--seed", "2", "--quiet", "--save", str(path)])
        == 0
    )
    return folder / "level.yaml", path


def test_verify_under_changed_level_files_says_so_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    level, path = _game_saved_on_a_copy_of_mini(tmp_path)
    level.write_text(
        level.read_text().replace(
            "effects: [red.cash += 1, blue.cash += 1]", "effects: [red.cash += 3]"
        )
    )
    capsys.readouterr()
    assert main(["replay", str(path), "--verify"]) == 1
    captured = capsys.readouterr()
    assert "changed since the save" in captured.err
    assert "divergence in round 2" in captured.err


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b'{"format": "x"}', b"[]"])
def test_verify_of_a_broken_file_is_a_message_and_exit_1(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["replay", str(path), "--verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    assert path.read_bytes() == content


def test_replay_verify_as_a_real_process(tmp_path: Path) -> None:
    path = headless_save(tmp_path, "random", seed=12)
    ok = subprocess.run(
        [sys.executable, "main.py", "replay", str(path), "--verify"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    path.write_text(path.read_text()[:200])
    bad = subprocess.run(
        [sys.executable, "main.py", "replay", str(path), "--verify"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr and "cut short" in bad.stderr


def test_a_loaded_save_continues_to_the_same_end_as_the_original(
    mini: Ruleset, tmp_path: Path
) -> None:
    full = Match.new(mini, 30)
    moves: list[Action] = []
    while not full.is_over:
        legal = legal_actions(full.state)
        moves.append(legal[(len(moves) * 7) % len(legal)])
        full.play(moves[-1])
    half = Match.new(mini, 30)
    for action in moves[: len(moves) // 2]:
        half.play(action)
    save_match(half, tmp_path / "half.json")
    resumed = load_match(tmp_path / "half.json")
    for action in moves[len(moves) // 2 :]:
        resumed.play(action)
    assert resumed.round_hashes == full.round_hashes
    assert resumed.state.hash() == full.state.hash()


def test_every_shipped_level_that_loads_saves_and_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.content import ContentError, load_level
    from tests.conftest import shipped_levels

    for folder in shipped_levels():
        try:
            load_level(folder)
        except ContentError:
            continue  # a level still being written is checked by its own tests
        path = tmp_path / f"{folder.name}.json"
        assert (
            main(
                [
                    "play",
                    "--headless",
                    str(folder),
                    "--seed",
                    "5",
                    "--quiet",
                    "--seat",
                    "all=random",
                    "--save",
                    str(path),
                ]
            )
            == 0
        )
        assert main(["replay", str(path), "--verify"]) == 0, capsys.readouterr().err


def test_verify_under_a_text_only_level_change_passes_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    level, path = _game_saved_on_a_copy_of_mini(tmp_path)
    level.write_text(level.read_text().replace("Wants calm.", "Wants peace and quiet."))
    capsys.readouterr()
    assert main(["replay", str(path), "--verify"]) == 0
    captured = capsys.readouterr()
    assert "changed since the save" in captured.err
    assert "round hashes match" in captured.out
