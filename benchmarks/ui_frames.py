"""UI frame time: p50/p99 of whole frames (events, update, draw, flip) at 1280×720 with the
SDL dummy driver, while AI seats play the flagship level, and memory over many frames.

Run alone with `nice -n 10 python -m benchmarks.ui_frames [--quick] [--frames N]`;
`python -m benchmarks` includes these rows. The mouse sweeps over the map every few frames,
so hover boxes and map highlights are part of the measurement. When a game ends, a new one
starts (the end screen is drawn in between).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from benchmarks.common import Row, at_most, median, percentile

LEVEL = "niger_2023"


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def measure(frames: int, level: str = LEVEL, seed: int = 1) -> dict[str, float]:
    """Run the real window for `frames` frames; returns timings (s) and memory (MB)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.ui.app import App, StartOptions
    from game.ui.screens.play import PlayScreen

    app = App(options=StartOptions(level=level, seed=seed, seat_specs=("all=ai:easy",)))
    app.settings.ai_pace = 0.5
    app.reset(app.screens.from_options())
    times: list[float] = []
    cpu_times: list[float] = []
    warm = min(1000, frames // 5)
    rss_warm = 0.0
    rss_half = 0.0
    games = 1
    moves = 0
    try:
        for i in range(frames):
            if i % 7 == 0:
                x = 40 + (i * 13) % 760
                y = 200 + (i * 7) % 440
                pygame.event.post(
                    pygame.event.Event(
                        pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0)
                    )
                )
            start = time.perf_counter()
            cpu_start = time.thread_time()
            app.step(1 / 60)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.thread_time() - cpu_start)
            if i == warm:
                rss_warm = _rss_mb()
            if i == frames // 2:
                rss_half = _rss_mb()
            top = app.top
            if not isinstance(top, PlayScreen) and i % 30 == 29:
                games += 1
                app.options.seed = seed + games
                app.reset(app.screens.from_options())
            elif isinstance(top, PlayScreen):
                moves = max(moves, len(top.session.match.history))
        rss_end = _rss_mb()
        cached = app.fonts.cached
    finally:
        app.close()
    steady = times[warm:]
    cpu = cpu_times[warm:]
    return {
        "p50": median(steady),
        "p99": percentile(steady, 99),
        "max": max(steady),
        "cpu_p50": median(cpu),
        "cpu_p99": percentile(cpu, 99),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0,
        "rss_warm": rss_warm,
        "rss_half": rss_half,
        "rss_end": rss_end,
        "frames": float(len(steady)),
        "games": float(games),
        "cached": float(cached),
        "moves": float(moves),
    }


def rows(quick: bool) -> list[Row]:
    """Frame time and memory rows for the benchmark table."""
    frames = 2500 if quick else 10_000
    m = measure(frames)
    note = (
        f"{int(m['frames'])} frames after warm-up, {int(m['games'])} game(s), "
        f"4× ai:easy, 0.5 s per AI move, dummy driver, load average {m['load']:.1f}"
    )
    growth = m["rss_end"] - m["rss_half"]
    return [
        Row("UI frame time p50 (1280×720)", m["p50"] * 1000, "ms", note=note),
        at_most("UI frame time p99 (1280×720)", m["p99"] * 1000, "ms", 8, note),
        Row("UI frame time max", m["max"] * 1000, "ms"),
        Row(
            "UI thread CPU per frame p50",
            m["cpu_p50"] * 1000,
            "ms",
            note="the UI thread's own work, without waiting for the CPU or the GIL",
        ),
        at_most(
            "UI thread CPU per frame p99",
            m["cpu_p99"] * 1000,
            "ms",
            8,
            "same; wall time above includes time the OS gave to other processes",
        ),
        at_most(
            f"UI memory growth, second half of {frames} frames",
            growth,
            "MB",
            10,
            f"RSS {m['rss_warm']:.0f} (warm) → {m['rss_half']:.0f} (half) → "
            f"{m['rss_end']:.0f} MB (end), includes the games' own history; "
            f"{int(m['cached'])} cached text renders (bounded at 1200)",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Print the rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_frames", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--frames", type=int, default=None)
    args = parser.parse_args(argv)
    if args.frames:
        m = measure(args.frames)
        for k, v in m.items():
            ms = k in ("p50", "p99", "max", "cpu_p50", "cpu_p99")
            print(f"{k}: {v * 1000:.2f} ms" if ms else f"{k}: {v:.1f}")
        return 0
    from benchmarks.__main__ import table

    print(table(rows(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
