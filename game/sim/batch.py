"""Run a batch of AI-vs-AI games and write the report and plots."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from game.ai import Line
from game.atomic import DestinationError, atomic_write_bytes, check_destination
from game.engine import Ruleset
from game.sim.backends import run_inline, run_local, run_ray
from game.sim.games import GameResult, GameSpec, LevelPayload
from game.sim.plots import plot_tracks, plot_winrates
from game.sim.report import build_report, markdown_table


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch."""

    games: int
    seed: int
    seats: tuple[str, ...]
    budget_ms: int | None = None
    workers: int = 1
    backend: str = "local"  # "local" | "ray"
    ray_address: str | None = None
    progress: bool | None = None  # None: only when stderr is a terminal
    probes: tuple[str, ...] = ()  # expectation expressions each game evaluates per round
    lines: tuple[Line, ...] = ()  # the lines of play `+line=NAME` seats keep to


def run_batch(
    rules: Ruleset, folder: Path, options: BatchOptions
) -> tuple[dict[str, Any], list[GameResult]]:
    """Play the games and return (report, per-game results), the report with timing.

    Raises BackendError if the chosen backend cannot run.
    """
    spec = GameSpec(
        LevelPayload.from_folder(folder),
        options.seats,
        options.seed,
        options.budget_ms,
        options.probes,
        options.lines,
    )
    show = sys.stderr.isatty() if options.progress is None else options.progress
    bar = tqdm(
        total=options.games,
        disable=not show,
        unit="game",
        file=sys.stderr,
        desc=f"simulate {rules.level_id}",
    )
    start = time.perf_counter()
    try:
        if options.backend == "ray":
            results = run_ray(spec, options.games, options.workers, bar.update, options.ray_address)
        elif options.workers <= 1:
            results = run_inline(spec, options.games, bar.update)
        else:
            results = run_local(spec, options.games, options.workers, bar.update)
    finally:
        bar.close()
    seconds = time.perf_counter() - start
    report = build_report(rules, results, list(options.seats), options.seed, options.budget_ms)
    report["seconds"] = round(seconds, 3)
    report["run"] = {
        "backend": options.backend,
        "workers": options.workers,
        "games_per_second": round(len(results) / seconds, 3) if seconds > 0 else None,
    }
    return report, results


OUTPUT_FILES = ("report.json", "games.jsonl", "winrates.png", "tracks.png", "summary.md")


def check_output_folder(out: Path) -> None:
    """Check that the batch's files can be written into `out` (a folder or a new path);
    raises DestinationError (an OSError) saying why not."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise DestinationError(out, "is not a folder; give --out a folder (new or existing)")
    for name in OUTPUT_FILES:
        check_destination(out / name, probe=False)
    check_destination(out / OUTPUT_FILES[0])


def write_outputs(
    rules: Ruleset, report: dict[str, Any], results: list[GameResult], out: Path
) -> list[Path]:
    """Write report.json, games.jsonl, summary.md, winrates.png and tracks.png into `out`."""
    check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in OUTPUT_FILES]
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(paths[0], text.encode("utf-8"))
    lines = [
        json.dumps(
            {
                "index": r.index,
                "seed": r.seed,
                "winner": r.winner,
                "outcome": r.outcome,
                "rounds": r.rounds,
                "scores": r.scores,
            }
        )
        + "\n"
        for r in results
    ]
    atomic_write_bytes(paths[1], "".join(lines).encode("utf-8"))
    atomic_write_bytes(paths[4], markdown_table(report).encode("utf-8"))
    plot_winrates(rules, report, paths[2])
    plot_tracks(rules, report, paths[3])
    return paths
