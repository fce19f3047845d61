"""Hostile arguments never hurt: bounded numbers, outputs checked before the work,
capped workers, quiet broken pipes (issue 20, cases 3 to 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game import cli_args
from game.cli import main
from game.sim import train
from game.sim.backends import BackendError, probe_address
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("SAHEL_CRISIS_DATA_DIR", str(folder))
    return folder


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert "internal error" not in err
    return err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (
            ["play", "tutorial", "--headless", "--ai-budget-ms", "1000000000000000"],
            "--ai-budget-ms",
        ),
        (["play", "tutorial", "--headless", "--ai-budget-ms", "-5"], "--ai-budget-ms"),
        (["play", "tutorial", "--headless", "--seed", str(2**200)], "--seed"),
        (["play", "tutorial", "--headless", "--seed", "9" * 5000], "--seed"),
        (["play", "tutorial", "--max-rounds", "0"], "--max-rounds"),
        (["train-ai", "tutorial", "--epochs", "1000000000"], "--epochs"),
        (["train-ai", "tutorial", "--workers", "0"], "--workers"),
        (["train-ai", "tutorial", "--hidden", "5000"], "--hidden"),
        (["simulate", "tutorial", "--workers", "0"], "--workers"),
        (["simulate", "tutorial", "--ai-budget-ms", "1000000000000000"], "--ai-budget-ms"),
        (["simulate", "tutorial", "--games", "0x10"], "--games"),
        (["simulate", "tutorial", "--ray-address", "x; rm -rf /"], "--ray-address"),
        (["simulate", "tutorial", "--ray-address", "host:99999"], "--ray-address"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_an_out_of_range_number_is_a_usage_error_naming_the_option(
    argv: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys)
    assert f"error: argument {option}:" in err


def test_an_unreachable_ray_address_fails_within_seconds_instead_of_hanging() -> None:
    with pytest.raises(BackendError) as info:
        probe_address("127.0.0.1:1", timeout=2)
    assert "cannot reach a Ray cluster at 127.0.0.1:1" in str(info.value)


def test_workers_are_capped_at_the_cpu_count_and_the_job_count() -> None:
    assert cli_args.cap_workers(1000, 60, cpus=2) == (
        2,
        "note: using 2 workers instead of 1000 (the CPU count is 2)",
    )
    assert cli_args.cap_workers(200, 3, cpus=64) == (
        3,
        "note: using 3 workers instead of 200 (the number of jobs is 3)",
    )
    assert cli_args.cap_workers(2, 10, cpus=4) == (2, None)


def test_simulate_with_1000_workers_for_one_game_runs_one_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sim"
    argv = ["simulate", "tutorial", "--games", "1", "--workers", "1000", "--out", str(out)]
    assert main([*argv, "--no-progress"]) == 0
    assert "using 1 workers instead of 1000" in capsys.readouterr().err
    assert json.loads((out / "report.json").read_text())["run"]["workers"] == 1


def test_training_with_200_workers_starts_a_capped_lazy_pool(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[Any] = []

    class Pool:
        def __init__(self, workers: int, mp_context: Any = None) -> None:
            started.append((workers, mp_context.get_start_method()))

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def map(self, fn: Any, *args: Any, chunksize: int = 1) -> Any:
            return [(None, 0) for _ in zip(*args, strict=True)]

    monkeypatch.setattr(train, "ProcessPoolExecutor", Pool)
    train.generate("tutorial", 40, 0, 200)
    assert started == [(min(5, os.cpu_count() or 1), "spawn")]
    assert "instead of 200" in capsys.readouterr().err


# --- 3 and 5: outputs are checked before the long work, and never replace odd files ----


def test_play_save_into_a_folder_is_refused_before_the_game(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["play", "tutorial", "--headless", "--seed", "1", "--save", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "is a folder, not a file" in err
    assert "Result:" not in out  # no game was played for nothing


def test_play_into_a_read_only_folder_is_refused_before_the_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.atomic.tempfile.mkstemp", read_only)
    code = main(["play", "tutorial", "--headless", "--save", str(tmp_path / "f.json")])
    out, err = capsys.readouterr()
    assert code == 1 and "is not writable" in err and "Result:" not in out


def test_play_json_onto_a_fifo_is_refused_and_the_fifo_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code = main(["play", "tutorial", "--headless", "--quiet", "--json", str(fifo)])
    assert code == 1 and "named pipe" in capsys.readouterr().err
    assert not fifo.is_file() and fifo.exists()


def test_simulate_out_onto_a_file_is_refused_before_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep")
    code = main(["simulate", "tutorial", "--games", "1", "--out", str(target), "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 1 and "is not a folder" in err and "games in" not in out
    assert target.read_text() == "keep"


def test_the_largest_seed_play_accepts_makes_a_save_replay_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = tmp_path / "big-seed.json"
    seed = str(cli_args.SEED_MAX)
    assert (
        main(["play", "tutorial", "--headless", "--quiet", "--seed", seed, "--save", str(save)])
        == 0
    )
    assert main(["replay", str(save), "--verify"]) == 0
    assert "all" in capsys.readouterr().out


# --- 6: a broken pipe ends quietly, with no crash report --------------------------------


def test_piping_play_into_head_ends_quietly_without_a_crash_report(tmp_path: Path) -> None:
    data = tmp_path / "userdata"
    env = {**os.environ, "SAHEL_CRISIS_DATA_DIR": str(data)}
    play = [sys.executable, "main.py", "play", "--headless", "tutorial", "--seed", "1"]
    pipeline = subprocess.run(
        f"{' '.join(play)} | head -1",
        shell=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        executable="/bin/bash",
    )
    assert pipeline.stdout.count("\n") == 1
    assert "internal error" not in pipeline.stderr and "crash report" not in pipeline.stderr
    assert not (data / "crashes").exists()


def test_train_ai_into_a_folder_is_refused_before_any_self_play(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    played: list[int] = []
    monkeypatch.setattr(train, "self_play", lambda level, seed: played.append(seed))
    code = main(["train-ai", "tutorial", "--games", "10", "--workers", "1", "--out", str(tmp_path)])
    assert code == 1 and "is a folder, not a file" in capsys.readouterr().err
    assert played == []
