"""Read a level folder: safe YAML, schema validation per file, errors located.

`read_level` turns a folder into a `LevelSource` (parsed, shape-checked files and
their problems); `game.content.level.load_level` compiles that into a `Ruleset`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content import limits
from game.content.problems import ContentError, Problem, suggest
from game.content.shape import SourceFile as SourceFile  # re-exported
from game.content.shape import validate_file
from game.content.yamlread import MAX_BYTES, YamlReadError, read_yaml_bytes

LEVELS_DIR = Path(__file__).resolve().parents[2] / "levels"
MAX_FILES = 64


@dataclass
class LevelSource:
    """All files of a level folder, parsed and validated shape by shape."""

    folder: Path
    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fingerprint: str = ""  # of the files as written
    rules_fingerprint: str = ""  # of what they say about play (see `rules_part`)
    value_model: bool = True  # read (and require, where a faction asks) the trained value model


def find_level(name_or_path: str | os.PathLike[str]) -> Path:
    """A level folder from a path or a name under `levels/`; raises ContentError."""
    path = Path(name_or_path)
    if path.is_dir():
        return path
    for base in (Path.cwd() / "levels", LEVELS_DIR):
        candidate = base / str(name_or_path)
        if candidate.is_dir():
            return candidate
    known = (
        sorted(p.name for p in LEVELS_DIR.iterdir() if p.is_dir()) if LEVELS_DIR.is_dir() else []
    )
    hint = suggest(str(name_or_path), known)
    listing = f" Known levels: {', '.join(known)}." if known else ""
    raise ContentError([Problem(str(name_or_path), 0, 0, f"no such level folder{hint}.{listing}")])


# YAML files in a level folder that are not part of its rules (read by their own tools)
NOT_RULES = frozenset({"expectations.yaml"})


def display_name(path: Path) -> str:
    """A short, stable name for messages: relative to the working directory if possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the cwd, or a symlink loop
        return str(path)


def level_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The YAML files of a level folder (not its subfolders), refusing links that leave it."""
    root = folder.resolve()
    files: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        why = exc.strerror or str(exc)
        problems.append(Problem(display_name(folder), 0, 0, f"cannot list the folder: {why}"))
        return []
    for entry in entries:
        if entry.suffix not in (".yaml", ".yml") or entry.is_dir() or entry.name in NOT_RULES:
            continue
        try:
            resolved = entry.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            problems.append(
                Problem(
                    display_name(entry),
                    1,
                    1,
                    "this file is a link that "
                    "never reaches a file (a loop); replace it with the file",
                )
            )
            continue
        if not resolved.is_relative_to(root):
            problems.append(
                Problem(
                    display_name(entry),
                    1,
                    1,
                    "this file links outside the level folder; "
                    "copy the file into the folder instead",
                )
            )
            continue
        if not resolved.is_file():
            problems.append(Problem(display_name(entry), 1, 1, "not a regular file"))
            continue
        files.append(entry)
    if not files and not problems:
        problems.append(Problem(display_name(folder), 0, 0, "no .yaml files in the level folder"))
    if len(files) > MAX_FILES:
        problems.append(Problem(display_name(folder), 0, 0, f"more than {MAX_FILES} YAML files"))
        files = files[:MAX_FILES]
    return files


def read_level(folder: Path) -> LevelSource:
    """Parse and schema-check every file of a level folder, collecting all problems."""
    source = LevelSource(folder)
    digest = hashlib.sha256()
    rules_digest = hashlib.sha256()
    paths = level_files(folder, source.problems)
    too_big = limits.check_folder_size(paths, display_name(folder))
    if too_big is not None:
        source.problems.append(too_big)
        paths = []
    for path in paths:
        name = display_name(path)
        try:
            if path.stat().st_size > MAX_BYTES:
                source.problems.append(
                    Problem(name, 1, 1, f"file is larger than {MAX_BYTES} bytes")
                )
                continue
            raw = path.read_bytes()
        except OSError as exc:
            source.problems.append(Problem(name, 1, 1, f"cannot read file: {exc.strerror}"))
            continue
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        try:
            doc = read_yaml_bytes(raw)
        except YamlReadError as exc:
            p = exc.problem
            source.problems.append(Problem(name, p.line, p.col, p.message))
            continue
        file = SourceFile(name, doc)
        before = _errors(source.problems)
        validate_file(file, source.problems)
        source.files.append(file)
        part = rules_part(doc.data)
        if _errors(source.problems) == before and part != {}:  # what passed the schema and
            canonical = json.dumps(part, sort_keys=True, default=str)  # says something of play
            rules_digest.update(canonical.encode() + b"\0")
    source.fingerprint = digest.hexdigest()[:16]
    source.rules_fingerprint = rules_digest.hexdigest()[:16]
    return source


def _errors(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")


PRESENTATION_KEYS = frozenset(
    {"name", "short", "description", "headline", "goal", "intro", "round_name", "credit"}
    | {"why", "color", "emblem", "labels", "planning", "text", "projection", "danger_color"}
    | {"lessons"}  # the tutorial steps: what the screen teaches, not how the game plays
    | {"success_text", "failure_text"}  # the log's words for a roll
    | {"action_points_text"}  # the player's words for a formula
)
# keys renamed in the format, hashed under their old name so a rename keeps a model current
RENAMED_KEYS = {"danger_gauge": "escalation"}


def rules_part(data: Any) -> Any:
    """Parsed YAML without display text, colours and AI planning: what a trained model sees.

    Comments and layout are already gone once parsed; a value model stays current while
    only these change.
    """
    if isinstance(data, dict):
        return {
            RENAMED_KEYS.get(k, k): rules_part(v)
            for k, v in data.items()
            if k not in PRESENTATION_KEYS
        }
    if isinstance(data, list):  # a news-only item ({headline: ...}) says nothing of play
        return [rules_part(v) for v in data if not _presentation_only(v)]
    return data


def _presentation_only(item: Any) -> bool:
    """Whether a list item is a mapping of display text alone (a branch's headline)."""
    return isinstance(item, dict) and bool(item) and all(k in PRESENTATION_KEYS for k in item)
