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

from pydantic import ValidationError

from game.content import limits, schema
from game.content.entries import entry_label
from game.content.problems import ContentError, Problem, suggest
from game.content.refs import ExprError
from game.content.schema_words import id_message, plain_message
from game.content.syntax_help import check_characters
from game.content.textscan import scan_values
from game.content.yamlread import MAX_BYTES, YamlDocument, YamlReadError, read_yaml_bytes

LEVELS_DIR = Path(__file__).resolve().parents[2] / "levels"
MAX_FILES = 64
_FIELD_NAMES = sorted(
    {
        name
        for model in (
            schema.LevelMeta,
            schema.Faction,
            schema.Resource,
            schema.Track,
            schema.RegionValue,
            schema.Site,
            schema.Region,
            schema.Neighbour,
            schema.MapSpec,
            schema.Requirement,
            schema.Action,
            schema.Event,
            schema.Upkeep,
            schema.Objective,
            schema.Outcome,
            schema.LevelFile,
        )
        for name in model.model_fields
    }
    | {"if", "else"}
)
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}


@dataclass
class SourceFile:
    """One parsed file of a level, with node positions."""

    name: str  # as shown in messages, e.g. "levels/tutorial/level.yaml"
    doc: YamlDocument
    model: schema.LevelFile | None = None
    broken: set[str] = field(default_factory=set)  # ids of items that failed the schema
    # id of a failed item -> index (in the level's problems) of its first schema error
    broken_at: dict[str, int] = field(default_factory=dict)

    def where(self, path: tuple[Any, ...]) -> tuple[int, int]:
        """The (line, col) of the nearest known node on `path`."""
        p = tuple(path)
        while p:
            if p in self.doc.positions:
                return self.doc.positions[p]
            p = p[:-1]
        return self.doc.positions.get((), (1, 1))


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
        _validate_file(file, source.problems)
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
    if isinstance(data, list):
        return [rules_part(v) for v in data]
    return data


def _validate_file(file: SourceFile, problems: list[Problem]) -> None:
    data = file.doc.data
    if data is None:
        problems.append(Problem(file.name, 1, 1, "file is empty; add level sections or delete it"))
        return
    if not isinstance(data, dict):
        line, col = file.where(())
        problems.append(
            Problem(
                file.name,
                line,
                col,
                f"a level file must be a mapping of sections ({', '.join(schema.SECTIONS)})",
            )
        )
        return
    problems.extend(Problem(file.name, line, col, msg) for line, col, msg in scan_values(file.doc))
    parts: dict[str, Any] = {}
    for key, value in data.items():
        if key not in schema.LevelFile.model_fields:
            line, col = file.where((key,))
            problems.append(
                Problem(
                    file.name,
                    line,
                    col,
                    f"unknown section '{key}'"
                    f"{suggest(key, schema.SECTIONS)}; sections are: "
                    f"{', '.join(schema.SECTIONS)}",
                )
            )
            continue
        if key in schema.LIST_SECTIONS and isinstance(value, list):
            model = _ITEM_MODELS[key]
            items = []
            for i, item in enumerate(value):
                root = len(problems)
                checked = _check(model, item, data, (key, i), file, problems)
                if checked is not None:
                    items.append(checked)
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    file.broken.add(item["id"])
                    if root < len(problems):
                        file.broken_at.setdefault(item["id"], root)
            parts[key] = items
        else:
            wrapped = _check(schema.LevelFile, {key: value}, data, (), file, problems)
            if wrapped is not None:
                parts[key] = getattr(wrapped, key)
    for name in schema.SECTIONS:  # explicit defaults: pydantic's default lookup is slow
        if name not in parts:
            parts[name] = [] if name in schema.LIST_SECTIONS else None
    file.model = schema.LevelFile.model_construct(**parts)


_ITEM_MODELS: dict[str, type[schema.LevelModel]] = {
    "factions": schema.Faction,
    "resources": schema.Resource,
    "tracks": schema.Track,
    "region_values": schema.RegionValue,
    "regions": schema.Region,
    "neighbours": schema.Neighbour,
    "actions": schema.Action,
    "events": schema.Event,
    "upkeep": schema.Upkeep,
    "objectives": schema.Objective,
    "outcomes": schema.Outcome,
    "deals": schema.Deal,
    "lessons": schema.Lesson,
}


def _check(
    model: type[schema.LevelModel],
    value: Any,
    data: Any,
    prefix: tuple[Any, ...],
    file: SourceFile,
    problems: list[Problem],
) -> Any:
    """Validate one part of a file; report its errors located in the file; None if invalid."""
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        seen: set[tuple[Any, ...]] = set()
        for err in exc.errors():
            path, message = _explain({**err, "loc": (*prefix, *err["loc"])}, data)
            if (path, message) in seen:
                continue
            seen.add((path, message))
            at_value = (
                (*path, "$value") in file.doc.positions
                and err["type"] not in ("extra_forbidden", "missing")
                and err["loc"][-1:] != ("[key]",)
            )
            line, col = file.where((*path, "$value") if at_value else path)
            problems.append(Problem(file.name, line, col, message))
        return None


def _walk(loc: tuple[Any, ...], data: Any) -> tuple[tuple[Any, ...], Any, Any]:
    """Follow a pydantic error location through the data, skipping union tags.

    Returns (real path, last element not found or None, value at the path).
    """
    path: list[Any] = []
    node = data
    missing = None
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and part[:1].islower()
            and (part in _FIELD_NAMES)
        ):
            missing = part
    return tuple(path), missing, node


def _explain(err: Any, data: Any) -> tuple[tuple[Any, ...], str]:
    """A path and an actionable sentence for one pydantic error."""
    path, missing, value = _walk(tuple(err["loc"]), data)
    kind = err["type"]
    where = entry_label(data, path)
    if kind == "missing":
        return path, f"{where}: missing required key '{missing or err['loc'][-1]}'"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        return path, f"unknown key '{key}'{suggest(key, _FIELD_NAMES)}; remove it or fix its name"
    message = plain_message(kind, err.get("ctx") or {}, value, str(err["msg"]))
    loc = tuple(err["loc"])
    if len(loc) >= 2 and loc[-1] == "[key]" and isinstance(loc[-2], str):
        value = loc[-2]  # the key itself failed (a mapping of ids)
        message = f"the key '{value}' must be an id (lower_snake_case: letters, digits, '_')"
        if not value.isascii():
            try:
                check_characters(value)
            except ExprError as exc:
                message = f"the key '{value}' is not a valid id: {exc.message}"
        return path, f"{where}: {message}"
    if isinstance(value, str) and value in _YAML11_BOOLS and "bool" in kind:
        message = f"write true or false ('{value}' is text in YAML 1.2)"
    elif kind in ("int_type", "float_type", "int_parsing") and isinstance(value, str):
        message = f"expected a number, got the text {value!r}; write a number (no quotes)"
    elif kind == "string_type" and isinstance(value, (bool, int, float)):
        message += f" — got {value!r}; put it in quotes to make it text"
    elif kind == "string_pattern_mismatch" and isinstance(value, str) and _is_colour(err):
        message = f"'{value}' is not a colour; write '#' and six hex digits, e.g. '#D55E00'"
    elif kind == "string_pattern_mismatch" and isinstance(value, str) and not value.isascii():
        try:
            check_characters(value)
        except ExprError as exc:
            message = f"'{value}' is not a valid id: {exc.message}"
    elif kind == "string_pattern_mismatch" and isinstance(value, str):
        if "a-z" in str(err.get("ctx", {}).get("pattern", "")):
            message = id_message(value)
        elif "should match" in message:
            message = f"'{value}' is not a valid value here: {message}"
    return path, f"{where}: {message}"


def _is_colour(err: Any) -> bool:
    return str(err.get("ctx", {}).get("pattern", "")).startswith("^#")
