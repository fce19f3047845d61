"""`python -m benchmarks --quick` works end to end (a smoke test, not a timing test)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game._purepath import pure_requested

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(
    pure_requested(),
    reason="the benchmarks time the compiled build (CI's first pass runs this smoke); the "
    "plain-Python pass would run the same harness, slower, over an engine the rest of its "
    "suite covers",
)
def test_the_quick_benchmark_run_measures_every_area_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(out.read_text())
    assert {"python", "cpus", "platform"} <= set(data["machine"])
    rows = data["rows"]
    names = " ".join(r["name"] for r in rows)
    failed = [r for r in rows if r["name"].endswith(": failed")]
    assert not failed, failed
    areas = ["decisions/s", "load+validate", "ai:hard", "peak RSS", "UI frame", "simulate"]
    if importlib.util.find_spec("pettingzoo") and importlib.util.find_spec("pyspiel"):
        areas.append("PettingZoo")
    for area in areas:
        assert area in names, f"no benchmark row for {area}"
    for row in rows:
        assert set(row) >= {"name", "value", "unit", "target", "met"}
        if row["target"]:
            assert isinstance(row["met"], bool), row
    assert "| measurement | value | target | met |" in result.stdout
