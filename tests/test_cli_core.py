"""The command-line contract that outside checks rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Ruleset
from tests.conftest import MINI, ROOT, mini_text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_validate_prints_a_one_line_summary_and_exits_zero(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(MINI)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("OK mini: 2 factions, 4 actions")


def test_validate_lists_located_errors_and_exits_one_without_traceback(
    write_level: Callable[[str], Path],
) -> None:
    folder = write_level(
        mini_text().replace("faction: blue\n    name: Calm", "faction: bleu\n    name: Calm")
    )
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if "unknown faction 'bleu'" in x)
    file, lineno, col, _ = line.split(":", 3)
    assert file.endswith("level.yaml") and int(lineno) > 0 and int(col) > 0
    assert "did you mean 'blue'?" in line


def test_info_json_has_the_agreed_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(MINI), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["level"] == "mini" and info["factions"] == ["red", "blue"]
    assert info["actions"] == {"red": 2, "blue": 2}
    assert (info["events"], info["regions"], info["rounds"]) == (4, 2, 4)
    assert info["resources"] == 4


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"].startswith(
        "http://json-schema.org/draft-07"
    )


def test_headless_play_writes_the_result_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.json"
    assert (
        main(
            [
                "play",
                "--headless",
                str(MINI),
                "--seed",
                "7",
                "--seat",
                "all=random",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    result = json.loads(out.read_text())
    assert set(result) >= {"outcome", "winner", "rounds", "scores", "final_state_hash", "log"}
    assert result["rounds"] >= 1 and result["log"]
    assert "Result:" in capsys.readouterr().out
    again = tmp_path / "again.json"
    main(
        [
            "play",
            "--headless",
            str(MINI),
            "--seed",
            "7",
            "--seat",
            "all=random",
            "--json",
            str(again),
            "--quiet",
        ]
    )
    assert json.loads(again.read_text())["final_state_hash"] == result["final_state_hash"]


def test_bad_seats_and_unknown_levels_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--headless", str(MINI), "--seat", "green=random"]) == 1
    assert "unknown faction 'green'" in capsys.readouterr().err
    assert main(["play", "--headless", str(MINI), "--seat", "red=genius"]) == 1
    with pytest.raises(SystemExit) as exited:
        main(["validate", "no_such_level"])
    assert exited.value.code == 1
    assert "no such level folder" in capsys.readouterr().err


def test_no_display_prints_advice_and_exits_nonzero_without_traceback() -> None:
    env_cmd = [
        sys.executable,
        "-c",
        "import os, sys\n"
        "for k in ('DISPLAY', 'WAYLAND_DISPLAY', 'SDL_VIDEODRIVER'):\n"
        "    os.environ.pop(k, None)\n"
        "from game.cli import main\nsys.exit(main([]))\n",
    ]
    result = subprocess.run(env_cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "--headless" in result.stderr and "Traceback" not in result.stderr


def test_all_sets_the_seats_not_named_otherwise_in_any_order(mini: Ruleset) -> None:
    from game.seats import parse_seats

    known = {"random", "greedy"}
    assert parse_seats(mini, ["red=greedy", "all=random"], "x", known) == ["greedy", "random"]
    assert parse_seats(mini, ["all=random", "red=greedy"], "x", known) == ["greedy", "random"]
    assert parse_seats(mini, [], "greedy", known) == ["greedy", "greedy"]


def test_an_unexpected_error_becomes_a_message_and_a_crash_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.console as console

    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(tmp_path))

    def boom(level: str) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(console, "open_level", boom)
    assert main(["validate", str(MINI)]) == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaboom" in err and "Traceback" not in err
    reports = list((tmp_path / "crashes").glob("crash-*/report.txt"))
    assert len(reports) == 1 and "kaboom" in reports[0].read_text()
