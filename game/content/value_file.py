"""A level's trained value model (`ai_value.json`): read, checked against the level.

The file is untrusted like every level file: it is parsed as JSON (never executed),
its shape is checked with pydantic, and it must have been trained for this level's
factions, objectives, outcomes and danger tracks. Every problem names the file and
says how to fix it (usually: train it again with `python main.py train-ai LEVEL`).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content.problems import Problem
from game.engine.ruleset import LearnedValue, Ruleset
from game.safeio import UnsafeFileError, read_regular

VALUE_FILE = "ai_value.json"
MAX_VALUE_BYTES = 8_000_000
FORMAT = 1

Row = list[float]


class ValueFile(BaseModel):
    """The JSON layout of `ai_value.json` (format 1: one hidden tanh layer, softmax out)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1]
    level: str
    fingerprint: str
    factions: list[str]
    objectives: list[str]
    outcomes: list[str]
    danger: list[str]
    inputs: Annotated[int, Field(ge=1, le=4096)]
    hidden: Annotated[int, Field(ge=1, le=1024)]
    hidden_weights: list[Row]
    hidden_bias: Row
    out_weights: list[Row]
    out_bias: Row
    training: dict[str, float | int | str] = Field(default_factory=dict)


def level_signature(rules: Ruleset) -> dict[str, list[str]]:
    """The ids a value model's inputs and classes are laid out by, in level order."""
    return {
        "factions": [f.id for f in rules.factions],
        "objectives": [o.id for o in rules.objectives],
        "outcomes": [o.id for o in rules.outcomes if o.when is not None],
        "danger": [v.id for v in rules.vars[: rules.layout.n_vars] if v.danger and v.hi > v.lo],
    }


def read_value_file(folder: Path, rules: Ruleset) -> tuple[LearnedValue | None, list[Problem]]:
    """The level's value model if it has one, and the problems found reading it."""
    path = folder / VALUE_FILE
    if not os.path.lexists(path):
        return None, []
    name = f"{folder.name}/{VALUE_FILE}"
    retrain = f"train it again with `python main.py train-ai {folder.name}`"
    try:
        text = read_regular(path, MAX_VALUE_BYTES, within=folder).decode("utf-8")
        raw = json.loads(text)
    except UnsafeFileError as exc:
        return None, [Problem(name, 1, 1, f"{exc.reason}; {retrain}")]
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read file: {exc.strerror}")]
    except UnicodeDecodeError:
        return None, [Problem(name, 1, 1, f"not UTF-8 text; {retrain}")]
    except json.JSONDecodeError as exc:
        return None, [
            Problem(name, exc.lineno, exc.colno, f"not valid JSON ({exc.msg}); {retrain}")
        ]
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, or deep nesting
        why = "nested too deeply" if isinstance(exc, RecursionError) else "a number too long"
        return None, [Problem(name, 1, 1, f"not usable JSON ({why}); {retrain}")]
    try:
        data = ValueFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        return None, [Problem(name, 1, 1, f"{where}: {err['msg']}; {retrain}")]
    problems = _check(data, rules, name, retrain)
    if any(p.severity == "error" for p in problems):
        return None, problems
    value = LearnedValue(
        data.fingerprint,
        data.inputs,
        tuple(tuple(row) for row in data.hidden_weights),
        tuple(data.hidden_bias),
        tuple(tuple(row) for row in data.out_weights),
        tuple(data.out_bias),
    )
    return value, problems


def _check(data: ValueFile, rules: Ruleset, name: str, retrain: str) -> list[Problem]:
    problems: list[Problem] = []
    for key, ids in level_signature(rules).items():
        if getattr(data, key) != ids:
            problems.append(
                Problem(name, 1, 1, f"trained for other {key} than this level has; {retrain}")
            )
    classes = len(rules.factions) + 1
    shapes = [
        ("hidden_weights", len(data.hidden_weights), data.hidden),
        ("hidden_bias", len(data.hidden_bias), data.hidden),
        ("out_weights", len(data.out_weights), classes),
        ("out_bias", len(data.out_bias), classes),
    ]
    shapes += [("hidden_weights row", len(r), data.inputs) for r in data.hidden_weights]
    shapes += [("out_weights row", len(r), data.hidden) for r in data.out_weights]
    for what, got, want in shapes:
        if got != want:
            problems.append(Problem(name, 1, 1, f"{what} has {got} numbers, not {want}; {retrain}"))
            break
    numbers = [x for r in (*data.hidden_weights, *data.out_weights) for x in r]
    if not all(math.isfinite(x) for x in (*numbers, *data.hidden_bias, *data.out_bias)):
        problems.append(Problem(name, 1, 1, f"holds a number that is not finite; {retrain}"))
    if data.fingerprint != rules.rules_fingerprint:
        problems.append(
            Problem(
                name,
                1,
                1,
                "trained on an earlier version of this level's rules, so its judgement may be "
                "off; " + retrain,
                "warning",
            )
        )
    return problems
