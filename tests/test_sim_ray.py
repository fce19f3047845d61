"""The Ray backend runs the same jobs as local processes and gives the same report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.content import load_level
from game.sim.batch import BatchOptions, run_batch

MINI = Path(__file__).resolve().parent / "levels" / "mini"


def test_a_local_ray_instance_gives_the_same_report_as_local_processes() -> None:
    pytest.importorskip("ray", reason="the ray backend needs the [cluster] extra (Ray)")
    rules = load_level(MINI)
    base = BatchOptions(games=6, seed=4, seats=("random", "greedy"), workers=1, progress=False)
    local, _ = run_batch(rules, MINI, base)
    on_ray, results = run_batch(rules, MINI, dataclasses.replace(base, backend="ray"))
    assert [r.index for r in results] == list(range(6))
    assert on_ray["run"]["backend"] == "ray"
    for key in ("seconds", "run"):
        local.pop(key)
        on_ray.pop(key)
    assert on_ray == local


def test_the_ray_backend_without_ray_installed_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sys

    from game.cli import main

    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail
    code = main(["simulate", str(MINI), "--games", "1", "--backend", "ray", "--out", str(tmp_path)])
    assert code == 1
    assert "the ray backend needs Ray: pip install -e '.[cluster]'" in capsys.readouterr().err
