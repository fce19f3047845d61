"""A level's trained value model (`ai_value.json`): read, checked against the level.

Format 1 holds one network; format 2 holds an ensemble of `members` (networks trained
on independent self-play games). The ensemble's judgement is the softmax of its
members' *average logits*, which is exactly one network whose hidden layer is the
members' side by side and whose output weights are theirs divided by K — so the
loader merges the members into one `LearnedValue` and the AI's leaf evaluation is a
single (wider) matrix multiply, whichever format the file has.

The file is untrusted like every level file: it is parsed as JSON (never executed),
its shape is checked with pydantic, and it must have been trained for this level's
factions, objectives, outcomes and danger tracks. Every problem names the file and
where in it, and says how to fix it (usually: train it again with `python main.py
train-ai LEVEL`).
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
FORMAT = 1  # one network
ENSEMBLE_FORMAT = 2  # several networks, judged by their average logits
MAX_MEMBERS = 16

Row = list[float]
Training = dict[str, float | int | str]


class Network(BaseModel):
    """One network's weights: one hidden tanh layer, softmax out."""

    model_config = ConfigDict(extra="forbid")

    hidden_weights: list[Row]
    hidden_bias: Row
    out_weights: list[Row]
    out_bias: Row
    training: Training = Field(default_factory=dict)


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: str
    fingerprint: str
    factions: list[str]
    objectives: list[str]
    outcomes: list[str]
    danger: list[str]
    inputs: Annotated[int, Field(ge=1, le=4096)]
    hidden: Annotated[int, Field(ge=1, le=1024)]  # per network
    training: Training = Field(default_factory=dict)


class ValueFile(_Header):
    """The JSON layout of `ai_value.json` format 1: one network."""

    format: Literal[1]
    hidden_weights: list[Row]
    hidden_bias: Row
    out_weights: list[Row]
    out_bias: Row

    def networks(self) -> list[Network]:
        """The one network, in the shape of an ensemble's member."""
        return [
            Network(
                hidden_weights=self.hidden_weights,
                hidden_bias=self.hidden_bias,
                out_weights=self.out_weights,
                out_bias=self.out_bias,
            )
        ]


class EnsembleFile(_Header):
    """The JSON layout of `ai_value.json` format 2: an ensemble of networks."""

    format: Literal[2]
    members: Annotated[list[Network], Field(min_length=1, max_length=MAX_MEMBERS)]

    def networks(self) -> list[Network]:
        """The members, in file order."""
        return self.members


def merged(networks: list[Network]) -> tuple[list[Row], Row, list[Row], Row]:
    """One network equal to the members' average logits: hidden layers side by side,
    output weights divided by the member count, output biases averaged."""
    k = len(networks)
    hidden_weights = [row for n in networks for row in n.hidden_weights]
    hidden_bias = [b for n in networks for b in n.hidden_bias]
    classes = len(networks[0].out_bias)
    out_weights = [[w / k for n in networks for w in n.out_weights[c]] for c in range(classes)]
    out_bias = [sum(n.out_bias[c] for n in networks) / k for c in range(classes)]
    return hidden_weights, hidden_bias, out_weights, out_bias


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
    data: ValueFile | EnsembleFile
    try:
        if isinstance(raw, dict) and raw.get("format") == ENSEMBLE_FORMAT:
            data = EnsembleFile.model_validate(raw)
        else:
            data = ValueFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        return None, [Problem(name, 1, 1, f"{where}: {err['msg']}; {retrain}")]
    problems = _check(data, rules, name, retrain)
    if any(p.severity == "error" for p in problems):
        return None, problems
    hidden_weights, hidden_bias, out_weights, out_bias = merged(data.networks())
    value = LearnedValue(
        data.fingerprint,
        data.inputs,
        tuple(tuple(row) for row in hidden_weights),
        tuple(hidden_bias),
        tuple(tuple(row) for row in out_weights),
        tuple(out_bias),
    )
    return value, problems


def _check(
    data: ValueFile | EnsembleFile, rules: Ruleset, name: str, retrain: str
) -> list[Problem]:
    problems: list[Problem] = []
    for key, ids in level_signature(rules).items():
        if getattr(data, key) != ids:
            problems.append(
                Problem(name, 1, 1, f"trained for other {key} than this level has; {retrain}")
            )
    classes = len(rules.factions) + 1
    ensemble = isinstance(data, EnsembleFile)
    for i, net in enumerate(data.networks()):
        at = f"members.{i}." if ensemble else ""
        shapes = [
            ("hidden_weights", len(net.hidden_weights), data.hidden),
            ("hidden_bias", len(net.hidden_bias), data.hidden),
            ("out_weights", len(net.out_weights), classes),
            ("out_bias", len(net.out_bias), classes),
        ]
        shapes += [("hidden_weights row", len(r), data.inputs) for r in net.hidden_weights]
        shapes += [("out_weights row", len(r), data.hidden) for r in net.out_weights]
        for what, got, want in shapes:
            if got != want:
                problems.append(
                    Problem(name, 1, 1, f"{at}{what} has {got} numbers, not {want}; {retrain}")
                )
                break
        numbers = [x for r in (*net.hidden_weights, *net.out_weights) for x in r]
        if not all(math.isfinite(x) for x in (*numbers, *net.hidden_bias, *net.out_bias)):
            which = f"{at[:-1]} " if at else ""
            problems.append(
                Problem(name, 1, 1, f"{which}holds a number that is not finite; {retrain}")
            )
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
