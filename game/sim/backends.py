"""Where the games of a batch run: this process, a local process pool, or Ray.

Every backend runs the same jobs (chunks of game indices) and returns the results
sorted by index, so the report is the same whichever backend and worker count.
"""

from __future__ import annotations

import multiprocessing
import socket
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from game.ai.victory import level_model
from game.sim.games import GameResult, GameSpec, play_games, rules_for

Progress = Callable[[int], None]


class BackendError(Exception):
    """A backend cannot run (e.g. Ray is not installed or unreachable)."""


def chunks(n_games: int, workers: int) -> list[list[int]]:
    """Split game indices into contiguous chunks: about 4 per worker, at most 25 games."""
    size = max(1, min(25, n_games // max(1, workers * 4)))
    return [list(range(i, min(n_games, i + size))) for i in range(0, n_games, size)]


def run_inline(spec: GameSpec, n_games: int, progress: Progress) -> list[GameResult]:
    """Play every game in this process (workers = 1 without a pool)."""
    results = []
    for index in range(n_games):
        results.extend(play_games(spec, [index]))
        progress(1)
    return results


def warm_start(spec: GameSpec) -> multiprocessing.context.BaseContext:
    """How to start workers so the fixed start-up cost is paid once, not per worker.

    On Linux the level is compiled and the AI's evaluation model probed here, and the
    workers are forked from this process, inheriting both (and every import); elsewhere
    they are spawned fresh and each pays it.
    """
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    rules = rules_for(spec.level)
    if any(seat != "random" for seat in spec.seats):
        level_model(rules)
    return multiprocessing.get_context("fork")


def run_local(spec: GameSpec, n_games: int, workers: int, progress: Progress) -> list[GameResult]:
    """Play the games in a pool of `workers` processes (see `warm_start`)."""
    context = warm_start(spec)
    results: list[GameResult] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: set[Future[list[GameResult]]] = {
            pool.submit(play_games, spec, part) for part in chunks(n_games, workers)
        }
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                part = future.result()
                results.extend(part)
                progress(len(part))
    return sorted(results, key=lambda r: r.index)


def _ray_module() -> Any:
    try:
        import ray
    except ImportError:
        raise BackendError("the ray backend needs Ray: pip install -e '.[cluster]'") from None
    return ray


PROBE_TIMEOUT_S = 5.0


def probe_address(address: str, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Check that something listens at a Ray 'HOST:PORT' (or 'ray://HOST:PORT') within
    `timeout` seconds, so an unreachable cluster is an error instead of a hang; 'auto'
    is not probed. Raises BackendError."""
    if address == "auto":
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    host = host.strip("[]")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            pass
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise BackendError(
            f"cannot reach a Ray cluster at {address} within {timeout:g} s ({why}); "
            "check the address, or leave out --ray-address to start Ray locally"
        ) from None


def run_ray(
    spec: GameSpec, n_games: int, workers: int, progress: Progress, address: str | None = None
) -> list[GameResult]:
    """Play the games as Ray tasks, on the cluster at `address` or a local Ray instance.

    Starts Ray if it is not running (and shuts down what it started). For a remote
    cluster the `game` package is shipped with the job (`py_modules`).
    """
    if address:
        probe_address(address)
    ray = _ray_module()
    started = False
    if not ray.is_initialized():
        try:
            if address:
                game_dir = str(Path(__file__).resolve().parents[1])
                ray.init(
                    address=address, runtime_env={"py_modules": [game_dir]}, log_to_driver=False
                )
            else:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        except Exception as exc:  # Ray raises many kinds (connection, runtime env...)
            raise BackendError(f"could not start or reach Ray: {exc}") from None
        started = True
    try:
        task = ray.remote(play_games)
        spec_ref = ray.put(spec)
        pending = [task.remote(spec_ref, part) for part in chunks(n_games, workers)]
        results: list[GameResult] = []
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for part in ray.get(done):
                results.extend(part)
                progress(len(part))
        return sorted(results, key=lambda r: r.index)
    finally:
        if started:
            ray.shutdown()
