"""Schema validation of one parsed level file: every section (and every item of a list
section) checked by its pydantic model, each error turned into a located sentence that
names the entry and says what to write instead.

An item that fails is left out and its id recorded as broken, so the errors it would
cause elsewhere are folded into a note on its own (see `Compiler.follows_broken`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from game.content import schema
from game.content.entries import entry_label
from game.content.problems import Problem, suggest
from game.content.refs import ExprError
from game.content.schema_words import id_message, plain_message
from game.content.syntax_help import check_characters
from game.content.textscan import scan_values
from game.content.yamlread import YamlDocument

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


def validate_file(file: SourceFile, problems: list[Problem]) -> None:
    """Check a parsed file against the schema: its `model` holds what passed, its
    `broken` ids what failed; every problem is added to `problems`."""
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
