"""Builders of hostile inputs, written into a temporary folder at test time.

Large files are generated here, never committed. Each builder returns the path to
pass to the game (a level folder, a save, a settings file, ...).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.conftest import MINI, ROOT

TUTORIAL = ROOT / "levels" / "tutorial"
NIGER = ROOT / "levels" / "niger_2023"


def copy_level(src: Path, dest: Path) -> Path:
    """A copy of a level folder (with its tests and value model) at `dest`."""
    shutil.copytree(src, dest)
    return dest


def mini_with(dest: Path, extra: str, name: str = "extra.yaml") -> Path:
    """The mini level plus one more YAML file holding `extra`."""
    folder = copy_level(MINI, dest)
    (folder / name).write_text(extra, encoding="utf-8")
    return folder


def scalar_alias_bomb(dest: Path, repeats: int = 60_000, width: int = 20) -> Path:
    """A level whose one scalar anchor is repeated `repeats` times (issue 20, case 2)."""
    text = f"x: &s {'y' * width}\nlist: [{', '.join(['*s'] * repeats)}]\n"
    return mini_with(dest, text, "bomb.yaml")


def many_regions_and_actions(dest: Path, regions: int, actions: int) -> Path:
    """The mini level plus `regions` regions and `actions` region-targeted actions."""
    lines = ["regions:"]
    lines += [f"  - {{id: r{i}, name: R{i}, position: [{i}, 1]}}" for i in range(regions)]
    lines.append("actions:")
    lines += [
        f"  - {{id: a{i}, faction: red, name: A{i}, description: d, target: region, "
        "effects: [tension += 1]}"
        for i in range(actions)
    ]
    return mini_with(dest, "\n".join(lines) + "\n")


def many_factions_regions_values(dest: Path, factions: int, regions: int, values: int) -> Path:
    """A level of `factions` factions × `regions` regions × `values` per-faction values."""
    folder = dest
    folder.mkdir(parents=True)
    ids = [f"f{i}" for i in range(factions)]
    lines = [
        "level: {id: wide, name: Wide, description: d, rounds: 2, start_date: '2023-01-01', "
        f"order: [{', '.join(ids)}]}}",
        "factions:",
    ]
    lines += [f"  - {{id: {f}, name: {f}, short: {f}, description: d}}" for f in ids]
    lines.append("region_values:")
    lines += [
        f"  - {{id: v{i}, name: V{i}, description: d, per_faction: true}}" for i in range(values)
    ]
    lines.append("regions:")
    lines += [f"  - {{id: r{i}, name: R{i}, position: [{i}, 0]}}" for i in range(regions)]
    lines.append("outcomes:")
    lines.append("  - {id: end, name: End, headline: End, when: 'true', check: end}")
    (folder / "level.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def long_number_level(dest: Path, prefix: str = "0x", digit: str = "f", n: int = 5000) -> Path:
    """The mini level with `rounds:` set to a number of `n` digits (hex, octal, decimal)."""
    text = (MINI / "level.yaml").read_text(encoding="utf-8")
    folder = dest
    folder.mkdir(parents=True)
    (folder / "level.yaml").write_text(
        text.replace("rounds: 4", f"rounds: {prefix}{digit * n}"), encoding="utf-8"
    )
    return folder


def deep_value_model(dest: Path, depth: int = 3000) -> Path:
    """The tutorial with an `ai_value.json` nested `depth` deep."""
    folder = copy_level(TUTORIAL, dest)
    (folder / "ai_value.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
    return folder


def long_int_value_model(dest: Path, digits: int = 5000) -> Path:
    """The tutorial with an `ai_value.json` holding a `digits`-digit integer."""
    folder = copy_level(TUTORIAL, dest)
    (folder / "ai_value.json").write_text(
        '{"format": 1, "hidden": ' + "9" * digits + "}", encoding="utf-8"
    )
    return folder


def nan_value_model(dest: Path) -> Path:
    """The niger_2023 level whose `ai_value.json` holds NaN as its first weight (Python's
    JSON reader accepts NaN and Infinity); in the first member's network of an ensemble
    (format 2)."""
    folder = copy_level(NIGER, dest)
    model = folder / "ai_value.json"
    data = json.loads(model.read_text(encoding="utf-8"))
    network = data["members"][0] if "members" in data else data
    network["out_bias"][0] = float("nan")
    model.write_text(json.dumps(data), encoding="utf-8")
    return folder


def long_string_level(dest: Path, length: int = 1_000_000) -> Path:
    """The mini level whose name is one string of `length` characters on one line."""
    folder = copy_level(MINI, dest)
    path = folder / "level.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n  name: ")
    _, _, tail = rest.partition("\n")
    path.write_text(f'{head}\n  name: "{"x" * length}"\n{tail}', encoding="utf-8")
    return folder


def rule_tests_with_errors(dest: Path, rows: int = 4000) -> Path:
    """The tutorial whose rule-test file has one test with 4 errors on each of `rows`
    moves (16,000 errors for the default)."""
    folder = copy_level(TUTORIAL, dest)
    lines = ["tests:", "  - name: many errors", "    when:"]
    lines += ["      - {faction: 1, action: 2, target: 3, roll: 4}"] * rows
    (folder / "tests" / "tutorial.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def linked_rule_tests(dest: Path) -> Path:
    """The tutorial whose rule-test file is a link to the niger_2023 level's tests."""
    folder = copy_level(TUTORIAL, dest)
    target = next(iter(sorted((NIGER / "tests").glob("*.yaml"))))
    test_file = folder / "tests" / "tutorial.yaml"
    test_file.unlink()
    os.symlink(target, test_file)
    return folder


def linked_value_model(dest: Path) -> Path:
    """The niger_2023 level whose `ai_value.json` is a link to a file outside it."""
    folder = copy_level(NIGER, dest)
    model = folder / "ai_value.json"
    outside = dest.parent / f"{dest.name}-outside.json"
    shutil.copy(model, outside)
    model.unlink()
    os.symlink(outside, model)
    return folder


def edited_save(src: Path, dest: Path, **changes: object) -> Path:
    """A copy of save `src` with top-level keys (or `state.v.-1` for the last counter)
    changed."""
    data = json.loads(src.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key == "last_counter":
            data["state"]["v"][-1] = value
        else:
            data[key] = value
    dest.write_text(json.dumps(data), encoding="utf-8")
    return dest
