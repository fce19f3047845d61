"""Resource limits of a level, decided once and enforced at load.

A small file can describe a huge game (8,000 region-targeted actions × 8,000 regions,
or 200 factions × 3,000 regions × per-faction values): the compiled layout would then
need gigabytes and minutes. These limits are checked on the schema-checked sections,
before anything is compiled, and every refusal names the limit and what to do. They
are far above what a playable level needs (the flagship level uses a few percent of
each) and are documented in docs/level-format.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.content.problems import Problem

MAX_FOLDER_BYTES = 8_000_000  # all YAML files of a level folder together
MAX_COUNTS: dict[str, int] = {
    "factions": 16,
    "resources": 256,
    "tracks": 256,
    "region_values": 64,
    "regions": 256,
    "neighbours": 4096,
    "actions": 1000,
    "events": 1000,
    "upkeep": 500,
    "objectives": 500,
    "outcomes": 200,
    "deals": 100,
}
MAX_ACTION_SPACE = 20_000  # (action, target) pairs: each action times its possible targets
MAX_STATE_VALUES = 50_000  # numbers in one game state (values plus per-action/event counters)


def check_folder_size(files: Iterable[Path], where: str) -> Problem | None:
    """A problem if the files together are larger than MAX_FOLDER_BYTES, else None."""
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    if total > MAX_FOLDER_BYTES:
        return Problem(
            where,
            0,
            0,
            f"the level's YAML files hold {total} bytes together, more than the limit of "
            f"{MAX_FOLDER_BYTES}; a level is text written by people — remove generated data",
        )
    return None


def _items(models: Iterable[Any], section: str) -> list[Any]:
    out: list[Any] = []
    for model in models:
        out.extend(getattr(model, section, None) or [])
    return out


def _locate(files: list[Any], section: str, where: str) -> tuple[str, int, int]:
    """(file, line, col) of `section` in the file holding most of its items."""
    best = max(files, key=lambda f: len(getattr(f.model, section, None) or []), default=None)
    if best is None or not getattr(best.model, section, None):
        return where, 0, 0
    line, col = best.where((section,))
    return best.name, line, col


def check_sizes(files: list[Any], where: str) -> list[Problem]:
    """Problems for every limit the level's checked sections exceed (empty when it fits).

    `files` are the level's parsed files (each with `.name`, `.model`, a `LevelFile`
    or None, and `.where(path)`); counts are summed over files. Each problem points
    at the section in the file holding most of its items.
    """
    files = [f for f in files if f.model is not None]
    models = [f.model for f in files]
    problems: list[Problem] = []
    counts = {section: len(_items(models, section)) for section in MAX_COUNTS}
    for section, limit in MAX_COUNTS.items():
        if counts[section] > limit:
            problems.append(
                Problem(
                    *_locate(files, section, where),
                    f"the level has {counts[section]} {section}, more than the limit of "
                    f"{limit}; merge or remove some",
                )
            )
    if problems:
        return problems  # the products below would only repeat the same news
    n_f, n_r = max(1, counts["factions"]), counts["regions"]
    targets = {"none": 1, "region": max(1, n_r), "faction": n_f}
    space = sum(targets.get(a.target, 1) for a in _items(models, "actions"))
    if space > MAX_ACTION_SPACE:
        problems.append(
            Problem(
                *_locate(files, "actions", where),
                f"the actions have {space} (action, target) choices in all, more than the "
                f"limit of {MAX_ACTION_SPACE}; fewer region-targeted actions or fewer regions",
            )
        )
    per_owner = sum(n_f if r.faction == "all" else 1 for r in _items(models, "resources"))
    per_region = sum(n_f if rv.per_faction else 1 for rv in _items(models, "region_values"))
    state = (
        per_owner
        + counts["tracks"]
        + per_region * n_r
        + 3 * counts["actions"]
        + 2 * counts["events"]
        + n_f
        + counts["objectives"]
    )
    if state > MAX_STATE_VALUES:
        problems.append(
            Problem(
                *_locate(files, "regions", where),
                f"a game state would hold {state} numbers, more than the limit of "
                f"{MAX_STATE_VALUES} (regions × region values × factions with per_faction "
                "counts most); fewer regions or fewer per-faction region values",
            )
        )
    return problems
