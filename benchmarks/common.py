"""What every benchmark module shares: the row type, the machine description, timers."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Row:
    """One measured number next to its target; `met` is None when there is no target."""

    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def machine() -> dict[str, Any]:
    """A description of this machine for the report header."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_1m": round(load[0], 2),
    }


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` calls of fn."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    """The median (0 for an empty list)."""
    return statistics.median(values) if values else 0.0


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def at_most(name: str, value: float, unit: str, limit: float, note: str = "") -> Row:
    """A row whose target is value ≤ limit."""
    return Row(name, value, unit, f"≤ {limit:g} {unit}", value <= limit, note)


def at_least(name: str, value: float, unit: str, limit: float, note: str = "") -> Row:
    """A row whose target is value ≥ limit."""
    return Row(name, value, unit, f"≥ {limit:g} {unit}", value >= limit, note)
